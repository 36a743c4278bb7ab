"""Scores (pack 2026.2): tier tables, the greater of scores, sums — each a range while inputs are missing.

A tier table takes the first tier whose condition passes; a tier whose condition is unknown might apply,
so the score's range spans every tier up to the first that surely applies. Criteria that compare a
score pass when the whole range passes and fail when the whole range fails. The same code serves both
matchers: tier conditions use the three-valued reference semantics, exactly as the criteria do.
"""

from __future__ import annotations

from typing import Any

from engine.evaluate.reference import FAIL, PASS, evaluate_condition
from engine.rules.rulebook import Provision
from engine.rules.operators import COMPARISONS
from engine.rules.terms import MISSING, SCORE_PREFIX, UNDEFINED, ZERO_OR_UNDEFINED, ScoreValue, exact, term_value
from engine.rules.typecheck import fields_of
from schemas.rulefile import Compare, Const, Score, Term


# A tier table whose tiers all compare one subject with a constant (the common shape) is read by computing the
# subject once; it gives exactly what evaluating each tier's condition would (tests/test_differential.py).
_LADDERS: dict[int, tuple[Score, Any]] = {}


def _ladder(score: Score) -> tuple[Term, tuple[tuple[Any, Any, int], ...], int] | None:
    found = _LADDERS.get(id(score))
    if found is None or found[0] is not score:
        tiers = score.tiers or []
        whens = [t.when for t in tiers[:-1]]
        shape = None
        if whens and all(isinstance(w, Compare) and isinstance(w.object, Const) and w.op in COMPARISONS
                         and w.subject == whens[0].subject for w in whens):
            shape = (whens[0].subject, tuple((COMPARISONS[w.op].holds, exact(w.object.value), t.points)
                                             for w, t in zip(whens, tiers)), tiers[-1].points)
        found = _LADDERS[id(score)] = (score, shape)
    return found[1]


def _tiers(name: str, score: Score, values: dict[str, Any], params: dict[str, Any]) -> ScoreValue:
    ladder = _ladder(score)
    if ladder is not None:
        return _climb(name, score, ladder, values, params)
    possible: list[int] = []
    open_fields: list[str] = []
    sure = None
    for i, tier in enumerate(score.tiers or [], start=1):
        result = PASS if tier.when is None else evaluate_condition(tier.when, values, params)
        if result == FAIL:
            continue
        possible.append(tier.points)
        if result == PASS:
            sure = i
            break
        open_fields += [f for f in fields_of(tier.when) if f not in values]
    determined = min(possible) == max(possible)
    return ScoreValue(name, (score.label.zh, score.label.en), min(possible), max(possible),
                      sure if sure is not None and len(possible) == 1 else None,
                      () if determined else tuple(dict.fromkeys(open_fields)))


def _climb(name: str, score: Score, ladder: tuple[Term, tuple[tuple[Any, Any, int], ...], int],
           values: dict[str, Any], params: dict[str, Any]) -> ScoreValue:
    subject, steps, otherwise = ladder
    label = (score.label.zh, score.label.en)
    value = term_value(subject, values, params)
    if value is MISSING or value is ZERO_OR_UNDEFINED:  # any tier may apply, or any that 0 reaches
        points = [p for holds, bound, p in steps if value is MISSING or holds(0, bound)] + [otherwise]
        if min(points) == max(points):
            return ScoreValue(name, label, otherwise, otherwise, len(steps) + 1 if len(points) == 1 else None, ())
        return ScoreValue(name, label, min(points), max(points), None,
                          tuple(f for f in fields_of(subject) if f not in values))
    if value is not UNDEFINED:  # a zero denominator falls to the last tier, like a failed comparison
        for i, (holds, bound, points) in enumerate(steps, start=1):
            if holds(value, bound):
                return ScoreValue(name, label, points, points, i, ())
    return ScoreValue(name, label, otherwise, otherwise, len(steps) + 1, ())


def score_values(provision: Provision, values: dict[str, Any], params: dict[str, Any]) -> dict[str, ScoreValue]:
    """Every score of the provision, in definition order (a score refers only to scores above it)."""
    out: dict[str, ScoreValue] = {}
    for name, score in provision.scores.items():
        if score.tiers is not None:
            out[name] = _tiers(name, score, values, params)
            continue
        parts = [out[p] for p in (score.greater_of or score.sum or [])]
        combine = max if score.greater_of is not None else sum
        low, high = combine(p.low for p in parts), combine(p.high for p in parts)
        open_fields = () if low == high else tuple(dict.fromkeys(f for p in parts if p.value is None for f in p.open_fields))
        out[name] = ScoreValue(name, (score.label.zh, score.label.en), low, high, None, open_fields)
    return out


def with_scores(values: dict[str, Any], scores: dict[str, ScoreValue]) -> dict[str, Any]:
    """The values a scored criterion reads: the application's, and each score under `score.<name>`."""
    return {**values, **{SCORE_PREFIX + name: s for name, s in scores.items()}}
