"""`subsidy rules validate`: every problem of a rule directory at once, with file, line and key.

On top of what the loader refuses (schemas, references, types, citations), it looks for criteria
that can never hold together, parameter versions out of date order and caps that are not positive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from engine.allocate.programmes import lint_programmes
from engine.errors import RuleFileError
from engine.rules.loader import Problems, load_with
from engine.rules.locate import line_map, locate, positions
from engine.rules.rulebook import Provision, Rulebook, value_at
from engine.rules.terms import exact
from engine.rules.yamlsafe import load_yaml
from schemas.rulefile import AllOf, Compare, Condition, Const, FieldRef, ParamRef, Range


@dataclass(frozen=True)
class _Atom:
    """One conjunctive comparison of a field with a constant, as a set of allowed values."""

    criterion: str
    text: str
    low: Any = None
    low_open: bool = False
    high: Any = None
    high_open: bool = False
    allowed: frozenset[Any] | None = None
    excluded: frozenset[Any] = frozenset()

    def admits(self, value: Any) -> bool:
        if self.allowed is not None and value not in self.allowed:
            return False
        if value in self.excluded:
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return not (self.high is not None and (value > self.high or (self.high_open and value == self.high)))


def _const(term: Any, params: dict[str, Any]) -> Any:
    value = params.get(term.name) if isinstance(term, ParamRef) else term.value
    return exact(value)


def _atoms(cid: str, cond: Condition, params: dict[str, Any]) -> list[tuple[str, _Atom]]:
    if isinstance(cond, AllOf):
        return [a for item in cond.items for a in _atoms(cid, item, params)]
    if not (isinstance(cond, Compare) and isinstance(cond.subject, FieldRef)):
        return []
    bounds = (cond.object.low, cond.object.high) if isinstance(cond.object, Range) else (cond.object,)
    if not all(isinstance(b, (Const, ParamRef)) for b in bounds):
        return []
    values = [_const(b, params) for b in bounds]
    v, op, path = values[0], cond.op, cond.subject.path
    text = f"{path} {op} {values if len(values) > 1 else v}"
    atom = {
        "eq": lambda: _Atom(cid, text, allowed=frozenset([v])),
        "ne": lambda: _Atom(cid, text, excluded=frozenset([v])),
        "in": lambda: _Atom(cid, text, allowed=frozenset(v)),
        "not_in": lambda: _Atom(cid, text, excluded=frozenset(v)),
        "gt": lambda: _Atom(cid, text, low=v, low_open=True),
        "gte": lambda: _Atom(cid, text, low=v),
        "lt": lambda: _Atom(cid, text, high=v, high_open=True),
        "lte": lambda: _Atom(cid, text, high=v),
        "between": lambda: _Atom(cid, text, low=values[0], high=values[-1]),
    }.get(op)
    return [(path, atom())] if atom else []


def _disjoint(a: _Atom, b: _Atom) -> bool:
    for one, other in ((a, b), (b, a)):
        if one.allowed is not None:
            return not any(other.admits(x) and one.admits(x) for x in one.allowed)
    low = max((x for x in (a.low, b.low) if x is not None), default=None)
    high = min((x for x in (a.high, b.high) if x is not None), default=None)
    if low is None or high is None:
        return False
    if low > high:
        return True
    if low == high:
        return not (a.admits(low) and b.admits(low))
    return False


def _unsatisfiable(provision: Provision, day: dt.date) -> list[tuple[str, str, dict[str, Any]]]:
    params = {name: value_at(p, day) for name, p in provision.parameters.items()}
    atoms: dict[str, list[_Atom]] = {}
    for c in provision.criteria:
        for path, atom in _atoms(c.id, c.when, params):
            atoms.setdefault(path, []).append(atom)
    found = []
    for group in atoms.values():
        for a, b in combinations(group, 2):
            if _disjoint(a, b):
                msg = "lint.never_both_one" if a.criterion == b.criterion else "lint.never_both_two"
                found.append((b.criterion, msg, {"a": repr(a.criterion), "b": repr(b.criterion), "x": a.text,
                                                 "y": b.text, "day": day}))
    return found


def _semantic(root: Path, book: Rulebook, problems: Problems) -> None:
    for p in book.provisions:
        days = sorted({p.window.from_, *(d for param in p.parameters.values() for d in param.values
                                         if p.window.from_ <= d <= p.window.to)})
        seen = set()
        for day in days:
            for cid, msg, fields in _unsatisfiable(p, day):
                if (cid, fields["x"], fields["y"]) not in seen:  # reported once, from the first day it holds
                    seen.add((cid, fields["x"], fields["y"]))
                    index = [c.id for c in p.criteria].index(cid)
                    problems.add(p.source, f"criteria.{index}", msg, **fields)
        if p.amount is not None:
            for part in ("cap", "cumulative_cap"):
                term = getattr(p.amount, part)
                if isinstance(term, ParamRef):
                    for day, value in p.parameters[term.name].values.items():
                        if not value > 0:
                            problems.add(p.source, f"parameters.{term.name}.values.{day}", "lint.must_be_positive",
                                         part=part)
                elif isinstance(term, Const) and not (isinstance(term.value, int) and term.value > 0):
                    problems.add(p.source, f"amount.{part}", "lint.must_be_positive", part=part)


def _version_order(root: Path, problems: Problems) -> None:
    for path in sorted(root.glob("*.yaml")):
        try:
            doc, _ = load_yaml(path, f"{root.name}/{path.name}")
        except RuleFileError:
            continue  # already reported by the loader
        params = doc.get("parameters") if isinstance(doc, dict) else None
        for name, param in (params or {}).items():
            days = list(param.get("values", {})) if isinstance(param, dict) and isinstance(param.get("values"), dict) else []
            if all(isinstance(d, dt.date) for d in days) and days != sorted(days):
                problems.add(f"{root.name}/{path.name}", f"parameters.{name}.values", "lint.version_order")


def lint_rules(directory: str | Path) -> list[RuleFileError]:
    """Every problem found, errors and warnings, each with file, key and (where it can be found) line."""
    root = Path(directory)
    problems = Problems(collect=True)
    book = load_with(root, problems)
    _version_order(root, problems)
    if book is not None:
        _semantic(root, book, problems)
    problems.items += lint_programmes(root, book)  # rules/programmes/: the allocation programmes
    for problem in problems.items:
        locate(root, problem)
    return problems.items


__all__ = ["lint_rules", "line_map", "positions"]
