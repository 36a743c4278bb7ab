"""The two HTML outputs (screening report, rule-change impact): escaped, dated by the screening, readable figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from cli import main
from engine.batch.screen import Summary
from engine.policy.diff import Impact, render_html
from engine.render.html_report import render_report
from helpers import ROOT, edit, make_rows, write_csv

EVIL = "<script>alert(1)</script>"


def _summary() -> Summary:
    summary = Summary(["rd-grant", "scenario-award"])
    summary.failed.update({"rd-grant:rd-intensity": 7, f"{EVIL}:x": 1})
    summary.missing.update({"rd.expense": 4, EVIL: 1})
    summary.by_city[EVIL] += 1_000
    return summary


def _impact() -> Impact:
    about = {"rules": EVIL, "pack": "p", "version": "1", "digest": "0" * 64}
    impact = Impact(about, about, ["rd-grant"])
    impact.add({"row": 2, "id": EVIL, "name": EVIL, "city": "370102",
                "p": {"rd-grant": ["ineligible", None, "eligible", 1_234_567, [["rd-intensity", "fail", "pass"]]]}})
    return impact


def test_a_script_in_any_value_is_escaped_in_both_reports() -> None:
    for html in (render_report(_summary().to_dict(), EVIL, str(ROOT / "rules")), render_html(_impact())):
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_impact_shows_amounts_with_separators_and_a_dash_for_none() -> None:
    html = render_html(_impact())
    assert "None" not in html
    assert "<td class=\"text\">不符合 —</td>" in html and "<td class=\"text\">符合 1,234,567</td>" in html
    assert "条件 rd-intensity 不通过→通过" in html  # the cause of the change
    english = render_html(_impact(), lang="en")
    assert "ineligible —" in english and "eligible 1,234,567" in english and "rd-intensity fail→pass" in english


def test_the_screening_report_names_missing_fields_by_label() -> None:
    html = render_report(_summary().to_dict(), "apps.csv", str(ROOT / "rules"))
    assert "研发费用 · R&amp;D expense — 4" in html and "<code>rd.expense</code>" not in html


def _new_threshold(rules: Path) -> None:
    """min_rd_intensity rises from 3% to 5% on 2027-06-01, inside rd-grant's window."""
    edit(rules, "rd-grant.yaml", '      2026-01-01: "0.03"', '      2026-01-01: "0.03"\n      2027-06-01: "0.05"')


def test_labels_use_the_screenings_as_of_date_not_the_hosts(rules_copy: Path) -> None:
    _new_threshold(rules_copy)
    summary = Summary(["rd-grant"])
    summary.failed.update({"rd-grant:rd-intensity": 3})
    before = render_report(summary.to_dict(), "apps.csv", str(rules_copy), dt.date(2027, 5, 31))
    after = render_report(summary.to_dict(), "apps.csv", str(rules_copy), dt.date(2027, 6, 1))
    # Whatever the host's date, one of the two differs from what date.today() would have given.
    assert "研发投入强度不低于 3%" in before and "评估日期 as of 2027-05-31" in before
    assert "研发投入强度不低于 5%" in after and "评估日期 as of 2027-06-01" in after


def test_screen_passes_its_as_of_to_the_report(rules_copy: Path, tmp_path: Path) -> None:
    _new_threshold(rules_copy)
    rows = make_rows(3)
    for row in rows:
        row["rd.expense"] = "8000000"  # 4% of revenue: meets 3%, fails 5%
    source = write_csv(tmp_path / "apps.csv", rows)
    for day, shown in (("2027-05-31", None), ("2028-03-31", "研发投入强度不低于 5%")):
        report = tmp_path / f"{day}.html"
        result = CliRunner().invoke(main, ["screen", str(source), "-o", str(tmp_path / "o.csv"), "--report",
                                           str(report), "--workers", "1", "--as-of", day, "--rules", str(rules_copy)])
        assert result.exit_code == 0, result.output
        html = report.read_text(encoding="utf-8")
        assert f"评估日期 as of {day}" in html
        if shown:
            assert shown in html
