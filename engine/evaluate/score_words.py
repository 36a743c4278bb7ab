"""Why a score is what it is, in words: the tier that applied and the value that put it there, or the scores a
greater-of or a sum was made from ("科技人员指标:12 分(第 3 档:科技人员占职工总数比例 22.5% ≥ 20%)").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.evaluate.explain import Explainer, Pair, fillers
from engine.evaluate.scores import Scores
from engine.messages import catalogue
from engine.rules.codecache import CodeCache
from engine.rules.rulebook import Provision
from engine.rules.typecheck import fields_of
from schemas.rulefile import Condition

_W = catalogue()
# The lines are worded for every scored result the API answers: the templates are made functions once.
_TIER = fillers("scores.tier", "label", "score", "tier", "why")
_OTHERWISE = fillers("scores.otherwise", "label", "score", "tier", "why")
_ONLY = fillers("scores.only", "label", "score")
_GREATER_OF = fillers("scores.greater_of", "label", "score", "parts")
_SUM = fillers("scores.sum", "label", "score", "parts")
_PART = fillers("scores.part", "label", "score")
MOST = 4096  # worded tiers kept (each by its condition and the values it read): the API answers alike requests
_READS: CodeCache[tuple[str, ...]] = CodeCache(lambda cond, params: tuple(fields_of(cond)))
_WORDED: dict[tuple[Any, ...], tuple[Condition, dict[str, Any], Pair]] = {}


def score_explanation(provision: Provision, name: str, scores: Scores, values: dict[str, Any],
                      params: dict[str, Any], units: dict[str, str]) -> Pair:
    """One score's line; a score still open (inputs missing) says its range and what it waits for."""
    score, definition = scores[name], provision.scores[name]
    if score.value is None:
        return score.explanation()
    if definition.tiers is not None:
        return _tier(definition.tiers, score.tier, score.label, score.low, values, params, units)
    parts = [scores[p] for p in (definition.greater_of or definition.sum or [])]
    listed = [(_PART[0](p.label[0], str(p.low)), _PART[1](p.label[1], str(p.low))) for p in parts]
    filler, sep = (_GREATER_OF, "scores.and") if definition.greater_of is not None else (_SUM, "scores.plus")
    return _fill(filler, score.label, score.low, (_W[sep][0].join([z for z, _ in listed]),),
                 (_W[sep][1].join([e for _, e in listed]),))


def _tier(tiers: list[Any], tier: int | None, label: Pair, points: int, values: dict[str, Any],
          params: dict[str, Any], units: dict[str, str]) -> Pair:
    """The tier's own condition, as it held; the last tier (no condition) by the loosest one above it failing."""
    assert tier is not None  # a determined tier score always names its tier
    when = tiers[tier - 1].when
    if when is not None:
        why = _worded(when, "pass", values, params, units)
        return _fill(_TIER, label, points, (str(tier), why[0]), (str(tier), why[1]))
    if tier == 1:  # a table of one tier: nothing to compare
        return _fill(_ONLY, label, points)
    why = _worded(tiers[tier - 2].when, "fail", values, params, units)
    return _fill(_OTHERWISE, label, points, (str(tier), why[0]), (str(tier), why[1]))


def _worded(cond: Condition, result: str, values: dict[str, Any], params: dict[str, Any],
            units: dict[str, str]) -> Pair:
    """A tier's condition in words; the words depend only on the condition, its parameters and the values it reads."""
    key = (id(cond), id(params), result, tuple([values.get(f) for f in _READS.get(cond, params)]))
    entry = _WORDED.get(key)
    if entry is None or entry[0] is not cond or entry[1] is not params:  # the objects held: no id is reused
        if len(_WORDED) >= MOST:
            _WORDED.clear()
        entry = _WORDED[key] = (cond, params, Explainer(values, params, units).condition(cond, result))
    return entry[2]


def _fill(filler: tuple[Callable[..., str], Callable[..., str]], label: Pair, points: int,
          zh: tuple[str, ...] = (), en: tuple[str, ...] = ()) -> Pair:
    """The line in both languages: the label and the points, then the template's other fields in each language."""
    score = str(points)
    return filler[0](label[0], score, *zh), filler[1](label[1], score, *en)
