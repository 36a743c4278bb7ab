"""Exact values of terms (fields, parameters, year_of, arithmetic) over one application's values.

Numbers become Fractions so that ratios and rates are exact; yuan are rounded only at the end,
by the rule's stated rounding (engine/evaluate/amounts.py).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

from engine.messages import catalogue
from engine.rules.operators import ARITH
import datetime as dt
from dataclasses import dataclass

from schemas.rulefile import Const, DateShift, FieldRef, ParamRef, ScoreRef, Term, YearOf


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING = _Marker("MISSING")  # a field the term reads was not provided → the criterion is unknown
# A ratio whose numerator is 0 and whose denominator is not provided: 0, or undefined if the denominator is 0.
# Either way it fails a comparison that 0 fails (R&D expense 0 fails a minimum intensity whatever the revenue).
ZERO_OR_UNDEFINED = _Marker("ZERO_OR_UNDEFINED")
UNDEFINED = _Marker("UNDEFINED")  # division by zero → the comparison fails: revenue 0 fails


SCORE_PREFIX = "score."
Pair = tuple[str, str]


@dataclass(frozen=True)
class ScoreValue:
    """A score's range; `low == high` when it is determined. `tier` is the 1-based tier applied, when one surely applies."""

    name: str
    label: Pair
    low: int
    high: int
    tier: int | None
    open_fields: tuple[str, ...]  # inputs not provided that could still move the score

    @property
    def value(self) -> int | None:
        return self.low if self.low == self.high else None

    def shown(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def explanation(self) -> Pair:
        words = catalogue()
        if self.value is None:
            (zh, en), (zh_sep, en_sep) = words["rules.score.open"], words["rules.sep.list"]
            return (zh.format(label=self.label[0], range=self.shown(), fields=zh_sep.join(self.open_fields)),
                    en.format(label=self.label[1], range=self.shown(), fields=en_sep.join(self.open_fields)))
        if self.tier is not None:
            zh, en = words["rules.score.tier"]
            return zh.format(label=self.label[0], score=self.low, tier=self.tier), \
                en.format(label=self.label[1], score=self.low, tier=self.tier)
        zh, en = words["rules.score.points"]
        return zh.format(label=self.label[0], score=self.low), en.format(label=self.label[1], score=self.low)



def score_value(name: str, label: Pair, low: int, high: int, tier: int | None,
                open_fields: tuple[str, ...]) -> ScoreValue:
    """ScoreValue(...) without the frozen dataclass's __init__ and its six object.__setattr__ calls: scores are
    made for every application of a scored provision."""
    made = _new(ScoreValue)
    made.__dict__.update(name=name, label=label, low=low, high=high, tier=tier, open_fields=open_fields)
    return made


_new = object.__new__


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (earlier when negative); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@lru_cache(maxsize=1024)
def _decimal_fraction(value: Decimal) -> Fraction:
    return Fraction(value)


def exact(value: Any) -> Any:
    """Numbers in exact form: ints stay ints (they mix exactly with Fractions), Decimals become Fractions."""
    if isinstance(value, Decimal):
        return _decimal_fraction(value)
    if isinstance(value, tuple):
        return tuple(exact(v) for v in value)
    return value


_EXACT_ALREADY = frozenset({int, bool, str, dt.date, _Marker})  # what `exact` returns unchanged


def _field(path: str, values: dict[str, Any]) -> Any:
    value = values.get(path, MISSING)
    return value if type(value) in _EXACT_ALREADY else exact(value)  # most field values are ints (hot path)


def _year_of(path: str, plus: int, values: dict[str, Any]) -> Any:
    day = values.get(path, MISSING)
    return MISSING if day is MISSING else day.year + plus


def _date_shift(path: str, years: int, values: dict[str, Any]) -> Any:
    day = values.get(path, MISSING)
    return MISSING if day is MISSING else shift_years(day, years)


def combine(op: str, args: list[Any]) -> Any:
    """An arithmetic term's value from its arguments' values: the markers first, then the operator."""
    if op == "ratio" and args[1] == 0 and args[0] is not ZERO_OR_UNDEFINED:  # a marker never equals 0
        return UNDEFINED  # a zero denominator fails whatever the numerator, even one not provided (SPEC)
    if op == "ratio" and args[1] is MISSING and args[0] == 0:
        return ZERO_OR_UNDEFINED
    if any(a is MISSING or a is ZERO_OR_UNDEFINED for a in args):  # inside further arithmetic: unknown
        return MISSING
    if any(a is UNDEFINED for a in args):
        return UNDEFINED
    return ARITH[op].apply(args)


def term_value(term: Term, values: dict[str, Any], params: dict[str, Any]) -> Any:
    if type(term) is FieldRef:  # the commonest term (hot path)
        return _field(term.path, values)
    if isinstance(term, ParamRef):
        return exact(params[term.name])
    if isinstance(term, Const):
        return exact(term.value)
    if isinstance(term, YearOf):
        return _year_of(term.path, term.plus, values)
    if isinstance(term, DateShift):
        return _date_shift(term.path, term.years, values)
    if isinstance(term, ScoreRef):  # the evaluator puts score ranges beside the values (engine/evaluate/scores.py)
        return values.get(SCORE_PREFIX + term.name, MISSING)
    return combine(term.op, [term_value(a, values, params) for a in term.args])


TermCode = Callable[[dict[str, Any]], Any]


def compile_term(term: Term, params: dict[str, Any]) -> TermCode:
    """`term_value` of one term as a function of the values alone, for a term read for every application:
    the same leaves and `combine`, with the tree walked once (parameters and constants fixed)."""
    if isinstance(term, FieldRef):
        return partial(_field, term.path)
    if isinstance(term, (ParamRef, Const)):
        fixed = term_value(term, {}, params)
        return lambda values: fixed
    if isinstance(term, YearOf):
        return partial(_year_of, term.path, term.plus)
    if isinstance(term, DateShift):
        return partial(_date_shift, term.path, term.years)
    if isinstance(term, ScoreRef):
        key = SCORE_PREFIX + term.name
        return lambda values: values.get(key, MISSING)
    op, parts = term.op, [compile_term(a, params) for a in term.args]
    return lambda values: combine(op, [part(values) for part in parts])
