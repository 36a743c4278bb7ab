"""Advice (engine/advise): the least changes to controllable facts, re-evaluated; blocking criteria; facts to supply."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from engine import Evaluator, Rulebook, parse_application
from engine.advise.advice import advised_application, with_advice
from engine.advise.needs import Need
from engine.advise.solve import Solver
from engine.evaluate.facts import values_of
from engine.intake.sample import generate
from engine.rules.rulebook import CriterionRule
from schemas.application import FIELDS
from schemas.result import Evaluation, ProvisionAdvice
from schemas.rulefile import Bilingual, parse_condition

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DAY = dt.date(2027, 3, 31)


def _jinan(**rd: Any) -> dict[str, Any]:
    doc = json.loads((EXAMPLES / "jinan-robot-maker.json").read_text(encoding="utf-8"))
    doc["rd"].update(rd)
    doc["review"] = {"green_threshold": True}
    return doc


def _advice(evaluation: Evaluation, provision: str) -> ProvisionAdvice:
    assert evaluation.advice is not None
    return next(a for a in evaluation.advice if a.provision == provision)


def test_intensity_of_2_6_percent_is_solved_to_the_yuan_with_the_super_deduction(durable: Evaluator) -> None:
    doc = _jinan(expense=3_200_000, expense_prev=2_900_000, revenue=123_076_923, super_deduction_filed=False)
    ev = with_advice(durable, parse_application(doc))
    a = _advice(ev, "rd-grant")
    assert (a.status, a.kind, a.then_status, a.then_amount, a.estimate) == ("ineligible", "plan", "eligible", 369_230, True)
    changes = {c.field: (c.before, c.after, c.delta, c.direction) for c in a.changes}
    # 3% of 123,076,923 is 3,692,307.69: the least whole yuan that reaches it is 3,692,308.
    assert changes == {"rd.expense": (3_200_000, 3_692_308, 492_308, "at_least"),
                       "rd.super_deduction_filed": (False, True, None, "set")}
    assert set(a.meets) == {"rd-intensity", "super-deduction-filed"}
    said = {c.field: c.explanation for c in a.changes}
    assert said["rd.expense"].zh.startswith("研发费用 3,200,000 元 → 至少 3,692,308 元(+492,308 元)")
    assert said["rd.super_deduction_filed"].en == "file the R&D super deduction"
    assert "369,230" in a.explanation.zh and a.verified_by == "durable_rules"
    one_yuan_less = advised_application(parse_application(doc), replace(a, changes=tuple(
        replace(c, after=c.after - 1) if c.field == "rd.expense" else c for c in a.changes)))
    assert durable.evaluate(one_yuan_less).result("rd-grant").status == "ineligible"  # the least, not just enough


def test_a_score_tier_is_reached_by_the_least_step(durable: Evaluator) -> None:
    doc = json.loads((EXAMPLES / "qingdao-startup-tech-sme-60.json").read_text(encoding="utf-8"))
    doc["applicant"]["tech_staff"] = 7  # 17.5% of 40: the 15% tier (8 points), total 56
    a = _advice(with_advice(durable, parse_application(doc)), "tech-sme-check")
    assert a.kind == "plan" and [(c.field, c.after) for c in a.changes] == [("applicant.tech_staff", 8)]
    assert {s.score: (s.before, s.after) for s in a.score_changes} == {"staff": (8, 12), "total": (56, 60)}
    assert "17.5% → 20%" in a.changes[0].explanation.en
    assert a.then_status == "eligible"


def test_a_change_that_disturbs_another_criterion_is_settled_in_the_same_plan(durable: Evaluator) -> None:
    # Raising three-year R&D to 3% of sales (32,580,000) lowers the share spent in China to 58%: below 60%.
    doc = _jinan(expense_3y=30_000_000, domestic_expense_3y=19_000_000)
    a = _advice(with_advice(durable, parse_application(doc)), "high-tech-check")
    changes = {c.field: c.after for c in a.changes}
    assert changes == {"rd.expense_3y": 32_580_000, "rd.domestic_expense_3y": 19_548_000}
    assert a.then_status == "review"  # the three expert criteria are left to reviewers


def test_a_blocking_criterion_gets_no_advice_and_says_why(durable: Evaluator) -> None:
    doc = _jinan(expense=3_200_000, revenue=123_076_923)
    doc["applicant"]["city_code"] = "110105"
    a = _advice(with_advice(durable, parse_application(doc)), "rd-grant")
    assert (a.kind, a.changes, a.then_status, a.then_amount) == ("blocked", (), None, None)
    assert [b.criterion for b in a.blocking] == ["in-shandong"]  # the intensity could be met; the place cannot
    assert "110105" in a.blocking[0].explanation.zh


def test_an_undetermined_provision_is_advised_to_supply_what_is_missing(durable: Evaluator) -> None:
    ev = with_advice(durable, parse_application(json.loads((EXAMPLES / "missing-data.json").read_text("utf-8"))))
    for a in ev.advice or ():
        if a.status == "undetermined":
            assert a.kind == "supply" and a.supply == ev.result(a.provision).missing and not a.changes


def test_without_advice_the_result_has_no_advice_key(durable: Evaluator) -> None:
    app = parse_application(_jinan())
    plain = durable.evaluate(app).to_json_dict()
    advised = with_advice(durable, app).to_json_dict()
    assert "advice" not in plain and isinstance(advised["advice"], list)
    assert {k: v for k, v in advised.items() if k not in ("advice", "audit")} == \
        {k: v for k, v in plain.items() if k != "audit"}


def _promises_hold(evaluator: Evaluator, checker: Evaluator, doc: dict[str, Any]) -> list[str]:
    app = parse_application(doc)
    ev = with_advice(evaluator, app)
    kinds = []
    for a in ev.advice or ():
        kinds.append(a.kind)
        now = ev.result(a.provision)
        assert now.status in ("ineligible", "undetermined")
        if a.kind == "blocked":
            assert not a.changes and all(next(c for c in now.criteria if c.id == b.criterion).result == "fail"
                                         for b in a.blocking)
        if a.kind != "plan":
            continue
        changed = advised_application(app, a)
        before, after = values_of(app, ev.as_of), values_of(changed, ev.as_of)
        moved = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert moved == {c.field for c in a.changes} and all(FIELDS[f].controllable for f in moved), moved
        again = checker.evaluate(changed, ev.as_of).result(a.provision)
        assert (again.status, again.amount) == (a.then_status, a.then_amount), (doc["application_id"], a.provision)
        assert again.status in ("eligible", "review", "undetermined") and again.missing == a.supply
    return kinds


@pytest.mark.parametrize("seed", [3, 11])
def test_every_advised_application_reevaluated_reaches_the_promise(durable: Evaluator, reference: Evaluator,
                                                                   seed: int) -> None:
    """Generated applicants: each plan, re-evaluated by the other matcher, gives the promised status and amount."""
    kinds: list[str] = []
    for doc in generate(120, seed=seed, missing_share=0.3):
        kinds += _promises_hold(durable, reference, doc)
    assert kinds.count("plan") >= 60 and "blocked" in kinds and "supply" in kinds  # the test saw every kind


# Near the thresholds, where advice matters: every numeric fact the pack compares, and the flags it asks for.
NEAR = st.fixed_dictionaries({
    "rd": st.fixed_dictionaries({
        "expense": st.integers(0, 12_000_000), "expense_prev": st.integers(0, 12_000_000),
        "revenue": st.integers(0, 400_000_000), "total_cost": st.integers(1, 300_000_000),
        "expense_3y": st.integers(0, 30_000_000), "revenue_3y": st.integers(1, 900_000_000),
        "domestic_expense_3y": st.integers(0, 30_000_000), "super_deduction_filed": st.booleans()}),
    "applicant": st.fixed_dictionaries({
        "employees": st.integers(1, 600), "tech_staff": st.integers(0, 200), "hitech_revenue": st.integers(0, 300_000_000),
        "total_assets": st.integers(0, 300_000_000), "city_code": st.sampled_from(["370102", "110105"]),
        "designations": st.sampled_from([[], ["tech_sme"], ["high_tech_enterprise"]])}),
    "ip": st.fixed_dictionaries({"class1_count": st.integers(0, 2), "class2_count": st.integers(0, 5)}),
    "compute": st.fixed_dictionaries({"paid": st.booleans(), "ai_compute": st.booleans(),
                                      "provider_in_shandong": st.booleans(), "related_party": st.booleans()}),
    "basic_research": st.fixed_dictionaries({"recipient": st.sampled_from(["university", "other"])}),
})


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(near=NEAR)
def test_advice_near_every_threshold_keeps_its_promise(durable: Evaluator, reference: Evaluator, full: dict[str, Any],
                                                       near: dict[str, dict[str, Any]]) -> None:
    doc = copy.deepcopy(full)
    for section, values in near.items():
        doc[section].update(values)
    doc["applicant"]["tech_staff"] = min(doc["applicant"]["tech_staff"], doc["applicant"]["employees"])
    _promises_hold(durable, reference, doc)


def _solver(rulebook: Rulebook, when: dict[str, Any], doc: dict[str, Any]) -> tuple[Solver, Any]:
    """A solver for a provision a policy officer might write: one criterion, any condition."""
    active = next(ap for ap in rulebook.epoch(DAY).active if ap.provision.id == "rd-grant")
    cond = parse_condition(when)
    provision = replace(active.provision, criteria=(CriterionRule("c", Bilingual(zh="条件", en="criterion"), cond),))
    return Solver(provision, active.params, values_of(parse_application(doc), DAY)), cond


@pytest.mark.parametrize("when, expected", [
    ({"sub": ["rd.expense", "rd.expense_prev"], "gte": 1_000_000}, {"rd.expense": Need(lo=3_900_000)}),
    ({"sub": ["rd.expense", "rd.expense_prev"], "gt": 1_000_000}, {"rd.expense": Need(lo=3_900_001)}),
    ({"ratio": ["rd.expense", "rd.revenue"], "gt": "0.03"}, {"rd.expense": Need(lo=3_000_001)}),
    ({"ratio": ["rd.expense", "rd.revenue"], "lte": "0.01"}, {"rd.expense": Need(lo=0, hi=1_000_000)}),
    ({"ratio": ["rd.expense", "rd.revenue"], "lt": "0.01"}, {"rd.expense": Need(lo=0, hi=999_999)}),
    ({"field": "rd.expense", "between": [5_000_000, 6_000_000]}, {"rd.expense": Need(lo=5_000_000)}),
    ({"field": "basic_research.recipient", "in": ["university", "government_science_fund"]},
     {"basic_research.recipient": Need(allowed=("university", "government_science_fund"))}),
    ({"field": "basic_research.recipient", "ne": "other"},
     {"basic_research.recipient": Need(allowed=("nonprofit_research_institute", "university", "government_science_fund"))}),
    ({"field": "rd.super_deduction_filed", "ne": False}, {"rd.super_deduction_filed": Need(allowed=(True,))}),
    ({"field": "ip.class1_count", "ne": 0}, {"ip.class1_count": Need(lo=0, excluded=frozenset([0]))}),
])
def test_conditions_no_rule_of_the_pack_uses_are_solved_exactly(rulebook: Rulebook, full: dict[str, Any],
                                                               when: dict[str, Any], expected: dict[str, Need]) -> None:
    doc = copy.deepcopy(full)
    doc["rd"].update(expense=2_000_000, expense_prev=2_900_000, revenue=100_000_000)
    doc["basic_research"] = {"contribution": 1000, "recipient": "other"}
    doc["rd"]["super_deduction_filed"] = False
    doc["ip"] = {"class1_count": 0, "class2_count": 0}
    solver, cond = _solver(rulebook, when, doc)
    assert solver.ways(cond)[0] == expected


def test_any_takes_the_cheapest_branch_and_a_fact_of_record_is_never_a_way(rulebook: Rulebook,
                                                                          full: dict[str, Any]) -> None:
    doc = copy.deepcopy(full)
    doc["rd"].update(expense=2_000_000, revenue=100_000_000, super_deduction_filed=False)
    when = {"any": [{"ratio": ["rd.expense", "rd.revenue"], "gte": "0.05"},   # +150%
                    {"field": "rd.super_deduction_filed", "eq": True},         # one flag
                    {"field": "applicant.city_code", "eq": "370200"}]}        # not the applicant's to change
    solver, cond = _solver(rulebook, when, doc)
    ways = solver.ways(cond)
    assert ways[0] == {"rd.super_deduction_filed": Need(allowed=(True,))}
    assert all("applicant.city_code" not in w for w in ways)
    blocked, only_city = _solver(rulebook, {"field": "applicant.city_code", "eq": "370200"}, doc)
    assert blocked.ways(only_city) == [] and blocked.needs == []


def test_check_advice_prints_how_to_qualify_and_json_gains_the_block(tmp_path: Path) -> None:
    path = tmp_path / "app.json"
    path.write_text(json.dumps(_jinan(expense=3_200_000, revenue=123_076_923, super_deduction_filed=False)), "utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["check", str(path), "--advice"]).output
    assert "如何满足条件" in text and "研发费用 3,200,000 元 → 至少 3,692,308 元(+492,308 元)" in text
    english = runner.invoke(main, ["check", str(path), "--advice", "--lang", "en", "--format", "markdown"]).output
    assert "## How to qualify" in english and "file the R&D super deduction" in english
    plain = json.loads(runner.invoke(main, ["check", str(path), "--format", "json"]).output)
    advised = json.loads(runner.invoke(main, ["check", str(path), "--format", "json", "--advice"]).output)
    assert "advice" not in plain
    rd = next(a for a in advised["advice"] if a["provision"] == "rd-grant")
    assert (rd["kind"], rd["then_status"], rd["then_amount"]) == ("plan", "eligible", 369_230)
    assert {c["field"]: c["after"] for c in rd["changes"]} == {"rd.expense": 3_692_308, "rd.super_deduction_filed": True}


def test_the_interview_ends_with_how_to_qualify() -> None:
    answers = "\n".join(["university", "370102"] + [""] * 40) + "\n"
    result = CliRunner().invoke(main, ["interview", "--lang", "en", "--as-of", "2027-03-31"], input=answers)
    assert result.exit_code == 0, result.output
    advice = result.output[result.output.index("How to qualify"):]
    assert "[ineligible] R&D investment grant (rd-grant): no plan: 1 criterion(s) depend only on facts" in advice
    assert "cannot be changed: The applicant is an enterprise — Kind of applicant: university" in advice


def test_the_weifang_example_is_advised_for_four_provisions(durable: Evaluator, reference: Evaluator) -> None:
    doc = json.loads((EXAMPLES / "weifang-robot-maker-advice.json").read_text(encoding="utf-8"))
    ev = with_advice(durable, parse_application(doc))
    plans = {a.provision: (a.then_status, a.then_amount, len(a.changes)) for a in ev.advice or () if a.kind == "plan"}
    assert plans == {"rd-grant": ("eligible", 369_230, 2), "compute-voucher": ("review", 30_000, 1),
                     "tech-sme-check": ("eligible", None, 1), "high-tech-check": ("review", None, 2)}
    assert _promises_hold(durable, reference, doc).count("plan") == 4
