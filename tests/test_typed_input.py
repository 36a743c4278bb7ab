"""Pack 2026.2 fields and Chinese typed input: what a clerk types in a cell means what the code would.

JSON stays codes-only (the machine contract): the same Chinese words in a JSON document are errors.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from engine import InputError, parse_application
from engine.batch.screen import ScreenOptions, screen
from engine.intake import words
from engine.intake.cells import from_cells
from engine.intake.template import write_template
from schemas.application import FIELDS, Application
from schemas.choices import choice_label
from schemas.places import division_name

from helpers import ROOT, make_rows


def _issues(doc: Any) -> dict[str, Any]:
    with pytest.raises(InputError) as info:
        parse_application(doc)
    return {i.loc: i for i in info.value.issues}


# --- the accident flags ---------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "one", "three"), [
    ({"major_accident_3y": False}, False, False),  # none in 3 years: none in the last one
    ({"major_accident_1y": True}, True, True),  # one in the last year: one in the last 3
    ({"major_accident_3y": True}, None, True),  # 3 years say nothing about the last one
    ({"major_accident_1y": False}, False, None),
    ({"major_accident_1y": False, "major_accident_3y": True}, False, True),
    ({}, None, None),
])
def test_accident_flags_imply_each_other(given: dict, one: bool | None, three: bool | None) -> None:
    applicant = parse_application({"application_id": "A", "applicant": given}).applicant
    assert applicant is not None
    assert (applicant.major_accident_1y, applicant.major_accident_3y) == (one, three)


@pytest.mark.parametrize("one", ["absent", None, True, False])
@pytest.mark.parametrize("three", ["absent", None, True, False])
def test_an_implied_accident_flag_is_the_same_from_a_json_line_and_from_a_document(one: Any, three: Any) -> None:
    """The implication runs after validation; the flag it sets counts as given, as when it was filled in before."""
    given = {k: v for k, v in (("major_accident_1y", one), ("major_accident_3y", three)) if v != "absent"}
    doc = {"application_id": "A", "applicant": given}
    one, three = given.get("major_accident_1y"), given.get("major_accident_3y")  # absent or null: None
    if one is True and three is False:
        assert set(_issues(doc)) == {"applicant.major_accident_1y"}
        return
    implied = {"major_accident_1y": False} if one is None and three is False else \
        {"major_accident_3y": True} if one is True and three is None else {}
    for app in (parse_application(doc), Application.model_validate_json(json.dumps(doc))):
        assert app.applicant is not None
        flags = {**given, **implied}
        assert (app.applicant.major_accident_1y, app.applicant.major_accident_3y) == (
            flags.get("major_accident_1y"), flags.get("major_accident_3y"))
        assert app.applicant.model_fields_set == set(given) | set(implied)


def test_contradictory_accident_flags_are_an_error_naming_the_one_year_field() -> None:
    found = _issues({"application_id": "A", "applicant": {"major_accident_1y": True, "major_accident_3y": False}})
    assert set(found) == {"applicant.major_accident_1y"}
    assert found["applicant.major_accident_1y"].type == "accident_flags"
    assert "近三年" in found["applicant.major_accident_1y"].zh


def test_a_non_boolean_accident_flag_is_a_type_error_not_an_implication() -> None:
    found = _issues({"application_id": "A", "applicant": {"major_accident_1y": "yes", "major_accident_3y": False}})
    assert found["applicant.major_accident_1y"].type == "bool_type"


# --- validation of the new fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(("section", "value", "loc", "type_", "words_en"), [
    ("loan", {"interest_paid": -1}, "loan.interest_paid", "greater_than_equal", "less than 0"),
    ("insurance", {"premium_paid": 1.5}, "insurance.premium_paid", "int_type", "whole number of yuan"),
    ("techloan", {"years_subsidised": -2}, "techloan.years_subsidised", "greater_than_equal", "less than 0"),
    ("ip", {"class1_count": "3"}, "ip.class1_count", "int_type", "whole number"),
    ("basic_research", {"recipient": "charity"}, "basic_research.recipient", "literal_error",
     "nonprofit_research_institute, university, government_science_fund, other"),
    ("review", {"core_ip": "yes"}, "review.core_ip", "bool_type", "true or false"),
    ("applicant", {"hte_valid_until": "2027/12/31"}, "applicant.hte_valid_until", "iso_date", "YYYY-MM-DD"),
    ("applicant", {"total_assets": -100}, "applicant.total_assets", "greater_than_equal", "less than 0"),
    ("insurance", {"premium": 1}, "insurance.premium", "extra_forbidden", "did you mean insurance.premium_paid?"),
    ("rd", {"expense_3y": 10**16}, "rd.expense_3y", "less_than_equal", "more than"),
])
def test_new_fields_are_validated_and_named(section: str, value: Any, loc: str, type_: str, words_en: str) -> None:
    found = _issues({"application_id": "A", section: value})
    assert found[loc].type == type_
    assert words_en in found[loc].en


def test_every_field_says_whether_the_applicant_controls_it() -> None:
    controllable = {p for p, spec in FIELDS.items() if spec.controllable}
    assert {"rd.expense", "rd.super_deduction_filed", "compute.paid", "scenario.investment",
            "insurance.premium_paid", "loan.interest_paid", "techloan.loan_amount",
            "basic_research.contribution"} <= controllable
    assert not controllable & {"applicant.city_code", "applicant.industry_code", "applicant.registered_on",
                               "applicant.major_accident_1y", "applicant.major_accident_3y",
                               "applicant.designations", "applicant.hte_valid_until"}
    assert not any(p.startswith("review.") for p in controllable)


def test_schema_and_template_carry_the_new_fields(tmp_path: Path) -> None:
    schema = json.dumps(Application.model_json_schema(), ensure_ascii=False)
    for name in ("robot_business", "BasicResearch", "government_science_fund", "innovation_score", "鲁科贷"):
        assert name in schema, name
    write_template(str(tmp_path / "t.csv"))
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as fh:
        header, labels = list(csv.reader(fh))[:2]
    assert header == list(FIELDS)
    assert "review.green_threshold" in header and "techloan.years_subsidised" in header
    assert "当年实缴保费 / Premium paid in the year" in labels


# --- what people type ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "yuan"), [
    ("320万", 3_200_000), ("320万元", 3_200_000), ("3,200,000", 3_200_000), ("3.2亿", 320_000_000),
    ("1,234.00", 1_234), ("12.345万", 123_450), ("３２０万", 3_200_000), ("¥5,000元", 5_000), ("0", 0),
    ("人民币1500万元", 15_000_000), ("2千万", 20_000_000),
])
def test_amounts_are_read_exactly(text: str, yuan: int) -> None:
    assert from_cells({"rd.expense": text}) == {"rd": {"expense": yuan}}


@pytest.mark.parametrize("text", ["1,234.50", "1.5", "1e6", "约12万", "十二万", "12万美元", "1,23,4", "0.000000001亿"])
def test_amounts_that_are_not_whole_yuan_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InputError) as info:
        from_cells({"insurance.premium_paid": text}, row=3)
    (issue,) = info.value.issues
    assert (issue.loc, issue.row, issue.type) == ("insurance.premium_paid", 3, "cell_value")
    assert issue.zh and issue.en


@pytest.mark.parametrize(("text", "value"), [
    ("是", True), ("否", False), ("Y", True), ("n", False), ("√", True), ("×", False), ("有", True), ("无", False),
    ("TRUE", True), ("0", False), ("yes", True), ("No", False),
])
def test_booleans_in_chinese_and_as_marks(text: str, value: bool) -> None:
    assert from_cells({"review.core_ip": text}) == {"review": {"core_ip": value}}


@pytest.mark.parametrize(("path", "text", "code"), [
    ("applicant.kind", "企业", "enterprise"), ("applicant.kind", "大学", "university"),
    ("applicant.kind", "Enterprise", "enterprise"), ("applicant.kind", "科研院所", "research_institute"),
    ("scenario.sector", "汽车", "automotive"), ("scenario.sector", "其他", "other_industry"),
    ("platform.level", "国家级", "national"), ("platform.previous_level", "省级", "provincial"),
    ("basic_research.recipient", "高校", "university"), ("basic_research.recipient", "其他", "other"),
    ("basic_research.recipient", "自然科学基金", "government_science_fund"),
])
def test_choices_take_code_label_or_synonym(path: str, text: str, code: str) -> None:
    section, name = path.split(".")
    assert from_cells({path: text}) == {section: {name: code}}


def test_designations_in_chinese_with_chinese_separators() -> None:
    doc = from_cells({"applicant.designations": "高企、科技型中小;专精特新“小巨人”企业"})
    assert doc["applicant"]["designations"] == ["high_tech_enterprise", "tech_sme", "little_giant"]


def test_an_unknown_choice_lists_the_options_in_chinese_first() -> None:
    with pytest.raises(InputError) as info:
        from_cells({"applicant.kind": "个体户"})
    (issue,) = info.value.issues
    assert issue.loc == "applicant.kind"
    assert issue.zh.startswith("应为以下之一:企业(enterprise)")


@pytest.mark.parametrize(("text", "code"), [
    ("济南", "370100"), ("济南市", "370100"), ("历下区", "370102"), ("历下", "370102"), ("济南市历下区", "370102"),
    ("山东省青岛市崂山区", "370212"), ("青岛高新区", "370200"), ("西海岸新区", "370211"), ("即墨区", "370215"),
    ("济南市中区", "370103"), ("枣庄市市中区", "370402"), ("东营", "370500"), ("东营区", "370502"),
    ("莒县", "371122"), ("莱芜区", "370116"), ("Qingdao", "370200"), ("370102", "370102"), ("淄博", "370300"),
])
def test_city_names_resolve_to_gb_t_2260_codes(text: str, code: str) -> None:
    assert from_cells({"applicant.city_code": text}) == {"applicant": {"city_code": code}}


@pytest.mark.parametrize(("text", "listed"), [("市中区", ["370103", "370402"]), ("北京", []), ("济", ["370100"])])
def test_ambiguous_or_unknown_places_are_errors_listing_candidates(text: str, listed: list[str]) -> None:
    with pytest.raises(InputError) as info:
        from_cells({"applicant.city_code": text})
    (issue,) = info.value.issues
    assert issue.loc == "applicant.city_code"
    for code in listed:
        assert code in issue.zh and code in issue.en


@pytest.mark.parametrize(("text", "code"), [
    ("工业机器人", "3491"), ("工业机器人制造", "3491"), ("伺服电机", "3813"), ("微特电机", "3813"),
    ("减速机", "3453"), ("减速器", "3453"), ("传感器", "3983"), ("谐波减速器研发生产", "3453"),
    ("信息系统集成服务", "6531"), ("PLC", "4011"), ("服务机器人", "3964"), ("C3491", "C3491"),
])
def test_industry_names_and_keywords_resolve_to_classes(text: str, code: str) -> None:
    assert from_cells({"applicant.industry_code": text}) == {"applicant": {"industry_code": code}}


def test_an_ambiguous_industry_gives_a_pick_list() -> None:
    with pytest.raises(InputError) as info:
        from_cells({"applicant.industry_code": "机器人"})
    (issue,) = info.value.issues
    assert "3491 工业机器人制造" in issue.zh and "3964" in issue.en


def test_dates_and_years_as_chinese_forms_write_them() -> None:
    doc = from_cells({"applicant.registered_on": "2019年3月1日", "rd.fiscal_year": "2026年",
                      "applicant.hte_valid_until": "2027/12/31"})
    assert doc == {"applicant": {"registered_on": "2019-03-01", "hte_valid_until": "2027-12-31"},
                   "rd": {"fiscal_year": 2026}}


@pytest.mark.parametrize(("section", "value"), [
    ("applicant", {"kind": "企业"}), ("applicant", {"city_code": "济南"}), ("applicant", {"industry_code": "工业机器人"}),
    ("rd", {"expense": "320万"}), ("applicant", {"dishonest_listed": "否"}), ("applicant", {"designations": ["高企"]}),
])
def test_json_stays_codes_only(section: str, value: dict) -> None:
    path = f"{section}.{next(iter(value))}"
    assert any(loc == path or loc.startswith(path + ".") for loc in _issues({"application_id": "A", section: value}))


# --- a whole batch typed in Chinese screens like the same batch in codes ------------------------------------


def _in_chinese(row: dict[str, str], i: int) -> dict[str, str]:
    """The row as a clerk types it: Chinese headers, labels for codes, 是/否, place names, 万 amounts."""
    out: dict[str, str] = {}
    for path, text in row.items():
        spec, value = FIELDS[path], text
        if text and spec.kind == "bool":
            value = ["是", "Y", "√", "有"][i % 4] if text == "true" else ["否", "N", "×", "无"][i % 4]
        elif text and spec.kind == "enum":
            value = choice_label(text)[0]
        elif text and spec.kind == "set" and text != "无":
            value = "、".join(choice_label(c)[0] for c in text.split(";"))
        elif text and path == "applicant.city_code" and text.startswith("37"):
            value = division_name(text)
        elif text and path == "applicant.industry_code":
            value = "工业机器人" if text == "3491" else text
        elif text and spec.kind == "yuan" and int(text) % 10_000 == 0:
            value = f"{int(text) // 10_000}万元"
        elif text and spec.kind == "yuan":
            value = f"{int(text):,}"
        out[spec.zh] = value
    return out


def _results(path: Path) -> list[Any]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(r["application_id"], r["status"], r.get("results"), r.get("total_amount")) for r in map(json.loads, lines)]


def test_a_csv_in_chinese_screens_like_the_same_csv_in_codes(tmp_path: Path) -> None:
    rows = make_rows(40)
    for i, row in enumerate(rows):  # the 2026.2 fields too, so that their words are exercised
        row |= {"applicant.robot_business": "true", "applicant.major_accident_1y": "false",
                "loan.interest_paid": str(250_000 + 10_000 * i), "basic_research.recipient": "university",
                "review.green_threshold": ["true", "false", ""][i % 3]}
    chinese = [_in_chinese(row, i) for i, row in enumerate(rows)]
    assert chinese[1]["申请单位类型"] == "企业" and chinese[1]["注册地行政区划代码"] == "青岛市黄岛区"
    outputs = []
    for name, table in (("codes", rows), ("chinese", chinese)):
        source = tmp_path / f"{name}.csv"
        with open(source, "w", encoding="utf-8", newline="") as fh:
            columns = list(FIELDS) if name == "codes" else [spec.zh for spec in FIELDS.values()]
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(table)
        out = tmp_path / f"{name}.jsonl"
        summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=1))
        assert summary.errors == 0
        outputs.append(_results(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 40 and any(r[2] for r in outputs[0])


def test_words_module_is_the_only_reader_of_typed_values() -> None:
    # The interview and Gherkin tables go through from_cells, so one table of words serves every typed input.
    assert words.city("济南") == "370100" and words.industry("伺服电机") == "3813"


def test_reading_a_name_twice_gives_the_same_answer() -> None:
    # The name index is cached: resolving must never consume it.
    assert [words.city("济南市历下区") for _ in range(3)] == ["370102"] * 3
    assert [words.industry("伺服电机") for _ in range(3)] == ["3813"] * 3
