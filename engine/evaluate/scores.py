"""Scores (pack 2026.2): tier tables, the greater of scores, sums — each a range while inputs are missing.

A tier table takes the first tier whose condition passes; a tier whose condition is unknown might apply,
so the score's range spans every tier up to the first that surely applies. Criteria that compare a
score pass when the whole range passes and fail when the whole range fails. The same code serves both
matchers: tier conditions use the three-valued reference semantics, exactly as the criteria do.
A provision's scores are compiled once per set of parameters (every application reads them).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from engine.evaluate.reference import FAIL, PASS, ConditionCode, compile_condition
from engine.rules.codecache import CodeCache
from engine.rules.rulebook import Provision
from engine.rules.operators import COMPARISONS
from engine.rules.terms import (MISSING, SCORE_PREFIX, UNDEFINED, ZERO_OR_UNDEFINED, ScoreValue, compile_term,
                                exact, score_value)
from engine.rules.typecheck import fields_of, scores_used
from schemas.application import FIELDS
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
    scaled = _scaled(steps, sure, last) if ratio else None

    def climb(values: dict[str, Any], scores: Scores) -> ScoreValue:
        if ratio is not None:
            a, b = values.get(ratio[0]), values.get(ratio[1])
            if type(a) is int and type(b) is int and b > 0:
                if scaled is not None:
                    scale, low, table = scaled
                    m, r = divmod(a * scale, b)
                    at = 2 * m + (r != 0) - low
                    return table[0 if at < 0 else at if at < len(table) else -1]
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
_Step = tuple[Callable[[Any, Any], bool], Any, int]  # (the comparison, its bound, the tier's points)


def _scaled(steps: tuple[_Step, ...], sure: list[ScoreValue],
            last: ScoreValue) -> tuple[int, int, tuple[ScoreValue, ...]] | None:
    """A ratio's ladder as one lookup: (scale D, lowest position, the tier at each position), or None when the
    bounds need more than MAX_POSITIONS positions (then each bound is compared in turn).

    With every bound k/D (D the bounds' common denominator), a/b (b > 0) compares with k/D as a·D/b does with k,
    and a·D/b = m + r/b (m = a·D // b, 0 ≤ r < b) compares with an integer k as the position 2m + (r ≠ 0) does
    with 2k: an odd position lies strictly between two integers. Every position below the lowest 2k − 1 compares
    with every bound as that one does, and every position above the highest 2k + 1 likewise."""
    if not all(type(bound) in (int, Fraction) for _, bound, _ in steps):
        return None
    scale = math.lcm(*(Fraction(bound).denominator for _, bound, _ in steps))
    ks = [int(bound * scale) for _, bound, _ in steps]
    low, high = 2 * min(ks) - 1, 2 * max(ks) + 1
    if high - low >= MAX_POSITIONS:
        return None

    def tier(at: int) -> ScoreValue:  # the first tier whose comparison holds at this position, as `climb` climbs
        for i, (holds, _, _) in enumerate(steps):
            if holds(at, 2 * ks[i]):
                return sure[i]
        return last
    return scale, low, tuple(tier(at) for at in range(low, high + 1))


MAX_POSITIONS = 4096


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
    return _kept_by_reads(table, score) or table


def _kept_by_reads(table: ScoreCode, score: Score) -> ScoreCode | None:
    """`table`, kept by the values its tiers read, when those are few and repeat (counts of patents, flags, codes:
    never yuan, whose values are unique) and no tier reads a score; else None. A table's value is a function of
    the values it reads (a ScoreValue is frozen: one may be shared)."""
    whens = [t.when for t in score.tiers or [] if t.when is not None]
    reads = tuple(dict.fromkeys(f for w in whens for f in fields_of(w)))
    if any(scores_used(w) for w in whens) or any(f != "as_of" and FIELDS[f].kind == "yuan" for f in reads):
        return None
    kept: dict[tuple[Any, ...], ScoreValue] = {}

    def known(values: dict[str, Any], scores: Scores) -> ScoreValue:
        key = tuple([values.get(f, _ABSENT) for f in reads])
        found = kept.get(key)
        if found is None:
            if len(kept) >= MAX_KEPT:
                kept.clear()
            found = kept[key] = table(values, scores)
        return found
    known.__wrapped__ = table  # type: ignore[attr-defined]  # the table judged tier by tier (tests compare)
    return known


_ABSENT = object()  # an absent field, as a key: never equal to a value


def _combined(name: str, score: Score) -> ScoreCode:
    names, label = tuple(score.greater_of or score.sum or []), (score.label.zh, score.label.en)
    combine = max if score.greater_of is not None else sum

    def combined(values: dict[str, Any], scores: Scores) -> ScoreValue:
        parts = [scores[p] for p in names]
        low, high = combine([p.low for p in parts]), combine([p.high for p in parts])
        open_fields = () if low == high else tuple(dict.fromkeys(f for p in parts if p.value is None for f in p.open_fields))
        return score_value(name, label, low, high, None, open_fields)
    return combined


# (name, code, a tier table?) per score in definition order; whether no tier reads a score; the tier tables' codes;
# every score kept by the tables' values (bounded).
_Compiled = tuple[tuple[tuple[str, ScoreCode, bool], ...], bool, tuple[ScoreCode, ...], dict[tuple[Any, ...], Scores]]
MAX_KEPT = 4096


def _compile(provision: Provision, params: dict[str, Any]) -> _Compiled:
    codes = tuple((name, _combined(name, s) if s.tiers is None else _ladder(name, s, params) or _tiers(name, s, params),
                   s.tiers is not None) for name, s in provision.scores.items())
    alone = not any(scores_used(t.when) for s in provision.scores.values() for t in s.tiers or [] if t.when is not None)
    return codes, alone, tuple(code for _, code, table in codes if table), {}


_SCORES: CodeCache[_Compiled] = CodeCache(_compile)
_NONE: Scores = {}  # the scores above a table that reads none (never written)


def score_values(provision: Provision, values: dict[str, Any], params: dict[str, Any]) -> Scores:
    """Every score of the provision, in definition order (a score refers only to scores above it).

    A greater-of or a sum reads only its parts' ranges and open inputs, so when no tier reads a score, every one of
    them is a function of the tier tables' values (a few tiers each: the keys repeat). The whole set is kept by
    those, and each application gets a copy: scores equal in every field to its own (ScoreValues are frozen)."""
    codes, alone, tables, kept = _SCORES.get(provision, params)
    out: Scores = {}
    if not alone:
        for name, code, _ in codes:
            out[name] = code(values, out)
        return out
    made = [code(values, _NONE) for code in tables]
    key = tuple([(s.low, s.high, s.tier, s.open_fields) for s in made])
    found = kept.get(key)
    if found is not None:
        return found.copy()
    each = iter(made)
    for name, code, table in codes:
        out[name] = next(each) if table else code(values, out)
    if len(kept) >= MAX_KEPT:
        kept.clear()
    kept[key] = out.copy()  # never handed out itself: a caller may add to what it gets
    return out


def with_scores(values: dict[str, Any], scores: Scores) -> dict[str, Any]:
    """The values a scored criterion reads: the application's, and each score under `score.<name>`."""
    scored = values.copy()
    for name, s in scores.items():
        scored[SCORE_PREFIX + name] = s
    return scored
