"""Checks a provision's conditions and amount formula against the application fields and its parameters.

durable_rules compares across types silently ("abc" >= 5 is true), so every comparison must be
well-typed before it is compiled (note on durable_rules, §4 row 12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Any

from engine.errors import Word
from engine.rules.operators import COMPARISONS, ORDERED
from engine.rules.suggest import hint
from schemas.application import FIELDS
from schemas.rulefile import (
    AllOf, AnyOf, Arith, Compare, Condition, Const, DateShift, FieldRef, Not, Parameter, ParamRef, Range, ScoreRef, Term,
    YearOf,
)

NUMBER_KINDS = {"yuan", "count", "year"}
_UNIT_TYPE = {"yuan": "number", "count": "number", "year": "number", "ratio": "number", "date": "date",
              "text": "text"}


def _bounds(obj: Term | Range) -> tuple[Term, ...]:
    return (obj.low, obj.high) if isinstance(obj, Range) else (obj,)


@dataclass(frozen=True)
class Type:
    name: str  # number, date, bool, text, set, list
    choices: tuple[str, ...] = ()  # allowed text values (enum fields)
    item: str = ""  # element type of a list


class TypeProblem(Exception):
    """A type error at `key`, worded by the message catalogue (`msg` and its fields); `message` is the English."""

    def __init__(self, key: str, msg: str, **fields: Any) -> None:
        self.key = key
        self.msg = msg
        self.fields = fields
        self.message = Word(msg, fields).text("en")
        super().__init__(self.message)


def _t(name: str) -> Word:
    """A type's name in the reader's language."""
    return Word(f"lint.type.{name}")


def field_type(path: str, key: str) -> Type:
    if path == "as_of":
        return Type("date")
    spec = FIELDS.get(path)
    if spec is None:
        same_name = [p for p in FIELDS if p.split(".")[-1] == path.split(".")[-1]]
        found = Word("lint.hint", {"name": same_name[0]}) if same_name else hint(path, FIELDS, quote=False)
        raise TypeProblem(key, "lint.unknown_field", field_path=repr(path), hint=found)
    if spec.kind in NUMBER_KINDS:
        return Type("number")
    if spec.kind == "set":
        return Type("set", spec.choices)
    return Type({"bool": "bool", "date": "date"}.get(spec.kind, "text"), spec.choices)


def _const_type(value: Any, key: str) -> Type:
    if isinstance(value, bool):
        return Type("bool")
    if isinstance(value, (int, Decimal)):
        return Type("number")
    if isinstance(value, dt.date):
        return Type("date")
    if isinstance(value, str):
        return Type("text")
    items = {_const_type(v, key).name for v in value}
    if len(items) != 1:
        raise TypeProblem(key, "lint.mixed_list")
    return Type("list", item=items.pop())


def term_type(term: Term, params: dict[str, Parameter], key: str) -> Type:
    if isinstance(term, FieldRef):
        return field_type(term.path, key)
    if isinstance(term, ParamRef):
        parameter = params.get(term.name)
        if parameter is None:
            raise TypeProblem(key, "lint.undefined_param", name=repr(term.name), hint=hint(term.name, params))
        if parameter.unit == "codes":
            return Type("list", item="text")
        return Type(_UNIT_TYPE[parameter.unit])
    if isinstance(term, Const):
        return _const_type(term.value, key)
    if isinstance(term, ScoreRef):
        return Type("number")
    if isinstance(term, DateShift):
        if field_type(term.path, key).name != "date":
            raise TypeProblem(key, "lint.needs_date_field", op="date_of", field_path=term.path)
        return Type("date")
    if isinstance(term, YearOf):
        if field_type(term.path, key).name != "date":
            raise TypeProblem(key, "lint.needs_date_field", op="year_of", field_path=term.path)
        return Type("number")
    for i, arg in enumerate(term.args):
        if term_type(arg, params, f"{key}.{term.op}.{i}").name != "number":
            raise TypeProblem(key, "lint.numbers_only", op=term.op)
    return Type("number")


def _same(subject: Type, obj: Type, key: str, what: str) -> None:
    if subject.name != obj.name:
        raise TypeProblem(key, "lint.compares", a=_t(subject.name), b=_t(obj.name), op=what)


def _choice(subject: Type, value: Any, key: str) -> None:
    if subject.choices and value not in subject.choices:
        raise TypeProblem(key, "lint.not_a_choice", value=repr(value), choices=", ".join(subject.choices))


def check_condition(cond: Condition, params: dict[str, Parameter], key: str) -> None:
    if isinstance(cond, AnyOf) and cond.written_as_if:
        check_condition(cond.items[0].item, params, f"{key}.if")  # type: ignore[union-attr]
        check_condition(cond.items[1], params, f"{key}.then")
        return
    if isinstance(cond, (AllOf, AnyOf)):
        for i, item in enumerate(cond.items):
            check_condition(item, params, f"{key}.{'all' if isinstance(cond, AllOf) else 'any'}.{i}")
        return
    if isinstance(cond, Not):
        check_condition(cond.item, params, f"{key}.not")
        return
    assert isinstance(cond, Compare)
    subject = term_type(cond.subject, params, key)
    op, obj, okey = cond.op, cond.object, f"{key}.{cond.op}"
    if not isinstance(cond.subject, (FieldRef, DateShift)) and subject.name != "number":
        raise TypeProblem(key, "lint.computed_subject")
    if (op == "between" or COMPARISONS[op].constant_object) and not all(isinstance(t, (Const, ParamRef)) for t in _bounds(obj)):
        raise TypeProblem(okey, "lint.constant_object", op=op)
    if op == "between":
        assert isinstance(obj, Range)
        for i, bound in enumerate((obj.low, obj.high)):
            _same(subject, term_type(bound, params, f"{okey}.{i}"), f"{okey}.{i}", op)
        if subject.name not in ("number", "date"):
            raise TypeProblem(key, "lint.between_types", type=_t(subject.name))
        return
    assert not isinstance(obj, Range)
    otype = term_type(obj, params, okey)
    if op in ("in", "not_in"):
        if otype.name != "list" or otype.item != subject.name or subject.name not in ("text", "number"):
            raise TypeProblem(okey, "lint.in_needs", op=op, type=_t(subject.name))
        if isinstance(obj, Const):
            for value in obj.value:  # type: ignore[union-attr]
                _choice(subject, value, okey)
    elif op == "has":
        if subject.name != "set" or otype.name != "text":
            raise TypeProblem(key, "lint.has_needs")
        if isinstance(obj, Const):
            _choice(subject, obj.value, okey)
    elif op in ("starts_with", "not_starts_with"):
        if subject.name != "text" or subject.choices or not (otype.name == "text" or otype.item == "text"):
            raise TypeProblem(key, "lint.prefix_needs", op=op)
        prefixes = obj.value if isinstance(obj, Const) and isinstance(obj.value, tuple) else (getattr(obj, "value", "a"),)
        if not all(isinstance(p, str) and p.isalnum() for p in prefixes):
            raise TypeProblem(okey, "lint.prefix_chars")
    elif op in ORDERED:
        if subject.name not in ("number", "date"):
            raise TypeProblem(key, "lint.ordered_needs", op=op, type=_t(subject.name))
        _same(subject, otype, okey, op)
    else:  # eq, ne
        if not isinstance(obj, (Const, ParamRef)) and subject.name not in ("number", "date"):
            raise TypeProblem(okey, "lint.eq_fields", op=op)
        if subject.name in ("set", "list"):
            raise TypeProblem(key, "lint.eq_list", op=op)
        _same(subject, otype, okey, op)
        if isinstance(obj, Const):
            _choice(subject, obj.value, okey)


def check_amount(term: Term, params: dict[str, Parameter], key: str) -> None:
    if term_type(term, params, key).name != "number":
        raise TypeProblem(key, "lint.amount_number")


def fields_of(node: Any) -> list[str]:
    """Field paths a condition or term reads, in order of appearance, without duplicates."""
    return list(_fields_of(node))


@lru_cache(maxsize=4096)  # rule trees are frozen and few; this runs for every unknown criterion
def _fields_of(node: Any) -> tuple[str, ...]:
    out: list[str] = []

    def walk(n: Any) -> None:
        if isinstance(n, (FieldRef, YearOf, DateShift)):
            out.append(n.path)
        elif isinstance(n, (AllOf, AnyOf)):
            for item in n.items:
                walk(item)
        elif isinstance(n, Not):
            walk(n.item)
        elif isinstance(n, Compare):
            walk(n.subject)
            walk(n.object)
        elif isinstance(n, Range):
            walk(n.low)
            walk(n.high)
        elif isinstance(n, Arith):
            for a in n.args:
                walk(a)
        elif isinstance(n, tuple):
            for item in n:
                walk(item)

    walk(node)
    return tuple(dict.fromkeys(out))


def params_used(node: Any) -> set[str]:
    """Parameter names a condition or term refers to."""
    if isinstance(node, ParamRef):
        return {node.name}
    if isinstance(node, Arith):
        return set().union(*(params_used(a) for a in node.args))
    if hasattr(node, "__dataclass_fields__"):
        return set().union(set(), *(params_used(getattr(node, f)) for f in node.__dataclass_fields__))
    if isinstance(node, tuple):
        return set().union(set(), *(params_used(x) for x in node))
    return set()


def scores_used(node: Any) -> list[str]:
    """Score names a condition refers to, in order of appearance."""
    out: list[str] = []

    def walk(n: Any) -> None:
        if isinstance(n, ScoreRef):
            out.append(n.name)
        elif isinstance(n, tuple):
            for item in n:
                walk(item)
        elif hasattr(n, "__dataclass_fields__"):
            for f in n.__dataclass_fields__:
                walk(getattr(n, f))

    walk(node)
    return list(dict.fromkeys(out))
