"""`subsidy rules validate` speaks to policy staff: Chinese by default, lines and 1-based places, "did you mean",
YAML slips in plain words with the line shown, and every independent problem of a file in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.policy.lint import lint_rules
from engine.rules.suggest import closest, distance
from helpers import edit

RUNNER = CliRunner()
GUIDE_CRITERION = ("  - use: not-dishonest-listed",  # the guide's example, misspelt, as the 8th criterion
                   "  - id: enough-employees\n    label:\n      zh: 从业人数不少于 20 人\n"
                   "      en: At least 20 employees\n    when: {field: applicant.employes, gte: 20}\n"
                   "  - use: not-dishonest-listed")


def validate(rules: Path, *args: str) -> tuple[int, list[str]]:
    result = RUNNER.invoke(main, ["rules", "validate", str(rules), *args])
    return result.exit_code, result.output.splitlines()


def test_a_misspelt_field_is_named_in_chinese_with_line_place_and_suggestion(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", *GUIDE_CRITERION)
    code, lines = validate(rules_copy)
    line_no = next(i for i, t in enumerate((rules_copy / "rd-grant.yaml").read_text(encoding="utf-8").splitlines(), 1)
                   if "applicant.employes" in t)
    head = next(t for t in lines if "applicant.employes" in t and t.startswith("错误"))
    assert code == 1
    assert head.startswith(f"错误:rules/rd-grant.yaml 第 {line_no} 行第 5 列,")
    # the 8th item of criteria, counted from 1 and named by its id
    assert "第 8 条判定条件 (enough-employees) › when:未知字段 'applicant.employes';是否应为 applicant.employees?" in head
    shown = lines[lines.index(head) + 1:lines.index(head) + 3]
    assert shown == [f"    {line_no} |     when: {{field: applicant.employes, gte: 20}}", "       |     ^"]
    assert lines[-1].endswith("1 个错误,0 个警告")
    _, english = validate(rules_copy, "--lang", "en")
    assert any(f"rules/rd-grant.yaml:{line_no}:5: criterion 8 (enough-employees) › when: unknown field "
               "'applicant.employes'; did you mean applicant.employees?" in t for t in english)


def test_the_language_follows_subsidy_lang(rules_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(rules_copy, "rd-grant.yaml", *GUIDE_CRITERION)
    monkeypatch.setenv("SUBSIDY_LANG", "en")
    assert validate(rules_copy)[1][-1].endswith("1 error(s), 0 warning(s)")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("{param: min_rd_intensity}", "{param: min_rd_intensty}", "是否应为 'min_rd_intensity'?"),
        ("  - use: robot-industry", "  - use: robot-industy", "definitions.yaml 中没有判定条件 'robot-industy';是否应为 'robot-industry'?"),
        ("    label:\n      zh: 申报的", "    lable:\n      zh: 申报的", "未知的键 'lable';是否应为 'label'?"),
        ("effective: plan", "effective: plam", "没有时间窗口 'plam';是否应为 'plan'?"),
        ("then: {field: rd.expense, gt: {field: rd.expense_prev}}", "then: {field: rd.expense, gtee: {field: rd.expense_prev}}",
         "实际的键为 field, gtee;是否应为 'gte'?"),
    ],
)
def test_did_you_mean_for_parameters_criteria_keys_windows_and_operators(
        rules_copy: Path, old: str, new: str, words: str) -> None:
    edit(rules_copy, "rd-grant.yaml", old, new)
    code, lines = validate(rules_copy)
    assert code == 1 and any(words in t for t in lines), lines


def test_a_provision_id_misspelt_in_the_pack_gets_a_suggestion(rules_copy: Path) -> None:
    edit(rules_copy, "pack.yaml", "  - rd-grant\n", "  - rd-grnat\n")
    _, lines = validate(rules_copy)
    assert any("rules/rd-grnat.yaml" in t and "文件不存在;是否应为 'rd-grant'?" in t for t in lines), lines


@pytest.mark.parametrize(
    ("old", "new", "words", "line", "column"),
    [
        ("  cap:\n", "   cap:\n", "缩进不对", None, None),
        ("  cap:\n", "\tcap:\n", "制表符", None, 1),
        ("  rounding: down", "  rounding: 'down", "引号没有闭合", None, 13),
        ("departments:\n  lead: [省科技厅, 省工业和信息化厅]", "departments:\n  lead: [省科技厅, 省工业和信息化厅",
         "括号没有闭合", None, None),
        ("  rounding: down", "  rounding: down: up", "这里不能出现冒号", None, None),
        ("  - use: in-shandong\n", "  - use: in-shandong\n  - use: in-shandong\n    use: robot-industry\n",
         "键 'use' 重复出现", None, 5),
    ],
)
def test_yaml_slips_are_said_in_plain_words_with_the_line_and_a_caret(
        rules_copy: Path, old: str, new: str, words: str, line: int | None, column: int | None) -> None:
    edit(rules_copy, "rd-grant.yaml", old, new)
    code, lines = validate(rules_copy)
    head = next(t for t in lines if words in t)
    assert code == 1 and head.startswith("错误:rules/rd-grant.yaml 第 ")
    assert "expected <block end>" not in "\n".join(lines) and "<block" not in "\n".join(lines)
    number = int(head.split(" 第 ")[1].split(" 行")[0])
    source = (rules_copy / "rd-grant.yaml").read_text(encoding="utf-8").splitlines()[number - 1]
    assert lines[lines.index(head) + 1] == f"    {number} | {source.rstrip()}"
    assert lines[lines.index(head) + 2].endswith("^")
    if column is not None:
        assert f"第 {number} 行第 {column} 列" in head


def test_an_unquoted_decimal_does_not_hide_the_files_other_problems(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", '      2026-01-01: "0.10"', "      2026-01-01: 0.10")
    edit(rules_copy, "rd-grant.yaml", "rd.expense_prev}}", "rd.expense_previous}}")
    edit(rules_copy, "rd-grant.yaml", "  - use: robot-industry", "  - use: robot-industy")
    problems = [p for p in lint_rules(rules_copy) if p.path.endswith("rd-grant.yaml")]
    assert {p.key for p in problems} == {"parameters.rate.values.2026-01-01", "criteria.2.use", "criteria.4.when.then.gt"}
    decimal = next(p for p in problems if p.key.startswith("parameters"))
    assert decimal.text("zh") == '小数 0.10 没有加引号:请写成 "0.10",以保持精确'


def test_a_criterion_with_a_broken_shape_does_not_hide_the_other_criteria(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "then: {field: rd.expense, gt: {field: rd.expense_prev}}",
         "then: {field: rd.expense, bigger: {field: rd.expense_prev}}")
    edit(rules_copy, "rd-grant.yaml", "{param: min_rd_intensity}", "{param: min_rd_intensty}")
    keys = {p.key for p in lint_rules(rules_copy) if p.severity == "error"}
    assert keys == {"criteria.4.when", "criteria.6.when.gte"}


def test_every_problem_is_worded_in_both_languages(rules_copy: Path) -> None:
    edit(rules_copy, "accelerator-park.yaml", "2026-01-01: 6000000", "2026-01-01: 0")
    edit(rules_copy, "rd-grant.yaml", '      2026-01-01: "0.10"', '      2027-01-01: "0.12"\n      2026-01-01: "0.10"')
    edit(rules_copy, "platform-upgrade.yaml", "lte: {field: as_of}", "lte: 5")
    problems = lint_rules(rules_copy)
    assert len(problems) == 3
    for p in problems:
        assert p.zh and p.zh != p.message and p.place_zh and p.line
    assert {p.zh for p in problems} >= {"cap 必须是正数", "各版本没有按日期排列;请从最早的写起"}
    assert any("把日期与数字相比较(lte)" == p.zh for p in problems)


def test_suggestions_come_from_edit_distance() -> None:
    assert distance("employes", "employees") == 1 and distance("gtt", "gt") == 1 and distance("ab", "ba") == 1
    assert closest("applicant.employes", ["applicant.employees", "applicant.kind"]) == "applicant.employees"
    assert closest("kind", ["revenue", "expense"]) is None


def test_a_broken_definitions_file_does_not_hide_the_provision_files_problems(rules_copy: Path) -> None:
    edit(rules_copy, "definitions.yaml", "eq: enterprise}", "eq: enterprise")
    edit(rules_copy, "rd-grant.yaml", "  rounding: down", "  rounding: down\n\tspare: 1")
    code, lines = validate(rules_copy)
    assert code == 1 and lines[-1].endswith("2 个错误,0 个警告"), lines
    assert any(t.startswith("错误:rules/definitions.yaml 第 ") and "括号没有闭合" in t for t in lines)
    assert any(t.startswith("错误:rules/rd-grant.yaml 第 ") and "制表符" in t for t in lines)


def test_check_against_a_broken_draft_names_file_line_and_place_in_chinese(rules_copy: Path, tmp_path: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "rd.expense_prev}}", "rd.expense_previous}}")
    app = tmp_path / "app.json"
    app.write_text('{"application_id": "A"}', encoding="utf-8")
    out = RUNNER.invoke(main, ["check", str(app), "--rules", str(rules_copy)])
    assert out.exit_code == 2
    assert out.output.startswith("错误: rules/rd-grant.yaml 第 ")
    assert "第 5 条判定条件 (expense-grew) › when.then.gt:未知字段 'rd.expense_previous';是否应为 rd.expense_prev?" in out.output


def test_scenarios_against_a_broken_draft_name_the_problem_not_a_pytest_failure(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "{param: min_rd_intensity}", "{param: min_rd_intensty}")
    out = RUNNER.invoke(main, ["test", "--rules", str(rules_copy), "--lang", "en"])
    assert out.exit_code == 2
    assert out.output.startswith("Error: rules/rd-grant.yaml:")
    assert "undefined parameter 'min_rd_intensty'; did you mean 'min_rd_intensity'?" in out.output
