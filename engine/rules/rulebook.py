"""The loaded policy pack: provisions with their criteria and dated parameters, and the epochs they define."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from schemas.rulefile import Score, Amount, Bilingual, Citation, Condition, Departments, Parameter, Window


def value_at(parameter: Parameter, as_of: dt.date) -> Any:
    """The version of a parameter in force on `as_of`, or None before its first version."""
    days = sorted(parameter.values)
    i = bisect.bisect_right(days, as_of)
    return parameter.values[days[i - 1]] if i else None


@dataclass(frozen=True)
class CriterionRule:
    id: str
    label: Bilingual
    when: Condition
    subject: Bilingual | None = None
    review: bool = False  # a judgement for an official (reads review.*): absent is pending, not missing
    scored: bool = False  # compares a score: decided from score ranges after matching, by both matchers alike


@dataclass(frozen=True)
class Provision:
    id: str
    title: Bilingual
    citation: Citation
    departments: Departments
    window: Window
    parameters: dict[str, Parameter]  # every parameter it may use: its own and the shared ones
    criteria: tuple[CriterionRule, ...]
    amount: Amount | None
    scores: dict[str, Score]
    benefit: Bilingual | None
    assumptions: tuple[Bilingual, ...]
    source: str

    def in_effect(self, as_of: dt.date) -> bool:
        return self.window.from_ <= as_of <= self.window.to


@dataclass(frozen=True)
class ActiveProvision:
    """A provision in effect within one epoch, with its parameters resolved."""

    index: int
    provision: Provision
    params: dict[str, Any]


@dataclass(frozen=True, eq=False)  # hashed by identity: matchers cache their compiled form per epoch
class Epoch:
    """A span of dates over which the same provisions are in effect with the same parameter values."""

    start: dt.date
    active: tuple[ActiveProvision, ...]


@dataclass
class Rulebook:
    pack: str
    version: str
    title: Bilingual
    document: str
    digest: str
    directory: str
    provisions: tuple[Provision, ...]
    plan_text: str
    _epochs: dict[dt.date, Epoch] = field(default_factory=dict, repr=False)

    def provision(self, provision_id: str) -> Provision:
        for p in self.provisions:
            if p.id == provision_id:
                return p
        raise KeyError(provision_id)

    @cached_property
    def breakpoints(self) -> list[dt.date]:
        """Every date on which something changes: a window opens or closes, a parameter version starts."""
        days = {dt.date.min}
        for p in self.provisions:
            days.add(p.window.from_)
            if p.window.to < dt.date.max:
                days.add(p.window.to + dt.timedelta(days=1))
            for parameter in p.parameters.values():
                days.update(parameter.values)
        return sorted(days)

    def epoch(self, as_of: dt.date) -> Epoch:
        points = self.breakpoints
        start = points[bisect.bisect_right(points, as_of) - 1]
        cached = self._epochs.get(start)
        if cached is None:
            active = tuple(
                ActiveProvision(i, p, {name: value_at(param, as_of) for name, param in p.parameters.items()})
                for i, p in enumerate(self.provisions)
                if p.in_effect(as_of)
            )
            cached = self._epochs[start] = Epoch(start, active)
        return cached
