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

# Per plan: the cache key of its first criterion (amounts' words key on it too), then per criterion its own
# key number, the one value its words depend on (most read one field) or None, all those values, and its cache.
_Row = tuple[int, "str | None", tuple[str, ...], dict[tuple[Any, ...], CriterionResult]]
_Layout = tuple[int, tuple[_Row, ...]]


class CriterionResults:
    """Builds the criteria of full results for one evaluator; every cache is bounded (MAX_CACHED entries)."""

    def __init__(self) -> None:
        self._layouts: dict[int, tuple[Plan, _Layout]] = {}  # by id(plan); the plan is held so the id stays its own
        self._next = 0
        self._repeating: dict[tuple[Any, ...], CriterionResult] = {}
        self._varying: dict[tuple[Any, ...], CriterionResult] = {}
        self._amounts: dict[tuple[Any, ...], tuple[str, str]] = {}  # the words of amounts

    def criteria(self, plan: Plan, results: tuple[str, ...], values: dict[str, Any]) -> tuple[CriterionResult, ...]:
        # Every full result the API answers comes through here once per criterion: the loop does no more than
        # make the key and look it up (a key of one value is made without unpacking: a third of the loop's time).
        first, rows = self._layout(plan)
        get = values.get
        out = []
        for (number, one, reads, cache), result in zip(rows, results):
            key = (number, result, get(one)) if one is not None else (number, result, *map(get, reads))
            found = cache.get(key)
            if found is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                # The words depend only on the values the key holds, so those alone word them (and the
                # cached entry keeps no application's other values alive).
                found = cache[key] = _built(plan, number - first, result, {f: values[f] for f in reads if f in values})
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
            first = self._next
            reads = [plan.reads[ci] + scores if c.scored else plan.reads[ci] for ci, c in enumerate(p.criteria)]
            layout = (first, tuple((first + ci, r[0] if len(r) == 1 else None, r,
                                    self._repeating if plan.repeats[ci] else self._varying)
                                   for ci, r in enumerate(reads)))
            self._next += len(p.criteria)
            held = self._layouts[id(plan)] = (plan, layout)
        return held[1]


def _built(plan: Plan, ci: int, result: str, values: dict[str, Any]) -> CriterionResult:
    rule = plan.active.provision.criteria[ci]
    words = LazyText(lambda: Explainer(values, plan.active.params, plan.units).criterion(rule, result))
    return CriterionResult(rule.id, plan.labels[ci], result, words, plan.fields[ci])  # type: ignore[arg-type]
