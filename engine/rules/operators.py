"""The operators of the rule language, each defined once: negation, wording, reference semantics, durable form.

Adding an operator is one entry here, its wording `rules.op.<name>` in engine/messages/rules.py (plus its
typing rule in `typecheck.check_condition` when it needs a new one) and tests: the reference matcher, the durable_rules compiler, explanations and `rules show`
all read this table. See docs/architecture.md, "Adding an operator".
"""

from __future__ import annotations

import operator
from fractions import Fraction
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.messages import catalogue

Cond = dict[str, Any]  # a durable_rules condition (JSON ruleset)
Pair = tuple[str, str]  # (zh, en)


def _cmp(op: str) -> Callable[[str, Any], Cond]:
    def compiled(key: str, value: Any) -> Cond:
        return {key: value} if op == "eq" else {"$neq" if op == "ne" else "$" + op: {key: value}}
    return compiled


def _one_of(key: str, values: Any) -> Cond:
    return {"$or": [{key: v} for v in values]}


def _none_of(key: str, values: Any) -> Cond:
    return {"$and": [{"$neq": {key: v}} for v in values]}


def _prefix_bounds(prefix: str) -> tuple[str, str]:
    # Byte-wise string order: s starts with p ⇔ p ≤ s < p with its last character incremented.
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _starts(key: str, prefixes: Any) -> Cond:
    ranges = [_prefix_bounds(p) for p in (prefixes if isinstance(prefixes, tuple) else (prefixes,))]
    return {"$or": [{"$and": [{"$gte": {key: lo}}, {"$lt": {key: hi}}]} for lo, hi in ranges]}


def _starts_not(key: str, prefixes: Any) -> Cond:
    ranges = [_prefix_bounds(p) for p in (prefixes if isinstance(prefixes, tuple) else (prefixes,))]
    return {"$and": [{"$or": [{"$lt": {key: lo}}, {"$gte": {key: hi}}]} for lo, hi in ranges]}


def _has(key: str, value: Any) -> Cond:
    return {"$iany": {key: {"$i": value}}}


def _lacks(key: str, value: Any) -> Cond:
    return {"$or": [{key + "__n": 0}, {"$iall": {key: {"$neq": {"$i": value}}}}]}


def _starts_with(s: str, o: Any) -> bool:
    return s.startswith(o if isinstance(o, str) else tuple(o))


@dataclass(frozen=True)
class Comparison:
    name: str
    negation: str  # the operator that holds exactly when this one does not (on provided data)
    holds: Callable[[Any, Any], bool]  # reference semantics on exact values
    durable: Callable[[str, Any], Cond]  # a field's fact key against a constant
    symbol: str = ""  # for ordered comparisons, shown between the values
    constant_object: bool = False  # the other side must be a value or a parameter
    public: bool = True  # written in rule files (the negations of has/starts_with are not)

    @property
    def said(self) -> str:
        """The catalogue key of its wording when it holds: {label}, {s} (subject value), {o} (object value)."""
        return "rules.op." + self.name


def _ordered(name: str, negation: str, symbol: str, fn: Callable[[Any, Any], bool]) -> Comparison:
    return Comparison(name, negation, fn, _cmp(name), symbol)


COMPARISONS: dict[str, Comparison] = {c.name: c for c in (
    _ordered("eq", "ne", "=", operator.eq),
    _ordered("ne", "eq", "≠", operator.ne),
    _ordered("gt", "lte", ">", operator.gt),
    _ordered("gte", "lt", "≥", operator.ge),
    _ordered("lt", "gte", "<", operator.lt),
    _ordered("lte", "gt", "≤", operator.le),
    Comparison("in", "not_in", lambda s, o: s in o, _one_of, constant_object=True),
    Comparison("not_in", "in", lambda s, o: s not in o, _none_of, constant_object=True),
    Comparison("has", "lacks", lambda s, o: o in s, _has, constant_object=True),
    Comparison("lacks", "has", lambda s, o: o not in s, _lacks, constant_object=True, public=False),
    # One prefix or a list of them (a code-prefix list such as the super deduction's negative list).
    Comparison("starts_with", "not_starts_with", _starts_with, _starts, constant_object=True),
    Comparison("not_starts_with", "starts_with", lambda s, o: not _starts_with(s, o), _starts_not, constant_object=True),
)}

# Catalogue keys of the other wordings (engine/messages/rules.py). eq and ne against a constant read as a
# statement of the value, and when they fail say what it should (not) be.
STATED = "rules.op.stated"
SHOULD: dict[str, str] = {"eq": "rules.op.eq.should", "ne": "rules.op.ne.should"}
RANGE_WORDS: dict[bool, str] = {True: "rules.op.between", False: "rules.op.not_between"}
PUBLIC = tuple(name for name, c in COMPARISONS.items() if c.public) + ("between",)
ORDERED = {"gt", "gte", "lt", "lte", "between"}


@dataclass(frozen=True)
class ArithOp:
    name: str
    arity: tuple[int, int]  # fewest and most arguments
    separator: str  # how a formula writes it between its arguments; "" for a function form
    apply: Callable[[list[Any]], Any]  # exact values in; UNDEFINED handled by the caller (ratio)


def _product(args: list[Any]) -> Any:
    out: Any = 1
    for a in args:
        out *= a
    return out


ARITH: dict[str, ArithOp] = {a.name: a for a in (
    ArithOp("ratio", (2, 2), " / ", lambda a: Fraction(a[0]) / a[1]),
    ArithOp("sub", (2, 2), " − ", lambda a: a[0] - a[1]),
    ArithOp("add", (2, 8), " + ", sum),
    ArithOp("mul", (2, 8), " × ", _product),
    ArithOp("min", (2, 8), "", min),
    ArithOp("max", (2, 8), "", max),
)}


def joined(op: str, parts: list[Pair]) -> Pair:
    """A formula's arguments written with its operator: `a / b`, or `min(a, b)` for a function form."""
    sep = ARITH[op].separator
    if sep:
        return sep.join(p[0] for p in parts), sep.join(p[1] for p in parts)
    words, seps = catalogue()["rules.arith." + op], catalogue()["rules.arith.args_sep"]
    return (words[0].format(args=seps[0].join(p[0] for p in parts)),
            words[1].format(args=seps[1].join(p[1] for p in parts)))
