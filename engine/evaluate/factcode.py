"""Builds the fact durable_rules matches, and the outcomes its silence implies, from steps made once per epoch.

An application's fact is read for every rule set it meets, so nothing here walks the rule tree: the
fields to copy, the markers each absent input sets, and every derived number (a compiled term) are laid
out when the epoch is compiled. Derived numbers are exact: ratios become floor and ceiling of value × 10^9
in integer arithmetic (docs/durable-rules.md: no float ever reaches the engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import Any

from engine.evaluate.reference import PASS, UNKNOWN, Outcomes
from engine.rules.terms import MISSING, UNDEFINED, ZERO_OR_UNDEFINED, TermCode

SCALE = 10**9
BOUND = 10**9  # |fractional value| is clamped here; scaled it stays inside signed 64 bits
LIMIT = BOUND * SCALE
MAX_COMBINATIONS = 1024  # combinations of inputs kept made (each the fact's start, every outcome, a getter: ~8 KB),
# and as many parts of each section (a few hundred bytes each)
Fact = dict[str, Any]
Step = Callable[[dict[str, Any], Fact], None]  # adds one derived number (or its markers) to the fact


def derive_ratio(key: str, paths: tuple[str, str], read: frozenset[str]) -> Step:
    """A ratio of two whole-number fields, in integer arithmetic alone.

    The same facts as term_value's Fraction: absent numerator → nothing; absent denominator → `_zu` when the
    numerator is 0, else nothing; denominator 0 → `_z`; otherwise floor and ceiling of the ratio × SCALE. Of the
    floor and the ceiling, only those some rule reads (`read`) go in the fact: every key costs in the C core.
    """
    top, bottom = paths
    zero, zero_or_undefined, lo, hi = key + "_z", key + "_zu", key + "_lo", key + "_hi"
    floor, ceiling = lo in read, hi in read

    def step(values: dict[str, Any], fact: Fact) -> None:
        a, b = values.get(top), values.get(bottom)
        if b == 0:  # a zero denominator fails whatever the numerator, even one not provided
            fact[zero] = 1
        elif a is None:
            return
        elif b is None:
            if a == 0:
                fact[zero_or_undefined] = 1
        else:
            if b < 0:  # never from the schema (amounts and counts are ≥ 0); the general path keeps the signs right
                a, b = -a, -b
            low, rest = divmod(a * SCALE, b)
            high = low + 1 if rest else low
            if low < -LIMIT or high > LIMIT:  # low ≤ high: both are inside unless one of these holds (rare)
                low, high = _clamped(low), _clamped(high)
            if floor:
                fact[lo] = low
            if ceiling:
                fact[hi] = high
    return step


def _clamped(n: int) -> int:
    """max(-LIMIT, min(LIMIT, n)), in comparisons alone."""
    return n if -LIMIT <= n <= LIMIT else (LIMIT if n > 0 else -LIMIT)


def derive(key: str, subject: TermCode, obj: TermCode | None, scaled: bool) -> Step:
    """`subject − object` (or `subject`) as the fact's integer, or its scaled floor and ceiling, or its markers."""
    def step(values: dict[str, Any], fact: Fact) -> None:
        s = subject(values)
        o = obj(values) if obj is not None else 0
        if s is ZERO_OR_UNDEFINED and obj is None:
            fact[key + "_zu"] = 1  # 0 or undefined: fails what 0 fails (the compiled F rule says which)
            return
        if s is MISSING or o is MISSING or s is ZERO_OR_UNDEFINED:
            return
        if s is UNDEFINED or o is UNDEFINED:
            fact[key + "_z"] = 1
            return
        diff = s.toordinal() - o.toordinal() if isinstance(s, dt.date) else s - o
        if scaled:
            # floor and ceil of diff × SCALE in integer arithmetic (diff is an int or a Fraction: both have these).
            top, den = diff.numerator * SCALE, diff.denominator
            fact[key + "_lo"] = max(-LIMIT, min(LIMIT, top // den))
            fact[key + "_hi"] = max(-LIMIT, min(LIMIT, -(-top // den)))
        else:
            fact[key] = int(diff)
    return step


def derive_difference(key: str, path: str, obj: TermCode, general: Step) -> Step:
    """`derive` of a field minus a term, unscaled, for the common case of two ints or two dates (a year against the
    application's, a date against as_of): the same integer without the markers' tests; anything else (a value
    absent, a Decimal) goes the general way."""
    def step(values: dict[str, Any], fact: Fact) -> None:
        s = values.get(path)
        kind = type(s)
        if kind is int or kind is dt.date:
            o = obj(values)
            if type(o) is kind:
                fact[key] = s - o if kind is int else s.toordinal() - o.toordinal()  # type: ignore[operator,union-attr]
                return
        elif s is None:  # the subject absent: no key, as `derive` gives for MISSING
            return
        general(values, fact)
    return step


def derive_from_day(key: str, path: str, obj: TermCode, general: Step) -> Step:
    """`derive_difference` when the object reads as_of alone (its year, itself, a shift of it): the object's number
    is worked out once per day (bounded cache), not once per application; the applications of a batch share a few
    days. A value of another type, or no as_of, goes the general way."""
    @lru_cache(maxsize=64)
    def number_on(day: dt.date) -> tuple[type, int] | None:
        o = obj({"as_of": day})
        kind = type(o)
        if kind is int:
            return int, o
        return (dt.date, o.toordinal()) if kind is dt.date else None

    def step(values: dict[str, Any], fact: Fact) -> None:
        s = values.get(path)
        if s is None:  # the subject absent: no key, as `derive` gives for MISSING
            return
        day = values.get("as_of")
        made = number_on(day) if day is not None else None
        if made is not None and type(s) is made[0]:
            fact[key] = (s if made[0] is int else s.toordinal()) - made[1]
            return
        general(values, fact)
    return step


def getter(paths: tuple[Any, ...]) -> Callable[[dict[Any, Any]], tuple[Any, ...]]:
    """The values at `paths` (keys), as a tuple whatever their number (itemgetter gives one value bare)."""
    if len(paths) > 1:
        return itemgetter(*paths)
    if paths:
        path = paths[0]
        return lambda values: (values[path],)
    return lambda values: ()


Part = tuple[Fact, Outcomes, tuple[str, ...], tuple[str, ...]]  # markers, outcomes, input paths there, their keys
Combination = tuple[Fact, Outcomes, tuple[str, ...], Callable[[Fact], Any]]


class FactCode:
    """The steps of one epoch's fact, laid out once; `start` runs them for one application."""

    __slots__ = ("_start", "_paths", "_blocks", "_marks", "_unknown", "_presumed", "_keys", "_plain", "_dates", "_sets",
                 "_steps", "_combinations", "_inputs")

    def __init__(self, fields: tuple[tuple[str, str, str], ...], steps: tuple[Step, ...], markers: tuple[str, ...],
                 inputs: tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...],
                 unknown: dict[int, str]) -> None:
        """`fields`: (path, fact key, kind); `inputs`: per distinct criterion, (marker or "", input paths, criteria)."""
        self._start: Fact = dict.fromkeys(markers, 1)
        self._marks: dict[str, Fact] = {}
        self._unknown: dict[str, Outcomes] = {}
        for marker, paths, targets in inputs:
            for path in paths:
                marks = self._marks.setdefault(path, {})
                if marker:  # only a criterion that can pass with an input absent has a marker (and a T rule)
                    marks[marker] = 1
                self._unknown.setdefault(path, {}).update(dict.fromkeys(targets, UNKNOWN))
        # The inputs in section order, so that each section's inputs are one slice of an application's mask.
        self._paths = tuple(sorted(self._marks, key=lambda path: (path.split(".")[0], path)))
        sections = [path.split(".")[0] for path in self._paths]
        self._blocks: tuple[tuple[int, int, dict[bytes, Part]], ...] = tuple(
            (sections.index(name), len(sections) - sections[::-1].index(name), {}) for name in dict.fromkeys(sections))
        # With every input there a criterion is pass or fail, and the F rule not firing is the pass.
        self._presumed: Outcomes = {**unknown, **{key: PASS for _, _, targets in inputs for key in targets}}
        plain = [(p, k) for p, k, kind in fields if kind not in ("date", "set")]
        # Fields that are some criterion's input: whether each is there is known per combination, so the fields of
        # each combination are copied by one itemgetter. The rest are looked up one by one.
        self._keys = {p: k for p, k in plain if p in self._marks}
        self._plain = tuple((p, k) for p, k in plain if p not in self._marks)
        self._dates = tuple((p, k) for p, k, kind in fields if kind == "date")
        self._sets = tuple((p, k, k + "__n") for p, k, kind in fields if kind == "set")
        self._steps = steps
        # Applications miss the same inputs again and again (a section left out, a review not yet made): per
        # combination of absent inputs, the fact's markers, the outcomes, and the keys and getter of the input
        # fields there are made once (bounded); a new combination is made of per-section parts.
        self._combinations: dict[frozenset[str], Combination] = {}  # by the absent inputs
        self._inputs = frozenset(self._paths)

    def start(self, values: dict[str, Any]) -> tuple[Outcomes, Fact]:
        """(outcomes before any rule fires, the fact): a criterion with an absent input is unknown, else fail."""
        absent = self._inputs.difference(values)
        marks, presumed, keys, get = self._combinations.get(absent) or self._combination(absent)
        # The fact and the outcomes of this combination of inputs, each made by one copy.
        fact = marks.copy()
        outcomes = presumed.copy()
        fact.update(zip(keys, get(values)))
        for path, key in self._plain:
            if path in values:
                fact[key] = values[path]
        for path, key in self._dates:
            if path in values:
                fact[key] = values[path].toordinal()
        for path, key, size in self._sets:
            if path in values:
                fact[size] = len(values[path])
                fact[key] = values[path]
        for step in self._steps:
            step(values, fact)
        return outcomes, fact

    def _combination(self, absent: frozenset[str]) -> Combination:
        """The combination of these absent inputs, from the parts of each section: far fewer distinct ones (a
        section is mostly all there or all absent), each also made once (bounded)."""
        mask = bytes(path not in absent for path in self._paths)
        marks, unknown, paths, keys = self._start.copy(), self._presumed.copy(), [], []
        for low, high, parts in self._blocks:
            part = mask[low:high]
            made = parts.get(part) or self._part(low, part, parts)
            marks.update(made[0])
            unknown.update(made[1])
            paths += made[2]
            keys += made[3]
        if len(self._combinations) >= MAX_COMBINATIONS:
            self._combinations.clear()
        combination = self._combinations[absent] = (marks, unknown, tuple(keys), getter(tuple(paths)))
        return combination

    def _part(self, low: int, part: bytes, parts: dict[bytes, Part]) -> Part:
        # Some input absent: only the T rule can tell pass from unknown, so its marker goes in the fact.
        marks: Fact = {}
        unknown: Outcomes = {}
        for path, there in zip(self._paths[low:], part):
            if not there:
                marks.update(self._marks[path])
                unknown.update(self._unknown[path])
        copied = [(path, self._keys[path]) for path, there in zip(self._paths[low:], part) if there and path in self._keys]
        if len(parts) >= MAX_COMBINATIONS:
            parts.clear()
        made = parts[part] = (marks, unknown, tuple(p for p, _ in copied), tuple(k for _, k in copied))
        return made
