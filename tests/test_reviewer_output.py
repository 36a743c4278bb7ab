"""Reviewer output in Chinese: status words, header rows and error rows of `subsidy screen` (issue 12, part 4)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli import main
from engine import Rulebook
from engine.batch.writers import summary_header
from helpers import make_rows, write_csv
from schemas.application import FIELDS
from schemas.choices import choice_label

ZH_STATUS = {"符合", "不符合", "待定", "待审核", "未生效"}
EN_STATUS = {"eligible", "ineligible", "undetermined", "review", "not_in_effect"}


def _screen(source: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1", "--quiet", *args])
    assert result.exit_code == 0, result.output


def _csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _in_chinese(row: dict[str, str]) -> dict[str, str]:
    """The same row with every choice written as its Chinese label, and every yes/no as 是/否."""
    out = {}
    for path, value in row.items():
        spec = FIELDS[path]
        if value and spec.kind == "enum":
            value = choice_label(value)[0]
        elif value and spec.kind == "set" and value not in ("无", "none"):
            value = "、".join(choice_label(code.strip())[0] for code in value.split(";"))
        elif value and spec.kind == "bool":
            value = {"true": "是", "false": "否"}[value.lower()]
        out[path] = value
    return out


def _decisions(path: Path) -> list[Any]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["status"], [(p["provision"], p["status"], p["amount"], p["missing"]) for p in r.get("results", [])],
             r.get("audit", {}).get("input_sha256"), [e["type"] for e in r.get("errors", [])]) for r in records]


def test_a_csv_with_every_choice_in_chinese_screens_as_the_same_csv_in_codes(tmp_path: Path) -> None:
    rows = make_rows(70, bad=2)
    chinese = [_in_chinese(r) for r in rows]
    changed = {p for a, b in zip(rows, chinese) for p in a if a[p] != b[p]}
    assert {p for p in changed if FIELDS[p].kind == "enum"} and {p for p in changed if FIELDS[p].kind == "set"}
    assert any("、" in v for r in chinese for v in r.values())
    _screen(write_csv(tmp_path / "codes.csv", rows), tmp_path / "codes.jsonl")
    _screen(write_csv(tmp_path / "zh.csv", chinese), tmp_path / "zh.jsonl")
    codes, zh = _decisions(tmp_path / "codes.jsonl"), _decisions(tmp_path / "zh.jsonl")
    assert len(codes) == 70 and sum(r[0] == "error" for r in codes) == 2  # a bad USCC, a kind not among the choices
    assert zh == codes  # the same statuses, amounts, missing fields, even the same validated input (its sha256)
    assert any(p[1] == "eligible" for r in codes for p in r[1])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One batch screened in each language and header layout, CSV and XLSX."""
    tmp = tmp_path_factory.mktemp("outputs")
    rows = make_rows(8)
    rows[1]["applicant.city_code"] = "济南市历下区"
    rows[1]["rd.expense"] = "-5"  # an error row whose other cells are valid
    rows[2]["application_id"] = rows[3]["application_id"]  # a duplicate id: the flags column
    source = write_csv(tmp / "apps.csv", rows)
    made = {}
    for name, args in {"zh": [], "en": ["--lang", "en"], "zh-paths": ["--header", "paths"],
                       "en-paths": ["--lang", "en", "--header", "paths"], "zh-labels": ["--header", "labels"],
                       "en-labels": ["--lang", "en", "--header", "labels"]}.items():
        made[name] = tmp / f"{name}.csv"
        _screen(source, made[name], *args)
    made["zh-xlsx"] = tmp / "zh.xlsx"
    _screen(source, made["zh-xlsx"], "--errors", str(tmp / "errors.xlsx"))
    made["errors-xlsx"] = tmp / "errors.xlsx"
    return made


def test_header_paths_is_exactly_the_machine_names(outputs: dict[str, Path], rulebook: Rulebook) -> None:
    for name in ("zh-paths", "en-paths"):
        table = _csv(outputs[name])
        assert table[0] == summary_header([p.id for p in rulebook.provisions])
        assert table[0][:6] == ["row", "application_id", "applicant.name", "applicant.uscc", "applicant.city_code",
                                "status"]
        assert table[0][6:9] == ["scenario-award.status", "scenario-award.amount", "scenario-award.estimate"]
        assert table[1][0] == "2" and len(table) == 1 + 8


def test_header_both_adds_a_label_row_in_the_chosen_language(outputs: dict[str, Path]) -> None:
    zh, en, paths = _csv(outputs["zh"]), _csv(outputs["en"]), _csv(outputs["zh-paths"])
    assert zh[0] == en[0] == paths[0]  # row 1: the machine names, whatever the language
    assert zh[1][:6] == ["行号", "申请编号", "申请单位名称", "统一社会信用代码", "注册地行政区划代码", "结果"]
    assert "研发投入补助·结论" in zh[1] and "研发投入补助·金额(元)" in zh[1] and "错误" in zh[1]
    assert en[1][:2] == ["Row", "Application id"] and "R&D investment grant: status" in en[1]
    assert zh[2:] == paths[1:]  # the records do not depend on the header
    assert _csv(outputs["zh-labels"])[0] == zh[1] and _csv(outputs["en-labels"])[0] == en[1]
    assert len(_csv(outputs["zh-labels"])) == 1 + 8


def test_status_words_follow_the_language(outputs: dict[str, Path]) -> None:
    header, *records = _csv(outputs["zh-paths"])
    _, *english = _csv(outputs["en-paths"])
    status_columns = [i for i, c in enumerate(header) if c.endswith(".status")]
    zh_words = {r[i] for r in records for i in status_columns} - {""}
    en_words = {r[i] for r in english for i in status_columns} - {""}
    assert zh_words and zh_words <= ZH_STATUS and "符合" in zh_words
    assert en_words and en_words <= EN_STATUS and "eligible" in en_words
    assert {r[5] for r in records} == {"已评估", "错误"} and {r[5] for r in english} == {"evaluated", "error"}
    missing = header.index("missing")
    assert any("营业收入" in r[missing] for r in records) and any("rd.revenue" in r[missing] for r in english)
    flags = header.index("flags")
    assert any(r[flags].startswith("申请编号重复:第 4,5 行") for r in records)
    assert any(r[flags].startswith("duplicate_application_id: rows 4,5") for r in english)


def test_an_error_row_keeps_its_valid_cells_and_says_why_in_the_language(outputs: dict[str, Path]) -> None:
    header, *records = _csv(outputs["zh-paths"])
    _, *english = _csv(outputs["en-paths"])
    error = next(r for r in records if r[5] == "错误")
    assert error[:5] == ["3", "B-00001", *english[1][2:4], "370102"]  # the place name read as its code
    assert error[2] and error[3]  # name and USCC kept
    assert error[header.index("errors")].startswith("研发费用:")
    assert english[1][header.index("errors")].startswith("rd.expense: ")


def test_xlsx_has_both_header_rows_chinese_words_and_no_apostrophe(outputs: dict[str, Path]) -> None:
    sheet = load_workbook(outputs["zh-xlsx"]).worksheets[0]
    assert sheet.freeze_panes == "A3" and sheet["A2"].font.b  # both header rows stay in view
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0] == _csv(outputs["zh"])[0] and table[1] == _csv(outputs["zh"])[1]
    assert {v for row in table[2:] for v in row[6:-6:3]} - {None} <= ZH_STATUS
    assert not any(isinstance(v, str) and v.startswith("'") for row in table for v in row)
    errors = [[c.value for c in row] for row in load_workbook(outputs["errors-xlsx"]).worksheets[0].iter_rows()]
    assert errors[0][:3] == ["row", "application_id", "field"] and errors[1][:3] == ["行号", "申请编号", "字段"]
    assert errors[2][:3] == [3, "B-00001", "rd.expense"]


def test_jsonl_output_does_not_depend_on_the_language(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "apps.csv", make_rows(5, bad=1))
    _screen(source, tmp_path / "zh.jsonl", "--as-of", "2027-03-31")
    _screen(source, tmp_path / "en.jsonl", "--as-of", "2027-03-31", "--lang", "en", "--header", "labels")
    strip = lambda p: [{k: v for k, v in json.loads(line).items() if k != "audit"}  # noqa: E731
                       for line in p.read_text(encoding="utf-8").splitlines()]
    assert strip(tmp_path / "zh.jsonl") == strip(tmp_path / "en.jsonl")


def test_the_printed_summary_names_missing_fields_by_label_in_either_language(tmp_path: Path) -> None:
    rows = make_rows(7)  # row 0 has no R&D revenue (every 7th)
    source = write_csv(tmp_path / "apps.csv", rows)
    zh = CliRunner().invoke(main, ["screen", str(source), "-o", str(tmp_path / "a.csv"), "--workers", "1", "--quiet"])
    en = CliRunner().invoke(main, ["screen", str(source), "-o", str(tmp_path / "b.csv"), "--workers", "1", "--quiet",
                                   "--lang", "en"])
    assert zh.output.startswith("共 7 行,其中错误 0 行") and en.output.startswith("rows 7, errors 0")
    assert "最常缺少的信息:营业收入(1 行)" in zh.output and "rd.revenue" not in zh.output
    assert "most often missing: " in en.output and "rd.revenue" not in en.output
    head = zh.output.splitlines()[1]  # Chinese characters take two columns: the headings end where the numbers do
    first = zh.output.splitlines()[2]
    assert len(head.encode("gbk")) == len(first.encode("gbk"))


def test_a_writer_without_titles_labels_provisions_by_id(tmp_path: Path) -> None:
    from engine.batch.writers import open_writer

    writer = open_writer(str(tmp_path / "o.csv"), "csv", ["rd-grant"])
    writer.commit()
    paths, labels = _csv(tmp_path / "o.csv")
    assert paths[6:9] == ["rd-grant.status", "rd-grant.amount", "rd-grant.estimate"]
    assert labels[6:9] == ["rd-grant·结论", "rd-grant·金额(元)", "rd-grant·测算"]


def test_the_identity_of_a_failed_row_keeps_what_reads_and_what_was_typed() -> None:
    from engine.intake.cells import identity

    cells = {"application_id": " A-1 ", "applicant.name": "好公司", "applicant.city_code": "青岛", "rd.expense": "-5"}
    assert identity(cells) == {"id": "A-1", "name": "好公司", "uscc": None, "city": "370200"}
    assert identity({"applicant.city_code": "火星"})["city"] == "火星"  # unreadable: as typed, so the row can be found
    doc = {"application_id": 7, "applicant": {"name": "X", "uscc": ["?"], "city_code": "370102"}}
    assert identity(None, doc) == {"id": "7", "name": "X", "uscc": None, "city": "370102"}
    assert identity(None, ["not", "an", "object"]) == {"id": None, "name": None, "uscc": None, "city": None}
