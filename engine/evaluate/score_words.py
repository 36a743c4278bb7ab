"""Why a score is what it is, in words: the tier that applied and the value that put it there, or the scores a
greater-of or a sum was made from ("科技人员指标:12 分(第 3 档:科技人员占职工总数比例 22.5% ≥ 20%)").
"""

from __future__ import annotations

from typing import Any

from engine.evaluate.explain import Explainer, Pair
from engine.evaluate.scores import Scores
from engine.messages import catalogue
from engine.rules.codecache import CodeCache
from engine.rules.rulebook import Provision
from engine.rules.typecheck import fields_of
from schemas.rulefile import Condition

_W = catalogue()
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
    listed = [(_W["scores.part"][0].format(label=p.label[0], score=p.low),
               _W["scores.part"][1].format(label=p.label[1], score=p.low)) for p in parts]
    key, sep = ("scores.greater_of", "scores.and") if definition.greater_of is not None \
        else ("scores.sum", "scores.plus")
    return _fill(key, score.label, score.low, parts=(_W[sep][0].join(z for z, _ in listed),
                                                    _W[sep][1].join(e for _, e in listed)))


def _tier(tiers: list[Any], tier: int | None, label: Pair, points: int, values: dict[str, Any],
          params: dict[str, Any], units: dict[str, str]) -> Pair:
    """The tier's own condition, as it held; the last tier (no condition) by the loosest one above it failing."""
    assert tier is not None  # a determined tier score always names its tier
    when = tiers[tier - 1].when
    if when is not None:
        return _fill("scores.tier", label, points, tier=(str(tier), str(tier)),
                     why=_worded(when, "pass", values, params, units))
    if tier == 1:  # a table of one tier: nothing to compare
        return _fill("scores.only", label, points)
    return _fill("scores.otherwise", label, points, tier=(str(tier), str(tier)),
                 why=_worded(tiers[tier - 2].when, "fail", values, params, units))


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


def _fill(key: str, label: Pair, points: int, **fields: Pair) -> Pair:
    zh, en = _W[key]
    return (zh.format(label=label[0], score=points, **{k: v[0] for k, v in fields.items()}),
            en.format(label=label[1], score=points, **{k: v[1] for k, v in fields.items()}))
