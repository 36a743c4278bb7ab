"""The full result of one provision, made from what decided it: every field is read off the plan and the decision,
or made when first read (the criteria, the words), so an evaluation costs one small object per provision.

A screening or a total reads only the status and the amount; the API reads everything once. Nothing here is a
new decision: the fields are exactly those the evaluator gave as a plain ProvisionResult (tests/test_lazy_results.py).
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from engine.evaluate.amounts import award
from engine.evaluate.explain import field_label, fillers, with_paths, yuan
from engine.evaluate.plan import Decision, Plan
from engine.evaluate.score_words import score_explanation
from engine.evaluate.scores import Scores, score_values, with_scores
from engine.messages import catalogue
from schemas.result import CriterionResult, LazyProvisionResult, LazyText, ProvisionResult, Text

if TYPE_CHECKING:
    from engine.evaluate.criteria import CriterionResults

# What a result is made from: (plan, decision, outcomes, the values read, the criteria builder, max amount,
# (scores, the application's own values) or None); the scores are None until worked out, when the decision
# did not need them (evaluator._scoring).
Held = tuple[Plan, Decision, tuple[str, ...], "dict[str, Any] | None", "CriterionResults", "int | None",
             "tuple[Scores | None, dict[str, Any]] | None"]


class FullResult(LazyProvisionResult):
    """One provision's result; `_held` is what it is made from, the other slots keep what was made on first read."""

    __slots__ = ("_held", "_criteria", "_explanation", "_amount_explanation", "_scores", "_score_explanations")

    provision = property(lambda self: self._held[0].pid)  # type: ignore[assignment]
    title = property(lambda self: self._held[0].title)  # type: ignore[assignment]
    status = property(lambda self: self._held[1].status)  # type: ignore[assignment]
    amount = property(lambda self: self._held[1].amount)  # type: ignore[assignment]
    max_amount = property(lambda self: self._held[5])  # type: ignore[assignment]
    missing = property(lambda self: self._held[1].missing)  # type: ignore[assignment]
    citation = property(lambda self: self._held[0].citation)  # type: ignore[assignment]
    benefit = property(lambda self: self._held[0].benefit)  # type: ignore[assignment]
    pending_review = property(lambda self: self._held[1].review)  # type: ignore[assignment]
    estimate = property(lambda self: self._held[0].estimate)  # type: ignore[assignment]
    assumptions = property(lambda self: self._held[0].assumptions)  # type: ignore[assignment]
    lead_department = property(lambda self: self._held[0].lead)  # type: ignore[assignment]
    decision = property(lambda self: self._held[1])

    @property  # type: ignore[override]
    def criteria(self) -> tuple[CriterionResult, ...]:
        try:
            return self._criteria
        except AttributeError:
            plan, _, results, values, words = self._scored()[:5]
            return _keep(self, _CRITERIA, words.criteria(plan, results, values))

    @property  # type: ignore[override]
    def explanation(self) -> Text:
        try:
            return self._explanation
        except AttributeError:
            plan, d, results = self._held[:3]
            return _keep(self, _EXPLANATION, Text(*summary(
                d.status, len(results), d.amount, tuple([plan.labels[ci] for ci in d.failed]) if d.failed else (),
                d.missing, d.review)))

    @property  # type: ignore[override]
    def amount_explanation(self) -> Text | None:
        try:
            return self._amount_explanation
        except AttributeError:
            plan, d, _, values, words = self._held[:5]
            made = None
            if plan.amount is not None and d.status in ("eligible", "review"):  # an amount was granted
                p = plan.active.provision
                granted = award(p, values, plan.active.params, estimate=bool(plan.assumptions))
                made = words.amount_words(plan, values, granted.explanation)
            return _keep(self, _AMOUNT_EXPLANATION, made)

    @property  # type: ignore[override]
    def scores(self) -> dict[str, int | None]:
        try:
            return self._scores
        except AttributeError:
            scoring = self._scored()[6]
            return _keep(self, _SCORES, {} if scoring is None else {n: s.value for n, s in scoring[0].items()})

    @property  # type: ignore[override]
    def score_explanations(self) -> dict[str, Text]:
        try:
            return self._score_explanations
        except AttributeError:
            held = self._scored()
            plan, scoring = held[0], held[6]
            if scoring is None:
                return _keep(self, _SCORE_EXPLANATIONS, {})
            scores, values = scoring
            p, params = plan.active.provision, plan.active.params
            return _keep(self, _SCORE_EXPLANATIONS,
                         {n: LazyText(partial(score_explanation, p, n, scores, values, params, plan.units))
                          for n in scores})

    def _scored(self) -> Held:
        """What the result is made from, with the scores worked out if the decision did not need them."""
        held = self._held
        scoring = held[6]
        if scoring is not None and scoring[0] is None:
            plan, values = held[0], scoring[1]
            scores = score_values(plan.active.provision, values, plan.active.params)
            held = (*held[:3], with_scores(values, scores), *held[4:6], (scores, values))
            _HOLD(self, held)
        return held  # type: ignore[return-value]


assert set(ProvisionResult.__dataclass_fields__) <= set(vars(FullResult)), \
    "every field of ProvisionResult is read off what decided it"
_HOLD = FullResult._held.__set__  # type: ignore[attr-defined]
_CRITERIA = FullResult._criteria.__set__  # type: ignore[attr-defined]
_EXPLANATION = FullResult._explanation.__set__  # type: ignore[attr-defined]
_AMOUNT_EXPLANATION = FullResult._amount_explanation.__set__  # type: ignore[attr-defined]
_SCORES = FullResult._scores.__set__  # type: ignore[attr-defined]
_SCORE_EXPLANATIONS = FullResult._score_explanations.__set__  # type: ignore[attr-defined]
_new = object.__new__


def _keep(result: FullResult, put: Any, made: Any) -> Any:
    put(result, made)
    return made


def full_result(held: Held) -> FullResult:
    made = _new(FullResult)
    _HOLD(made, held)
    return made


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
def summary(status: str, n: int, amount: int | None, failed: tuple[Text, ...], missing: tuple[str, ...],
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
