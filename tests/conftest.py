"""Shared fixtures: the shipped rulebook, evaluators on both matchers, and a fully eligible application."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from engine import DEFAULT_RULES, Evaluator, Rulebook, load_rulebook

FULL: dict[str, Any] = {
    "application_id": "T-1",
    "as_of": "2027-03-31",
    "applicant": {
        "name": "济南测试机器人有限公司", "uscc": "91370200264574251E", "kind": "enterprise", "city_code": "370102",
        "industry_code": "3491", "designations": ["tech_sme", "high_tech_enterprise"], "employees": 320,
        "dishonest_listed": False, "major_accident_3y": False, "abnormal_operations_listed": False,
    },
    "rd": {"fiscal_year": 2026, "expense": 12_000_000, "expense_prev": 8_000_000, "revenue": 200_000_000,
           "super_deduction_filed": True},
    "scenario": {"listed_in_gongfu_baijing": True, "listed_year": 2026, "sector": "automotive", "accepted": True,
                 "investment": 5_000_000, "other_provincial_funding": False},
    "platform": {"type": "key_laboratory", "robotics_field": True, "previous_level": "provincial",
                 "level": "national", "upgraded_on": "2026-09-18", "national_matching_required": False},
    "compute": {"contract_amount": 3_200_000, "provider_in_shandong": True, "paid": True, "related_party": False,
                "received_to_date": 0},
    "park": {"recognized_accelerator": True, "robotics_focus": True, "incubated_firms": 23,
             "construction_investment": 18_500_000},
}


@pytest.fixture
def full() -> dict[str, Any]:
    """An application that meets every criterion of every provision (a fresh copy per test)."""
    return copy.deepcopy(FULL)


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(DEFAULT_RULES)


@pytest.fixture(scope="session")
def durable(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook, "durable")


@pytest.fixture(scope="session")
def reference(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook, "reference")


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ for tests that break or change rule files."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, target)
    return target
