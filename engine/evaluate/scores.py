"""Scores (pack 2026.2): tier tables, the greater of scores, sums — each a range while inputs are missing.

A tier table takes the first tier whose condition passes; a tier whose condition is unknown might apply,
so the score's range spans every tier up to the first that surely applies. Criteria that compare a
score pass when the whole range passes and fail when the whole range fails. The same code serves both
matchers: tier conditions use the three-valued reference semantics, exactly as the criteria do.
A provision's scores are compiled once per set of parameters (every application reads them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.evaluate.reference import FAIL, PASS, ConditionCode, compile_condition
from engine.rules.codecache import CodeCache
from engine.rules.rulebook import Provision
from engine.rules.operators import COMPARISONS
from engine.rules.terms import (MISSING, SCORE_PREFIX, UNDEFINED, ZERO_OR_UNDEFINED, ScoreValue, compile_term,
                                exact, score_value)
from engine.rules.typecheck import fields_of, scores_used
from schemas.rulefile import Arith, Compare, Const, FieldRef, Score, Term

Scores = dict[str, ScoreValue]
ScoreCode = Callable[[dict[str, Any], Scores], ScoreValue]  # (values, the scores above it) → its value


def _ladder(name: str, score: Score, params: dict[str, Any]) -> ScoreCode | None:
    """A tier table whose tiers all compare one subject with a constant (the common shape), read by computing
    the subject once: exactly what evaluating each tier's condition gives (tests/test_differential.py)."""
    tiers = score.tiers or []
    whens = [t.when for t in tiers[:-1]]
    if not (whens and all(isinstance(w, Compare) and isinstance(w.object, Const) and w.op in COMPARISONS
                          and w.subject == whens[0].subject for w in whens)):
        return None
    subject = whens[0].subject
    steps = tuple((COMPARISONS[w.op].holds, exact(w.object.value), t.points) for w, t in zip(whens, tiers))
    otherwise, label, reads = tiers[-1].points, (score.label.zh, score.label.en), tuple(fields_of(subject))
    # A determined score is one of a few values: made once, not per application.
    sure = [ScoreValue(name, label, p, p, i, ()) for i, (_, _, p) in enumerate(steps, start=1)]
    last = ScoreValue(name, label, otherwise, otherwise, len(steps) + 1, ())
    value_of = compile_term(subject, params)
    ratio = _ratio_of_fields(subject) if all(w.op in _ORDERED for w in whens) else None
    # a/b against p/q is a·q against p·b when b and q are positive: the same comparison without Fractions.
    crossed = tuple((holds, bound.numerator, bound.denominator) for holds, bound, _ in steps) if ratio else ()

    def climb(values: dict[str, Any], scores: Scores) -> ScoreValue:
        if ratio is not None:
            a, b = values.get(ratio[0]), values.get(ratio[1])
            if type(a) is int and type(b) is int and b > 0:
                for i, (holds, p, q) in enumerate(crossed):
                    if holds(a * q, p * b):
                        return sure[i]
                return last
        value = value_of(values)
        if value is MISSING or value is ZERO_OR_UNDEFINED:  # any tier may apply, or any that 0 reaches
            points = [p for holds, bound, p in steps if value is MISSING or holds(0, bound)] + [otherwise]
            if min(points) == max(points):
                return score_value(name, label, otherwise, otherwise, len(steps) + 1 if len(points) == 1 else None, ())
            return score_value(name, label, min(points), max(points), None, tuple(f for f in reads if f not in values))
        if value is not UNDEFINED:  # a zero denominator falls to the last tier, like a failed comparison
            for i, (holds, bound, _) in enumerate(steps):
                if holds(value, bound):
                    return sure[i]
        return last
    return climb


_ORDERED = frozenset({"eq", "ne", "gt", "gte", "lt", "lte"})


def _ratio_of_fields(subject: Term) -> tuple[str, str] | None:
    if isinstance(subject, Arith) and subject.op == "ratio" and all(type(a) is FieldRef for a in subject.args):
        return subject.args[0].path, subject.args[1].path  # type: ignore[union-attr]
    return None


def _tiers(name: str, score: Score, params: dict[str, Any]) -> ScoreCode:
    tiers: list[tuple[ConditionCode | None, int, tuple[str, ...]]] = [
        (None if t.when is None else compile_condition(t.when, params), t.points,
         () if t.when is None else tuple(fields_of(t.when))) for t in score.tiers or []]
    label = (score.label.zh, score.label.en)
    sure_tiers = [ScoreValue(name, label, points, points, i, ()) for i, (_, points, _) in enumerate(tiers, start=1)]

    def table(values: dict[str, Any], scores: Scores) -> ScoreValue:
        possible: list[int] = []
        open_fields: list[str] = []
        sure = None
        for i, (when, points, reads) in enumerate(tiers, start=1):
            result = PASS if when is None else when(values)
            if result == FAIL:
                continue
            possible.append(points)
            if result == PASS:
                sure = i
                break
            open_fields += [f for f in reads if f not in values]
        if sure is not None and len(possible) == 1:  # the common case: one tier surely applies, and no other may
            return sure_tiers[sure - 1]
        low, high = min(possible), max(possible)
        return score_value(name, label, low, high, None, () if low == high else tuple(dict.fromkeys(open_fields)))
    return table


def _combined(name: str, score: Score) -> ScoreCode:
    names, label = tuple(score.greater_of or score.sum or []), (score.label.zh, score.label.en)
    combine = max if score.greater_of is not None else sum

    def combined(values: dict[str, Any], scores: Scores) -> ScoreValue:
        parts = [scores[p] for p in names]
        low, high = combine([p.low for p in parts]), combine([p.high for p in parts])
        open_fields = () if low == high else tuple(dict.fromkeys(f for p in parts if p.value is None for f in p.open_fields))
        return score_value(name, label, low, high, None, open_fields)
    return combined


# (name, code, a tier table?) per score in definition order; whether no tier reads a score; the sums and greater-ofs
# kept by the tables' values (bounded).
_Compiled = tuple[tuple[tuple[str, ScoreCode, bool], ...], bool, dict[tuple[Any, ...], tuple[ScoreValue, ...]]]
MAX_KEPT = 4096


def _compile(provision: Provision, params: dict[str, Any]) -> _Compiled:
    codes = tuple((name, _combined(name, s) if s.tiers is None else _ladder(name, s, params) or _tiers(name, s, params),
                   s.tiers is not None) for name, s in provision.scores.items())
    alone = not any(scores_used(t.when) for s in provision.scores.values() for t in s.tiers or [] if t.when is not None)
    return codes, alone, {}


_SCORES: CodeCache[_Compiled] = CodeCache(_compile)


def score_values(provision: Provision, values: dict[str, Any], params: dict[str, Any]) -> Scores:
    """Every score of the provision, in definition order (a score refers only to scores above it).

    A greater-of or a sum reads only its parts' ranges and open inputs, so when no tier reads a score, every one of
    them is a function of the tier tables' values: they are kept by those (a few tiers each: the keys repeat)."""
    codes, alone, kept = _SCORES.get(provision, params)
    out: Scores = {}
    if not alone:
        for name, code, _ in codes:
            out[name] = code(values, out)
        return out
    tables = [code(values, out) for _, code, table in codes if table]
    key = tuple([(s.low, s.high, s.tier, s.open_fields) for s in tables])
    derived = kept.get(key)
    if derived is None:
        made = iter(tables)
        for name, code, table in codes:
            out[name] = next(made) if table else code(values, out)
        if len(kept) >= MAX_KEPT:
            kept.clear()
        kept[key] = tuple(value for (_, _, table), value in zip(codes, out.values()) if not table)
        return out
    made, kept_values = iter(tables), iter(derived)
    for name, _, table in codes:
        out[name] = next(made) if table else next(kept_values)
    return out


def with_scores(values: dict[str, Any], scores: Scores) -> dict[str, Any]:
    """The values a scored criterion reads: the application's, and each score under `score.<name>`."""
    scored = values.copy()
    for name, s in scores.items():
        scored[SCORE_PREFIX + name] = s
    return scored
