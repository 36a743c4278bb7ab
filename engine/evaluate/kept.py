"""A criterion on scores, judged once per combination of what it reads: its flags and codes, and its scores' ranges.

A scored criterion (`score-or-direct`: a pass mark, or a designation, or a direct qualification) is judged for every
application of its provision, twice when the first judgement without the scores is unknown. Its outcome is a function
of the fields it reads and of the ranges (low, high) of the scores it compares: `_score_range` reads nothing else of a
score. When those fields repeat across applications (flags, codes, dates: never amounts or counts, whose values are
unique and would only fill the cache), the outcome is kept by them, and the tree is walked once per combination.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from engine.evaluate.reference import ConditionCode
from engine.evaluate.scores import Scores, with_scores
from engine.rules.terms import SCORE_PREFIX
from engine.rules.typecheck import scores_used
from schemas.application import FIELDS
from schemas.rulefile import AllOf, AnyOf, Compare, Condition, Not, ScoreRef

MAX_KEPT = 8192  # bounded like every cache of the evaluator: memory stays flat however many applications


# (values, scores) → the outcome: for a second judgement once the scores are worked out, without first copying them
# into the values (`with_scores`) when the outcome is kept.
CheckWith = Callable[[dict[str, Any], Scores], str]


def kept_check(cond: Condition, code: ConditionCode, reads: Iterable[str]) -> tuple[ConditionCode, CheckWith]:
    """`code` and its form with the scores beside the values; both keep their outcomes when the key is small and
    repeats (see above)."""
    paths = tuple(reads)
    if not (repeats(paths) and _scores_as_subjects(cond)):
        return code, lambda values, scores: code(with_scores(values, scores))
    fields, names = paths, tuple(scores_used(cond))
    scores_at = tuple(SCORE_PREFIX + name for name in names)
    kept: dict[tuple[Any, ...], str] = {}

    def judged(key: tuple[Any, ...], values: dict[str, Any]) -> str:
        found = kept.get(key)
        if found is None:
            if len(kept) >= MAX_KEPT:
                kept.clear()
            found = kept[key] = code(values)
        return found

    def check(values: dict[str, Any]) -> str:
        get = values.get
        # An absent score (the first judgement, before the scores are worked out) keys as None, like an absent field.
        return judged((*map(get, fields), *[None if s is None else (s.low, s.high) for s in map(get, scores_at)]),
                      values)

    def check_with(values: dict[str, Any], scores: Scores) -> str:
        key = (*map(values.get, fields), *[(s.low, s.high) for s in map(scores.__getitem__, names)])
        found = kept.get(key)
        return found if found is not None else judged(key, with_scores(values, scores))
    return check, check_with


def repeats(paths: Iterable[str]) -> bool:
    """Whether values at these paths repeat across applications: flags, codes, dates, never amounts or counts."""
    return all(path == "as_of" or FIELDS[path].kind not in ("yuan", "count") for path in paths)


def _scores_as_subjects(cond: Condition) -> bool:
    """Whether every score is read only as a comparison's whole subject: then only its range decides (`_judge`)."""
    if isinstance(cond, Not):
        return _scores_as_subjects(cond.item)
    if isinstance(cond, (AllOf, AnyOf)):
        return all(_scores_as_subjects(c) for c in cond.items)
    assert isinstance(cond, Compare)
    subject_ok = isinstance(cond.subject, ScoreRef) or not scores_used(cond.subject)
    return subject_ok and not scores_used(cond.object)
