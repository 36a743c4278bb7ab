"""A score's explanation says which tier applied and why, or what a greater-of or a sum was made of."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine import Evaluator, parse_application

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _words(evaluator: Evaluator, doc: dict[str, Any]) -> dict[str, tuple[str, str]]:
    result = next(r for r in evaluator.evaluate(parse_application(doc)).results if r.provision == "tech-sme-check")
    return {name: (t.zh, t.en) for name, t in result.score_explanations.items()}


@pytest.fixture
def start_up() -> dict[str, Any]:
    return json.loads((EXAMPLES / "qingdao-startup-tech-sme-60.json").read_text(encoding="utf-8"))


def test_a_tier_names_its_number_the_value_and_the_threshold(durable: Evaluator, start_up: dict[str, Any]) -> None:
    words = _words(durable, start_up)
    assert words["staff"][0] == "科技人员指标:12 分(第 3 档:科技人员数 / 从业人数 22.5% ≥ 20%)"
    assert words["staff"][1].startswith("S&T staff score: 12 points (tier 3: ")
    assert words["staff"][1].endswith("22.5% ≥ 20%)")


def test_the_last_tier_says_the_loosest_tier_above_was_not_reached(durable: Evaluator, start_up: dict[str, Any]) -> None:
    zh, en = _words(durable, start_up)["rd_of_cost"]
    assert "第 6 档,以上各档均未达到" in zh and zh.endswith("< 10%)")
    assert "no tier above reached" in en


def test_greater_of_and_sum_list_their_parts(durable: Evaluator, start_up: dict[str, Any]) -> None:
    words = _words(durable, start_up)
    assert words["rd"][0] == "研发投入指标:30 分(取 研发费用占销售收入比例得分 30 分 与 研发费用占成本费用比例得分 0 分 中较高者)"
    assert words["total"][0] == "评价总分:60 分(= 科技人员指标 12 分 + 研发投入指标 30 分 + 科技成果指标 18 分)"
    assert words["total"][1] == "Total score: 60 points (= S&T staff score 12 + R&D score 30 + Intellectual property score 18)"


def test_a_tier_that_moves_changes_the_words(durable: Evaluator, start_up: dict[str, Any]) -> None:
    start_up["applicant"]["tech_staff"] = start_up["applicant"]["employees"] * 3 // 10  # 30%: the first tier
    assert _words(durable, start_up)["staff"][0].startswith("科技人员指标:20 分(第 1 档:")


def test_an_open_score_says_its_range_and_what_it_waits_for(durable: Evaluator, reference: Evaluator,
                                                             start_up: dict[str, Any]) -> None:
    del start_up["applicant"]["tech_staff"]
    words = _words(durable, start_up)
    assert "0–20" in words["staff"][0] and "applicant.tech_staff" in words["staff"][0]
    assert words == _words(reference, start_up)  # both matchers word scores alike


def test_a_template_made_a_function_words_as_str_format_does() -> None:
    """Every catalogue message, through the fast fillers the explanations use (concatenation, printf-style),
    reads exactly as str.format reads it, `%` and `{{ }}` included."""
    from string import Formatter

    from engine.evaluate.explain import _filler
    from engine.messages import catalogue

    checked = 0
    extra = [("增长 {rate}%,{{注}} {a} {b}", "{rate}% {a}% {{b}} {b}"), ("{a} 占 {b} 的 {c}%", "{a}% of {b}: {c}%")]
    for zh, en in [*catalogue().values(), *extra]:
        for template in (zh, en):
            parsed = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(template)
                      if name is not None]
            names = tuple(dict.fromkeys(name for name, _, _ in parsed))
            if not names or any(spec or conversion or not name.isidentifier() for name, spec, conversion in parsed):
                continue  # fillers take plain named fields
            values = [f"<{n}%s {{x}}>" for n in names]
            assert _filler(template, names)(*values) == template.format(**dict(zip(names, values))), template
            checked += 1
    assert checked > 100
