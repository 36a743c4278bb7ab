"""Evaluates an application against a rulebook: match criteria (durable_rules or reference), then status, amount, reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from engine.amounts import award, max_amount
from engine.audit import audit_of
from engine.errors import EngineFailure
from engine.explain import Explainer, field_label, fill, yuan
from engine.facts import values_of
from engine.inputs import warnings_of
from engine.loader import amount_fields
from engine.reference import FAIL, UNKNOWN, Outcomes, ReferenceMatcher
from engine.rulebook import ActiveProvision, Epoch, Provision, Rulebook
from engine.typecheck import fields_of
from schemas.application import FIELDS, Application
from schemas.result import (CitationOut, CriterionResult, Evaluation, InputWarning, LazyText, ProvisionResult,
                            RulesInfo, Text)

CST = dt.timezone(dt.timedelta(hours=8))
_FIELD_ORDER = {path: i for i, path in enumerate(FIELDS)}
_MAX_CACHED_CRITERIA = 8192  # bounded: memory must stay flat however many applications


class Matcher(Protocol):
    name: str

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes: ...


def today_in_china() -> dt.date:
    """SPEC §2: an absent as_of is today's date in China Standard Time."""
    return dt.datetime.now(CST).date()


@dataclass(frozen=True)
class _Plan:
    """What does not change between applications of one epoch: labels, fields, citation, caps."""

    active: ActiveProvision
    title: Text
    citation: CitationOut
    labels: tuple[Text, ...]
    fields: tuple[tuple[str, ...], ...]  # input fields each criterion reads (as_of excluded: never missing)
    reads: tuple[tuple[str, ...], ...]  # every value each criterion's result and explanation depend on
    all_reads: tuple[str, ...]  # every value the provision's whole result depends on
    amount_fields: tuple[str, ...]
    max_amount: int | None
    benefit: Text | None
    units: dict[str, str]


def _plan(ap: ActiveProvision) -> _Plan:
    p, params = ap.provision, ap.params
    units = {name: param.unit for name, param in p.parameters.items()}
    return _Plan(
        active=ap,
        title=Text(p.title.zh, p.title.en),
        citation=CitationOut(p.citation.section, p.citation.text),
        labels=tuple(Text(*fill((c.label.zh, c.label.en), params, units)) for c in p.criteria),
        fields=tuple(tuple(f for f in fields_of(c.when) if f != "as_of") for c in p.criteria),
        reads=tuple(tuple(fields_of(c.when)) for c in p.criteria),
        all_reads=tuple(dict.fromkeys([*(f for c in p.criteria for f in fields_of(c.when)), *amount_fields(p)])),
        amount_fields=tuple(amount_fields(p)),
        max_amount=max_amount(p, params),
        benefit=Text(p.benefit.zh, p.benefit.en) if p.benefit else None,
        units=units,
    )


class Evaluator:
    """Evaluates applications against one rulebook. `engine` picks the matcher; results are otherwise identical."""

    def __init__(self, rulebook: Rulebook, engine: Literal["durable", "reference"] = "durable") -> None:
        self.rulebook = rulebook
        if engine == "durable":
            from engine._durable import DurableMatcher  # the C extension loads only when it is used

            self.matcher: Matcher = DurableMatcher(rulebook)
        else:
            self.matcher = ReferenceMatcher()
        self._rules = RulesInfo(pack=rulebook.pack, version=rulebook.version, digest=rulebook.digest)
        self._plans: dict[Epoch, dict[int, _Plan]] = {}
        # Most results repeat (a flag is false, a code is 3491): cache them by the values they read.
        # The outcome and every word of a result are functions of those values and the epoch.
        self._criteria: dict[tuple[Any, ...], CriterionResult] = {}
        self._provisions: dict[tuple[Any, ...], ProvisionResult] = {}

    def evaluate(self, app: Application, as_of: dt.date | None = None) -> Evaluation:
        """`as_of` overrides the application's own date; neither means today in China."""
        day = as_of or app.as_of or today_in_china()
        epoch = self.rulebook.epoch(day)
        plans = self._plans.get(epoch)
        if plans is None:
            plans = self._plans[epoch] = {ap.index: _plan(ap) for ap in epoch.active}
        values = values_of(app, day)
        outcomes = self.matcher.match(epoch, values)
        results = tuple(
            self._cached_result(plans[index], values, outcomes, epoch) if index in plans else _not_in_effect(p, day)
            for index, p in enumerate(self.rulebook.provisions)
        )
        return Evaluation(
            application_id=app.application_id,
            as_of=day,
            rules=self._rules,
            results=results,
            total_amount=sum(r.amount or 0 for r in results if r.status == "eligible"),
            evaluator=self.matcher.name,
            warnings=tuple(InputWarning(w.loc, w.type, Text(w.zh, w.en)) for w in warnings_of(app)),
            audit=audit_of(app, day, self.rulebook, self.matcher.name),
        )

    def _criterion(self, plan: _Plan, ci: int, result: str, values: dict[str, Any], epoch: Epoch) -> CriterionResult:
        key = (epoch, plan.active.index, ci, result, tuple(map(values.get, plan.reads[ci])))
        found = self._criteria.get(key)
        if found is None:
            if len(self._criteria) >= _MAX_CACHED_CRITERIA:
                self._criteria.clear()
            rule = plan.active.provision.criteria[ci]
            # Worded when read: the words depend only on the values the key holds, so any application's do.
            words = LazyText(lambda: Explainer(values, plan.active.params, plan.units).criterion(rule, result))
            found = self._criteria[key] = CriterionResult(
                rule.id, plan.labels[ci], result, words, plan.fields[ci]  # type: ignore[arg-type]
            )
        return found

    def _cached_result(self, plan: _Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> ProvisionResult:
        key = (epoch, plan.active.index, tuple(map(values.get, plan.all_reads)))
        found = self._provisions.get(key)
        if found is None:
            if len(self._provisions) >= _MAX_CACHED_CRITERIA:
                self._provisions.clear()
            found = self._provisions[key] = self._result(plan, values, outcomes, epoch)
        elif any(c.result != outcomes[(plan.active.index, ci)] for ci, c in enumerate(found.criteria)):
            # The matcher ran anyway; the same values must give the same outcomes.
            raise EngineFailure(f"{self.matcher.name} gave different outcomes for the same values ({found.provision})")
        return found

    def _result(self, plan: _Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> ProvisionResult:
        p, index = plan.active.provision, plan.active.index
        criteria = []
        missing: list[str] = []
        failed = []
        for ci in range(len(p.criteria)):
            result = outcomes[(index, ci)]
            if result == UNKNOWN:
                missing += [f for f in plan.fields[ci] if f not in values]
            elif result == FAIL:
                failed.append(plan.labels[ci])
            criteria.append(self._criterion(plan, ci, result, values, epoch))
        if not failed:  # SPEC §2: a field the amount needs counts like a criterion's field
            missing += [f for f in plan.amount_fields if f not in values]
        missing = sorted(set(missing), key=_FIELD_ORDER.__getitem__)
        status = "ineligible" if failed else "undetermined" if missing else "eligible"
        amount = amount_explanation = None
        if status == "eligible" and p.amount is not None:
            granted = award(p, values, plan.active.params)
            amount, amount_explanation = granted.amount, granted.explanation
        if status == "eligible":
            summary = (f"符合全部 {len(criteria)} 项条件", f"meets all {len(criteria)} criteria")
            if amount is not None:
                summary = (summary[0] + f",金额 {yuan(amount)[0]}", summary[1] + f"; amount {yuan(amount)[1]}")
        elif status == "ineligible":
            summary = ("不符合:" + ";".join(t.zh for t in failed), "not met: " + "; ".join(t.en for t in failed))
        else:
            summary = ("尚缺信息:" + "、".join(f"{field_label(f)[0]}({f})" for f in missing),
                       "missing: " + ", ".join(f"{field_label(f)[1]} ({f})" for f in missing))
        return ProvisionResult(
            provision=p.id, title=plan.title, status=status, amount=amount,  # type: ignore[arg-type]
            max_amount=plan.max_amount, criteria=tuple(criteria), missing=tuple(missing), citation=plan.citation,
            explanation=Text(*summary), amount_explanation=amount_explanation, benefit=plan.benefit,
        )


def _not_in_effect(p: Provision, day: dt.date) -> ProvisionResult:
    w = p.window
    return ProvisionResult(
        provision=p.id, title=Text(p.title.zh, p.title.en), status="not_in_effect", amount=None, max_amount=None,
        criteria=(), missing=(), citation=CitationOut(p.citation.section, p.citation.text),
        explanation=Text(f"评估日期 {day} 不在本条款有效期 {w.from_} 至 {w.to} 内",
                         f"the assessment date {day} is outside this provision's window {w.from_} to {w.to}"),
    )
