"""The CLI as a user meets it: exit codes, one line per problem, the report formats, the rules commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

RUNNER = CliRunner()


@pytest.fixture
def app_file(tmp_path: Path, full: dict) -> Path:
    path = tmp_path / "app.json"
    path.write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_json_follows_the_output_contract(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert {"application_id", "as_of", "rules", "results", "total_amount"} <= set(doc)
    assert set(doc["rules"]) >= {"version", "digest"}
    first = doc["results"][1]
    assert {"provision", "status", "amount", "max_amount", "criteria", "missing", "citation"} <= set(first)
    assert first["provision"] == "rd-grant" and first["amount"] == 400000
    assert {"id", "result", "explanation"} <= set(first["criteria"][0])
    assert set(first["criteria"][0]["explanation"]) == {"zh", "en"}


def test_check_text_report_in_english(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--lang", "en"])
    assert out.exit_code == 0
    # The rate and the size threshold are assumptions: the amount is an estimate and says so.
    assert "[eligible] R&D investment grant (rd-grant) — 400,000 yuan (estimate) (cap 5,000,000 yuan)" in out.output
    assert "Plan 二(四)1: 鼓励机器人企业加大研发投入" in out.output
    assert "Total amount: 18,075,000 yuan" in out.output
    assert out.output.rstrip().endswith(
        "Totals: certain 18,075,000 yuan; pending review 0 yuan; up to 0 yuan more once the data is complete")


def test_check_markdown_in_chinese(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--format", "markdown"])
    assert out.exit_code == 0
    assert "| 研发投入补助 (`rd-grant`) | 符合 | 400,000 元 (测算) | 5,000,000 元 |" in out.output
    assert "合计:确定 18,075,000 元;待审核 0 元;信息补全后最多另有 0 元" in out.output


def test_as_of_option_overrides_the_file(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--format", "json", "--as-of", "2029-01-01"])
    doc = json.loads(out.output)
    assert doc["as_of"] == "2029-01-01"
    assert {r["status"] for r in doc["results"]} == {"not_in_effect"}


def test_check_reads_stdin(full: dict) -> None:
    out = RUNNER.invoke(main, ["check", "-", "--format", "json"], input=json.dumps(full))
    assert out.exit_code == 0 and json.loads(out.output)["application_id"] == "T-1"


def test_ineligible_is_still_exit_zero(full: dict) -> None:
    full["applicant"]["city_code"] = "110108"
    out = RUNNER.invoke(main, ["check", "-"], input=json.dumps(full))
    assert out.exit_code == 0 and "[不符合]" in out.output


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ('{"application_id": "A", "applicant": {"uscc": "91370200264574251F"}}',
         "  applicant.uscc  check character should be E, got F  (input '91370200264574251F')"),
        ('{"application_id": "A", "applicant": {"emploees": 3}}',
         "  applicant.emploees  unknown field; did you mean applicant.employees?  (input 3)"),
        ('{"application_id": "A", "rd": {"expense": -5}}', "  rd.expense  should not be less than 0  (input -5)"),
        ('{"application_id": "A", "rd": {"expense": "5"}}',
         "  rd.expense  should be a whole number of yuan  (input '5')"),
        ('{"application_id": "A",', "  (file)  is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 24"),
    ],
)
def test_bad_input_exits_2_with_one_line_per_problem(doc: str, expected: str) -> None:
    out = RUNNER.invoke(main, ["check", "-", "--lang", "en"], input=doc)
    assert out.exit_code == 2
    assert out.output.splitlines() == ["Error: - has 1 input error(s)", expected]


def test_missing_file_exits_2_without_traceback(tmp_path: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(tmp_path / "nope.json"), "--lang", "en"])
    assert out.exit_code == 2
    assert "cannot read the file: No such file or directory" in out.output
    assert "Traceback" not in out.output


def test_bad_as_of_is_a_usage_error(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--as-of", "2027-13-01", "--lang", "en"])
    assert out.exit_code == 2 and "'2027-13-01' is not a date written YYYY-MM-DD" in out.output


def test_bad_as_of_is_told_in_chinese_by_default(app_file: Path) -> None:
    out = RUNNER.invoke(main, ["check", str(app_file), "--as-of", "2027/03/31"])
    assert out.exit_code == 2 and "'2027/03/31' 不是 YYYY-MM-DD 格式的日期" in out.output


def test_broken_rules_dir_exits_2_naming_file(rules_copy: Path, app_file: Path) -> None:
    (rules_copy / "rd-grant.yaml").write_text("id: rd-grant\n", encoding="utf-8")
    out = RUNNER.invoke(main, ["check", str(app_file), "--rules", str(rules_copy), "--lang", "en"])
    assert out.exit_code == 2
    assert out.output.startswith("Error: rules/rd-grant.yaml: ")


def test_reference_engine_gives_the_same_json(app_file: Path) -> None:
    a = json.loads(RUNNER.invoke(main, ["check", str(app_file), "--format", "json"]).output)
    b = json.loads(RUNNER.invoke(main, ["check", str(app_file), "--format", "json", "--engine", "reference"]).output)
    assert a.pop("evaluator") == "durable_rules" and b.pop("evaluator") == "reference"
    audit_a, audit_b = a.pop("audit"), b.pop("audit")
    assert a == b
    assert audit_a["input_sha256"] == audit_b["input_sha256"] and audit_a["input"] == audit_b["input"]


def test_rules_list_and_show() -> None:
    listing = RUNNER.invoke(main, ["rules", "list", "--lang", "en"])
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.output.splitlines()[1:]] == [
        "scenario-award", "rd-grant", "platform-upgrade", "accelerator-park", "compute-voucher",
        "lukedai-interest", "lukebao-premium", "techloan-interest", "innovation-voucher", "high-tech-tax",
        "rd-super-deduction", "basic-research-deduction", "tech-sme-check", "high-tech-check",
        "st-plan-project"]
    shown = RUNNER.invoke(main, ["rules", "show", "rd-grant", "--as-of", "2027-01-01", "--lang", "en"])
    assert shown.exit_code == 0
    assert "when ratio(rd.expense, rd.revenue) gte {min_rd_intensity}" in shown.output
    assert "min_rd_intensity (ratio) 2026-01-01: 0.03 *" in shown.output
    missing = RUNNER.invoke(main, ["rules", "show", "rd-grants", "--lang", "en"])
    assert missing.exit_code == 2 and "no provision 'rd-grants'" in missing.output
    chinese = RUNNER.invoke(main, ["rules", "show", "rd-grant", "--as-of", "2027-01-01"])
    assert "有效期:     2026-01-01 至 2028-12-31" in chinese.output and "(* = 2027-01-01 有效的版本)" in chinese.output
    assert "  rate (ratio) 2026-01-01: 0.10 *  — 假设:补助比例按 10% 测算" in chinese.output


def test_schema_is_the_application_json_schema() -> None:
    out = RUNNER.invoke(main, ["schema"])
    schema = json.loads(out.output)
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["application_id"]
    assert "applicant" in schema["properties"]


def test_text_report_names_what_is_missing_once_per_provision() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "missing-data.json"
    out = RUNNER.invoke(main, ["check", str(example)])
    assert out.exit_code == 0
    block = out.output.split("(rd-grant)")[1].split("\n\n")[0]
    assert block.count("rd.revenue") == 2  # the summary line and the unknown criterion, no third "缺少:" line
    assert "尚缺信息:营业收入(rd.revenue)" in block and "缺少:" not in block
