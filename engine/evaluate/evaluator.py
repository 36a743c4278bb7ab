"""Evaluates an application against a rulebook: match criteria (durable_rules or reference), then status, amount, reasons.

`evaluate` gives the full result (every criterion, worded in both languages, and the audit block);
`screen` gives the same decisions in the lean shape a batch output reads (statuses, amounts, missing
fields, pending reviews, failed criteria), without building a word of explanation.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from engine.evaluate.amounts import headroom
from engine.evaluate.audit import audit_of, input_digest
from engine.errors import EngineFailure
from engine.evaluate.criteria import CriterionResults
from engine.evaluate.explain import field_label, fillers, with_paths, words, yuan
from engine.evaluate.facts import values_of
from engine.evaluate.plan import MAX_CACHED, Decision, Plan, decide, make_plan
from engine.intake.documents import warnings_of
from engine.evaluate.reference import Outcomes, ReferenceMatcher, evaluate_condition
from engine.evaluate.score_words import score_explanation
from engine.evaluate.scores import score_values, with_scores
from engine.messages import catalogue
from engine.rules.rulebook import Epoch, Provision, Rulebook
from schemas.application import Application
from schemas.result import (CitationOut, Evaluation, InputWarning, LazyText, ProvisionResult,
                            RulesInfo, Text, lazy_result)

CST = dt.timezone(dt.timedelta(hours=8))
MATCHERS = ("durable", "reference")  # the names Evaluator(engine=...) accepts


class Matcher(Protocol):
    name: str

    def match(self, epoch: Epoch, values: dict[str, Any]) -> Outcomes: ...


def today_in_china() -> dt.date:
    """An absent as_of is today's date in China Standard Time: the plan is administered in Shandong."""
    return dt.datetime.now(CST).date()


# One provision in a screening: (provision, status, amount, estimate, missing, pending review, failed criterion ids).
Lean = tuple[str, str, "int | None", bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Screening:
    """The decisions of one application, as `Evaluation` holds them, without the words or the criteria."""

    application_id: str
    as_of: dt.date
    results: tuple[Lean, ...]
    total_amount: int
    total_pending_review: int
    warnings: tuple[str, ...]  # the locations of the input warnings
    app: Application  # for the audit digest, made only when an output asks for it

    def input_sha256(self) -> str:
        return input_digest(self.app)


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
            zh, en = words("evaluate.unknown_matcher",
                           {"engine": repr(engine), "choices": _LIST_ZH.join(MATCHERS)},
                           {"engine": repr(engine), "choices": _LIST_EN.join(MATCHERS)})
            raise ValueError(f"{zh} ({en})")
        self._rules = RulesInfo(pack=rulebook.pack, version=rulebook.version, digest=rulebook.digest)
        self._plans: dict[Epoch, dict[int, Plan]] = {}
        # Most results repeat (a flag is false, a code is 3491): cache them by the values they read.
        # The outcome and every word of a result are functions of those values and the epoch.
        self._words = CriterionResults()  # the criteria of full results, built when first read
        self._provisions: dict[tuple[Any, ...], tuple[tuple[str, ...], ProvisionResult]] = {}  # (outcomes, result)
        self._leans: dict[tuple[Any, ...], tuple[tuple[str, ...], Lean]] = {}  # (outcomes, lean record)

    def _epoch(self, app: Application, as_of: dt.date | None) -> tuple[dt.date, Epoch, dict[int, Plan]]:
        day = as_of or app.as_of or today_in_china()
        epoch = self.rulebook.epoch(day)
        plans = self._plans.get(epoch)
        if plans is None:
            plans = self._plans[epoch] = {ap.index: make_plan(ap) for ap in epoch.active}
        return day, epoch, plans

    def evaluate(self, app: Application, as_of: dt.date | None = None) -> Evaluation:
        """`as_of` overrides the application's own date; neither means today in China."""
        day, epoch, plans = self._epoch(app, as_of)
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

    def screen(self, app: Application, as_of: dt.date | None = None) -> Screening:
        """The decisions `evaluate` gives, in the lean shape: same matcher, same outcomes, no words."""
        day, epoch, plans = self._epoch(app, as_of)
        values = values_of(app, day)
        outcomes = self.matcher.match(epoch, values)
        results = tuple(
            self._lean(plans[index], values, outcomes, epoch) if index in plans else self._lean_not_in_effect(index)
            for index in range(len(self.rulebook.provisions))
        )
        total = pending = 0
        for r in results:
            if r[2]:
                if r[1] == "eligible":
                    total += r[2]
                elif r[1] == "review":
                    pending += r[2]
        return Screening(app.application_id, day, results, total, pending, tuple(w.loc for w in warnings_of(app)), app)

    def _lean(self, plan: Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> Lean:
        if plan.scored:
            p, params = plan.active.provision, plan.active.params
            scored = with_scores(values, score_values(p, values, params))
            results = tuple(evaluate_condition(c.when, scored, params) if c.scored else outcomes[key]
                            for c, key in zip(p.criteria, plan.outcome_keys))
            return _lean_of(plan, decide(plan, scored, results))
        results = tuple(map(outcomes.__getitem__, plan.outcome_keys))
        if not plan.all_repeat:
            return _lean_of(plan, decide(plan, values, results))
        key = (epoch, plan.active.index, tuple(map(values.get, plan.all_reads)))
        cached = self._leans.get(key)
        if cached is None:
            if len(self._leans) >= MAX_CACHED:
                self._leans.clear()
            cached = self._leans[key] = (results, _lean_of(plan, decide(plan, values, results)))
        elif cached[0] != results:
            raise EngineFailure("evaluate.failure.inconsistent", matcher=self.matcher.name, provision=cached[1][0])
        return cached[1]

    def _lean_not_in_effect(self, index: int) -> Lean:
        pid = self.rulebook.provisions[index].id
        return (pid, "not_in_effect", None, False, (), (), ())

    def _cached_result(self, plan: Plan, values: dict[str, Any], outcomes: Outcomes, epoch: Epoch) -> ProvisionResult:
        if plan.scored:
            return self._scored_result(plan, values, outcomes)
        results = tuple(map(outcomes.__getitem__, plan.outcome_keys))
        if not plan.all_repeat:
            return self._result(plan, values, results)
        key = (epoch, plan.active.index, tuple(map(values.get, plan.all_reads)))
        cached = self._provisions.get(key)
        if cached is None:
            if len(self._provisions) >= MAX_CACHED:
                self._provisions.clear()
            # Built whole once: a cached result must not keep this application's values alive.
            made = self._result(plan, values, results)
            made.criteria  # noqa: B018 - builds the criteria now
            cached = self._provisions[key] = (results, made)
        elif cached[0] != results:
            # The matcher ran anyway; the same values must give the same outcomes.
            raise EngineFailure("evaluate.failure.inconsistent", matcher=self.matcher.name, provision=cached[1].provision)
        return cached[1]

    def _scored_result(self, plan: Plan, values: dict[str, Any], outcomes: Outcomes) -> ProvisionResult:
        """Criteria on scores are decided from the scores' ranges; the others come from the matcher as usual."""
        p, params = plan.active.provision, plan.active.params
        scores = score_values(p, values, params)
        scored = with_scores(values, scores)
        results = tuple(evaluate_condition(c.when, scored, params) if c.scored else outcomes[key]
                        for c, key in zip(p.criteria, plan.outcome_keys))
        return self._result(plan, scored, results, {n: s.value for n, s in scores.items()},
                            {n: LazyText(partial(score_explanation, p, n, scores, values, params, plan.units))
                             for n in scores})

    def _result(self, plan: Plan, values: dict[str, Any], results: tuple[str, ...],
                scores: dict[str, int | None] | None = None,
                score_words: dict[str, Text] | None = None) -> ProvisionResult:
        """The decision now; the criteria and the words when first read (most outputs read neither)."""
        p, d = plan.active.provision, decide(plan, values, results)
        status, award = d.status, d.award
        # partial, not lambdas: closures over this many locals cost more than the decision's own record.
        return lazy_result({
            "provision": p.id, "title": plan.title, "status": status, "amount": d.amount,
            "max_amount": headroom(p, values, plan.active.params, plan.max_amount) if status == "undetermined"
            else plan.max_amount,
            "criteria": partial(self._words.criteria, plan, results, values), "missing": d.missing,
            "citation": plan.citation,
            "explanation": partial(_summary, status, len(results), d.amount,
                                   tuple([plan.labels[ci] for ci in d.failed]) if d.failed else (), d.missing,
                                   d.review),
            "amount_explanation": self._words.amount_words(plan, values, award.explanation) if award else None,
            "benefit": plan.benefit, "pending_review": d.review, "scores": {} if scores is None else scores,
            "score_explanations": {} if score_words is None else score_words, "estimate": plan.estimate,
            "assumptions": plan.assumptions, "lead_department": plan.lead,
        })


def _lean_of(plan: Plan, d: Decision) -> Lean:
    return (plan.active.provision.id, d.status, d.amount, plan.estimate, d.missing, d.review,
            tuple([plan.ids[ci] for ci in d.failed]))


_LIST_ZH, _LIST_EN = catalogue()["evaluate.sep.list"]
_CLAUSE_ZH, _CLAUSE_EN = catalogue()["evaluate.sep.clause"]
# A summary is worded for every provision of every application: the templates are made functions once.
_REVIEW = fillers("evaluate.summary.review", "fields")
_REVIEW_AMOUNT = fillers("evaluate.summary.review_amount", "amount")
_ELIGIBLE = fillers("evaluate.summary.eligible", "n")
_ELIGIBLE_AMOUNT = fillers("evaluate.summary.eligible_amount", "n", "amount")
_INELIGIBLE = fillers("evaluate.summary.ineligible", "failed")
_MISSING = fillers("evaluate.summary.missing", "fields")


@lru_cache(maxsize=4096)  # the same few lines recur across applications ("ineligible: not in Shandong")
def _summary(status: str, n: int, amount: int | None, failed: tuple[Text, ...], missing: tuple[str, ...],
             review: tuple[str, ...]) -> tuple[str, str]:
    """One line per provision: what was met, what failed, what is missing, or what awaits review."""
    if status == "review":
        fields = [field_label(f) for f in review]
        zh, en = _REVIEW[0](_LIST_ZH.join([z for z, _ in fields])), _REVIEW[1](_LIST_EN.join([e for _, e in fields]))
        if amount is None:
            return zh, en
        money = yuan(amount)
        return zh + _REVIEW_AMOUNT[0](money[0]), en + _REVIEW_AMOUNT[1](money[1])
    if status == "eligible":
        if amount is None:
            return _ELIGIBLE[0](str(n)), _ELIGIBLE[1](str(n))
        money = yuan(amount)
        return _ELIGIBLE_AMOUNT[0](str(n), money[0]), _ELIGIBLE_AMOUNT[1](str(n), money[1])
    if status == "ineligible":
        return _INELIGIBLE[0](_CLAUSE_ZH.join([t.zh for t in failed])), _INELIGIBLE[1](_CLAUSE_EN.join([t.en for t in failed]))
    return _MISSING[0](with_paths(missing, 0)), _MISSING[1](with_paths(missing, 1))


def _not_in_effect(p: Provision, day: dt.date) -> ProvisionResult:
    w = p.window
    window = {"day": day, "start": w.from_, "end": w.to}
    return ProvisionResult(
        provision=p.id, title=Text(p.title.zh, p.title.en), status="not_in_effect", amount=None, max_amount=None,
        criteria=(), missing=(), citation=CitationOut(p.citation.section, p.citation.text),
        explanation=Text(*words("evaluate.summary.not_in_effect", window, window)),
    )
