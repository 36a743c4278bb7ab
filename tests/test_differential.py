"""The durable_rules path must agree with the plain-Python reference on every application, missing values included.

durable_rules is unmaintained C code driven through private entry points; this is the test that
would catch a wrong translation (polarity, Kleene logic, scaled ratios, date ordinals) or an engine bug.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Evaluator, parse_application
from schemas.application import FIELDS

YUAN_EDGES = [0, 1, 999_999, 1_000_000, 2_000_000, 4_999_999, 5_000_000, 5_000_001, 6_000_000, 10_000_000, 20_000_000]
yuan = st.one_of(st.sampled_from(YUAN_EDGES), st.integers(0, 10**12))
SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "applicant.city_code": st.sampled_from(["370100", "370102", "371700", "370000", "369999", "380000", "110108"]),
    # core and chain classes, a non-robot class, and negative-list classes of the super deduction
    "applicant.industry_code": st.sampled_from(["3491", "C3492", "3964", "3813", "6511", "3453", "3499", "5191", "7010"]),
    "applicant.name": st.just("测试有限公司"),
    "applicant.uscc": st.just("91370200264574251E"),
    "applicant.employees": st.integers(0, 5000),
    "park.incubated_firms": st.integers(0, 30),
}
DAYS = st.one_of(
    st.sampled_from([dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2028, 12, 31), dt.date(2029, 1, 1)]),
    st.dates(dt.date(2025, 6, 1), dt.date(2029, 6, 1)),
)


def _value(path: str) -> st.SearchStrategy[Any]:
    spec = FIELDS[path]
    if path in SPECIAL:
        return SPECIAL[path]
    if spec.kind == "yuan":
        return yuan
    if spec.kind == "year":
        return st.integers(2024, 2030)
    if spec.kind == "count":
        return st.integers(0, 50)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "date":
        return DAYS.map(dt.date.isoformat)
    if spec.kind == "enum":
        return st.sampled_from(spec.choices)
    if spec.kind == "set":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=3)
    raise AssertionError(path)


@st.composite
def applications(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"application_id": "P-1", "as_of": draw(DAYS).isoformat()}
    for path in FIELDS:
        if "." not in path:
            continue
        section, name = path.split(".")
        if draw(st.integers(0, 9)) == 0:  # ~10% of fields not provided
            continue
        doc.setdefault(section, {})[name] = draw(_value(path))
    rd = doc.get("rd", {})
    if "revenue" in rd and "expense" in rd and draw(st.booleans()):
        # Land on and around the 3% intensity threshold, where rounding mistakes would show.
        rd["expense"] = max(0, rd["revenue"] * 3 // 100 + draw(st.integers(-1, 1)))
    _edges(draw, doc)
    applicant = doc.get("applicant", {})
    if applicant.get("major_accident_1y") is True and applicant.get("major_accident_3y") is False:
        del applicant["major_accident_1y"]  # contradictory flags are an input error, not an evaluation
    for section in ("scenario", "platform", "compute", "park", "ip", "loan", "insurance", "techloan",
                    "basic_research", "review"):
        if draw(st.integers(0, 19)) == 0:
            doc[section] = None
    if draw(st.booleans()):
        doc.pop("review", None)  # half of the applications leave every review open
    return doc


def _edges(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    """Land on score tier boundaries and date edges, where an off-by-one would show."""
    applicant, rd = doc.get("applicant", {}), doc.get("rd", {})
    if "employees" in applicant and "tech_staff" in applicant and draw(st.booleans()):
        share = draw(st.sampled_from([10, 15, 20, 25, 30]))
        applicant["tech_staff"] = max(0, applicant["employees"] * share // 100 + draw(st.integers(-1, 1)))
    if "total_cost" in rd and "expense" in rd and draw(st.booleans()):
        share = draw(st.sampled_from([10, 15, 20, 25, 30]))
        rd["total_cost"] = max(0, rd["expense"] * 100 // share + draw(st.integers(-1, 1)))
    as_of = dt.date.fromisoformat(doc["as_of"])
    if "registered_on" in applicant and draw(st.booleans()):
        year_before = as_of.replace(year=as_of.year - 1, day=28 if (as_of.month, as_of.day) == (2, 29) else as_of.day)
        applicant["registered_on"] = (year_before + dt.timedelta(days=draw(st.integers(-1, 1)))).isoformat()
    if "hte_valid_until" in applicant and draw(st.booleans()):
        applicant["hte_valid_until"] = (as_of + dt.timedelta(days=draw(st.integers(-1, 1)))).isoformat()
    if draw(st.integers(0, 5)) == 0:  # a zero numerator over a missing denominator: fails what 0 fails
        section, numerator, denominator = draw(st.sampled_from(
            [("rd", "expense", "revenue"), ("applicant", "tech_staff", "employees"), ("rd", "expense_3y", "revenue_3y")]))
        doc.setdefault(section, {})[numerator] = 0
        doc[section].pop(denominator, None)
    if "revenue" in rd and draw(st.integers(0, 3)) == 0:
        rd["revenue"] = draw(st.sampled_from([50_000_000, 50_000_001, 200_000_000, 199_999_999]))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications())
def test_durable_rules_agrees_with_reference(durable: Evaluator, reference: Evaluator, doc: dict[str, Any]) -> None:
    app = parse_application(doc)
    got = replace(durable.evaluate(app), evaluator="", audit=None)
    want = replace(reference.evaluate(app), evaluator="", audit=None)
    assert got == want


def test_both_matchers_say_who_they_are(durable: Evaluator, reference: Evaluator, full: dict) -> None:
    app = parse_application(full)
    assert durable.evaluate(app).evaluator == "durable_rules"
    assert reference.evaluate(app).evaluator == "reference"
