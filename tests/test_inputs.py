"""Application validation: every mistake is an Issue naming the field, in our words, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest

from engine import InputError, parse_application
from engine.intake.cells import from_cells


def issues(doc: Any) -> dict[str, tuple[str, str]]:
    with pytest.raises(InputError) as info:
        parse_application(doc, "app.json")
    return {i.loc: (i.type, i.en) for i in info.value.issues}


@pytest.mark.parametrize(
    ("section", "value", "loc", "type_", "words"),
    [
        ("applicant", {"uscc": "91370200264574251F"}, "applicant.uscc", "uscc_check_character",
         "check character should be E, got F"),
        ("applicant", {"uscc": "9137020026457425IE"}, "applicant.uscc", "uscc_format", "18 characters"),
        ("applicant", {"kind": "company"}, "applicant.kind", "literal_error", "should be one of: enterprise"),
        ("applicant", {"city_code": "3701"}, "applicant.city_code", "division_code", "6-digit"),
        ("applicant", {"industry_code": "robot"}, "applicant.industry_code", "industry_code", "GB/T 4754"),
        ("applicant", {"emploees": 3}, "applicant.emploees", "extra_forbidden", "did you mean applicant.employees?"),
        ("applicant", {"dishonest_listed": "no"}, "applicant.dishonest_listed", "bool_type", "true or false"),
        ("rd", {"expense": -1}, "rd.expense", "greater_than_equal", "should not be less than 0"),
        ("rd", {"expense": 1.5}, "rd.expense", "int_type", "whole number of yuan"),
        ("rd", {"expense": "12万"}, "rd.expense", "int_type", "whole number of yuan"),
        ("rd", {"revenue": 10**16}, "rd.revenue", "less_than_equal", "should not be more than"),
        ("platform", {"upgraded_on": "2026-9-18"}, "platform.upgraded_on", "iso_date", "YYYY-MM-DD"),
        ("platform", {"upgraded_on": 1700000000}, "platform.upgraded_on", "iso_date", "YYYY-MM-DD"),
        ("park", 5, "park", "model_type", "should be an object"),
    ],
)
def test_each_bad_field_is_named(section: str, value: Any, loc: str, type_: str, words: str) -> None:
    found = issues({"application_id": "A", section: value})
    assert loc in found
    assert found[loc][0] == type_
    assert words in found[loc][1]


def test_all_problems_are_reported_together() -> None:
    found = issues({"application_id": "", "applicant": {"kind": "x", "employees": -3}, "rd": {"expense": "1"}})
    assert set(found) == {"application_id", "applicant.kind", "applicant.employees", "rd.expense"}


def test_application_must_be_an_object() -> None:
    assert issues([1, 2]) == {"(application)": ("model_type", "should be a JSON object")}


def test_cells_are_typed_by_field_and_accept_chinese_headers() -> None:
    doc = from_cells({"application_id": "R-1", "统一社会信用代码": "91370200264574251E", "rd.expense": "1,234,567",
                      "applicant.dishonest_listed": "否", "applicant.designations": "tech_sme; srdi",
                      "park.robotics_focus": "", "as_of": "2027-03-31"})
    assert doc == {"application_id": "R-1", "applicant": {"uscc": "91370200264574251E", "dishonest_listed": False,
                                                           "designations": ["tech_sme", "srdi"]},
                   "rd": {"expense": 1234567}, "as_of": "2027-03-31"}
    assert parse_application(doc).rd.expense == 1234567  # type: ignore[union-attr]


@pytest.mark.parametrize(("cell", "expected"), [("无", []), ("None", []), ("", None), ("srdi", ["srdi"])])
def test_a_list_cell_can_say_none_of_them_apart_from_not_provided(cell: str, expected: list | None) -> None:
    doc = from_cells({"applicant.designations": cell})
    assert doc.get("applicant", {}).get("designations") == expected


def test_unreadable_cells_are_each_named() -> None:
    with pytest.raises(InputError) as info:
        from_cells({"rd.expense": "12万块钱", "compute.paid": "maybe", "rd.expens": "1"}, row=7)
    got = {(i.loc, i.type, i.row) for i in info.value.issues}
    assert got == {("rd.expense", "cell_value", 7), ("compute.paid", "cell_value", 7), ("rd.expens", "extra_forbidden", 7)}
