"""The reference matcher: plain-Python, three-valued evaluation of the rule tree — the test oracle for durable_rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.rules.operators import COMPARISONS
from engine.rules.codecache import CodeCache
from engine.rules.rulebook import Epoch
from engine.rules.terms import MISSING, UNDEFINED, ZERO_OR_UNDEFINED, ScoreValue, compile_term, term_value
from engine.rules.typecheck import fields_of
from schemas.rulefile import AllOf, AnyOf, Compare, Condition, Const, Not, ParamRef, Range

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
Outcomes = dict[int, str]  # outcome_key(provision index, criterion index) → pass | fail | unknown


_SPREAD = 1_000_003  # more criteria than a provision's file can hold (256 KiB); odd, so keys spread over a dict


def outcome_key(provision: int, criterion: int) -> int:
    """One int per criterion of an epoch: looked up for every criterion of every application, and an int hashes
    for nothing where a (provision, criterion) tuple is hashed afresh each time. A dict finds an int by its low
    bits: `provision << 16 | criterion` would put the same criterion of every provision in one slot."""
    assert 0 <= criterion < _SPREAD
    key = provision * _SPREAD + criterion
    # One object per key: the outcomes' dict then finds the plan's key by identity, not by comparing two ints
    # (a third of each lookup). As many as the rulebooks' criteria.
    return _KEYS.setdefault(key, key)


_KEYS: dict[int, int] = {}


def criterion_of(key: int) -> tuple[int, int]:
    """(provision index, criterion index) of an outcome key, as messages name a criterion."""
    return divmod(key, _SPREAD)


def _judge(cond: Compare, subject: Any, objects: list[Any]) -> str:
    """A comparison's outcome from its sides' values (markers included)."""
    # Loops, not any(<generator>): judged for every scored criterion of every application, and a generator costs more
    # than the one or two sides it looks at.
    if subject is MISSING:
        return UNKNOWN
    for o in objects:
        if o is MISSING:
            return UNKNOWN
    if subject is UNDEFINED:
        return FAIL
    for o in objects:
        if o is UNDEFINED:
            return FAIL
    if subject is ZERO_OR_UNDEFINED:
        return _zero_or_undefined(cond, objects)
    if isinstance(subject, ScoreValue):
        return _score_range(cond.op, subject, objects[0])
    if cond.op == "between":
        held = objects[0] <= subject <= objects[1]
    else:
        held = COMPARISONS[cond.op].holds(subject, objects[0])
    return PASS if held else FAIL


def _zero_or_undefined(cond: Compare, objects: list[Any]) -> str:
    """Fails when 0 fails against a constant (undefined fails anyway); otherwise the denominator decides."""
    if isinstance(cond.object, Range):
        constant = all(isinstance(b, (Const, ParamRef)) for b in (cond.object.low, cond.object.high))
        zero_holds = objects[0] <= 0 <= objects[1]
    else:
        constant = isinstance(cond.object, (Const, ParamRef))
        zero_holds = COMPARISONS[cond.op].holds(0, objects[0])
    return FAIL if constant and not zero_holds else UNKNOWN


def _score_range(op: str, score: ScoreValue, bound: Any) -> str:
    """A score compared over its whole range: pass if every value passes, fail if none does."""
    holds = COMPARISONS[op].holds
    at_low, at_high = holds(score.low, bound), holds(score.high, bound)
    if score.low == score.high or op in ("gt", "gte", "lt", "lte"):  # monotone: the ends decide
        if at_low and at_high:
            return PASS
        if not at_low and not at_high:
            return FAIL
    return UNKNOWN


ConditionCode = Callable[[dict[str, Any]], str]
_NOT = {PASS: FAIL, FAIL: PASS, UNKNOWN: UNKNOWN}


def compile_condition(cond: Condition, params: dict[str, Any]) -> ConditionCode:
    """`evaluate_condition` of one condition as a function of the values alone (the tree walked once)."""
    if isinstance(cond, Compare):
        subject = compile_term(cond.subject, params)
        sides = [compile_term(t, params) for t in ((cond.object.low, cond.object.high)
                                                   if isinstance(cond.object, Range) else (cond.object,))]
        if len(sides) == 1 and isinstance(cond.object, (Const, ParamRef)) and cond.op in COMPARISONS:
            return _plain(cond, subject, term_value(cond.object, {}, params))
        return lambda values: _judge(cond, subject(values), [side(values) for side in sides])
    if isinstance(cond, Not):
        inner = compile_condition(cond.item, params)
        return lambda values: _NOT[inner(values)]
    items = [compile_condition(c, params) for c in cond.items]
    decisive, other = (FAIL, PASS) if isinstance(cond, AllOf) else (PASS, FAIL)

    def either(values: dict[str, Any]) -> str:
        unknown = False
        for item in items:  # the first decisive part settles it: the parts are pure, so the rest cannot matter
            result = item(values)
            if result == decisive:
                return decisive
            if result == UNKNOWN:
                unknown = True
        return UNKNOWN if unknown else other
    return either


def _plain(cond: Compare, subject: Any, bound: Any) -> ConditionCode:
    """A term against a constant: the common shape, judged without building a list of sides."""
    holds = COMPARISONS[cond.op].holds

    def judged(values: dict[str, Any]) -> str:
        s = subject(values)
        kind = type(s)
        if kind is int or kind is str or kind is bool:  # no marker, no score: the operator decides
            return PASS if holds(s, bound) else FAIL
        if kind is ScoreValue:
            return _score_range(cond.op, s, bound)
        if kind is not _MARKER:  # a set, a date, a Fraction: the operator decides, as in `_judge`
            return PASS if holds(s, bound) else FAIL
        return _judge(cond, s, [bound])
    return judged


_MARKER = type(MISSING)  # MISSING, UNDEFINED and ZERO_OR_UNDEFINED: `_judge` sorts them


_CONDITIONS: CodeCache[ConditionCode] = CodeCache(compile_condition)
# What open_fields reads of a comparison, kept by identity: hashing a rule tree for every lookup costs more.
_SUBJECTS: CodeCache[Callable[[dict[str, Any]], Any]] = CodeCache(lambda cond, params: compile_term(cond.subject, params))
_READS: CodeCache[tuple[str, ...]] = CodeCache(lambda cond, params: tuple(fields_of(cond)))


def evaluate_condition(cond: Condition, values: dict[str, Any], params: dict[str, Any]) -> str:
    """Kleene logic: a fail decides `all`, a pass decides `any`, otherwise unknown wins over the rest."""
    return _CONDITIONS.get(cond, params)(values)


def open_fields(cond: Condition, values: dict[str, Any], params: dict[str, Any]) -> list[str]:
    """The absent inputs that could still change an unknown condition: a decided part's inputs cannot.

    In an unknown `any`, a part that fails is settled (a firm without the high-tech designation is not
    asked for its certificate's date); in an unknown `all`, a part that passes is. A score contributes
    the inputs that still move its range.
    """
    if evaluate_condition(cond, values, params) != UNKNOWN:
        return []
    if isinstance(cond, Not):
        return open_fields(cond.item, values, params)
    if isinstance(cond, (AllOf, AnyOf)):
        return list(dict.fromkeys(f for c in cond.items for f in open_fields(c, values, params)))
    subject = _SUBJECTS.get(cond, params)(values)
    if isinstance(subject, ScoreValue):
        return list(subject.open_fields)
    return [f for f in _READS.get(cond, params) if f not in values]


class ReferenceMatcher:
    """Matches criteria in plain Python; same interface as the durable_rules matcher."""

    name = "reference"

    def __init__(self) -> None:
        self._layouts: dict[Epoch, tuple[tuple[int, ConditionCode], ...]] = {}  # one per epoch (a rulebook has few)

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes:
        layout = self._layouts.get(epoch)
        if layout is None:
            layout = self._layouts[epoch] = tuple(
                (outcome_key(ap.index, ci), compile_condition(c.when, ap.params))
                for ap in epoch.active
                for ci, c in enumerate(ap.provision.criteria)
                if not c.scored  # decided from score ranges after matching (engine/evaluate/scores.py)
            )
        return {key: code(values) for key, code in layout}

