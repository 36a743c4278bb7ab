"""Tests of the synthetic application generator (engine/intake/sample.py): determinism, validity, mix and defects."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.errors import InputError
from engine.intake.documents import parse_application
from engine.intake.sample import COMPONENTS, FIRM_ONLY, ROBOT, SOMETIMES, generate
from schemas.application import FIELDS
from schemas.codes import organisation_check_character, uscc_check_character

ROOT = Path(__file__).resolve().parent.parent
YUAN_FIELDS = [p for p, spec in FIELDS.items() if spec.kind == "yuan"]


def _field_paths(doc: dict[str, Any]) -> set[str]:
    return {f"{s}.{k}" for s, section in doc.items() if isinstance(section, dict) for k in section}


def _missing(doc: dict[str, Any]) -> set[str]:
    """Fields of a section that is present but lacks them (a whole absent section is not 'removed fields').

    Fields the generator gives only to some applicants by design (SOMETIMES) do not count, nor do firm-only
    facts of a university or institute (recognised by having none of them: at most 3 fields are dropped).
    """
    present = _field_paths(doc)
    firm = bool(present & FIRM_ONLY)
    return {p for p in FIELDS if "." in p and p.split(".")[0] in doc and p not in present and p not in SOMETIMES
            and (firm or p not in FIRM_ONLY)}


def _defect(doc: dict[str, Any]) -> str | None:
    """The name of the deliberate defect a document carries, recognised from the outside; None if clean."""
    applicant, rd = doc.get("applicant", {}), doc.get("rd", {})
    uscc = applicant.get("uscc")
    if uscc and uscc_check_character(uscc[:17]) != uscc[17]:
        return "uscc_check"
    if any(isinstance(v, int) and not isinstance(v, bool) and v < 0 for v in rd.values()):
        return "negative_amount"
    if any(isinstance(v, str) for v in rd.values()):
        return "text_in_number"
    if applicant.get("kind") not in (None, "enterprise", "university", "research_institute", "park_operator"):
        return "unknown_enum"
    if not set(_field_paths(doc)) <= set(FIELDS):
        return "unknown_key"
    if doc["application_id"] == "":
        return "empty_id"
    if doc.get("as_of") == "2027-13-01":
        return "bad_date"
    if applicant.get("major_accident_1y") is True and applicant.get("major_accident_3y") is False:
        return "accident_flags"
    return None


def test_same_seed_same_output_and_another_seed_differs() -> None:
    first, again, other = list(generate(200, seed=42)), list(generate(200, seed=42)), list(generate(200, seed=43))
    assert first == again
    assert first != other
    # Not just the ids: the content itself changes with the seed.
    assert [d["applicant"] for d in first] != [d["applicant"] for d in other]


def test_yields_n_items_with_sequential_ids() -> None:
    docs = list(generate(37, seed=1))
    assert len(docs) == 37
    assert [d["application_id"] for d in docs] == [f"SD-2027-{i:06d}" for i in range(1, 38)]
    assert list(generate(0)) == []


def test_global_random_state_does_not_matter() -> None:
    import random

    random.seed(1)
    a = list(generate(50, seed=5))
    random.seed(2)
    assert list(generate(50, seed=5)) == a


def test_every_uscc_passes_both_checks_and_matches_the_kind() -> None:
    docs = list(generate(2000, seed=3, missing_share=0.0))
    for doc in docs:
        uscc, kind = doc["applicant"]["uscc"], doc["applicant"]["kind"]
        assert len(uscc) == 18
        assert uscc_check_character(uscc[:17]) == uscc[17], uscc
        assert organisation_check_character(uscc[8:16]) == uscc[16], uscc
        assert uscc[:2] == ("12" if kind in ("university", "research_institute") else "91"), (uscc, kind)
        assert uscc[2:8].isdigit()


def test_uscc_passes_with_missing_fields_too() -> None:
    checked = 0
    for doc in generate(1000, seed=4, missing_share=0.5):
        uscc = doc["applicant"].get("uscc")
        if uscc is not None:
            checked += 1
            assert uscc_check_character(uscc[:17]) == uscc[17], uscc
    assert checked > 900


def test_without_invalid_share_every_document_validates() -> None:
    for doc in generate(1500, seed=6, missing_share=0.3):
        parse_application(doc)  # raises InputError on any invalid document
        for path in YUAN_FIELDS:
            section, key = path.split(".")
            value = doc.get(section, {}).get(key)
            # Money is whole yuan: an int, never a float (and never a bool, which is an int in Python).
            assert value is None or (type(value) is int and value >= 0), (path, value)


def test_invalid_share_gives_recognisable_defects_the_validator_rejects() -> None:
    docs = list(generate(1000, seed=7, invalid_share=0.3))
    defects = [_defect(d) for d in docs]
    spoiled = [d for d, why in zip(docs, defects) if why]
    assert 0.22 < len(spoiled) / len(docs) < 0.38
    assert {"uscc_check", "negative_amount", "text_in_number", "unknown_enum", "unknown_key", "empty_id",
            "bad_date", "accident_flags"} <= set(defects)
    for doc, why in zip(docs, defects):
        if why:
            with pytest.raises(InputError):
                parse_application(doc)
        else:
            parse_application(doc)


def test_missing_share_removes_one_to_three_fields() -> None:
    assert not any(_missing(d) for d in generate(500, seed=8, missing_share=0.0))
    for doc in generate(300, seed=8, missing_share=1.0):
        assert 1 <= len(_missing(doc)) <= 3, _missing(doc)
        assert doc["application_id"]
    share = sum(bool(_missing(d)) for d in generate(3000, seed=8)) / 3000
    assert 0.07 < share < 0.13


def test_about_five_percent_outside_shandong_and_priority_cities_weigh_more() -> None:
    docs = list(generate(5000, seed=9, missing_share=0.0))
    cities = [d["applicant"]["city_code"] for d in docs]
    outside = sum(not c.startswith("37") for c in cities) / len(cities)
    assert 0.03 < outside < 0.08
    assert {"110108", "310115", "320100", "440300"} <= set(cities)
    assert any(c in ("370102", "370112", "370211", "370212", "370303", "370811") for c in cities)
    assert cities.count("370100") > 2 * cities.count("371100")  # Jinan over Rizhao


def test_mix_of_kinds_industries_and_flags() -> None:
    docs = list(generate(5000, seed=10, missing_share=0.0))
    applicants = [d["applicant"] for d in docs]
    enterprise = sum(a["kind"] == "enterprise" for a in applicants) / len(docs)
    assert 0.74 < enterprise < 0.86
    assert {a["kind"] for a in applicants} == {"enterprise", "university", "research_institute", "park_operator"}
    firms = [a for a in applicants if a["kind"] == "enterprise"]
    robot = sum(a["industry_code"][-4:] in ROBOT for a in firms) / len(firms)
    assert 0.5 < robot < 0.7
    assert any(a["industry_code"] == "C3491" for a in firms)
    for flag in ("dishonest_listed", "major_accident_3y", "abnormal_operations_listed"):
        assert 0.005 < sum(a[flag] for a in applicants) / len(docs) < 0.05, flag
    assert all("park" in d for d in docs if d["applicant"]["kind"] == "park_operator")
    assert all(a["designations"] == [] for a in applicants if a["kind"] in ("university", "research_institute"))


def test_rd_intensity_clusters_and_sometimes_sits_on_three_percent() -> None:
    rd = [d["rd"] for d in generate(3000, seed=12, missing_share=0.0) if "rd" in d and d["rd"]["revenue"] > 0]
    within = sum(100 <= 10_000 * x["expense"] // x["revenue"] <= 800 for x in rd) / len(rd)
    assert within > 0.9
    assert sum(x["expense"] * 100 == x["revenue"] * 3 for x in rd) > 0.03 * len(rd)  # exactly 3%, in integers
    assert 0.7 < sum(x["expense"] > x["expense_prev"] for x in rd) / len(rd) < 0.9


def test_as_of_sets_every_item_or_none_omits_it() -> None:
    assert all(d["as_of"] == "2028-06-30" for d in generate(50, seed=13, as_of="2028-06-30"))
    assert next(generate(1, as_of="2028-06-30"))["application_id"] == "SD-2028-000001"
    assert not any("as_of" in d for d in generate(50, seed=13, as_of=None))


def test_streams_without_building_a_list() -> None:
    assert inspect.isgenerator(generate(10))
    # In a child process: an implementation that builds the list would otherwise hang this test run. The
    # timeout only stops such a hang (it is far above any real time); it measures nothing.
    probe = "from engine.intake.sample import generate; print(next(generate(10**9))['application_id'])"
    try:
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=15,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail("next(generate(10**9)) did not return within 15 s: the generator builds its items up front")
    assert out.stdout.strip() == "SD-2027-000001", out.stderr
    # How fast the first item comes is a measurement, not a behaviour: bench/sample.py prints it.


def test_pack_2026_2_fields_are_realistic() -> None:
    docs = list(generate(5000, seed=14, missing_share=0.0))
    applicants = [d["applicant"] for d in docs]
    chain = [a for a in applicants if a["kind"] == "enterprise" and a["industry_code"][-4:] in COMPONENTS]
    assert {a["industry_code"][-4:] for a in chain} == set(COMPONENTS)  # every chain class of the pack appears
    assert 0.75 < sum(a["robot_business"] for a in chain) / len(chain) < 0.95
    assert not any("robot_business" in a for a in applicants if a["industry_code"][-4:] in ROBOT)
    firms = [a for a in applicants if a["kind"] == "enterprise"]
    assert 0.02 < sum(a["deemed_profit_taxpayer"] for a in firms) / len(firms) < 0.1
    certificates = [a["hte_valid_until"] for a in firms if "high_tech_enterprise" in a["designations"]]
    assert 0.08 < sum(c < "2027-03-31" for c in certificates) / len(certificates) < 0.25  # some have lapsed
    assert all("hte_valid_until" not in a for a in firms if "high_tech_enterprise" not in a["designations"])
    assert all(a["tech_staff"] <= a["employees"] for a in firms)
    # Consistent accident flags, and a one-year accident only where there is a three-year one.
    assert all(not a["major_accident_1y"] or a["major_accident_3y"] for a in applicants)
    assert any(a["major_accident_1y"] for a in applicants)
    reviewed = [d for d in docs if "review" in d]
    assert 0.05 < len(reviewed) / len(docs) < 0.2  # most are left for reviewers
    for section in ("ip", "loan", "insurance", "techloan", "basic_research"):
        assert any(section in d for d in docs), section
    assert {d["basic_research"]["recipient"] for d in docs if "basic_research" in d} == {
        "nonprofit_research_institute", "university", "government_science_fund", "other"}
    assert all(d["rd"]["domestic_expense_3y"] <= d["rd"]["expense_3y"] for d in docs if "rd" in d)
