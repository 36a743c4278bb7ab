"""Checks a provision's conditions and amount formula against the application fields and its parameters.

durable_rules compares across types silently ("abc" >= 5 is true), so every comparison must be
well-typed before it is compiled (note on durable_rules, §4 row 12).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Any

from engine.rules.operators import COMPARISONS, ORDERED
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
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def field_type(path: str, key: str) -> Type:
    if path == "as_of":
        return Type("date")
    spec = FIELDS.get(path)
    if spec is None:
        close = [p for p in FIELDS if p.split(".")[-1] == path.split(".")[-1]] or difflib.get_close_matches(
            path, list(FIELDS), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise TypeProblem(key, f"unknown field {path!r}{hint}")
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
        raise TypeProblem(key, "a list mixes values of different types")
    return Type("list", item=items.pop())


def term_type(term: Term, params: dict[str, Parameter], key: str) -> Type:
    if isinstance(term, FieldRef):
        return field_type(term.path, key)
    if isinstance(term, ParamRef):
        parameter = params.get(term.name)
        if parameter is None:
            close = difflib.get_close_matches(term.name, list(params), n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TypeProblem(key, f"undefined parameter {term.name!r}{hint}")
        if parameter.unit == "codes":
            return Type("list", item="text")
        return Type(_UNIT_TYPE[parameter.unit])
    if isinstance(term, Const):
        return _const_type(term.value, key)
    if isinstance(term, ScoreRef):
        return Type("number")
    if isinstance(term, DateShift):
        if field_type(term.path, key).name != "date":
            raise TypeProblem(key, f"date_of needs a date field, {term.path} is not one")
        return Type("date")
    if isinstance(term, YearOf):
        if field_type(term.path, key).name != "date":
            raise TypeProblem(key, f"year_of needs a date field, {term.path} is not one")
        return Type("number")
    for i, arg in enumerate(term.args):
        if term_type(arg, params, f"{key}.{term.op}.{i}").name != "number":
            raise TypeProblem(key, f"{term.op} works on numbers only")
    return Type("number")


def _same(subject: Type, obj: Type, key: str, what: str) -> None:
    if subject.name != obj.name:
        raise TypeProblem(key, f"compares a {subject.name} with a {obj.name} ({what})")


def _choice(subject: Type, value: Any, key: str) -> None:
    if subject.choices and value not in subject.choices:
        raise TypeProblem(key, f"{value!r} is not one of {', '.join(subject.choices)}")


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
        raise TypeProblem(key, "a computed subject must be a number")
    if (op == "between" or COMPARISONS[op].constant_object) and not all(isinstance(t, (Const, ParamRef)) for t in _bounds(obj)):
        raise TypeProblem(okey, f"{op} compares with values or parameters only, not with other fields")
    if op == "between":
        assert isinstance(obj, Range)
        for i, bound in enumerate((obj.low, obj.high)):
            _same(subject, term_type(bound, params, f"{okey}.{i}"), f"{okey}.{i}", op)
        if subject.name not in ("number", "date"):
            raise TypeProblem(key, f"between needs numbers or dates, not {subject.name}")
        return
    assert not isinstance(obj, Range)
    otype = term_type(obj, params, okey)
    if op in ("in", "not_in"):
        if otype.name != "list" or otype.item != subject.name or subject.name not in ("text", "number"):
            raise TypeProblem(okey, f"{op} needs a {subject.name} field and a list of {subject.name} values")
        if isinstance(obj, Const):
            for value in obj.value:  # type: ignore[union-attr]
                _choice(subject, value, okey)
    elif op == "has":
        if subject.name != "set" or otype.name != "text":
            raise TypeProblem(key, "has needs a list field (such as applicant.designations) and one value")
        if isinstance(obj, Const):
            _choice(subject, obj.value, okey)
    elif op in ("starts_with", "not_starts_with"):
        if subject.name != "text" or subject.choices or not (otype.name == "text" or otype.item == "text"):
            raise TypeProblem(key, f"{op} needs a code field and a text prefix or a list of them")
        prefixes = obj.value if isinstance(obj, Const) and isinstance(obj.value, tuple) else (getattr(obj, "value", "a"),)
        if not all(isinstance(p, str) and p.isalnum() for p in prefixes):
            raise TypeProblem(okey, "the prefix must be letters or digits")
    elif op in ORDERED:
        if subject.name not in ("number", "date"):
            raise TypeProblem(key, f"{op} needs numbers or dates, not {subject.name}")
        _same(subject, otype, okey, op)
    else:  # eq, ne
        if not isinstance(obj, (Const, ParamRef)) and subject.name not in ("number", "date"):
            raise TypeProblem(okey, f"{op} between two fields works for numbers and dates only")
        if subject.name in ("set", "list"):
            raise TypeProblem(key, f"{op} does not apply to a list field; use has")
        _same(subject, otype, okey, op)
        if isinstance(obj, Const):
            _choice(subject, obj.value, okey)


def check_amount(term: Term, params: dict[str, Parameter], key: str) -> None:
    if term_type(term, params, key).name != "number":
        raise TypeProblem(key, "an amount must be a number")


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
