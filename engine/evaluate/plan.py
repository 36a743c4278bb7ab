"""What a provision decides for one application (status, amount, missing, pending review, failed criteria),
apart from the words that explain it: the full result (evaluator.py) and the lean screening record share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import Any

from engine.evaluate.amounts import AmountCode, amount_assumptions, amount_code, max_amount
from engine.evaluate.explain import fill
from engine.evaluate.factcode import getter
from engine.evaluate.kept import CheckWith, kept_check, repeats as _repeats
from engine.messages import catalogue
from engine.evaluate.reference import FAIL, UNKNOWN, ConditionCode, compile_condition, open_fields, outcome_key
from engine.rules.loader import REVIEW_PREFIX, amount_fields
from engine.rules.rulebook import ActiveProvision
from engine.rules.typecheck import fields_of
from schemas.application import FIELDS
from schemas.result import CitationOut, Text
from schemas.rulefile import Compare

FIELD_ORDER = {path: i for i, path in enumerate(FIELDS)}
MAX_CACHED = 8192  # every cache here is bounded: memory must stay flat however many applications
_ABSENT = object()


@dataclass(frozen=True)
class Plan:
    """What does not change between applications of one epoch: labels, fields, citation, caps."""

    active: ActiveProvision
    title: Text
    citation: CitationOut
    labels: tuple[Text, ...]
    ids: tuple[str, ...]  # criterion ids
    fields: tuple[tuple[str, ...], ...]  # input fields each criterion reads (as_of excluded: never missing)
    reads: tuple[tuple[str, ...], ...]  # every value each criterion's result and explanation depend on
    all_reads: tuple[str, ...]  # every value the provision's whole result depends on
    # Worth caching only when every value read repeats across applications (flags, codes, years), never
    # amounts or counts: their keys are unique, and would only push the repeating ones out of the cache.
    repeats: tuple[bool, ...]  # per criterion
    all_repeat: bool
    outcome_keys: tuple[int, ...]  # the matcher's keys of this provision's criteria, in order
    amount_fields: tuple[str, ...]
    max_amount: int | None
    benefit: Text | None
    units: dict[str, str]
    review: tuple[bool, ...]  # per criterion: a judgement for an official
    scored: bool  # some criterion compares a score
    assumptions: tuple[Text, ...]  # non-empty: the amount is an estimate
    estimate: bool  # the amount (when there is one) rests on an assumption
    lead: str
    # Per criterion: its input fields, each with "a reviewer decides it", when one comparison (every absent input
    # of an unknown comparison is open); None for a composite or scored criterion (its tree decides).
    direct: tuple[tuple[tuple[str, bool], ...] | None, ...]
    amount: AmountCode | None  # the amount compiled for the epoch's parameters
    # Open inputs of a composite criterion by the values it reads (filled as applications come; bounded).
    open_inputs: dict[tuple[Any, ...], list[str]] = field(default_factory=dict, compare=False)
    pid: str = ""  # the provision's id
    # Fields whose absence can decide something: the criteria's inputs, and a single formula's with its caps.
    inputs: frozenset[str] = frozenset()
    composite: tuple[int, ...] = ()  # criteria whose tree says which inputs are open, and whose reads repeat
    volatile: tuple[int, ...] = ()  # criteria whose open inputs depend on values that do not repeat (or on scores)
    # An ineligible decision is a function of the outcomes alone, and outcomes repeat (bounded).
    ineligible: dict[tuple[str, ...], Decision] = field(default_factory=dict, compare=False)
    # So is the rest of a decision but its amount, given which inputs are absent and the values of the composite
    # criteria that are unknown (bounded).
    shapes: dict[tuple[Any, ...], Decision] = field(default_factory=dict, compare=False)
    # And an undetermined decision by its shape's missing and pending fields and the fields its amount needs (bounded).
    wanting: dict[tuple[Any, ...], Decision] = field(default_factory=dict, compare=False)
    checks: tuple[ConditionCode | None, ...] = ()  # per criterion on a score: its condition compiled (else None)
    eligible: Decision = field(default=None, compare=False)  # type: ignore[assignment]  # set by make_plan
    plain: bool = False  # neither scored nor all_repeat: decided from the matcher's outcomes, the values, no cache
    rechecks: tuple[tuple[int, CheckWith], ...] = ()  # per criterion on a score: (its index, its judgement with scores)
    # The matcher's outcomes of this provision's criteria, in order, in one C call (a getter of `outcome_keys`).
    outcomes_of: Callable[[dict[int, str]], tuple[str, ...]] = field(default=None, compare=False)  # type: ignore[assignment]
    # When some criterion is on a score: the matcher's outcomes of the others, in order (one C call), and the place of
    # each criterion on a score with its check (which the matcher does not judge).
    matched_of: Callable[[dict[int, str]], tuple[str, ...]] = field(default=None, compare=False)  # type: ignore[assignment]
    judged: tuple[tuple[int, ConditionCode], ...] = ()


def make_plan(ap: ActiveProvision) -> Plan:
    p, params = ap.provision, ap.params
    units = {name: param.unit for name, param in p.parameters.items()}
    assumptions = amount_assumptions(p)
    fields = tuple(tuple(f for f in fields_of(c.when) if f != "as_of") for c in p.criteria)
    direct = tuple(tuple((f, f.startswith(REVIEW_PREFIX)) for f in fs) if isinstance(c.when, Compare) and not c.scored
                   else None for c, fs in zip(p.criteria, fields))
    repeats = tuple(not c.scored and _repeats(fields_of(c.when)) for c in p.criteria)
    code = None if p.amount is None else amount_code(p, params)
    all_repeat = not p.scores and _repeats([*(f for c in p.criteria for f in fields_of(c.when)), *amount_fields(p)])
    kept = [kept_check(c.when, compile_condition(c.when, params), fields_of(c.when)) if c.scored else (None, None)
            for c in p.criteria]
    return Plan(
        active=ap,
        title=Text(p.title.zh, p.title.en),
        citation=CitationOut(p.citation.section, p.citation.text),
        labels=tuple(Text(*fill((c.label.zh, c.label.en), params, units)) for c in p.criteria),
        ids=tuple(c.id for c in p.criteria),
        fields=fields,
        reads=tuple(tuple(fields_of(c.when)) for c in p.criteria),
        all_reads=tuple(dict.fromkeys([*(f for c in p.criteria for f in fields_of(c.when)), *amount_fields(p)])),
        repeats=repeats,
        all_repeat=all_repeat,
        outcome_keys=tuple(outcome_key(ap.index, ci) for ci in range(len(p.criteria))),
        amount_fields=tuple(amount_fields(p)),
        max_amount=max_amount(p, params),
        benefit=Text(p.benefit.zh, p.benefit.en) if p.benefit else None,
        units=units,
        review=tuple(c.review for c in p.criteria),
        scored=any(c.scored for c in p.criteria),
        assumptions=assumptions,
        estimate=bool(assumptions) and p.amount is not None,
        lead=catalogue()["evaluate.sep.list"][0].join(p.departments.lead),  # the departments' Chinese names
        direct=direct,
        amount=code,
        pid=p.id,
        inputs=frozenset([f for fs in fields for f in fs] + ([] if code is None or code.cased else list(code.single))),
        composite=tuple(ci for ci, d in enumerate(direct) if d is None and repeats[ci]),
        volatile=tuple(ci for ci, d in enumerate(direct) if d is None and not repeats[ci]),
        plain=not any(c.scored for c in p.criteria) and not all_repeat,
        checks=tuple(check for check, _ in kept),
        rechecks=tuple((ci, again) for ci, (check, again) in enumerate(kept) if check is not None),
        eligible=Decision("eligible", None, (), (), ()),
        outcomes_of=getter(tuple(outcome_key(ap.index, ci) for ci in range(len(p.criteria)))),
        matched_of=getter(tuple(outcome_key(ap.index, ci) for ci, c in enumerate(p.criteria) if not c.scored)),
        judged=tuple((ci, check) for ci, (check, _) in enumerate(kept) if check is not None),
    )


@dataclass(slots=True)  # not frozen: `lean` is filled on first use (a frozen dataclass is also slower to make)
class Decision:
    """A provision's decision without its words; `failed` holds criterion indices, in order. Most are shared by
    every application that decides alike (see `decide`), so nothing may change one once made but `lean`: the
    screening record, made when first asked (the same for every application sharing the decision)."""

    status: str
    amount: int | None
    missing: tuple[str, ...]
    review: tuple[str, ...]
    failed: tuple[int, ...]
    lean: Any = field(default=None, compare=False, repr=False)


def decide(plan: Plan, values: dict[str, Any], results: tuple[str, ...]) -> Decision:
    """Status from the criteria's outcomes; missing only when undetermined: no field rescues an ineligible one.

    Everything but the amount is a function of the outcomes, of which inputs are absent and of the values of the
    unknown composite criteria (flags and codes): that part is kept per plan, and only the amount is worked out
    for each application."""
    if FAIL in results:
        found = plan.ineligible.get(results)
        if found is None:
            if len(plan.ineligible) >= MAX_CACHED:
                plan.ineligible.clear()
            failed = tuple([ci for ci, result in enumerate(results) if result == FAIL])
            found = plan.ineligible[results] = Decision("ineligible", None, (), (), failed)
        return found
    shape = _shape(plan, values, results)
    code = plan.amount
    if code is None:
        return shape
    if code.cased:  # which case applies depends on values: the amount's own missing fields are not in the shape
        extra = code.missing(values)
        if extra:
            return _wanting(plan, shape, extra)
    if shape.status == "undetermined":
        return shape
    # The amount alone: its words (amounts.award) are made from the same values when a full result is read.
    return Decision(shape.status, code.amount_of(code.candidates(values)[0][0], values), (), shape.review, ())


def _shape(plan: Plan, values: dict[str, Any], results: tuple[str, ...]) -> Decision:
    """The decision but its amount (from a cache when nothing unknown depends on values that do not repeat)."""
    if UNKNOWN not in results:
        code = plan.amount
        if code is None or code.cased:
            return plan.eligible
        absent = code.missing(values)
        return _wanting(plan, plan.eligible, absent) if absent else plan.eligible
    key: tuple[Any, ...] = (results, plan.inputs.difference(values))
    for ci in plan.volatile:
        if results[ci] == UNKNOWN:
            return _open(plan, values, results)
    for ci in plan.composite:
        if results[ci] == UNKNOWN:
            key += tuple(map(values.get, plan.reads[ci]))
    found = plan.shapes.get(key)
    if found is None:
        if len(plan.shapes) >= MAX_CACHED:
            plan.shapes.clear()
        found = plan.shapes[key] = _open(plan, values, results)
    return found


def _wanting(plan: Plan, shape: Decision, extra: list[str]) -> Decision:
    """`shape` undetermined, waiting also for the fields the amount needs (kept: a function of those alone)."""
    key = (shape.missing, shape.review, *extra)
    found = plan.wanting.get(key)
    if found is None:
        if len(plan.wanting) >= MAX_CACHED:
            plan.wanting.clear()
        found = plan.wanting[key] = Decision("undetermined", None, _ordered({*shape.missing, *extra}), shape.review, ())
    return found


def _open(plan: Plan, values: dict[str, Any], results: tuple[str, ...]) -> Decision:
    """The inputs the unknown criteria (and a single formula) wait for: reviewers' are pending, the rest missing."""
    absent: set[str] = set()
    pending: set[str] = set()
    direct = plan.direct
    for ci, result in enumerate(results):
        if result == UNKNOWN:
            fields = direct[ci]
            if fields is None:  # a composite or scored criterion: its tree decides which inputs are open
                _unknown(plan, ci, values, absent, pending)
                continue
            for f, review in fields:  # one comparison: every absent input is open
                if f not in values:
                    (pending if review else absent).add(f)
    if plan.amount is not None and not plan.amount.cased:  # a field the amount needs counts like a criterion's
        absent.update(plan.amount.missing(values))
    review = _ordered(pending) if pending else ()
    if absent:
        return Decision("undetermined", None, _ordered(absent), review, ())
    return Decision("review", None, (), review, ()) if review else plan.eligible


def _ordered(fields: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(fields, key=FIELD_ORDER.__getitem__))


def _unknown(plan: Plan, ci: int, values: dict[str, Any], absent: set[str], pending: set[str]) -> None:
    """Sorts an unknown composite criterion's open inputs: reviewers' decisions are pending, the rest are missing."""
    criterion = plan.active.provision.criteria[ci]
    if plan.repeats[ci]:  # flags and codes repeat across applications: settle the tree once per combination
        key = (ci, tuple([values.get(f, _ABSENT) for f in plan.reads[ci]]))
        fields = plan.open_inputs.get(key)
        if fields is None:
            if len(plan.open_inputs) >= MAX_CACHED:
                plan.open_inputs.clear()
            fields = plan.open_inputs[key] = open_fields(criterion.when, values, plan.active.params)
    else:
        fields = open_fields(criterion.when, values, plan.active.params)
    for f in fields:
        (pending if f.startswith(REVIEW_PREFIX) else absent).add(f)
