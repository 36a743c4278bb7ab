"""A ratio's tier ladder is read as one lookup (scores._scaled), and a table of counts is kept by the values it reads:
each must give exactly the tier the tiers' own conditions give, judged one by one (scores._tiers, uncached)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from engine.evaluate import scores
from engine.rules.terms import exact
from schemas.rulefile import Score

RATIO = ["applicant.tech_staff", "applicant.employees"]


def _ladder(ops: list[str], bounds: list[Any]) -> Score:
    tiers: list[dict[str, Any]] = [{"when": {"ratio": RATIO, op: bound}, "points": 10 * (len(bounds) - i)}
                                   for i, (op, bound) in enumerate(zip(ops, bounds))]
    return Score.model_validate({"label": {"zh": "比例", "en": "share"}, "tiers": [*tiers, {"points": 0}]})


LADDERS = [
    _ladder(["gte"] * 5, ["0.30", "0.25", "0.20", "0.15", "0.10"]),  # the tech-SME staff score
    _ladder(["gt", "gte", "lt", "lte"], ["0.5", "0.06", "0.03", "0.02"]),
    _ladder(["eq", "ne", "gte"], [1, 0, "0.5"]),  # eq and ne take whole numbers
    _ladder(["gte", "gte"], ["1.5", "-0.5"]),  # above one, below zero
    _ladder(["gte", "lt"], ["0.333", "0.0007"]),  # unlike denominators: a common one of 10,000
]


def _one_by_one(score: Score, name: str = "s") -> scores.ScoreCode:
    """The table judged tier by tier, nothing kept: what every tier's own condition says."""
    table = scores._tiers(name, score, {})
    return getattr(table, "__wrapped__", table)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LADDERS), st.integers(-50, 5000), st.integers(1, 2000))
def test_a_ratio_ladder_gives_the_tier_its_conditions_give(score: Score, a: int, b: int) -> None:
    climb = scores._ladder("s", score, {})
    assert climb is not None
    values = {RATIO[0]: a, RATIO[1]: b}
    assert climb(values, {}) == _one_by_one(score)(values, {})


@pytest.mark.parametrize("score", LADDERS)
def test_a_ratio_ladder_on_and_beside_every_bound(score: Score) -> None:
    """Exactly on a bound, and one part in b either side of it, for several denominators b."""
    climb = scores._ladder("s", score, {})
    assert climb is not None
    judged = _one_by_one(score)
    for tier in score.tiers or []:
        if tier.when is None:
            continue
        bound = exact(tier.when.object.value)
        for b in (1, 3, 7, 20, 100, 10_000, 99_991):
            for a in {int(bound * b) + d for d in (-1, 0, 1)}:
                values = {RATIO[0]: a, RATIO[1]: b}
                assert climb(values, {}) == judged(values, {}), (a, b)


def test_a_table_of_counts_is_kept_by_what_it_reads_and_gives_what_it_judges() -> None:
    ip = Score.model_validate({"label": {"zh": "知识产权", "en": "IP"}, "tiers": [
        {"when": {"field": "ip.class1_count", "gte": 1}, "points": 30},
        {"when": {"field": "ip.class2_count", "gte": 2}, "points": 12},
        {"points": 0}]})
    kept, judged = scores._tiers("ip", ip, {}), _one_by_one(ip, "ip")
    assert kept is not judged  # counts repeat: the table keeps its values
    cases = [{}, {"ip.class1_count": 0}, {"ip.class2_count": 5}, {"ip.class1_count": 2, "ip.class2_count": 0},
             {"ip.class1_count": 0, "ip.class2_count": 1}, {"ip.class1_count": 0, "ip.class2_count": 2}]
    for values in cases * 2:  # the second time from what was kept
        assert kept(values, {}) == judged(values, {}), values


def test_a_table_on_yuan_is_not_kept() -> None:
    """Amounts are unique per application: keeping them would only fill the cache."""
    revenue = Score.model_validate({"label": {"zh": "收入", "en": "revenue"}, "tiers": [
        {"when": {"field": "rd.revenue", "gte": 100}, "points": 1},
        {"when": {"field": "rd.expense", "gte": 100}, "points": 2},
        {"points": 0}]})
    table = scores._tiers("r", revenue, {})
    assert getattr(table, "__wrapped__", None) is None
