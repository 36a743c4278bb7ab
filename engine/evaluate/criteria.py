"""The criteria of a full result, each with its words, built when a result's criteria are first read.

A criterion's result and words are functions of the values it reads (and of its epoch's parameters), so equal
values give one shared CriterionResult: built and worded once, then reused. Flags and codes repeat across
applications; amounts and counts rarely do, so they get a cache of their own and cannot push the repeating
ones out. Criteria on scores are keyed by the scores as well (they are worded from them).
An amount's explanation is likewise a function of the fields the amount reads, and is worded once per values.
"""

from __future__ import annotations

from typing import Any

from engine.evaluate.explain import Explainer
from engine.evaluate.plan import MAX_CACHED, Plan
from engine.rules.terms import SCORE_PREFIX
from schemas.result import CriterionResult, LazyText, Text

# Per plan: the cache key of its first criterion, then per criterion the values its words depend on.
_Layout = tuple[int, tuple[tuple[str, ...], ...]]


class CriterionResults:
    """Builds the criteria of full results for one evaluator; every cache is bounded (MAX_CACHED entries)."""

    def __init__(self) -> None:
        self._layouts: dict[int, tuple[Plan, _Layout]] = {}  # by id(plan); the plan is held so the id stays its own
        self._next = 0
        self._repeating: dict[tuple[Any, ...], CriterionResult] = {}
        self._varying: dict[tuple[Any, ...], CriterionResult] = {}
        self._amounts: dict[tuple[Any, ...], tuple[str, str]] = {}  # the words of amounts

    def criteria(self, plan: Plan, results: tuple[str, ...], values: dict[str, Any]) -> tuple[CriterionResult, ...]:
        base, layout = self._layout(plan)
        get = values.get
        out = []
        for ci, result in enumerate(results):
            reads = layout[ci]
            key = (base + ci, result, *map(get, reads))
            cache = self._repeating if plan.repeats[ci] else self._varying
            found = cache.get(key)
            if found is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                # The words depend only on the values the key holds, so those alone word them (and the
                # cached entry keeps no application's other values alive).
                found = cache[key] = _built(plan, ci, result, {f: values[f] for f in reads if f in values})
            out.append(found)
        return tuple(out)

    def amount_words(self, plan: Plan, values: dict[str, Any], words: Text) -> Text:
        """An amount's explanation (`words`), worded once for equal values of the fields the amount reads."""
        if plan.scored:  # its values hold scores too, which no field names
            return words
        def worded() -> tuple[str, str]:
            key = (-1 - self._layout(plan)[0], *map(values.get, plan.amount_fields))  # < 0: no criterion's key
            found = self._amounts.get(key)
            if found is None:
                if len(self._amounts) >= MAX_CACHED:
                    self._amounts.clear()
                found = self._amounts[key] = (words.zh, words.en)
            return found

        return LazyText(worded)

    def _layout(self, plan: Plan) -> _Layout:
        held = self._layouts.get(id(plan))
        if held is None or held[0] is not plan:
            p = plan.active.provision
            # A criterion on a score reads the scores too: equal scores (frozen ScoreValues) word alike.
            scores = tuple(SCORE_PREFIX + name for name in p.scores)
            layout = (self._next, tuple(plan.reads[ci] + scores if c.scored else plan.reads[ci]
                                        for ci, c in enumerate(p.criteria)))
            criteria = p.criteria
            self._next += len(criteria)
            held = self._layouts[id(plan)] = (plan, layout)
        return held[1]


def _built(plan: Plan, ci: int, result: str, values: dict[str, Any]) -> CriterionResult:
    rule = plan.active.provision.criteria[ci]
    words = LazyText(lambda: Explainer(values, plan.active.params, plan.units).criterion(rule, result))
    return CriterionResult(rule.id, plan.labels[ci], result, words, plan.fields[ci])  # type: ignore[arg-type]
