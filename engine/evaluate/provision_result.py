"""The full result of one provision, made from what decided it: every field is read off the plan and the decision,
or made when first read (the criteria, the words), so an evaluation costs one small object per provision.

A screening or a total reads only the status and the amount; the API reads everything once. Nothing here is a
new decision: the fields are exactly those the evaluator gave as a plain ProvisionResult (tests/test_lazy_results.py).
"""

from __future__ import annotations

from functools import lru_cache, partial
from collections.abc import Callable
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
    """One provision's result; `_held` is what it is made from, the other slots keep what was made on first read
    (the criteria, the words and the scores: `_made_once` below)."""

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


def _criteria(result: FullResult) -> tuple[CriterionResult, ...]:
    plan, _, results, values, words = result._scored()[:5]
    return words.criteria(plan, results, values)


def _explanation(result: FullResult) -> Text:
    plan, d, results = result._held[:3]
    return Text(*summary(d.status, len(results), d.amount, tuple([plan.labels[ci] for ci in d.failed]) if d.failed
                         else (), d.missing, d.review))


def _amount_explanation(result: FullResult) -> Text | None:
    plan, d, _, values, words = result._held[:5]
    if plan.amount is None or d.status not in ("eligible", "review"):  # no amount was granted
        return None
    granted = award(plan.active.provision, values, plan.active.params, estimate=bool(plan.assumptions))
    return words.amount_words(plan, values, granted.explanation)


def _scores(result: FullResult) -> dict[str, int | None]:
    scoring = result._scored()[6]
    return {} if scoring is None else {n: s.value for n, s in scoring[0].items()}


def _score_explanations(result: FullResult) -> dict[str, Text]:
    held = result._scored()
    plan, scoring = held[0], held[6]
    if scoring is None:
        return {}
    scores, values = scoring
    p, params = plan.active.provision, plan.active.params
    return {n: LazyText(partial(score_explanation, p, n, scores, values, params, plan.units)) for n in scores}


def _made_once(slot: Any, make: Callable[[FullResult], Any]) -> property:
    """A field made on its first read and kept in its slot."""
    read, keep = slot.__get__, slot.__set__

    def field(result: FullResult) -> Any:
        try:
            return read(result)
        except AttributeError:
            made = make(result)
            keep(result, made)
            return made
    return property(field)


for _name, _make in (("criteria", _criteria), ("explanation", _explanation),
                     ("amount_explanation", _amount_explanation), ("scores", _scores),
                     ("score_explanations", _score_explanations)):
    setattr(FullResult, _name, _made_once(vars(FullResult)["_" + _name], _make))
del _name, _make
assert set(ProvisionResult.__dataclass_fields__) <= set(vars(FullResult)), \
    "every field of ProvisionResult is read off what decided it"
_HOLD = FullResult._held.__set__  # type: ignore[attr-defined]
_new = object.__new__


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
