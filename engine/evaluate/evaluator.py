"""Evaluates an application against a rulebook: match criteria (durable_rules or reference), then status, amount, reasons.

`evaluate` gives the full result (every criterion, worded in both languages, and the audit block);
`screen` gives the same decisions in the lean shape a batch output reads (statuses, amounts, missing
fields, pending reviews, failed criteria), without building a word of explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from engine.evaluate.amounts import headroom
from engine.evaluate.audit import audit_of, input_digest
from engine.errors import EngineFailure
from engine.evaluate.criteria import CriterionResults
from engine.evaluate.explain import words
from engine.evaluate.facts import values_of
from engine.evaluate.plan import MAX_CACHED, Decision, Plan, decide, make_plan
from engine.intake.documents import warnings_of
from engine.evaluate.reference import UNKNOWN, Outcomes, ReferenceMatcher
from engine.evaluate.provision_result import FullResult, full_result
from engine.evaluate.scores import Scores, score_values, with_scores
from engine.messages import catalogue
from engine.rules.rulebook import Epoch, Provision, Rulebook
from schemas.application import Application
from schemas.result import CitationOut, Evaluation, InputWarning, ProvisionResult, RulesInfo, Text

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
        self._layouts: dict[Epoch, tuple[tuple[Plan | None, Lean | None], ...]] = {}  # see `_screened`
        # Most results repeat (a flag is false, a code is 3491): cache them by the values they read.
        # The outcome and every word of a result are functions of those values and the epoch.
        self._words = CriterionResults()  # the criteria of full results, built when first read
        self._provisions: dict[tuple[Any, ...], tuple[tuple[str, ...], FullResult]] = {}  # (outcomes, result)
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
        results: list[ProvisionResult] = []
        total = pending = most = 0
        for index, p in enumerate(self.rulebook.provisions):
            plan = plans.get(index)
            if plan is None:
                results.append(_not_in_effect(p, day))
                continue
            r, d = self._full(plan, values, outcomes, epoch)
            results.append(r)
            if d.amount:
                if d.status == "eligible":
                    total += d.amount
                elif d.status == "review":
                    pending += d.amount
            elif d.status == "undetermined":
                most += r.max_amount or 0
        return Evaluation(
            application_id=app.application_id,
            as_of=day,
            rules=self._rules,
            results=tuple(results),
            total_amount=total,
            total_pending_review=pending,
            total_max_undetermined=most,
            evaluator=self.matcher.name,
            warnings=tuple(InputWarning(w.loc, w.type, Text(w.zh, w.en)) for w in warnings_of(app)),
            audit=audit_of(app, day, self.rulebook, self.matcher.name),
        )

    def screen(self, app: Application, as_of: dt.date | None = None) -> Screening:
        """The decisions `evaluate` gives, in the lean shape: same matcher, same outcomes, no words."""
        day, epoch, plans = self._epoch(app, as_of)
        values = values_of(app, day)
        outcomes = self.matcher.match(epoch, values)
        results = self._records(epoch, plans, values, outcomes)
        total = pending = 0
        for r in results:
            if r[2]:
                if r[1] == "eligible":
                    total += r[2]
                elif r[1] == "review":
                    pending += r[2]
        return Screening(app.application_id, day, results, total, pending, tuple(w.loc for w in warnings_of(app)), app)

    def _records(self, epoch: Epoch, plans: dict[int, Plan], values: dict[str, Any], outcomes: Outcomes) -> tuple[Lean, ...]:
        """Every provision's screening record, in the rulebook's order."""
        leans: list[Lean] = []
        for plan, absent in self._screened(epoch, plans):
            if plan is None:
                leans.append(absent)  # type: ignore[arg-type]
            elif plan.scored:
                leans.append(_lean_of(plan, _scored_decision(plan, values, outcomes)))
            else:
                # Most provisions fail some criterion, and an ineligible record is a function of the outcomes
                # alone: it is looked up here, before any call (plan.ineligible holds only outcomes with a fail).
                results = plan.outcomes_of(outcomes)
                d = plan.ineligible.get(results)
                if d is None:
                    if not plan.plain:  # kept whole by the values it reads (they repeat)
                        leans.append(self._repeated(self._leans, plan, values, results, epoch,
                                                    lambda: _lean_of(plan, decide(plan, values, results))))
                        continue
                    d = decide(plan, values, results)
                leans.append(d.lean if d.lean is not None else _lean_of(plan, d))  # shared decisions keep theirs
        return tuple(leans)

    def _screened(self, epoch: Epoch, plans: dict[int, Plan]) -> tuple[tuple[Plan | None, Lean | None], ...]:
        """Per provision of the rulebook: its plan, or the record of a provision not in effect (made once per epoch)."""
        layout = self._layouts.get(epoch)
        if layout is None:
            layout = self._layouts[epoch] = tuple(
                (plans[index], None) if index in plans else (None, self._lean_not_in_effect(index))
                for index in range(len(self.rulebook.provisions)))
        return layout

    def _repeated(self, cache: dict[tuple[Any, ...], tuple[tuple[str, ...], Any]], plan: Plan,
                  values: dict[str, Any], results: tuple[str, ...], epoch: Epoch, make: Callable[[], Any]) -> Any:
        """What `make` gives, kept by the values the provision reads (flags, codes, years: they repeat)."""
        key = (epoch, plan.active.index, tuple(map(values.get, plan.all_reads)))
        cached = cache.get(key)
        if cached is None:
            if len(cache) >= MAX_CACHED:
                cache.clear()
            cached = cache[key] = (results, make())
        elif cached[0] != results:
            # The matcher ran anyway; the same values must give the same outcomes.
            raise EngineFailure("evaluate.failure.inconsistent", matcher=self.matcher.name, provision=plan.pid)
        return cached[1]

    def _lean_not_in_effect(self, index: int) -> Lean:
        pid = self.rulebook.provisions[index].id
        return (pid, "not_in_effect", None, False, (), (), ())

    def _full(self, plan: Plan, values: dict[str, Any], outcomes: Outcomes,
              epoch: Epoch) -> tuple[FullResult, Decision]:
        """The result of one provision, and its decision (what the totals read)."""
        if plan.scored:  # criteria on scores are decided from the scores' ranges, the others by the matcher
            scored, results, scores = _scoring(plan, values, outcomes)
            made = self._made(plan, scored, results, (scores, values))
        else:
            results = plan.outcomes_of(outcomes)
            if not plan.all_repeat:
                made = self._made(plan, values, results)
            else:  # made from the values the provision reads alone: a kept result must not keep this application's
                made = self._repeated(self._provisions, plan, values, results, epoch, lambda: self._made(
                    plan, {f: values[f] for f in plan.all_reads if f in values}, results))
        return made, made.decision

    def _made(self, plan: Plan, values: dict[str, Any], results: tuple[str, ...],
              scoring: tuple[Scores | None, dict[str, Any]] | None = None) -> FullResult:
        d = decide(plan, values, results)
        return full_result((plan, d, results, values, self._words, _most(plan, d, values), scoring))


def _most(plan: Plan, d: Decision, values: dict[str, Any]) -> int | None:
    """The most a provision can pay: for an undetermined one with a cumulative cap, what is left of it."""
    if d.status != "undetermined":
        return plan.max_amount
    return headroom(plan.active.provision, values, plan.active.params, plan.max_amount)


def _scoring(plan: Plan, values: dict[str, Any],
             outcomes: Outcomes) -> tuple[dict[str, Any], tuple[str, ...], Scores | None]:
    """(the values with the scores beside them, every criterion's outcome, the scores).

    Kleene logic is monotone: a criterion that passes or fails with every score unknown does so whatever the
    scores are (a firm that qualifies directly). When every criterion on a score is decided so, and no amount
    reads the values, the scores are not worked out here: (the values, the outcomes, None), and a full result
    works them out if they are read."""
    if plan.amount is None:
        results = _outcomes(plan, values, outcomes)
        if UNKNOWN not in [r for r, check in zip(results, plan.checks) if check is not None]:
            return values, results, None
    scores = score_values(plan.active.provision, values, plan.active.params)
    scored = with_scores(values, scores)
    return scored, _outcomes(plan, scored, outcomes), scores


def _scored_decision(plan: Plan, values: dict[str, Any], outcomes: Outcomes) -> Decision:
    """`decide` from what `_scoring` gives, with the scores copied into the values only when a decision reads them.

    Without an amount, only the criteria on scores read the scores, and their outcomes (kept by the scores' ranges,
    plan.rechecks) are all a decision needs of them unless one is unknown: then its open inputs are read off the
    scores (`_unknown`). The other criteria, the open inputs of the unknown ones and the shapes' keys read fields."""
    if plan.amount is not None:  # an amount may read the scores themselves
        scored, results, _ = _scoring(plan, values, outcomes)
        return decide(plan, scored, results)
    results = _outcomes(plan, values, outcomes)
    if UNKNOWN not in [results[ci] for ci, _ in plan.rechecks]:  # decided without the scores (see `_scoring`)
        return decide(plan, values, results)
    scores = score_values(plan.active.provision, values, plan.active.params)
    again = list(results)
    for ci, check in plan.rechecks:
        again[ci] = check(values, scores)
    if UNKNOWN in [again[ci] for ci, _ in plan.rechecks]:
        return decide(plan, with_scores(values, scores), tuple(again))
    return decide(plan, values, tuple(again))


def _outcomes(plan: Plan, values: dict[str, Any], outcomes: Outcomes) -> tuple[str, ...]:
    """Every criterion's outcome: the matcher's, or, for a criterion on scores, its check of the values."""
    results = plan.matched_of(outcomes)
    for ci, check in plan.judged:  # in order: each goes in where it stands among the criteria
        results = (*results[:ci], check(values), *results[ci:])
    return results


def _lean_of(plan: Plan, d: Decision) -> Lean:
    lean = d.lean
    if lean is None:  # a decision shared between applications keeps its record
        lean = d.lean = (plan.pid, d.status, d.amount, plan.estimate, d.missing, d.review,
                         tuple([plan.ids[ci] for ci in d.failed]))
    return lean


_LIST_ZH, _LIST_EN = catalogue()["evaluate.sep.list"]


def _not_in_effect(p: Provision, day: dt.date) -> ProvisionResult:
    w = p.window
    window = {"day": day, "start": w.from_, "end": w.to}
    return ProvisionResult(
        provision=p.id, title=Text(p.title.zh, p.title.en), status="not_in_effect", amount=None, max_amount=None,
        criteria=(), missing=(), citation=CitationOut(p.citation.section, p.citation.text),
        explanation=Text(*words("evaluate.summary.not_in_effect", window, window)),
    )
