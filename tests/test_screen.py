"""Batch screening: every row accounted for, same answers as `check`, resumable after a kill, safe spreadsheets."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from engine import Evaluator, parse_application
from engine.batch.screen import ScreenOptions, screen
from engine.intake.tables import read_rows
from schemas.application import FIELDS

from helpers import ROOT, kill_screening_midway, make_rows, read_output_csv, write_csv

def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_row_yields_one_record_in_order_even_bad_ones(tmp_path: Path) -> None:
    rows = make_rows(1000, bad=30)  # bad USCC, enum, negative, text number, empty id, date: 5 of each
    rows[500]["application_id"] = rows[499]["application_id"]  # and a duplicate id
    source = write_csv(tmp_path / "apps.csv", rows)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.csv"
    summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), errors_path=str(errors), workers=2))
    records = read_jsonl(out)
    assert len(records) == 1000 and summary.rows == 1000
    assert [r["row"] for r in records] == list(range(2, 1002))
    failed = [r for r in records if r["status"] == "error"]
    assert len(failed) == summary.errors == 30
    kinds = {e["type"] for r in failed for e in r["errors"]}
    assert {"uscc_check_character", "greater_than_equal", "cell_value", "missing",
            "iso_date"} <= kinds
    assert all(e["loc"] and e["msg"]["en"] for r in failed for e in r["errors"])
    dup = [r for r in records if any(f["type"] == "duplicate_application_id" for f in r["flags"])]
    assert [r["row"] for r in dup] == [501, 502]
    error_lines = read_output_csv(errors)
    assert {int(e["row"]) for e in error_lines} == {r["row"] for r in failed}


def test_batch_results_equal_check_results(tmp_path: Path, durable: Evaluator) -> None:
    rows = make_rows(60)
    source = write_csv(tmp_path / "apps.csv", rows)
    out = tmp_path / "out.jsonl"
    screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=2))
    from engine.intake.cells import from_cells

    for record, cells in zip(read_jsonl(out), rows):
        expected = durable.evaluate(parse_application(from_cells(cells))).to_json_dict()
        got = {k: v for k, v in record.items() if k not in ("row", "status", "flags")}
        for doc in (got, expected):
            del doc["audit"]["evaluated_at"]  # the one thing that differs between two runs
        assert got == expected


def test_one_worker_and_two_workers_write_identical_files(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "apps.csv", make_rows(300, bad=30))
    for workers in (1, 2):
        screen(ScreenOptions(str(source), str(tmp_path / f"w{workers}.csv"), str(ROOT / "rules"), workers=workers))
    assert (tmp_path / "w1.csv").read_bytes() == (tmp_path / "w2.csv").read_bytes()


def test_resume_after_sigkill_gives_the_uninterrupted_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "apps.csv", make_rows(4000, bad=30))
    whole = tmp_path / "whole.csv"
    screen(ScreenOptions(str(source), str(whole), str(ROOT / "rules"), workers=1, lang="en"))
    out = tmp_path / "out.csv"
    journal = kill_screening_midway(source, out, 1, 200_000)
    done_before = len(journal.read_text(encoding="utf-8").splitlines()) - 1
    assert 0 < done_before < 4000
    result = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "2", "--resume", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "from the interrupted run" in result.output
    assert out.read_bytes() == whole.read_bytes()
    assert not journal.exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_bom_and_gb18030_csv_are_read(tmp_path: Path, encoding: str) -> None:
    rows = make_rows(3)
    rows[0]["applicant.name"] = "青岛海尔机器人有限公司"
    source = write_csv(tmp_path / "apps.csv", rows, encoding)
    read = list(read_rows(str(source), "csv"))
    assert [r.cells["applicant.name"] for r in read][0] == "青岛海尔机器人有限公司"  # type: ignore[index]
    assert [r.number for r in read] == [2, 3, 4]


def test_chinese_headers_and_the_template_label_row(tmp_path: Path) -> None:
    template = tmp_path / "template.csv"
    assert CliRunner().invoke(main, ["template", "-o", str(template)]).exit_code == 0
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    row = make_rows(1)[0]
    with open(template, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow([row.get(path, "") for path in FIELDS])
    read = list(read_rows(str(template), "csv"))
    assert len(lines) == 2 and len(read) == 1 and read[0].number == 3
    zh = tmp_path / "zh.csv"
    zh.write_text("申请编号,统一社会信用代码,研发费用\nZ-1,91370200264574251E,100\n", encoding="utf-8")
    assert next(read_rows(str(zh), "csv")).cells == {"application_id": "Z-1", "applicant.uscc": "91370200264574251E",
                                                     "rd.expense": "100"}


def test_unknown_columns_are_named_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "apps.csv"
    source.write_text("application_id,rd.expens,foo\nA,1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["screen", str(source), "-o", str(tmp_path / "o.csv"), "--lang", "en"])
    assert result.exit_code == 2
    assert "rd.expens" in result.output and "foo" in result.output
    assert not (tmp_path / "o.csv").exists()


def test_strict_exits_1_when_a_row_had_an_error(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "apps.csv", make_rows(40, bad=30))
    args = ["screen", str(source), "-o", str(tmp_path / "o.csv"), "--workers", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, [*args, "--strict"]).exit_code == 1


def test_formula_like_cells_come_out_neutralised(tmp_path: Path) -> None:
    rows = make_rows(4)
    for row, evil in zip(rows, ["=1+1", "+SUM(A1)", "-2+3", "@cmd"]):
        row["applicant.name"] = evil
    source = write_csv(tmp_path / "apps.csv", rows)
    out = tmp_path / "out.xlsx"
    screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=1))
    screen(ScreenOptions(str(source), str(tmp_path / "out.csv"), str(ROOT / "rules"), workers=1))
    from openpyxl import load_workbook

    # XLSX: string cells, never formulas, with exactly the text given (an apostrophe would become part of it).
    sheet = load_workbook(out).worksheets[0]  # rows 1 and 2: the header (paths, labels)
    assert [sheet.cell(row=r, column=3).value for r in range(3, 7)] == ["=1+1", "+SUM(A1)", "-2+3", "@cmd"]
    assert all(sheet.cell(row=r, column=3).data_type == "s" for r in range(3, 7))
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for row in sheet.iter_rows() for c in row)
    # CSV has no cell types: there the apostrophe is what stops a spreadsheet from running the text.
    names = [r["applicant.name"] for r in read_output_csv(tmp_path / "out.csv")]
    assert names == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd"]


def test_xlsx_keeps_a_formula_like_text_exactly_as_a_string(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from engine.batch.writers import Layout, open_writer

    rec = {"row": 2, "status": "error", "id": "=SUM(A1)", "name": "+8653112345678", "uscc": None, "city": None,
           "errors": [{"loc": "x", "type": "t", "msg": {"en": "-1", "zh": "@a"}, "input": "=SUM(A1)"}], "flags": []}
    for fmt in ("xlsx", "csv"):
        writer = open_writer(str(tmp_path / f"e.{fmt}"), fmt, ["rd-grant"], errors_only=True,
                             layout=Layout(["rd-grant"], header="paths"))
        writer.write(rec)
        writer.commit()
    cells = list(load_workbook(tmp_path / "e.xlsx").worksheets[0].iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in cells if isinstance(c.value, str)] == [
        ("=SUM(A1)", "s"), ("x", "s"), ("t", "s"), ("-1", "s"), ("@a", "s"), ("=SUM(A1)", "s")]
    with open(tmp_path / "e.csv", encoding="utf-8-sig") as fh:
        assert next(csv.DictReader(fh))["input"] == "'=SUM(A1)"


def test_xlsx_in_and_out_round_trip(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    rows = make_rows(25, bad=30)
    book = Workbook()
    sheet = book.active
    sheet.append(list(FIELDS))
    for row in rows:  # numbers as numbers, as Excel stores them
        sheet.append([int(v) if v.isdigit() and not k.endswith(("code", "uscc", "id")) else v
                      for k, v in ((k, row.get(k, "")) for k in FIELDS)])
    book.save(tmp_path / "apps.xlsx")
    write_csv(tmp_path / "apps.csv", rows)
    screen(ScreenOptions(str(tmp_path / "apps.xlsx"), str(tmp_path / "a.xlsx"), str(ROOT / "rules"), workers=1))
    screen(ScreenOptions(str(tmp_path / "apps.csv"), str(tmp_path / "b.xlsx"), str(ROOT / "rules"), workers=1))
    a = [list(r) for r in load_workbook(tmp_path / "a.xlsx").worksheets[0].iter_rows(values_only=True)]
    b = [list(r) for r in load_workbook(tmp_path / "b.xlsx").worksheets[0].iter_rows(values_only=True)]
    assert len(a) == 2 + 25 and a == b


def test_html_report_is_self_contained_and_escapes_input(tmp_path: Path) -> None:
    rows = make_rows(10)
    rows[0]["applicant.city_code"] = "370102"
    source = write_csv(tmp_path / "apps.csv", rows)
    report = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["screen", str(source), "-o", str(tmp_path / "o.csv"), "--report", str(report),
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    assert 'class="bars"' in html and "济南" in html and "Status per provision" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in html


def test_duplicate_ids_and_claims_are_flagged_on_every_row_involved() -> None:
    from engine.batch.duplicates import Duplicates

    def rec(row: int, app_id: str, uscc: str, **statuses: str) -> dict[str, Any]:
        return {"row": row, "status": "evaluated", "id": app_id, "uscc": uscc,
                "p": {pid: [statuses.get(pid.replace("-", "_"), "ineligible"), None] for pid in ("rd-grant", "scenario-award")}}

    records = [
        rec(2, "A-1", "U1", rd_grant="eligible"),
        rec(3, "A-2", "U1", rd_grant="undetermined", scenario_award="eligible"),  # U1 claims rd-grant twice
        rec(4, "A-3", "U2", scenario_award="eligible"),
        rec(5, "A-4", "U2", rd_grant="eligible"),  # same USCC, different provisions: no conflict
        rec(6, "A-1", "U3"),  # an id used again; claims nothing
        {"row": 7, "status": "error", "id": "A-1", "uscc": "U1", "errors": []},  # an error row claims nothing
    ]
    dups = Duplicates(["rd-grant", "scenario-award"])
    for r in records:
        dups.add(r)
    assert dups.finish() == (3, 2)
    flags = {r["row"]: dups.flags(r) for r in records}
    assert flags[2] == [{"type": "duplicate_application_id", "rows": [2, 6, 7], "count": 3},
                        {"type": "duplicate_claim", "uscc": "U1", "provisions": ["rd-grant"], "rows": [3], "count": 1}]
    assert flags[3] == [{"type": "duplicate_claim", "uscc": "U1", "provisions": ["rd-grant"], "rows": [2], "count": 1}]
    assert flags[4] == flags[5] == []
    assert [f["type"] for f in flags[6]] == [f["type"] for f in flags[7]] == ["duplicate_application_id"]


def test_hostile_jsonl_lines_become_error_records_and_the_batch_goes_on(tmp_path: Path, full: dict) -> None:
    lines = [json.dumps(full), "[" * 100_000, '{"application_id": ' + "9" * 5000 + "}", json.dumps(full)]
    source = tmp_path / "apps.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules")))
    records = read_jsonl(out)
    assert [r["status"] for r in records] == ["evaluated", "error", "error", "evaluated"] and summary.errors == 2
    assert "nested too deeply" in records[1]["errors"][0]["msg"]["en"]
    assert "5,000 digits" in records[2]["errors"][0]["msg"]["en"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_even_after_a_multi_line_cell(tmp_path: Path) -> None:
    source = tmp_path / "apps.csv"
    source.write_text('application_id,applicant.name\nA-1,"two\nlines"\nA-2,x\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    screen(ScreenOptions(str(source), str(out), str(ROOT / "rules")))
    assert [(r["row"], r["application_id"]) for r in read_jsonl(out)] == [(2, "A-1"), (3, "A-2")]


def test_report_names_each_reason_with_its_provision_and_parameter_values() -> None:
    from engine.render.html_report import render_report
    from engine.batch.screen import Summary

    summary = Summary(["rd-grant", "scenario-award"])
    summary.failed.update({"rd-grant:rd-intensity": 7, "rd-grant:is-enterprise": 3, "scenario-award:is-enterprise": 2})
    html = render_report(summary.to_dict(), "apps.csv", str(ROOT / "rules"))
    assert "研发投入补助:研发投入强度不低于 3%" in html and "R&amp;D investment grant: R&amp;D intensity" in html
    assert "{" not in html.split("<body>")[1].replace("{}", "")  # no unfilled {parameter}
    assert html.count("申请单位为企业") == 2  # once per provision, each named
