"""The bundled example applications decide what a reviewer would expect of them (pack 2026.2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import Evaluator, parse_application
from schemas.result import Evaluation

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def evaluate(durable: Evaluator, name: str) -> Evaluation:
    return durable.evaluate(parse_application(json.loads((EXAMPLES / name).read_text(encoding="utf-8"))))


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_example_is_valid_and_clean(durable: Evaluator, name: str) -> None:
    evaluation = evaluate(durable, name)
    assert evaluation.warnings == ()  # real check characters, both of them
    assert evaluation.rules.version == "2026.2"


def test_yantai_servo_motor_maker_is_in_the_robot_industry_and_gets_its_luke_loan_subsidy(durable: Evaluator) -> None:
    ev = evaluate(durable, "yantai-servo-motor-luke-loan.json")
    grant = ev.result("rd-grant")
    assert next(c.result for c in grant.criteria if c.id == "robot-industry") == "pass"  # class 3813 + robot business
    # A smaller firm whose R&D fell: paid on its total R&D (10% of 5,900,000), an estimate.
    assert (grant.status, grant.amount, grant.estimate) == ("eligible", 590_000, True)
    loan = ev.result("lukedai-interest")
    assert (loan.status, loan.amount, loan.estimate) == ("eligible", 154_600, False)  # 40% of 386,500


def test_zibo_techloan_project_in_its_third_year_awaits_review(durable: Evaluator) -> None:
    r = evaluate(durable, "zibo-techloan-third-year.json").result("techloan-interest")
    # 35% × LPR 3.00% × 120,000,000 = 1,260,000, well inside the 17,570,000 left of the project's cap.
    assert (r.status, r.amount, r.pending_review) == ("review", 1_260_000, ("review.green_threshold",))
    assert r.estimate and r.assumptions


def test_qingdao_start_up_scores_exactly_60(durable: Evaluator) -> None:
    r = evaluate(durable, "qingdao-startup-tech-sme-60.json").result("tech-sme-check")
    assert r.scores["total"] == 60 and (r.scores["staff"], r.scores["rd"], r.scores["ip"]) == (12, 30, 18)
    assert r.status == "eligible"


def test_jinan_robot_maker_self_check_leaves_the_reviews_open(durable: Evaluator) -> None:
    ev = evaluate(durable, "jinan-robot-maker.json")
    assert ev.total_amount == 0 and ev.total_pending_review == 2_570_000
    assert {r.provision for r in ev.results if r.status == "review"} >= {"scenario-award", "rd-grant", "compute-voucher"}
