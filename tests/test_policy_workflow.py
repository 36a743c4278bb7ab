"""Policy staff's tools: the rule linter, scenarios against a draft, rule coverage and the what-if diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.policy.diff import diff, render_markdown
from engine.policy.lint import lint_rules

from helpers import edit
from helpers import make_rows, write_csv

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
RUNNER = CliRunner()


def raise_rd_rate(rules: Path) -> None:
    edit(rules, "rd-grant.yaml", '      2026-01-01: "0.10"', '      2026-01-01: "0.10"\n      2027-01-01: "0.12"')


def test_linter_passes_the_shipped_rules() -> None:
    assert lint_rules(ROOT / "rules") == []


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "words"),
    [
        ("accelerator-park.yaml", "  - use: not-dishonest-listed",
         "  - id: few-firms\n    label: {zh: 少, en: few}\n    when: {field: park.incubated_firms, lt: 3}\n"
         "  - use: not-dishonest-listed", "criteria.5", "can never both hold"),
        ("rd-grant.yaml", '      2026-01-01: "0.10"', '      2027-01-01: "0.12"\n      2026-01-01: "0.10"',
         "parameters.rate.values", "not in date order"),
        ("accelerator-park.yaml", "2026-01-01: 6000000", "2026-01-01: 0", "parameters.cap.values.2026-01-01",
         "must be positive"),
        ("rd-grant.yaml", "then: {field: rd.expense, gt: {field: rd.expense_prev}}",
         "then: {field: rd.expense, gt: 2026-01-01}", "criteria.4.when.then.gt", "compares a number with a date"),
        ("high-tech-tax.yaml", "benefit:", "amount: {formula: 1, cap: 1, rounding: down}\nbenefit:", "",
         "either an amount or a benefit"),
        ("rd-grant.yaml", "  - use: robot-industry", "  - use: robot-industry\n  - use: robot-industry", "criteria",
         "appears twice"),
    ],
)
def test_linter_catches_each_error_class_with_file_line_and_key(
    rules_copy: Path, name: str, old: str, new: str, key: str, words: str
) -> None:
    edit(rules_copy, name, old, new)
    problems = [p for p in lint_rules(rules_copy) if p.severity == "error"]
    match = [p for p in problems if p.path.endswith(name) and words in p.message]
    assert match, [str(p) for p in problems]
    assert match[0].key == key
    if key:
        line = (rules_copy / name).read_text(encoding="utf-8").splitlines()[match[0].line - 1]
        assert key.split(".")[-1].split("-")[0] in line or key.startswith("criteria.")


def test_linter_reports_every_problem_not_just_the_first(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "rd.expense_prev}}", "rd.expense_previous}}")
    edit(rules_copy, "platform-upgrade.yaml", "lte: {field: as_of}", "lte: 5")
    edit(rules_copy, "compute-voucher.yaml", "2026-01-01: 5000000", "2026-01-01: -1")
    result = RUNNER.invoke(main, ["rules", "validate", str(rules_copy), "--lang", "en"])
    assert result.exit_code == 1
    assert "3 error(s)" in result.output.splitlines()[-1]
    assert "rules/rd-grant.yaml:" in result.output and "rules/platform-upgrade.yaml:" in result.output


def test_unused_parameter_is_a_warning_and_exits_0(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "parameters:\n", 'parameters:\n  spare:\n    unit: ratio\n    values:\n      2026-01-01: "0.5"\n')
    result = RUNNER.invoke(main, ["rules", "validate", str(rules_copy), "--lang", "en"])
    assert result.exit_code == 0
    assert "warning: rules/rd-grant.yaml:" in result.output and "0 error(s), 1 warning(s)" in result.output
    chinese = RUNNER.invoke(main, ["rules", "validate", str(rules_copy)])  # Chinese unless asked otherwise
    assert chinese.exit_code == 0 and "警告:rules/rd-grant.yaml 第 " in chinese.output
    assert "0 个错误,1 个警告" in chinese.output


def test_versioned_parameter_applies_from_its_date(rules_copy: Path, tmp_path: Path, full: dict) -> None:
    raise_rd_rate(rules_copy)
    app = tmp_path / "app.json"
    app.write_text(json.dumps(full), encoding="utf-8")
    before = RUNNER.invoke(main, ["check", str(app), "--rules", str(rules_copy), "--format", "json", "--as-of", "2026-12-31"])
    after = RUNNER.invoke(main, ["check", str(app), "--rules", str(rules_copy), "--format", "json", "--as-of", "2027-01-01"])
    # R&D grew by 4,000,000 (the fiscal-year criterion aside, the amount shows the rate in force).
    amounts = [next(r["amount_explanation"]["en"] for r in json.loads(o.output)["results"] if r["provision"] == "rd-grant")
               for o in (before, after) if json.loads(o.output)["results"][1]["amount_explanation"]]
    assert "12% × " in json.loads(after.output)["results"][1]["amount_explanation"]["en"]
    assert amounts and all("yuan" in a for a in amounts)


def test_scenarios_pass_on_the_rules_and_fail_readably_on_a_draft(rules_copy: Path) -> None:
    ok = RUNNER.invoke(main, ["test", str(DATA / "rd-grant-zh.feature"), "--lang", "en"])
    assert ok.exit_code == 0, ok.output
    assert "1 passed, 0 failed" in ok.output
    raise_rd_rate(rules_copy)
    chinese = RUNNER.invoke(main, ["test", "--rules", str(rules_copy), str(DATA / "rd-grant-zh.feature")])
    assert chinese.exit_code == 1 and "通过 0 个,失败 1 个" in chinese.output
    assert "  第 22 行的步骤:而且 \"rd-grant\" 的金额为 400000 元" in chinese.output
    bad = RUNNER.invoke(main, ["test", "--rules", str(rules_copy), str(DATA / "rd-grant-zh.feature"), "--lang", "en"])
    assert bad.exit_code == 1
    assert "0 passed, 1 failed" in bad.output
    assert "✗ 研发投入补助(草案测试用) / 研发投入增长 4,000,000 元,按 10% 补助 400,000 元" in bad.output
    assert "expected rd-grant amount 400000, got 480000" in bad.output
    assert "rd-intensity: pass — R&D intensity 6% ≥ 3%" in bad.output


def test_coverage_flags_a_criterion_no_scenario_fails() -> None:
    chinese = RUNNER.invoke(main, ["coverage", str(DATA / "rd-grant-demo.feature")])
    assert chinese.exit_code == 0 and "  rd-grant / rd-intensity:没有场景使它不通过 或 未知" in chinese.output
    assert "  rd-grant:符合(从未出现:不符合、未生效、可申报,待审核、待定);从未达到上限" in chinese.output
    result = RUNNER.invoke(main, ["coverage", str(DATA / "rd-grant-demo.feature"), "--min", "100", "--lang", "en"])
    assert result.exit_code == 1
    assert "rd-grant / rd-intensity: no scenario makes it fail or unknown" in result.output
    assert "rd-grant: eligible (never ineligible, not in effect, review, undetermined); cap never reached" in result.output


def test_diff_reports_exactly_the_changed_rd_grants(rules_copy: Path, tmp_path: Path) -> None:
    raise_rd_rate(rules_copy)
    rows = make_rows(40, bad=2)
    for i, row in enumerate(rows):
        row["rd.expense"] = str(12_000_000 + 977 * i)  # grown on 8,000,000: eligible where the rest allows
    source = write_csv(tmp_path / "apps.csv", rows)
    impact = diff(str(ROOT / "rules"), str(rules_copy), str(source), workers=2).to_dict()
    assert impact["applications"] == 40 and impact["errors"] == 1
    grant = impact["provisions"]["rd-grant"]
    changed = [a for a in impact["affected"]]
    assert all([c["provision"] for c in a["changes"]] == ["rd-grant"] for a in changed)
    # every eligible R&D grant moves from 10% to 12% of the increase (rows differ in expense)
    expected_delta = 0
    for a in changed:
        ch = a["changes"][0]
        assert ch["before"]["status"] == ch["after"]["status"] == "eligible"
        expected_delta += ch["after"]["amount"] - ch["before"]["amount"]
        increase = int(rows[a["row"] - 2]["rd.expense"]) - 8_000_000
        assert (ch["before"]["amount"], ch["after"]["amount"]) == (increase * 10 // 100, increase * 12 // 100)
    assert grant["amount_delta"] == impact["total_delta"] == expected_delta > 0
    assert {p for p, v in impact["provisions"].items() if v["amount_delta"]} == {"rd-grant"}
    for fmt in ("text", "markdown", "json", "html"):
        out = RUNNER.invoke(main, ["diff", "--base", str(ROOT / "rules"), "--proposed", str(rules_copy), str(source),
                                   "--format", fmt, "--workers", "1"])
        shown = f'"total_delta": {expected_delta}' if fmt == "json" else f"{expected_delta:+,}"
        assert out.exit_code == 0 and shown in out.output


def test_diff_lists_rows_that_cannot_be_read_as_errors(rules_copy: Path, tmp_path: Path) -> None:
    rows = make_rows(3)
    rows[1]["rd.expense"] = "lots"
    impact = diff(str(ROOT / "rules"), str(rules_copy), str(write_csv(tmp_path / "a.csv", rows))).to_dict()
    assert (impact["applications"], impact["errors"], impact["affected"]) == (3, 1, [])


def test_worked_draft_example_scenarios_and_impact(monkeypatch: pytest.MonkeyPatch) -> None:
    draft, feature = ROOT / "examples/drafts/rd-rate-2027", ROOT / "examples/drafts/rd-rate-2027.zh.feature"
    assert lint_rules(draft) == []
    assert RUNNER.invoke(main, ["test", "--rules", str(draft), str(feature)]).exit_code == 0
    on_rules = RUNNER.invoke(main, ["test", str(feature), "--lang", "en"])
    assert on_rules.exit_code == 1 and "expected rd-grant amount 1104000, got 920000" in on_rules.output

    from engine import Evaluator, load_rulebook, parse_application
    from engine.intake.cells import from_cells
    from engine.intake.tables import read_rows

    batch = ROOT / "examples/sample-batch.csv"
    monkeypatch.chdir(ROOT)  # the report names the rule directories as the command was given them
    result = diff("rules", "examples/drafts/rd-rate-2027", "examples/sample-batch.csv", workers=1)
    impact = result.to_dict()
    evaluator = Evaluator(load_rulebook(ROOT / "rules"))
    expected: dict[int, tuple[int, int]] = {}
    for row in read_rows(str(batch), "csv"):
        try:
            app = parse_application(from_cells(row.cells or {}, row=row.number))
        except Exception:
            continue
        grant = evaluator.evaluate(app).result("rd-grant")
        if grant.status in ("eligible", "review") and app.as_of and app.as_of.year >= 2027:
            # Firms with revenue of 200,000,000 or more are paid on the increase, smaller ones on the total.
            large = app.rd.revenue >= 200_000_000  # type: ignore[union-attr,operator]
            base = app.rd.expense - app.rd.expense_prev if large else app.rd.expense  # type: ignore[union-attr,operator]
            after = min(5_000_000, base * 12 // 100)
            if after != grant.amount:
                expected[row.number] = (grant.amount, after)  # type: ignore[assignment]
    got = {a["row"]: (a["changes"][0]["before"]["amount"], a["changes"][0]["after"]["amount"])
           for a in impact["affected"]}
    assert got == expected and len(got) > 10
    assert impact["total_delta"] == sum(after - before for before, after in expected.values())
    # Every changed amount of this rate-only draft is put down to the rate, in every format.
    cause = {"kind": "parameter", "parameter": "rate", "before": "0.10", "after": "0.12", "from": "2027-01-01"}
    assert all(ch["causes"] == [cause] for a in impact["affected"] for ch in a["changes"])
    assert impact["provisions"]["rd-grant"]["causes"] == [
        {"causes": [cause], "applications": len(got), "amount_delta": impact["total_delta"]}]
    # The committed report is this command's output: regenerate it when the diff's output changes.
    report = (ROOT / "examples/drafts/rd-rate-2027-impact.md").read_text(encoding="utf-8")
    assert report == render_markdown(result) + "\n"
    assert f"金额合计变化:{impact['total_delta']:+,} 元" in report
