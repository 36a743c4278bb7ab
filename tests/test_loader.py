"""Rule files are untrusted: each kind of mistake is a RuleFileError naming the file and the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine import Evaluator, RuleFileError, load_rulebook, parse_application
from helpers import edit


def error_of(rules: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rulebook(rules)
    return info.value


@pytest.mark.parametrize(
    ("name", "old", "new", "file", "key", "words"),
    [
        ("rd-grant.yaml", "rd.expense_prev}", "rd.expense_previous}", "rd-grant.yaml", "criteria.4.when.then.gt",
         "unknown field 'rd.expense_previous'"),
        ("rd-grant.yaml", "{param: min_rd_intensity}", "{param: min_intensity}", "rd-grant.yaml", "criteria.6.when.gte",
         "undefined parameter 'min_intensity'"),
        ("platform-upgrade.yaml", "lte: {field: as_of}", "lte: 5", "platform-upgrade.yaml",
         "criteria.5.when.lte", "compares a date with a number"),
        ("definitions.yaml", "eq: enterprise", "eq: company", "definitions.yaml", "criteria.is-enterprise.when.eq",
         "'company' is not one of"),
        ("rd-grant.yaml", '2026-01-01: "0.10"', "2026-01-01: 0.10", "rd-grant.yaml", "parameters.rate.values.2026-01-01",
         'the decimal 0.10 is not quoted: write "0.10"'),
        ("rd-grant.yaml", "2026-01-01: 5000000", "2026-1-1: 5000000", "rd-grant.yaml", "parameters.cap",
         "is not a date"),
        ("rd-grant.yaml", "年度最高500万元补助。", "年度最高600万元补助。", "rd-grant.yaml", "citation.text",
         "not found verbatim"),
        ("rd-grant.yaml", "  rounding: down", "  rounding: nearest", "rd-grant.yaml", "amount.rounding", "'down'"),
        ("rd-grant.yaml", "id: rd-grant", "id: rd-grants", "rd-grant.yaml", "id", "named for 'rd-grant'"),
        ("rd-grant.yaml", "  - use: robot-industry", "  - use: robots", "rd-grant.yaml", "criteria.2.use",
         "no criterion 'robots'"),
        ("rd-grant.yaml", "      then: {field: rd.expense, gt: {field: rd.expense_prev}}",
         "      then: {field: rd.expense, bigger: {field: rd.expense_prev}}", "rd-grant.yaml", "criteria.4.when",
         "one subject"),
        ("rd-grant.yaml", "effective: plan", "effective: plans", "rd-grant.yaml", "effective", "no window 'plans'"),
        ("rd-grant.yaml", "departments:", "department:", "rd-grant.yaml", "department", "unknown key"),
        ("high-tech-tax.yaml", "benefit:", "benefits:", "high-tech-tax.yaml", "benefits", "unknown key"),
        ("rd-grant.yaml", "      2026-01-01: \"0.03\"", "      2026-01-01: \"0.03\"\n      2027-01-01: \"0.03\"\n      2027-01-01: \"0.04\"",
         "rd-grant.yaml", "", "duplicate key"),
    ],
)
def test_broken_rule_file_names_file_and_key(
    rules_copy: Path, name: str, old: str, new: str, file: str, key: str, words: str
) -> None:
    edit(rules_copy, name, old, new)
    err = error_of(rules_copy)
    assert err.path.endswith(file)
    assert err.key == key
    assert words in err.message
    assert err.exit_code == 2


def test_yaml_aliases_are_refused_with_the_line(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", "  lead: [省科技厅, 省工业和信息化厅]", "  lead: &who [省科技厅]\n  responsible: *who")
    err = error_of(rules_copy)
    lines = (rules_copy / "rd-grant.yaml").read_text(encoding="utf-8").splitlines()
    assert "aliases" in err.message
    assert err.line is not None and "who" in lines[err.line - 1]


def test_a_stray_rule_file_is_an_error_not_ignored(rules_copy: Path) -> None:
    (rules_copy / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    assert "not listed under provisions" in error_of(rules_copy).message


def test_oversized_rule_file_is_refused(rules_copy: Path) -> None:
    (rules_copy / "rd-grant.yaml").write_text("# " + "x" * 300_000, encoding="utf-8")
    assert "limited to" in error_of(rules_copy).message


def test_parameter_without_a_value_when_provision_starts(rules_copy: Path) -> None:
    edit(rules_copy, "rd-grant.yaml", '2026-01-01: "0.10"', '2027-01-01: "0.10"')
    err = error_of(rules_copy)
    assert (err.key, "no value in force on 2026-01-01" in err.message) == ("parameters.rate", True)


def test_two_rule_sets_side_by_side_give_independent_results(rules_copy: Path, rulebook, full: dict) -> None:
    edit(rules_copy, "rd-grant.yaml", '2026-01-01: "0.10"', '2026-01-01: "0.10"\n      2027-01-01: "0.12"')
    draft = load_rulebook(rules_copy)
    assert draft.digest != rulebook.digest
    app = parse_application(full)  # R&D grew by 4,000,000: 10% = 400,000 and 12% = 480,000
    base_ev, draft_ev = Evaluator(rulebook), Evaluator(draft)
    for _ in range(2):  # interleaved, in one process
        assert base_ev.evaluate(app).results[1].amount == 400_000
        assert draft_ev.evaluate(app).results[1].amount == 480_000
    # The version in force on as_of applies: before 2027 the draft still pays 10%.
    full["rd"]["fiscal_year"] = 2025
    early = parse_application(full)
    assert draft_ev.evaluate(early, dt.date(2026, 6, 30)).results[1].amount == 400_000


def test_digest_changes_with_any_rule_byte(rules_copy: Path, rulebook) -> None:
    assert load_rulebook(rules_copy).digest == rulebook.digest
    edit(rules_copy, "rd-grant.yaml", "# ", "#  ") if "# " in (rules_copy / "rd-grant.yaml").read_text() else None
    (rules_copy / "definitions.yaml").write_text((rules_copy / "definitions.yaml").read_text() + "\n", encoding="utf-8")
    assert load_rulebook(rules_copy).digest != rulebook.digest


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("2026-01-01: 5000000", "2026-01-01: 50000000000000000000", "limited to ±10^15"),
        ('"0.03"', '"0.0300000000001"', "9 decimals"),
        ("rd.expense_prev}}", "rd.expense_prev}, extra: 1}", "one subject"),
    ],
)
def test_hostile_numbers_and_operators_are_refused(rules_copy: Path, old: str, new: str, words: str) -> None:
    edit(rules_copy, "rd-grant.yaml", old, new)
    assert words in error_of(rules_copy).message


def test_billion_laughs_is_refused(rules_copy: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    (rules_copy / "definitions.yaml").write_text(bomb, encoding="utf-8")
    assert "aliases" in error_of(rules_copy).message


def test_deep_nesting_is_refused(rules_copy: Path) -> None:
    deep = "x: " + "[" * 40 + "]" * 40 + "\n"
    (rules_copy / "definitions.yaml").write_text(deep, encoding="utf-8")
    assert "nested deeper" in error_of(rules_copy).message


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "words"),
    [
        ("tech-sme-check.yaml", "{score: total, gte:", "{score: totl, gte:", "criteria.8.when",
         "unknown score 'totl'; did you mean 'total'?"),
        ("tech-sme-check.yaml", "    sum: [staff, rd, ip]", "    sum: [staff, rd, ipp]", "scores.total",
         "'ipp', which is not a score defined above it; did you mean 'ip'?"),
        ("tech-sme-check.yaml", 'gte: "0.30"}, points: 20}', 'gte: "0.20"}, points: 20}', "scores.staff.tiers",
         "from the highest threshold down"),
        ("high-tech-check.yaml", "    when: {field: review.core_ip, eq: true}",
         "    when: {field: applicant.restricted_products, eq: false}", "criteria.7",
         "a review criterion must read a review.* field"),
        ("compute-voucher.yaml", "    review: true\n    when: {field: review.compute_effective",
         "    when: {field: review.compute_effective", "criteria.10", "mark it `review: true`"),
    ],
)
def test_the_2026_2_language_is_checked(rules_copy: Path, name: str, old: str, new: str, key: str, words: str) -> None:
    edit(rules_copy, name, old, new)
    err = error_of(rules_copy)
    assert err.path.endswith(name) and err.key == key
    assert words in err.message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("{param: min_rd_intensity}}", "{param: min_rd_intensty}}", "undefined parameter 'min_rd_intensty'; did you mean 'min_rd_intensity'?"),
        ("    when: {field: rd.super_deduction_filed, eq: true}", "    when: {field: rd.super_deducton_filed, eq: true}",
         "unknown field 'rd.super_deducton_filed'; did you mean rd.super_deduction_filed?"),
    ],
)
def test_a_misspelt_parameter_or_field_gets_a_suggestion(rules_copy: Path, old: str, new: str, words: str) -> None:
    edit(rules_copy, "rd-grant.yaml", old, new)
    err = error_of(rules_copy)
    assert words in err.message
