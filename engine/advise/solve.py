"""Solves a rule's condition for the applicant's controllable facts: the least changes that make it pass.

Read from the rule tree itself, so a provision a policy officer writes gets advice without code:

- a comparison of a field, or of arithmetic over fields (ratio, sub, add, mul), with a value is solved
  exactly for the controllable field in it (Fractions; bounds rounded up or down to the whole yuan or
  unit). A ratio is solved for its numerator when that is controllable (more R&D, not less revenue);
- a flag or a choice is set to what the rule asks (`eq`, `in`; `ne`, `not_in` exclude values);
- `all` needs every part (their requirements merged), `any` the cheapest branch, `not` is pushed inwards;
- a comparison of a score is met by the tiers of its parts whose points reach the bound.

A part that reads an absent input cannot be solved: its inputs are recorded in `needs` (supply them first).
A failed part with no controllable field in it has no way at all: the criterion is blocking.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from engine.advise.needs import NOTHING, Need, Requirement, cheapest, cost, merge
from engine.evaluate.reference import FAIL, PASS, UNKNOWN, evaluate_condition, open_fields
from engine.evaluate.scores import score_values, with_scores
from engine.rules.operators import COMPARISONS
from engine.rules.rulebook import Provision
from engine.rules.terms import MISSING, UNDEFINED, ZERO_OR_UNDEFINED, term_value
from engine.rules.typecheck import fields_of
from schemas.application import FIELDS
from schemas.rulefile import AllOf, AnyOf, Arith, Compare, Condition, FieldRef, Not, Range, ScoreRef, Term

KEEP = 6  # alternatives kept at each step: enough for every rule of the pack, bounded for any other
MAX_OPTIONS = 64  # a score's (points, requirement) options kept after each part of a sum
FLIP = {"gt": "lt", "gte": "lte", "lt": "gt", "lte": "gte", "eq": "eq", "ne": "ne"}
NUMBER_KINDS = ("yuan", "count", "year")


def negate(cond: Condition) -> Condition:
    """The condition that passes exactly when `cond` fails (on provided data)."""
    if isinstance(cond, Not):
        return cond.item
    if isinstance(cond, AllOf):
        return AnyOf(tuple(negate(c) for c in cond.items))
    if isinstance(cond, AnyOf):
        return AllOf(tuple(negate(c) for c in cond.items))
    if isinstance(cond.object, Range):
        return AnyOf((Compare(cond.subject, "lt", cond.object.low), Compare(cond.subject, "gt", cond.object.high)))
    return Compare(cond.subject, COMPARISONS[cond.op].negation, cond.object)


def controllable(path: str) -> bool:
    spec = FIELDS.get(path)
    return spec is not None and spec.controllable


class Solver:
    """The ways to make conditions pass, for one provision and one applicant's values."""

    def __init__(self, provision: Provision, params: dict[str, Any], values: dict[str, Any]) -> None:
        self.provision, self.params, self.values = provision, params, values
        self.scores = score_values(provision, values, params) if provision.scores else {}
        self.scored = with_scores(values, self.scores)
        # Absent inputs met while solving, in order and with repeats (callers take the part after a mark).
        self.needs: list[str] = []
        self._options: dict[str, tuple[list[tuple[int, Requirement]], list[str]]] = {}

    def state(self, cond: Condition) -> str:
        return evaluate_condition(cond, self.scored, self.params)

    def ways(self, cond: Condition) -> list[Requirement]:
        """The cheapest requirements under which `cond` passes ([NOTHING] if it passes now; [] if none is known)."""
        state = self.state(cond)
        if state == PASS:
            return [NOTHING]
        if state == UNKNOWN:
            self.needs += open_fields(cond, self.scored, self.params)
            return []
        if isinstance(cond, Not):
            return self.ways(negate(cond.item))
        if isinstance(cond, AllOf):
            return self._all(cond.items)
        if isinstance(cond, AnyOf):
            mark = len(self.needs)
            found = [r for c in cond.items for r in self.ways(c)]
            if found:  # a branch can be met: what other branches lack does not matter
                del self.needs[mark:]
            return cheapest(found, self.values, KEEP)
        return self._compare(cond)

    def _all(self, items: tuple[Condition, ...]) -> list[Requirement]:
        mark = len(self.needs)
        failed = [c for c in items if self.state(c) == FAIL]
        combos: list[Requirement] = [NOTHING]
        for c in failed + [c for c in items if c not in failed]:
            ways = self.ways(c)
            if not ways and c in failed and len(self.needs) == mark:
                return []  # a failed part no change can meet: the rest does not matter
            combos = [m for a in combos for b in ways if (m := merge(a, b)) is not None]
            combos = cheapest(combos, self.values, KEEP)
        return combos

    def _compare(self, cond: Compare) -> list[Requirement]:
        if isinstance(cond.subject, ScoreRef):
            return self._score(cond)
        if isinstance(cond.object, Range):
            return self._all((Compare(cond.subject, "gte", cond.object.low),
                              Compare(cond.subject, "lte", cond.object.high)))
        found = self._solve(cond.subject, cond.op, cond.object)
        if cond.op in FLIP:  # the other side may hold the controllable field (x ≤ y is y ≥ x)
            found += self._solve(cond.object, FLIP[cond.op], cond.subject)
        return cheapest(found, self.values, KEEP)

    def _value(self, term: Term | tuple[Term, ...]) -> Any:
        if isinstance(term, tuple):
            return tuple(self._value(t) for t in term)
        value = term_value(term, self.values, self.params)
        if value is MISSING or value is ZERO_OR_UNDEFINED:
            self.needs += [f for f in fields_of(term) if f not in self.values]
            return None
        return None if value is UNDEFINED else value

    def _solve(self, term: Term, op: str, other: Term) -> list[Requirement]:
        """Requirements on the controllable field inside `term` under which `term op other` holds."""
        if not any(controllable(f) for f in fields_of(term)):
            return []
        target = self._value(other)
        if target is None:
            return []
        return self._isolate(term, op, target)

    def _isolate(self, term: Term, op: str, target: Any) -> list[Requirement]:
        if isinstance(term, FieldRef):
            need = self._need(term.path, op, target)
            return [] if need is None else [{term.path: need}]
        if not isinstance(term, Arith) or op not in FLIP:
            return []
        found: list[Requirement] = []
        for i, arg in enumerate(term.args):
            if not any(controllable(f) for f in fields_of(arg)):
                continue
            others = self._value(tuple(a for j, a in enumerate(term.args) if j != i))
            if others is None or any(o is None for o in others):
                continue
            step = _inverse(term.op, i, op, Fraction(target) if not isinstance(target, Fraction) else target, others)
            if step is not None:
                found += self._isolate(arg, *step)
            if term.op == "ratio":  # the numerator when it can move: more R&D, never less revenue
                break
        return found

    def _need(self, path: str, op: str, target: Any) -> Need | None:
        if not controllable(path):
            return None
        if path not in self.values:
            self.needs.append(path)
            return None
        spec = FIELDS[path]
        if op == "in":
            return Need(allowed=tuple(target))
        if spec.kind in NUMBER_KINDS:
            if op == "not_in":
                return Need(excluded=frozenset(target))
            return _number_need(op, Fraction(target)) if op in FLIP else None
        if op == "eq":
            return Need(allowed=(target,))
        if op in ("ne", "not_in"):  # a flag or a choice: the values it may take instead, in the schema's order
            choices = (True, False) if spec.kind == "bool" else spec.choices
            others = tuple(c for c in choices if c not in (target if op == "not_in" else (target,)))
            return Need(allowed=others) if others else None
        return None  # has, starts_with: sets and codes are facts of record

    def _score(self, cond: Compare) -> list[Requirement]:
        bound = self._value(cond.object)
        if bound is None:
            return []
        holds = COMPARISONS[cond.op].holds
        options = self._score_options(cond.subject.name)  # type: ignore[union-attr]
        return cheapest([r for points, r in options if holds(points, bound)], self.values, KEEP)

    def _score_options(self, name: str) -> list[tuple[int, Requirement]]:
        """(points, requirement) pairs: the points the score takes when the requirement is met."""
        if name in self._options:
            options, needs = self._options[name]
            self.needs += needs  # what the score lacks is lacked again by whoever asks
            return options
        mark = len(self.needs)
        score = self.provision.scores[name]
        out: list[tuple[int, Requirement]] = []
        if score.tiers is not None:
            earlier: list[Condition] = []
            for tier in score.tiers:  # tier i applies when every earlier tier fails and its own condition holds
                parts = tuple(negate(e) for e in earlier) + ((tier.when,) if tier.when is not None else ())
                out += [(tier.points, r) for r in (self._all(parts) if parts else [NOTHING])]
                if tier.when is not None:
                    earlier.append(tier.when)
        elif score.greater_of is not None:
            now = [self.scores[n].low for n in score.greater_of]
            for i, part in enumerate(score.greater_of):
                rest = max(now[:i] + now[i + 1:])
                out += [(max(points, rest), r) for points, r in self._score_options(part)]
        else:
            out = [(0, NOTHING)]
            for part in score.sum or []:
                out = _frontier([(a + b, m) for a, ra in out for b, rb in self._score_options(part)
                                 if (m := merge(ra, rb)) is not None], self.values)
        self._options[name] = (out, self.needs[mark:])
        return out


def _frontier(options: list[tuple[int, Requirement]], values: dict[str, Any]) -> list[tuple[int, Requirement]]:
    """The options no cheaper option beats: each reaches more points (or fewer) than every cheaper one.

    Keeps a score's options few however many parts and tiers it sums (a bound comes before any rule file).
    """
    keep: list[tuple[int, Requirement]] = []
    high = low = None
    for points, req in sorted(options, key=lambda o: cost(o[1], values)):
        if high is None or low is None or points > high or points < low:
            keep.append((points, req))
            high = points if high is None else max(high, points)
            low = points if low is None else min(low, points)
    return keep[:MAX_OPTIONS]


def _number_need(op: str, target: Fraction) -> Need | None:
    """A whole-number field's bound for `x op target`; numbers in applications are never negative."""
    need = {
        "gte": lambda: Need(lo=math.ceil(target)),
        "gt": lambda: Need(lo=math.floor(target) + 1),
        "lte": lambda: Need(hi=math.floor(target)),
        "lt": lambda: Need(hi=math.ceil(target) - 1),
        "eq": lambda: Need(allowed=(int(target),)) if target.denominator == 1 else None,
        "ne": lambda: Need(excluded=frozenset([int(target)])) if target.denominator == 1 else None,
    }[op]()
    return None if need is None else need.merge(Need(lo=0))


def _inverse(op: str, i: int, rel: str, target: Fraction, others: tuple[Any, ...]) -> tuple[str, Fraction] | None:
    """The relation on argument i of `op(args) rel target`, the other arguments known: (relation, value)."""
    if op == "ratio":
        if i == 0:  # x / b rel t  ⇔  x rel t·b  (b > 0)
            return (rel, target * others[0]) if others[0] > 0 else None
        if target <= 0 or others[0] <= 0:  # a / x rel t  ⇔  x flip(rel) a / t  (a, t > 0)
            return None
        return FLIP[rel], Fraction(others[0]) / target
    if op == "sub":
        return (rel, target + others[0]) if i == 0 else (FLIP[rel], others[0] - target)
    if op == "add":
        return rel, target - sum(others)
    if op == "mul":
        product = math.prod(others)
        if product == 0:
            return None
        return (rel if product > 0 else FLIP[rel]), target / Fraction(product)
    return None
