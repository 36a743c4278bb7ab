"""What a plan asks of each controllable field: bounds, allowed and excluded values; merging, applying, costing.

A requirement maps field paths to a `Need`. Merging two requirements intersects their needs; a requirement
that cannot be met (a lower bound above an upper one) is dropped. Applying one to an applicant's values
moves each field the least that is enough: a number to its bound, a flag or choice to the first value allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_STEPS = 64  # an excluded value (`ne`) is stepped over; no rule excludes more than a few


@dataclass(frozen=True)
class Need:
    lo: int | None = None  # numbers: at least (inclusive)
    hi: int | None = None  # numbers: at most (inclusive)
    allowed: tuple[Any, ...] | None = None  # one of these, the first preferred (a flag: (True,))
    excluded: frozenset[Any] = frozenset()

    def merge(self, other: Need) -> Need | None:
        lo = max((b for b in (self.lo, other.lo) if b is not None), default=None)
        hi = min((b for b in (self.hi, other.hi) if b is not None), default=None)
        allowed = self.allowed if other.allowed is None else (
            other.allowed if self.allowed is None else tuple(a for a in self.allowed if a in other.allowed))
        merged = Need(lo, hi, allowed, self.excluded | other.excluded)
        return merged if merged.feasible() else None

    def feasible(self) -> bool:
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            return False
        if self.allowed is not None:
            return any(self._within(a) for a in self.allowed)
        return True

    def _within(self, value: Any) -> bool:
        if value in self.excluded:
            return False
        if isinstance(value, bool) or not isinstance(value, int):
            return True  # bounds are for numbers only
        return (self.lo is None or value >= self.lo) and (self.hi is None or value <= self.hi)

    def holds(self, value: Any) -> bool:
        return self._within(value) and (self.allowed is None or value in self.allowed)

    def choose(self, current: Any) -> Any:
        """The value nearest the current one that meets the need (the current one when it already does)."""
        if self.holds(current):
            return current
        if self.allowed is not None:
            fits = [a for a in self.allowed if self._within(a)]
            if isinstance(current, int) and not isinstance(current, bool) and all(
                    isinstance(a, int) and not isinstance(a, bool) for a in fits):
                return min(fits, key=lambda a: abs(a - current))
            return fits[0]
        value = current
        if self.lo is not None and value < self.lo:
            value = self.lo
        if self.hi is not None and value > self.hi:
            value = self.hi
        up = value == self.lo or self.hi is None or value < self.hi
        for _ in range(MAX_STEPS):
            if value not in self.excluded:
                return value
            value += 1 if up else -1
        return value


Requirement = dict[str, Need]
NOTHING: Requirement = {}


def merge(a: Requirement, b: Requirement) -> Requirement | None:
    """Both requirements at once, or None when they contradict each other."""
    out = dict(a)
    for path, need in b.items():
        if path in out:
            both = out[path].merge(need)
            if both is None:
                return None
            out[path] = both
        else:
            out[path] = need
    return out


def applied(req: Requirement, values: dict[str, Any]) -> dict[str, Any]:
    """The values with every need met by the least change."""
    out = dict(values)
    for path, need in req.items():
        out[path] = need.choose(values[path])
    return out


def changes(req: Requirement, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (before, after)} for the fields the requirement really changes."""
    out = {}
    for path, need in req.items():
        after = need.choose(values[path])
        if after != values[path]:
            out[path] = (values[path], after)
    return out


def cost(req: Requirement, values: dict[str, Any]) -> tuple[int, float]:
    """Fewer changed facts first, then the smaller relative change (a flag counts as a whole change).

    The float only orders plans; no amount is ever computed from it.
    """
    moved = changes(req, values)
    size = 0.0
    for before, after in moved.values():
        if isinstance(before, int) and not isinstance(before, bool):
            size += abs(after - before) / max(abs(before), 1)
        else:
            size += 1.0
    return len(moved), size


def cheapest(reqs: list[Requirement], values: dict[str, Any], keep: int) -> list[Requirement]:
    """The `keep` cheapest distinct requirements."""
    seen: set[tuple[tuple[str, Any], ...]] = set()
    out: list[Requirement] = []
    for req in sorted(reqs, key=lambda r: cost(r, values)):
        key = tuple(sorted((p, v[1]) for p, v in changes(req, values).items()))
        if key not in seen:
            seen.add(key)
            out.append(req)
        if len(out) == keep:
            break
    return out
