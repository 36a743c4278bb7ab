"""Evaluation semantics (docs/policy-guide.en.md), checked on the durable_rules path: statuses, amounts, boundaries and edge cases."""

from __future__ import annotations

from typing import Any

import pytest

from engine import Evaluator, parse_application
from schemas.result import Evaluation, ProvisionResult, Text


def run(evaluator: Evaluator, doc: dict[str, Any], as_of: str | None = None) -> Evaluation:
    import datetime as dt

    return evaluator.evaluate(parse_application(doc), dt.date.fromisoformat(as_of) if as_of else None)


def result(evaluation: Evaluation, provision: str) -> ProvisionResult:
    return next(r for r in evaluation.results if r.provision == provision)


def criterion(evaluation: Evaluation, provision: str, cid: str) -> str:
    return next(c.result for c in result(evaluation, provision).criteria if c.id == cid)


def test_full_application_is_eligible_everywhere_with_exact_amounts(durable: Evaluator, full: dict) -> None:
    ev = run(durable, full)
    assert [r.status for r in ev.results] == ["eligible"] * 15
    amounts = {r.provision: r.amount for r in ev.results}
    assert amounts == {
        "scenario-award": 1_000_000, "rd-grant": 400_000, "platform-upgrade": 10_000_000,
        "accelerator-park": 5_550_000, "compute-voucher": 160_000,
        "lukedai-interest": 240_000,  # 40% of 600,000 interest
        "lukebao-premium": 200_000,  # first year: 50% of a 400,000 premium
        "techloan-interest": 525_000,  # 35% × LPR 3.00% × 50,000,000
        "innovation-voucher": None, "high-tech-tax": None, "rd-super-deduction": None,
        "basic-research-deduction": None, "tech-sme-check": None, "high-tech-check": None,
        "st-plan-project": None,  # no amount of its own: rules/programmes/st-plan-projects.yaml awards it
    }
    assert ev.total_amount == 18_075_000
    assert (ev.total_pending_review, ev.total_max_undetermined) == (0, 0)
    assert [r.provision for r in ev.results] == [
        "scenario-award", "rd-grant", "platform-upgrade", "accelerator-park", "compute-voucher",
        "lukedai-interest", "lukebao-premium", "techloan-interest", "innovation-voucher", "high-tech-tax",
        "rd-super-deduction", "basic-research-deduction", "tech-sme-check", "high-tech-check", "st-plan-project",
    ]
    # The tech-SME scores of the full application: 30% staff, 6% R&D of revenue, class-I IP.
    assert ev.result("tech-sme-check").scores == {"staff": 20, "rd_of_revenue": 50, "rd_of_cost": 0, "rd": 50,
                                                  "ip": 30, "total": 100}


@pytest.mark.parametrize(("expense", "outcome"), [(6_000_000, "pass"), (5_999_999, "fail"), (6_000_001, "pass")])
def test_rd_intensity_boundary_is_exact_at_three_percent(durable: Evaluator, full: dict, expense: int, outcome: str) -> None:
    full["rd"].update(expense=expense, expense_prev=1_000_000, revenue=200_000_000)
    assert criterion(run(durable, full), "rd-grant", "rd-intensity") == outcome


def test_rd_intensity_with_zero_revenue_fails_with_a_reason(durable: Evaluator, full: dict) -> None:
    full["rd"]["revenue"] = 0
    ev = run(durable, full)
    assert criterion(ev, "rd-grant", "rd-intensity") == "fail"
    assert result(ev, "rd-grant").status == "ineligible"
    why = next(c for c in result(ev, "rd-grant").criteria if c.id == "rd-intensity").explanation
    assert "营业收入为 0" in why.zh and "Operating revenue is 0" in why.en


def test_explanation_quotes_the_actual_values(durable: Evaluator, full: dict) -> None:
    full["rd"].update(expense=2_900_000, expense_prev=1_000_000, revenue=100_000_000)
    c = next(c for c in result(run(durable, full), "rd-grant").criteria if c.id == "rd-intensity")
    assert c.explanation.zh == "研发投入强度 2.9% < 3%"
    assert c.explanation.en == "R&D intensity 2.9% < 3%"
    assert c.label.zh == "研发投入强度不低于 3%"


def test_explanations_read_as_words_in_both_languages(durable: Evaluator, full: dict) -> None:
    full["rd"]["fiscal_year"] = 2024
    full["applicant"]["designations"] = ["tech_sme"]
    ev = run(durable, full)
    year = next(c for c in result(ev, "rd-grant").criteria if c.id == "fiscal-year-is-previous").explanation
    assert "评估日期的上一年" in year.zh and "the year before the assessment date" in year.en
    voucher = next(c for c in result(ev, "high-tech-tax").criteria if c.fields == ("applicant.designations",))
    assert "tech-based SME" in voucher.explanation.en and "科技型中小企业" in voucher.explanation.zh


def test_failing_criterion_outranks_unknown(durable: Evaluator, full: dict) -> None:
    del full["rd"]["revenue"]
    full["applicant"]["dishonest_listed"] = True
    r = result(run(durable, full), "rd-grant")
    assert r.status == "ineligible"
    assert {c.id: c.result for c in r.criteria}["rd-intensity"] == "unknown"
    assert r.amount is None


def test_unknown_alone_is_undetermined_with_missing_fields_and_max_amount(durable: Evaluator, full: dict) -> None:
    del full["rd"]["revenue"]
    r = result(run(durable, full), "rd-grant")
    assert (r.status, r.amount, r.max_amount, r.missing) == ("undetermined", None, 5_000_000, ("rd.revenue",))


def test_missing_amount_field_makes_provision_undetermined(durable: Evaluator, full: dict) -> None:
    del full["scenario"]["investment"]
    r = result(run(durable, full), "scenario-award")
    assert all(c.result == "pass" for c in r.criteria)
    assert (r.status, r.missing, r.amount) == ("undetermined", ("scenario.investment",), None)


@pytest.mark.parametrize("section", ["scenario", "park"])
def test_section_given_as_null_means_all_its_fields_are_missing(durable: Evaluator, full: dict, section: str) -> None:
    full[section] = None
    provision = {"scenario": "scenario-award", "park": "accelerator-park"}[section]
    r = result(run(durable, full), provision)
    assert r.status == "undetermined"
    assert r.missing and all(m.startswith(section + ".") for m in r.missing)


@pytest.mark.parametrize(
    ("investment", "amount"),
    [(1_234_567, 246_913), (10_000_000, 2_000_000), (10_000_005, 2_000_000), (9_999_999, 1_999_999), (0, 0)],
)
def test_scenario_award_rounds_down_and_caps(durable: Evaluator, full: dict, investment: int, amount: int) -> None:
    full["scenario"]["investment"] = investment
    r = result(run(durable, full), "scenario-award")
    assert (r.status, r.amount) == ("eligible", amount)


@pytest.mark.parametrize(
    ("received", "contract", "status", "amount"),
    [(4_900_000, 10_000_000, "eligible", 100_000), (0, 200_000_000, "eligible", 5_000_000),
     (4_999_999, 1_000_000, "eligible", 1), (5_000_000, 1_000_000, "ineligible", None)],
)
def test_compute_voucher_never_passes_the_cumulative_cap(
    durable: Evaluator, full: dict, received: int, contract: int, status: str, amount: int | None
) -> None:
    full["compute"].update(received_to_date=received, contract_amount=contract)
    r = result(run(durable, full), "compute-voucher")
    assert (r.status, r.amount) == (status, amount)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2025-12-31", "not_in_effect"), ("2026-01-01", "eligible"), ("2028-12-31", "eligible"),
     ("2029-01-01", "not_in_effect")],
)
def test_plan_window_edges(durable: Evaluator, full: dict, as_of: str, status: str) -> None:
    # rd.fiscal_year and the listing/upgrade dates must fit the assessment date for "eligible".
    day_year = int(as_of[:4])
    full["rd"]["fiscal_year"] = day_year - 1
    full["scenario"]["listed_year"] = min(max(day_year, 2026), 2028)
    full["platform"]["upgraded_on"] = "2026-01-01"
    ev = run(durable, full, as_of)
    assert result(ev, "innovation-voucher").status == status
    if status == "not_in_effect":
        assert all(r.status == "not_in_effect" and r.amount is None for r in ev.results)
        assert ev.total_amount == 0


@pytest.mark.parametrize(("code", "outcome"), [("370102", "pass"), ("371721", "pass"), ("370000", "pass"),
                                               ("110108", "fail"), ("320100", "fail"), ("380000", "fail")])
def test_in_shandong_reads_the_registration_code_at_any_level(
    durable: Evaluator, full: dict, code: str, outcome: str
) -> None:
    full["applicant"]["city_code"] = code
    assert criterion(run(durable, full), "rd-grant", "in-shandong") == outcome


def test_industry_code_with_section_letter_counts(durable: Evaluator, full: dict) -> None:
    full["applicant"]["industry_code"] = "C3964"
    assert criterion(run(durable, full), "rd-grant", "robot-industry") == "pass"
    full["applicant"]["industry_code"] = "C3813"  # a chain class: the robot-business statement decides
    assert criterion(run(durable, full), "rd-grant", "robot-industry") == "unknown"
    full["applicant"]["robot_business"] = False
    assert criterion(run(durable, full), "rd-grant", "robot-industry") == "fail"
    full["applicant"]["robot_business"] = True
    assert criterion(run(durable, full), "rd-grant", "robot-industry") == "pass"


def test_empty_designations_fail_has_criteria(durable: Evaluator, full: dict) -> None:
    full["applicant"]["designations"] = []
    ev = run(durable, full)
    assert criterion(ev, "innovation-voucher", "tech-sme") == "fail"
    assert criterion(ev, "high-tech-tax", "high-tech-enterprise") == "fail"


def test_fiscal_year_must_be_the_year_before_the_assessment(durable: Evaluator, full: dict) -> None:
    full["rd"]["fiscal_year"] = 2025
    assert criterion(run(durable, full), "rd-grant", "fiscal-year-is-previous") == "fail"
    assert criterion(run(durable, full, "2026-06-30"), "rd-grant", "fiscal-year-is-previous") == "pass"


def test_upgrade_after_the_assessment_date_fails(durable: Evaluator, full: dict) -> None:
    full["platform"]["upgraded_on"] = "2027-04-01"
    assert criterion(run(durable, full), "platform-upgrade", "upgraded-not-after-as-of") == "fail"
    assert criterion(run(durable, full, "2027-04-01"), "platform-upgrade", "upgraded-not-after-as-of") == "pass"


def test_upgraded_to_national_needs_both_levels(durable: Evaluator, full: dict) -> None:
    full["platform"]["previous_level"] = "none"
    assert criterion(run(durable, full), "platform-upgrade", "upgraded-to-national") == "fail"
    del full["platform"]["level"]
    # A fail in one part of `all` decides it even with the other part unknown (Kleene logic).
    assert criterion(run(durable, full), "platform-upgrade", "upgraded-to-national") == "fail"
    full["platform"]["previous_level"] = "provincial"
    assert criterion(run(durable, full), "platform-upgrade", "upgraded-to-national") == "unknown"


def test_as_of_defaults_to_today_in_china(durable: Evaluator, full: dict) -> None:
    from engine import today_in_china

    del full["as_of"]
    assert run(durable, full).as_of == today_in_china()


def test_result_carries_rules_digest_and_citation(durable: Evaluator, full: dict, rulebook) -> None:
    ev = run(durable, full)
    assert ev.rules.digest == rulebook.digest and len(ev.rules.digest) == 64
    r = result(ev, "rd-grant")
    assert r.citation.section == "二(四)1"
    assert r.citation.text == "鼓励机器人企业加大研发投入,对符合条件的企业给予年度最高500万元补助。"


def test_organisation_code_failure_is_only_a_warning(durable: Evaluator, full: dict) -> None:
    full["applicant"]["uscc"] = "91370000MA3D3M001X"
    ev = run(durable, full)
    assert [w.type for w in ev.warnings] == ["uscc_organisation_check"]
    assert result(ev, "rd-grant").status == "eligible"


def test_explanations_are_worded_only_when_read(rulebook, full: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    import copy as copy_module

    from engine.evaluate.explain import Explainer

    worded: list[str] = []
    original = Explainer.criterion
    monkeypatch.setattr(Explainer, "criterion", lambda self, rule, result: (worded.append(rule.id),
                                                                             original(self, rule, result))[1])
    full["rd"]["expense"] = 2_900_000
    r = result(Evaluator(rulebook).evaluate(parse_application(full)), "rd-grant")
    assert worded == []  # statuses and amounts cost no words
    intensity = next(c for c in r.criteria if c.id == "rd-intensity")
    assert intensity.explanation.en.startswith("R&D intensity") and worded == ["rd-intensity"]
    assert intensity.explanation.zh.startswith("研发投入强度") and worded == ["rd-intensity"]  # worded once
    copy = copy_module.deepcopy(r)  # through __reduce__, as pickling between processes: plain text
    assert type(copy.criteria[0].explanation) is Text and copy == r


def test_zero_and_false_constants_are_shown_apart(durable: Evaluator, full: dict) -> None:
    # Const(0) == Const(False) in Python; a display cache keyed on that equality once showed "R&D expense … > no".
    ev = run(durable, full)
    assert next(c for c in result(ev, "scenario-award").criteria if c.id == "not-dishonest-listed").explanation.en \
        == "On the serious dishonesty list: no"
    assert next(c for c in result(ev, "rd-super-deduction").criteria if c.id == "rd-expense-positive").explanation.en \
        == "R&D expense 12,000,000 yuan > 0"


def test_a_zero_numerator_fails_a_positive_threshold_whatever_the_missing_denominator(
        durable: Evaluator, reference: Evaluator, full: dict) -> None:
    full["rd"]["expense"] = 0
    del full["rd"]["revenue"]
    for evaluator in (durable, reference):
        ev = run(evaluator, full)
        # R&D intensity 0 / ? fails 3% whatever the revenue is; the ratio with total cost is 0 too: lowest tier
        assert criterion(ev, "rd-grant", "rd-intensity") == "fail"
        assert ev.result("rd-grant").status == "ineligible" and ev.result("rd-grant").missing == ()
        assert ev.result("tech-sme-check").scores["rd_of_revenue"] == 0
    words = next(c for c in run(durable, full).result("rd-grant").criteria if c.id == "rd-intensity").explanation
    assert "为 0" in words.zh and "is 0" in words.en
