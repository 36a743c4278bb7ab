"""Evaluates an application against a rulebook: match criteria (durable_rules or reference), then status, amount, reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from collections.abc import Iterable
from typing import Any, Literal, Protocol

from engine.evaluate.amounts import amount_assumptions, amount_missing, award, headroom, max_amount
from engine.evaluate.audit import audit_of
from engine.errors import EngineFailure
from engine.evaluate.explain import Explainer, field_label, fill, yuan
from engine.evaluate.facts import values_of
from engine.intake.documents import warnings_of
from engine.rules.loader import REVIEW_PREFIX, amount_fields
from engine.evaluate.reference import FAIL, UNKNOWN, Outcomes, ReferenceMatcher, evaluate_condition, open_fields
from engine.evaluate.scores import score_values, with_scores
from engine.rules.rulebook import ActiveProvision, Epoch, Provision, Rulebook
from engine.rules.typecheck import fields_of
from schemas.application import FIELDS, Application
from schemas.rulefile import Compare
from schemas.result import (CitationOut, CriterionResult, Evaluation, InputWarning, LazyText, ProvisionResult,
                            RulesInfo, Text)

CST = dt.timezone(dt.timedelta(hours=8))
_FIELD_ORDER = {path: i for i, path in enumerate(FIELDS)}
MATCHERS = ("durable", "reference")  # the names Evaluator(engine=...) accepts
_MAX_CACHED_CRITERIA = 8192  # bounded: memory must stay flat however many applications


class Matcher(Protocol):
    name: str

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes: ...


def today_in_china() -> dt.date:
    """An absent as_of is today's date in China Standard Time: the plan is administered in Shandong."""
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
    # Worth caching only when every value read repeats across applications (flags, codes, years), never
    # amounts or counts: their keys are unique, and would only push the repeating ones out of the cache.
    repeats: tuple[bool, ...]  # per criterion
    all_repeat: bool
    outcome_keys: tuple[tuple[int, int], ...]  # the matcher's keys of this provision's criteria, in order
    amount_fields: tuple[str, ...]
    max_amount: int | None
    benefit: Text | None
    units: dict[str, str]
    review: tuple[bool, ...]  # per criterion: a judgement for an official
    scored: bool  # some criterion compares a score
    assumptions: tuple[Text, ...]  # non-empty: the amount is an estimate
    lead: str
    # Open inputs of a composite criterion by the values it reads (filled as applications come; bounded).
    open_inputs: dict[tuple[Any, ...], list[str]] = field(default_factory=dict, compare=False)


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
        repeats=tuple(not c.scored and _repeats(fields_of(c.when)) for c in p.criteria),
        all_repeat=not p.scores and _repeats([*(f for c in p.criteria for f in fields_of(c.when)), *amount_fields(p)]),
        outcome_keys=tuple((ap.index, ci) for ci in range(len(p.criteria))),
        amount_fields=tuple(amount_fields(p)),
        max_amount=max_amount(p, params),
        benefit=Text(p.benefit.zh, p.benefit.en) if p.benefit else None,
        units=units,
        review=tuple(c.review for c in p.criteria),
        scored=any(c.scored for c in p.criteria),
        assumptions=amount_assumptions(p),
        lead="、".join(p.departments.lead),
    )


class Evaluator:
    """Evaluates applications against one rulebook. `engine` picks the matcher; results are otherwise identical."""

    def __init__(self, rulebook: Rulebook, engine: Literal["durable", "reference"] = "durable") -> None:
        self.rulebook = rulebook
        if engine == "durable":
            from engine.evaluate.durable import DurableMatcher  # the C extension loads only when it is used

            self.matcher: Matcher = DurableMatcher(rulebook)
        elif engine == "reference":
            self.matcher = ReferenceMatcher()
        else:
            # A misspelt name must not quietly give the other matcher: results would carry the wrong
            # `evaluator` and a differential run would compare a matcher with itself.
            raise ValueError(f"未知的匹配器 {engine!r},可选:{'、'.join(MATCHERS)} "
                             f"(unknown matcher {engine!r}; choose one of: {', '.join(MATCHERS)})")
        self._rules = RulesInfo(pack=rulebook.pack, version=rulebook.version, digest=rulebook.digest)
        self._plans: dict[Epoch, dict[int, _Plan]] = {}
        # Most results repeat (a flag is false, a code is 3491): cache them by the values they read.
        # The outcome and every word of a result are functions of those values and the epoch.
        self._criteria: dict[tuple[Any, ...], CriterionResult] = {}
        self._provisions: dict[tuple[Any, ...], tuple[tuple[str, ...], ProvisionResult]] = {}  # (outcomes, result)

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
            total_pending_review=sum(r.amount or 0 for r in results if r.status == "review"),
            total_max_undetermined=sum(r.max_amount or 0 for r in results if r.status == "undetermined"),
            evaluator=self.matcher.name,
            warnings=tuple(InputWarning(w.loc, w.type, Text(w.zh, w.en)) for w in warnings_of(app)),
            audit=audit_of(app, day, self.rulebook, self.matcher.name),
        )

    def _cached_result(self, plan: _Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> ProvisionResult:
        if plan.scored:
            return self._scored_result(plan, values, outcomes, epoch)
        results = tuple(map(outcomes.__getitem__, plan.outcome_keys))
        if not plan.all_repeat:
            return self._result(plan, values, results, epoch)
        key = (epoch, plan.active.index, tuple(map(values.get, plan.all_reads)))
        cached = self._provisions.get(key)
        if cached is None:
            if len(self._provisions) >= _MAX_CACHED_CRITERIA:
                self._provisions.clear()
            cached = self._provisions[key] = (results, self._result(plan, values, results, epoch))
        elif cached[0] != results:
            # The matcher ran anyway; the same values must give the same outcomes.
            raise EngineFailure(f"{self.matcher.name} gave different outcomes for the same values ({cached[1].provision})")
        return cached[1]

    def _scored_result(self, plan: _Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> ProvisionResult:
        """Criteria on scores are decided from the scores' ranges; the others come from the matcher as usual."""
        p, params = plan.active.provision, plan.active.params
        scores = score_values(p, values, params)
        scored = with_scores(values, scores)
        results = tuple(evaluate_condition(c.when, scored, params) if c.scored else outcomes[key]
                        for c, key in zip(p.criteria, plan.outcome_keys))
        return replace(self._result(plan, scored, results, epoch),
                       scores={n: s.value for n, s in scores.items()},
                       score_explanations={n: LazyText(s.explanation) for n, s in scores.items()})

    def _result(self, plan: _Plan, values: dict[str, Any], results: tuple[str, ...], epoch: Epoch) -> ProvisionResult:
        p, index, cache = plan.active.provision, plan.active.index, self._criteria
        criteria: list[CriterionResult] = []
        failed: list[Text] = []
        absent: set[str] = set()
        pending: set[str] = set()
        for ci, result in enumerate(results):  # one pass: this runs for most provisions of every application
            if result == FAIL:
                failed.append(plan.labels[ci])
            elif result == UNKNOWN:
                _unknown(plan, ci, values, absent, pending)
            if plan.repeats[ci]:
                key = (epoch, index, ci, result, tuple([values.get(f) for f in plan.reads[ci]]))
                found = cache.get(key)
                if found is None:
                    if len(cache) >= _MAX_CACHED_CRITERIA:
                        cache.clear()
                    # The words depend only on the values the key holds, so those alone word them (and the
                    # cached entry keeps no application's other values alive).
                    held = {f: values[f] for f in plan.reads[ci] if f in values}
                    found = cache[key] = _criterion_result(plan, ci, result, held)
            else:
                found = _criterion_result(plan, ci, result, values)
            criteria.append(found)
        if not failed and p.amount is not None:  # a field the amount needs counts like a criterion's field
            absent.update(amount_missing(p, values, plan.active.params))
        # Missing only when undetermined: no field can rescue an ineligible provision.
        missing = () if failed else tuple(sorted(absent, key=_FIELD_ORDER.__getitem__))
        review = () if failed else tuple(sorted(pending, key=_FIELD_ORDER.__getitem__))
        status = "ineligible" if failed else "undetermined" if missing else "review" if review else "eligible"
        amount = amount_explanation = None
        if status in ("eligible", "review") and p.amount is not None:
            granted = award(p, values, plan.active.params, estimate=bool(plan.assumptions))
            amount, amount_explanation = granted.amount, granted.explanation
        return ProvisionResult(
            provision=p.id, title=plan.title, status=status, amount=amount,  # type: ignore[arg-type]
            max_amount=headroom(p, values, plan.active.params, plan.max_amount) if status == "undetermined" else plan.max_amount,
            criteria=tuple(criteria), missing=missing, citation=plan.citation,
            explanation=LazyText(lambda: _summary(status, len(criteria), amount, failed, missing, review)),
            amount_explanation=amount_explanation, benefit=plan.benefit, pending_review=review,
            estimate=bool(plan.assumptions) and p.amount is not None, assumptions=plan.assumptions,
            lead_department=plan.lead,
        )


_ABSENT = object()


def _unknown(plan: _Plan, ci: int, values: dict[str, Any], absent: set[str], pending: set[str]) -> None:
    """Sorts an unknown criterion's absent inputs: reviewers' decisions are pending, the rest are missing."""
    when = plan.active.provision.criteria[ci].when
    if isinstance(when, Compare) and not plan.active.provision.criteria[ci].scored:
        fields = [f for f in plan.fields[ci] if f not in values]  # one comparison: every absent input is open
    elif plan.repeats[ci]:  # flags and codes repeat across applications: settle the tree once per combination
        key = (ci, tuple([values.get(f, _ABSENT) for f in plan.reads[ci]]))
        fields = plan.open_inputs.get(key)
        if fields is None:
            if len(plan.open_inputs) >= _MAX_CACHED_CRITERIA:
                plan.open_inputs.clear()
            fields = plan.open_inputs[key] = open_fields(when, values, plan.active.params)
    else:
        fields = open_fields(when, values, plan.active.params)
    ordinary = [f for f in fields if not f.startswith(REVIEW_PREFIX)]
    pending.update(f for f in fields if f.startswith(REVIEW_PREFIX))
    absent.update(ordinary)


def _summary(status: str, n: int, amount: int | None, failed: list[Text], missing: tuple[str, ...],
             review: tuple[str, ...]) -> tuple[str, str]:
    """One line per provision: what was met, what failed, what is missing, or what awaits review."""
    if status == "review":
        fields = [field_label(f) for f in review]
        money = (f",金额 {yuan(amount)[0]}(待审核后确定)", f"; amount {yuan(amount)[1]} once reviewed") if amount is not None else ("", "")
        return ("可申报,待审核:" + "、".join(z for z, _ in fields) + money[0],
                "may apply, pending review: " + ", ".join(e for _, e in fields) + money[1])
    if status == "eligible":
        if amount is None:
            return f"符合全部 {n} 项条件", f"meets all {n} criteria"
        return f"符合全部 {n} 项条件,金额 {yuan(amount)[0]}", f"meets all {n} criteria; amount {yuan(amount)[1]}"
    if status == "ineligible":
        return "不符合:" + ";".join(t.zh for t in failed), "not met: " + "; ".join(t.en for t in failed)
    return ("尚缺信息:" + "、".join(f"{field_label(f)[0]}({f})" for f in missing),
            "missing: " + ", ".join(f"{field_label(f)[1]} ({f})" for f in missing))


def _repeats(paths: Iterable[str]) -> bool:
    return all(path == "as_of" or FIELDS[path].kind not in ("yuan", "count") for path in paths)


def _criterion_result(plan: _Plan, ci: int, result: str, values: dict[str, Any]) -> CriterionResult:
    rule = plan.active.provision.criteria[ci]
    words = LazyText(lambda: Explainer(values, plan.active.params, plan.units).criterion(rule, result))
    return CriterionResult(rule.id, plan.labels[ci], result, words, plan.fields[ci])  # type: ignore[arg-type]


def _not_in_effect(p: Provision, day: dt.date) -> ProvisionResult:
    w = p.window
    return ProvisionResult(
        provision=p.id, title=Text(p.title.zh, p.title.en), status="not_in_effect", amount=None, max_amount=None,
        criteria=(), missing=(), citation=CitationOut(p.citation.section, p.citation.text),
        explanation=Text(f"评估日期 {day} 不在本条款有效期 {w.from_} 至 {w.to} 内",
                         f"the assessment date {day} is outside this provision's window {w.from_} to {w.to}"),
    )
