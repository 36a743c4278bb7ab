"""An amount that rests on an assumption parameter is never shown without its estimate mark, in any output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from cli import main
from helpers import FULL, make_rows, read_output_csv, write_csv

RUNNER = CliRunner()


def test_check_marks_the_estimate_in_every_format(tmp_path: Path) -> None:
    app = tmp_path / "app.json"
    app.write_text(json.dumps(FULL, ensure_ascii=False), encoding="utf-8")
    doc = json.loads(RUNNER.invoke(main, ["check", str(app), "--format", "json"]).output)
    by_id = {r["provision"]: r for r in doc["results"]}
    assert by_id["rd-grant"]["estimate"] is True and by_id["rd-grant"]["assumptions"][0]["zh"]
    assert by_id["lukedai-interest"]["estimate"] is False and by_id["lukedai-interest"]["assumptions"] == []
    text = RUNNER.invoke(main, ["check", str(app)]).output
    assert "研发投入补助 (rd-grant) — 400,000 元(测算)" in text and "测算 400,000 元" in text
    assert "核定 400,000 元" not in text
    english = RUNNER.invoke(main, ["check", str(app), "--lang", "en"]).output
    assert "400,000 yuan (estimate)" in english
    markdown = RUNNER.invoke(main, ["check", str(app), "--format", "markdown"]).output
    assert "400,000 元 (测算)" in markdown


def test_screening_outputs_mark_the_estimate(tmp_path: Path) -> None:
    rows = make_rows(6)
    for row in rows:
        row["rd.expense"] = "12000000"  # grown on 8,000,000: the R&D grant pays where the rest allows
    source = write_csv(tmp_path / "apps.csv", rows)
    for out in ("out.csv", "out.xlsx"):
        result = RUNNER.invoke(main, ["screen", str(source), "-o", str(tmp_path / out), "--quiet",
                                      "--report", str(tmp_path / f"{out}.html")])
        assert result.exit_code == 0, result.output
    rows = read_output_csv(tmp_path / "out.csv")
    paid = [r for r in rows if r["rd-grant.amount"]]
    assert paid and all(r["rd-grant.estimate"] == "测算" for r in paid)
    assert all(not r["lukedai-interest.estimate"] for r in rows)  # its figures are sourced, not assumed
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    column = header.index("rd-grant.estimate")
    assert {row[column].value for row in sheet.iter_rows(min_row=3) if row[column - 1].value} == {"测算"}
    assert "测算" in (tmp_path / "out.csv.html").read_text(encoding="utf-8")
