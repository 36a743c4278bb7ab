"""Compiles the criteria of one epoch into a durable_rules ruleset (pure functions, no engine calls).

Each criterion becomes a T rule (the data is there and it holds) and an F rule (the data is there and
it does not). Neither firing means unknown: durable_rules never matches a comparison on an absent
field (docs/durable-rules.md, "The rule set"). With every input present a criterion is pass or fail, so the T rule is guarded
by a `_p<n>` marker that the fact carries only when some input is absent: then "F did not fire" is the
pass. Most complete criteria pass, and every fired rule costs (its action, the fact serialised into its
message), so this fires about a quarter of the rules "T did not fire is the fail" would. Most criteria
cannot pass with an input absent at all (no `any`, no `not`): they get no T rule and no marker, which
halves the rules and the fact's keys, and the time of an assert with them. all/any/not
compile to $and/$or with Kleene polarity, so the whole three-valued logic happens inside the matcher. Computed subjects (ratios, differences, year_of) are
pre-computed into `_d<n>` fact keys, never with durable's own arithmetic (row 15), and fractions are
sent as floor/ceil integers scaled by 10^9 (rows 10-11: no floats reach the engine).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from engine.evaluate.factcode import (
    BOUND, SCALE, FactCode, Step, derive, derive_difference, derive_from_day, derive_ratio,
)
from engine.errors import EngineFailure
from engine.evaluate.reference import FAIL, PASS, UNKNOWN, Outcomes, outcome_key
from engine.rules.operators import COMPARISONS, Cond
from engine.rules.rulebook import Epoch
from engine.rules.terms import compile_term
from engine.rules.typecheck import fields_of, params_used
from schemas.application import FIELDS
from schemas.rulefile import (
    AllOf, AnyOf, Arith, Compare, Condition, Const, FieldRef, Not, ParamRef, Range, Term,
)

MAX_MATCHING = 48  # guard groups + rules in the widest group; durable fails at 65 (docs/durable-rules.md, crash modes)
GROUP_SIZE = 8  # distinct conditions under one guard: 16 rules, at most 8 of them match at once


class CompileError(EngineFailure):
    """The rule set cannot be compiled safely for durable_rules."""


@dataclass(frozen=True)
class Derivation:
    """A number computed in Python before matching: `subject − object` (or `subject` when object is None)."""

    key: str
    provision: int
    subject: Term
    object: Term | None
    scaled: bool
    ratio: tuple[str, str] | None = None  # (numerator, denominator) paths when the subject is a ratio of two fields


def _ratio_of_fields(subject: Term, obj: Term | None, scaled: bool) -> tuple[str, str] | None:
    if not (scaled and obj is None and isinstance(subject, Arith) and subject.op == "ratio"):
        return None
    args = subject.args
    if len(args) == 2 and all(isinstance(a, FieldRef) and a.path != "as_of" and FIELDS[a.path].kind in ("yuan", "count")
                              for a in args):
        return args[0].path, args[1].path  # type: ignore[union-attr]
    return None


@dataclass(frozen=True)
class CompiledEpoch:
    name: str
    definition: dict[str, Any]
    rules: dict[str, tuple[tuple[int, ...], bool]]  # rule → (outcome keys of its criteria, holds?)
    fields: tuple[tuple[str, str, str], ...]  # (path, fact key, kind)
    derivations: tuple[Derivation, ...]
    markers: tuple[str, ...]
    params: dict[int, dict[str, Any]]
    unknown: dict[int, str]  # every criterion unknown: what no firing rule has decided
    # Per distinct criterion: its partial-input marker ("" when it has no T rule), its input fields, its criteria.
    inputs: tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...] = ()

    # Per fired rule: (its distinct criterion, holds?, the outcomes it sets); and the steps that build the fact.
    firing: dict[str, tuple[int, bool, dict[int, str]]] = field(default_factory=dict)
    code: FactCode | None = None

    def start(self, values: dict[str, Any]) -> tuple[Outcomes, dict[str, Any]]:
        """(the outcomes the fact implies before any rule fires, the fact to assert)."""
        assert self.code is not None
        return self.code.start(values)

    def fact(self, values: dict[str, Any], sid: str) -> dict[str, Any]:
        """The fact asserted for one application: flat keys, ints/bools/strings/lists only."""
        return {"sid": sid, **self.start(values)[1]}


_FIELD_INDEX = {path: i for i, path in enumerate(["as_of", *FIELDS])}


def fact_key(path: str) -> str:
    """Short flat keys: durable_rules serialises the whole fact for every rule that fires (docs/durable-rules.md)."""
    return f"f{_FIELD_INDEX[path]}"


def _is_integral(term: Term, params: dict[str, Any]) -> bool:
    if isinstance(term, Arith):
        return term.op != "ratio" and all(_is_integral(a, params) for a in term.args)
    if isinstance(term, Const):
        return not isinstance(term.value, Decimal) or term.value == term.value.to_integral_value()
    if isinstance(term, ParamRef):
        v = params[term.name]
        return not isinstance(v, Decimal) or v == v.to_integral_value()
    return True


def _constant(term: Term, params: dict[str, Any]) -> Any:
    value = params[term.name] if isinstance(term, ParamRef) else term.value  # type: ignore[union-attr]
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, tuple):
        return tuple(_constant(Const(v), params) for v in value)
    return value


def _pair(op: str, key: str, value: Any) -> tuple[Cond, Cond]:
    """(proves, disproves) of `key op value`: the operator's durable form and its negation's."""
    comparison = COMPARISONS[op]
    return comparison.durable(key, value), COMPARISONS[comparison.negation].durable(key, value)


class _Compiler:
    def __init__(self, provision: int) -> None:
        self.provision = provision
        self.derivations: list[Derivation] = []
        self.fields: dict[str, str] = {}

    def field(self, path: str) -> str:
        self.fields[path] = "date" if path == "as_of" else FIELDS[path].kind
        return fact_key(path)

    def derive(self, subject: Term, obj: Term | None, scaled: bool) -> str:
        for d in self.derivations:
            if (d.subject, d.object, d.scaled) == (subject, obj, scaled):
                return d.key
        key = f"_d{self.provision}_{len(self.derivations)}"
        self.derivations.append(Derivation(key, self.provision, subject, obj, scaled, _ratio_of_fields(subject, obj, scaled)))
        return key

    def polarities(self, cond: Condition, params: dict[str, Any]) -> tuple[Cond, Cond]:
        """(condition that proves it, condition that disproves it)."""
        if isinstance(cond, Not):
            t, f = self.polarities(cond.item, params)
            return f, t
        if isinstance(cond, (AllOf, AnyOf)):
            parts = [self.polarities(c, params) for c in cond.items]
            ts, fs = [p[0] for p in parts], [p[1] for p in parts]
            if isinstance(cond, AllOf):
                return {"$and": ts}, {"$or": fs}
            return {"$or": ts}, {"$and": fs}
        return self.compare(cond, params)

    def compare(self, cond: Compare, params: dict[str, Any]) -> tuple[Cond, Cond]:
        op, subject, obj = cond.op, cond.subject, cond.object
        if isinstance(obj, Range):
            low, high = _constant(obj.low, params), _constant(obj.high, params)
            if isinstance(subject, FieldRef):
                k = self.field(subject.path)
                return ({"$and": [{"$gte": {k: low}}, {"$lte": {k: high}}]},
                        {"$or": [{"$lt": {k: low}}, {"$gt": {k: high}}]})
            t1, f1 = self._numeric("gte", subject, obj.low, params)
            t2, f2 = self._numeric("lte", subject, obj.high, params)
            return {"$and": [t1, t2]}, {"$or": [f1, f2]}
        if COMPARISONS[op].constant_object:
            k = self.field(subject.path)  # type: ignore[union-attr]  # typecheck: a field against a constant
            value = _constant(obj, params)
            if op in ("starts_with", "not_starts_with"):
                for prefix in value if isinstance(value, tuple) else (value,):
                    if not (isinstance(prefix, str) and prefix.isalnum()):
                        raise CompileError("evaluate.compile.prefix", prefix=repr(prefix))
            return _pair(op, k, value)
        return self._numeric(op, subject, obj, params)

    def _numeric(self, op: str, subject: Term, obj: Term, params: dict[str, Any]) -> tuple[Cond, Cond]:
        """eq/ne/gt/gte/lt/lte, over a field or a computed subject, against a constant or another term."""
        constant = isinstance(obj, (Const, ParamRef))
        integral = _is_integral(subject, params) and (not constant or _is_integral(obj, params))
        if isinstance(subject, FieldRef) and constant and integral:
            k = self.field(subject.path)
            value = _constant(obj, params)
            return _pair(op, k, value)
        key = self.derive(subject, None if constant else obj, scaled=not integral)
        target = Fraction(_constant(obj, params)) if constant else Fraction(0)
        if integral:
            value = int(target)
            t, f = _pair(op, key, value)
        else:
            scaled = target * SCALE
            if scaled.denominator != 1 or abs(target) >= BOUND:
                raise CompileError("evaluate.compile.threshold", threshold=target)
            t = _scaled(op, key, int(scaled))
            f = _scaled(COMPARISONS[op].negation, key, int(scaled))
        # Division by zero (`_z`) makes the comparison fail: R&D intensity with revenue 0 fails. A zero numerator
        # over a missing denominator (`_zu`) fails where 0 itself fails against the constant.
        fails = [f, {key + "_z": 1}]
        if constant and not COMPARISONS[op].holds(0, target):
            fails.append({key + "_zu": 1})
        return t, {"$or": fails}


def _scaled(op: str, key: str, k: int) -> Cond:
    lo, hi = key + "_lo", key + "_hi"
    if op == "gte":
        return {"$gte": {lo: k}}
    if op == "lt":
        return {"$lt": {lo: k}}
    if op == "gt":
        return {"$gt": {hi: k}}
    if op == "lte":
        return {"$lte": {hi: k}}
    if op == "eq":
        return {"$and": [{lo: k}, {hi: k}]}
    return {"$or": [{"$neq": {lo: k}}, {"$neq": {hi: k}}]}


def passes_partly(cond: Condition) -> bool:
    """Whether the condition can pass with one of its inputs absent: only through an `any` or a `not`.

    A comparison's proving form reads its field or derived key, and a derived key (not its `_z`/`_zu`
    markers) exists only when every input is there; `all` needs each part to pass. Such a criterion
    needs no T rule: absent input → unknown unless F fires, every input → pass unless F fires.
    """
    if isinstance(cond, (AnyOf, Not)):
        return True
    if isinstance(cond, AllOf):
        return any(passes_partly(c) for c in cond.items)
    return False


def _params_key(cond: Condition, params: dict[str, Any]) -> tuple[Any, ...]:
    return tuple((name, params[name]) for name in sorted(params_used(cond)))


def compile_epoch(epoch: Epoch, name: str) -> CompiledEpoch:
    """The durable_rules ruleset for the provisions in effect in one epoch.

    A condition shared by several provisions (in Shandong, not dishonest-listed, …) with the same
    parameter values is matched once: fewer rules fire, and firing is what costs (docs/durable-rules.md).
    """
    distinct: dict[tuple[Any, ...], list[int]] = {}
    first: dict[tuple[Any, ...], tuple[Condition, int]] = {}
    for ap in epoch.active:
        for ci, criterion in enumerate(ap.provision.criteria):
            if criterion.scored:  # decided from score ranges after matching (engine/evaluate/scores.py)
                continue
            key = (criterion.when, _params_key(criterion.when, ap.params))
            distinct.setdefault(key, []).append(outcome_key(ap.index, ci))
            first.setdefault(key, (criterion.when, ap.index))
    compilers = {ap.index: _Compiler(ap.index) for ap in epoch.active}
    params = {ap.index: ap.params for ap in epoch.active}
    definition: dict[str, Any] = {}
    rules: dict[str, tuple[tuple[int, ...], bool]] = {}
    inputs: list[tuple[str, tuple[str, ...], tuple[int, ...]]] = []
    groups = 0
    for n, (key, targets) in enumerate(distinct.items()):
        cond, index = first[key]
        group = n // GROUP_SIZE
        groups = group + 1
        # The group's guard: one alpha node per group, all on the one `_g` key every fact carries (= 1), told
        # apart by their constants; a marker key per group would cost in every fact (docs/durable-rules.md).
        guard = {"$gte": {"_g": -group}}
        partly = passes_partly(cond)
        for holds, polar in zip((True, False), compilers[index].polarities(cond, params[index])):
            if holds and not partly:
                continue  # it passes only with every input there, where "F did not fire" is the pass
            rule = f"{n}{'T' if holds else 'F'}"
            # The T rule is tried only when some input is absent (`_p<n>`): with every input there a criterion
            # is pass or fail, so "F did not fire" is the pass, and the passes (most criteria) fire nothing.
            parts = [guard, polar] if not holds else [guard, {"$ex": {f"_p{n}": 1}}, polar]
            definition[rule] = {"all": [{"m": {"$and": parts}}]}
            rules[rule] = (tuple(targets), holds)
        inputs.append((f"_p{n}" if partly else "", tuple(dict.fromkeys(fields_of(cond))), tuple(targets)))
    if groups + 2 * GROUP_SIZE > MAX_MATCHING:
        raise CompileError("evaluate.compile.too_many", groups=groups, size=GROUP_SIZE, most=MAX_MATCHING)
    fields: dict[str, str] = {}
    for c in compilers.values():
        fields.update(c.fields)
    derivations = tuple(d for c in compilers.values() for d in c.derivations)
    unknown = {outcome_key(ap.index, ci): UNKNOWN for ap in epoch.active for ci in range(len(ap.provision.criteria))}
    keyed = tuple((path, fact_key(path), kind) for path, kind in fields.items())
    markers = ("_g",)
    text = json.dumps(definition)
    read = frozenset(k for d in derivations for k in (d.key + "_lo", d.key + "_hi") if f'"{k}"' in text)
    return CompiledEpoch(
        name=name, definition=definition, rules=rules, fields=keyed, derivations=derivations, markers=markers,
        inputs=tuple(inputs), params=params, unknown=unknown,
        firing={rule: (int(rule[:-1]), holds, dict.fromkeys(targets, PASS if holds else FAIL))
                for rule, (targets, holds) in rules.items()},
        code=FactCode(keyed, tuple(_step(d, params[d.provision], read) for d in derivations), markers, tuple(inputs), unknown),
    )


def _step(d: Derivation, params: dict[str, Any], read: frozenset[str]) -> Step:
    """`read`: the `_lo`/`_hi` keys some rule reads (a ratio of two fields puts only those in the fact)."""
    if d.ratio is not None:
        return derive_ratio(d.key, d.ratio, read)
    general = derive(d.key, compile_term(d.subject, params),
                     None if d.object is None else compile_term(d.object, params), d.scaled)
    if isinstance(d.subject, FieldRef) and d.object is not None and not d.scaled:
        if fields_of(d.object) == ["as_of"]:
            return derive_from_day(d.key, d.subject.path, compile_term(d.object, params), general)
        return derive_difference(d.key, d.subject.path, compile_term(d.object, params), general)
    return general

