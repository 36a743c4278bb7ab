"""What `Evaluator.screen` keeps between applications must never change a record.

Screening keeps outcomes by what they read: a criterion on scores by its flags and the scores' ranges (kept.py),
the sums and greater-ofs of scores by the tier tables' values (scores.score_values), ineligible records by the
outcomes. These tests compare each kept answer with the same thing worked out afresh, on generated applications
that land on tier boundaries and leave inputs out (the strategy of tests/test_differential.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from test_differential import applications

from engine import Evaluator, parse_application
from engine.evaluate.facts import values_of
from engine.evaluate.factcode import derive, derive_difference
from engine.evaluate.kept import kept_check
from engine.evaluate.reference import compile_condition
from engine.evaluate.scores import _compile, score_values, with_scores
from engine.rules.rulebook import Rulebook
from engine.rules.terms import compile_term
from engine.rules.typecheck import fields_of
from schemas.rulefile import DateShift, FieldRef, YearOf

DAY = dt.date(2027, 3, 31)


def _lean(result: Any) -> tuple[Any, ...]:
    """A full result in the shape of a screening record."""
    failed = tuple(c.id for c in result.criteria if c.result == "fail") if result.status == "ineligible" else ()
    return (result.provision, result.status, result.amount, result.estimate, result.missing, result.pending_review,
            failed)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(applications())
def test_a_warm_screening_gives_what_a_full_evaluation_gives(durable: Evaluator, doc: dict[str, Any]) -> None:
    """One evaluator screens every example (its caches fill as a batch's would); a full result is worked out anew."""
    app = parse_application(doc)
    screened = durable.screen(app)
    assert screened.results == tuple(_lean(r) for r in durable.evaluate(app).results)
    assert durable.screen(app).results == screened.results  # a second time: from the kept answers


def _scored(rulebook: Rulebook) -> Any:
    epoch = rulebook.epoch(DAY)
    return next(ap for ap in epoch.active if ap.provision.scores)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(applications())
def test_kept_scores_and_checks_equal_fresh_ones(rulebook: Rulebook, doc: dict[str, Any]) -> None:
    ap = _scored(rulebook)
    p, params = ap.provision, ap.params
    values = values_of(parse_application(doc), DAY)
    fresh: dict[str, Any] = {}
    for name, code, _ in _compile(p, params)[0]:  # every score computed, none kept
        fresh[name] = code(values, fresh)
    scores = score_values(p, values, params)
    assert list(scores.items()) == list(fresh.items())  # same values, same order (the JSON's)
    assert score_values(p, values, params) == fresh  # and from the kept sums the second time
    for c in p.criteria:
        if not c.scored:
            continue
        code = compile_condition(c.when, params)
        check, again = kept_check(c.when, code, fields_of(c.when))
        assert check is not code  # the pack's criterion on scores reads flags and ranges: it is kept
        scored = with_scores(values, scores)
        for _ in range(2):  # made, then kept
            assert check(values) == code(values)  # no scores yet: the first judgement
            assert check(scored) == code(scored)
            assert again(values, scores) == code(scored)


def test_a_criterion_on_amounts_is_not_kept(rulebook: Rulebook) -> None:
    """Amounts and counts are unique per application: keeping outcomes by them would only fill the cache."""
    ap = _scored(rulebook)
    c = next(c for c in ap.provision.criteria if c.scored)
    code = compile_condition(c.when, ap.params)
    assert kept_check(c.when, code, ["rd.expense", *fields_of(c.when)])[0] is code


def test_a_difference_of_ints_or_dates_is_derived_as_the_general_way_derives_it() -> None:
    cases = [
        (FieldRef(path="rd.fiscal_year"), YearOf(path="as_of", plus=-1)),
        (FieldRef(path="platform.upgraded_on"), FieldRef(path="as_of")),
        (FieldRef(path="applicant.registered_on"), DateShift(path="as_of", years=-1)),
        (FieldRef(path="rd.expense"), FieldRef(path="rd.expense_prev")),
    ]
    samples: list[dict[str, Any]] = [
        {"as_of": DAY, "rd.fiscal_year": 2026, "platform.upgraded_on": dt.date(2026, 2, 28),
         "applicant.registered_on": dt.date(2026, 3, 31), "rd.expense": 5, "rd.expense_prev": 7},
        {"as_of": dt.date(2028, 2, 29), "rd.expense": 0},  # absent objects, and a leap day shifted a year back
        {"as_of": DAY, "rd.fiscal_year": True, "rd.expense_prev": 3},  # a bool is not an int here: the general way
        {"as_of": DAY},
    ]
    for subject, obj in cases:
        general = derive("_d", compile_term(subject, {}), compile_term(obj, {}), False)
        fast = derive_difference("_d", subject.path, compile_term(obj, {}), general)
        for values in samples:
            want: dict[str, Any] = {}
            got: dict[str, Any] = {}
            general(values, want)
            fast(values, got)
            assert got == want and all(type(got[k]) is type(want[k]) for k in want), (subject, values)
