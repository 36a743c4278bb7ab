"""The compiled evaluation core gives what the rule tree means: terms, conditions, scores and facts, compiled
once per epoch, against the plain walks and the reference matcher, on generated applications and their edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from engine import Rulebook, parse_application
from engine.evaluate import durable as durable_module
from engine.evaluate import factcode, reference, scores
from engine.evaluate.compiler import passes_partly
from engine.evaluate.durable import DurableMatcher
from engine.evaluate.facts import values_of
from engine.evaluate.plan import MAX_CACHED, decide, make_plan
from engine.intake.sample import generate
from engine.rules import codecache
from engine.rules.terms import compile_term, term_value
from schemas.rulefile import AllOf, AnyOf, Arith, Compare, Not, Range

DAY = dt.date(2027, 3, 31)


def _applications(n: int, seed: int) -> list[dict[str, Any]]:
    return [values_of(parse_application(doc), DAY) for doc in generate(n, seed=seed, missing_share=0.25)]


def _terms(node: Any) -> list[Any]:
    """Every term inside a condition or term, the node itself included."""
    if isinstance(node, (AllOf, AnyOf)):
        return [t for c in node.items for t in _terms(c)]
    if isinstance(node, Not):
        return _terms(node.item)
    if isinstance(node, Compare):
        sides = (node.object.low, node.object.high) if isinstance(node.object, Range) else (node.object,)
        return [*_terms(node.subject), *(t for s in sides for t in _terms(s))]
    if isinstance(node, Arith):
        return [node, *(t for a in node.args for t in _terms(a))]
    return [node]


def test_compiled_terms_give_the_walked_values(rulebook: Rulebook) -> None:
    epoch = rulebook.epoch(DAY)
    pairs = [(t, ap.params) for ap in epoch.active for c in ap.provision.criteria for t in _terms(c.when)]
    pairs += [(t, ap.params) for ap in epoch.active if ap.provision.amount for case in ap.provision.amount.cases or []
              for t in _terms(case.formula)]
    assert len(pairs) > 100
    edges = [{"rd.expense": 0}, {"rd.expense": 0, "rd.revenue": 0}, {"rd.expense": 5, "rd.revenue": 0}, {}]
    for values in _applications(300, seed=5) + [{**e, "as_of": DAY} for e in edges]:
        for term, params in pairs:
            assert compile_term(term, params)(values) == term_value(term, values, params), term


def test_matchers_agree_on_every_criterion_across_recycled_sessions(rulebook: Rulebook,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A session is replaced every 7 facts here, and every application is matched twice in a row: a retracted
    # fact must leave nothing behind, and an identical fact must match again.
    monkeypatch.setattr(durable_module, "SESSION_APPLICATIONS", 7)
    epoch = rulebook.epoch(DAY)
    matcher = DurableMatcher(rulebook)
    decided = {"pass": 0, "fail": 0, "unknown": 0}
    for values in _applications(400, seed=11):
        want = reference.ReferenceMatcher().match(epoch, values)
        for _ in range(2):
            got = matcher.match(epoch, values)
            assert {k: v for k, v in got.items() if k in want} == want
        for v in want.values():
            decided[v] += 1
    assert min(decided.values()) > 100  # every outcome was exercised


def test_ratio_ladders_give_what_each_tier_condition_gives(rulebook: Rulebook) -> None:
    ap = next(ap for ap in rulebook.epoch(DAY).active if ap.provision.scores)
    ladders = {n: s for n, s in ap.provision.scores.items() if s.tiers and scores._ladder(n, s, ap.params)}
    assert "staff" in ladders and "rd_of_revenue" in ladders
    cases: list[dict[str, Any]] = []
    for employees in (0, 1, 3, 7, 10, 20, 100, 1000):
        for staff in range(0, 25):  # every tier boundary (0.10 … 0.30) is hit exactly for 20, 100 and 1000
            cases.append({"applicant.employees": employees, "applicant.tech_staff": staff * max(1, employees // 20)})
    cases += [{"applicant.tech_staff": 0}, {"applicant.tech_staff": 3}, {"applicant.employees": 0}, {}]
    cases += [{"rd.expense": e, "rd.revenue": 100} for e in range(0, 8)] + [{"rd.expense": 0}, {"rd.revenue": 0}]
    for values in cases:
        for name, score in ladders.items():
            fast = scores._ladder(name, score, ap.params)
            assert fast is not None
            assert fast(values, {}) == scores._tiers(name, score, ap.params)(values, {}), (name, values)


def test_code_is_kept_by_identity_and_the_cache_stays_bounded(rulebook: Rulebook,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codecache, "MOST", 3)
    built: list[Any] = []
    cache: codecache.CodeCache[Any] = codecache.CodeCache(lambda node, params: built.append(node) or len(built))
    node, params = Compare("gte", None, None), {"x": 1}  # type: ignore[arg-type]
    assert cache.get(node, params) == cache.get(node, params) == 1
    assert cache.get(node, {"x": 1}) == 2  # an equal but different parameter dict is compiled for itself
    for i in range(10):
        cache.get(node, {"x": i})
    assert len(cache._entries) <= 3


def test_fact_and_decision_caches_stay_bounded(rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    apps = _applications(200, seed=3)
    roomy = [DurableMatcher(rulebook).compiled(rulebook.epoch(DAY))[0].start(v) for v in apps]
    monkeypatch.setattr(factcode, "MAX_COMBINATIONS", 5)
    compiled, _ = DurableMatcher(rulebook).compiled(rulebook.epoch(DAY))
    first = [compiled.start(v) for v in apps]
    # Combinations and section parts made afresh (the caches overflow all the time) give what kept ones give.
    assert [compiled.start(v) for v in apps] == first == roomy
    code = compiled.code
    assert code is not None and len(code._combinations) <= 5 and all(len(parts) <= 5 for *_, parts in code._blocks)
    plan = make_plan(rulebook.epoch(DAY).active[0])
    failing = tuple("fail" if i % 2 else "pass" for i in range(len(plan.ids)))
    assert decide(plan, {}, failing) is decide(plan, {}, failing)
    assert decide(plan, {}, failing).failed == tuple(range(1, len(plan.ids), 2))
    assert len(plan.ineligible) <= MAX_CACHED


def test_only_criteria_that_can_pass_with_an_input_absent_get_a_t_rule_and_a_marker(rulebook: Rulebook) -> None:
    epoch = rulebook.epoch(DAY)
    compiled, _ = DurableMatcher(rulebook).compiled(epoch)
    whens = {reference.outcome_key(ap.index, ci): c.when for ap in epoch.active for ci, c in enumerate(ap.provision.criteria)}
    partly = [marker for marker, _, targets in compiled.inputs if passes_partly(whens[targets[0]])]
    assert 0 < len(partly) < len(compiled.inputs) // 4  # pack 2026.2: a few `any`/`not` criteria
    t_rules = {name[:-1] for name, (_, holds) in compiled.rules.items() if holds}
    assert t_rules == {marker[2:] for marker in partly}
    assert all(marker == "" for marker, _, targets in compiled.inputs if not passes_partly(whens[targets[0]]))
    assert len(compiled.definition) == len(compiled.inputs) + len(partly)  # F rules and T rules, nothing else


def test_whole_number_amounts_give_what_exact_arithmetic_gives(rulebook: Rulebook) -> None:
    """AmountCode.amount_of (integer arithmetic for a product of constants and fields under constant caps) against
    the Fraction arithmetic of `limited`, on generated applications and on edges of the caps."""
    codes = [make_plan(ap).amount for ap in rulebook.epoch(DAY).active]
    fast = [c for c in codes if c is not None and c.whole is not None]
    assert len(fast) >= 6 and any(w[5] is not None for c in fast for w in c.whole)  # cumulative caps too
    assert any(w[3] for c in fast for w in c.whole)  # a difference of fields (rd-grant's growth)
    edges: list[dict[str, Any]] = []
    for c in fast:
        for n, d, paths, sums, cap, total, received in c.whole:
            summed = [f for i, needs in enumerate(c.needs) for f in needs if f not in paths]
            for x in (0, 1, d - 1, d, d + 1, 10**7, 10**12, -3):  # the schema never sends -3; the arithmetic still agrees
                for got in ((0, 1, total, (total or 0) + 5, -1) if received else (None,)):
                    edges.append({**{p: x for p in paths}, **({received: got} if received and got is not None else {}),
                                  **{f: x // (2 + k) for k, f in enumerate(summed)}})
    checked = 0
    for values in _applications(300, seed=9) + edges:
        for c in fast:
            for i, needs in enumerate(c.needs):
                if all(f in values for f in (*needs, *c.bounds)):
                    assert c.amount_of(i, values) == c.limited(i, values)[0], (values, i)
                    checked += 1
    assert checked > 800


def test_decisions_kept_by_shape_are_the_decisions_made_afresh(rulebook: Rulebook) -> None:
    """A decision taken from a plan's shape cache is the one `decide` makes with empty caches, for every provision."""
    epoch = rulebook.epoch(DAY)
    apps = _applications(400, seed=13)
    outcomes = [reference.ReferenceMatcher().match(epoch, v) for v in apps]
    for ap in epoch.active:
        if ap.provision.scores:
            continue
        warm = make_plan(ap)
        for values, got in zip(apps * 2, outcomes * 2):  # the second round answers from the caches
            results = tuple(got[k] for k in warm.outcome_keys)
            assert decide(warm, values, results) == decide(make_plan(ap), values, results), ap.provision.id
        # Shared, not one per application: 400 applications fall into a few dozen shapes per provision.
        assert len(warm.shapes) + len(warm.ineligible) < 100, ap.provision.id


def test_criteria_on_scores_decided_without_the_scores_are_decided_alike_with_them(rulebook: Rulebook) -> None:
    """A criterion on a score that passes or fails with every score unknown (a firm that qualifies directly) has
    that outcome whatever the scores: the evaluator then leaves the scores to be worked out when read."""
    from engine.evaluate import evaluator as evaluator_module

    epoch = rulebook.epoch(DAY)
    ap = next(ap for ap in epoch.active if ap.provision.scores)
    plan = make_plan(ap)
    skipped = 0
    for values in _applications(400, seed=17):
        outcomes = reference.ReferenceMatcher().match(epoch, values)
        _, results, worked = evaluator_module._scoring(plan, values, outcomes)
        scored = scores.with_scores(values, scores.score_values(ap.provision, values, ap.params))
        assert results == tuple(outcomes[k] if check is None else check(scored)
                                for check, k in zip(plan.checks, plan.outcome_keys))
        skipped += worked is None
    assert 50 < skipped < 400

