"""Allocation of one programme's budget and places among the applications that passed the provision.

Deterministic by construction: applications are put in one total order (the method's value, then the
programme's tie fields, then the application id, then the row), and every sum is in whole yuan.
- ranked / first_come: down the order, each application gets its full award while a place is left and the
  remaining budget pays it (an award exactly equal to what is left is paid); the first one that does not get
  it is the marginal application and ends the allocation: no lower-ranked application overtakes it.
- pro_rata: when the awards asked for exceed the budget, each is scaled by budget ÷ demand and rounded down
  to the yuan, so the total never exceeds the budget and falls short of it by less than one yuan per award.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from math import floor
from typing import Any

from engine.allocate.programmes import Programme
from engine.errors import BatchError
from engine.messages import text
from engine.rules.terms import MISSING, exact, term_value

PAID = ("eligible", "review")


@dataclass(frozen=True)
class Candidate:
    """An application whose provision is eligible or awaiting review, with the fields the programme reads."""

    row: int | None
    application_id: str
    name: str | None
    status: str
    amount: int | None  # the provision's own amount in the screening
    values: dict[str, Any]  # dotted path → value, only the programme's fields that were provided


@dataclass
class Line:
    """One candidate's outcome; `reason` is a message key of engine/messages/allocate.py, `detail` its fields."""

    candidate: Candidate
    rank: int | None
    request: int | None  # the award asked before the fund runs out
    order: Any  # the score or date that ranks it (None for pro-rata)
    funded: bool = False
    award: int = 0
    reason: str = "allocate.reason_not_ranked"
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return self.candidate.status == "review"


@dataclass
class Allocation:
    programme: Programme
    as_of: dt.date
    budget: int | None
    places: int | None
    lines: list[Line]
    demand: int = 0
    cutoff: str | None = None
    marginal: Line | None = None
    excluded: Counter[str] = field(default_factory=Counter)  # other statuses, error rows, …

    @property
    def funded(self) -> list[Line]:
        return [ln for ln in self.lines if ln.funded]

    @property
    def paid(self) -> int:
        return sum(ln.award for ln in self.lines)

    @property
    def provisional_paid(self) -> int:
        return sum(ln.award for ln in self.lines if ln.provisional)


def shown(value: Any) -> str:
    """A ranking value or ratio for people: whole numbers plain, fractions to four decimals, dates ISO."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Fraction) and value.denominator != 1:
        return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"), ROUND_DOWN))
    return str(int(value)) if isinstance(value, (int, Fraction)) else str(value)


def _request(programme: Programme, c: Candidate, params: dict[str, Any]) -> int | None:
    award = programme.spec.award
    if award.source == "provision":
        return c.amount
    value = term_value(award.formula, c.values, params)
    if award.cap is not None:
        cap = term_value(award.cap, c.values, params)
        value = MISSING if cap is MISSING else value if value is MISSING else min(value, cap)
    if value is MISSING or not isinstance(value, (int, Fraction)):
        return None
    return max(0, floor(value))  # rounding: down, to the yuan


def _order(programme: Programme, c: Candidate, params: dict[str, Any]) -> Any:
    method = programme.spec.method
    if method.kind == "ranked":
        value = term_value(method.score, c.values, params)
        return None if value is MISSING or not isinstance(value, (int, Fraction)) else value
    if method.kind == "first_come":
        return c.values.get(method.date)
    return 0


def _sort_key(programme: Programme, line: Line) -> tuple[Any, ...]:
    """The one total order: method value, tie fields (missing ones last), application id, row."""
    kind = programme.spec.method.kind
    head: Any = -line.order if kind == "ranked" else line.order.toordinal() if kind == "first_come" else 0
    ties = []
    for tie in programme.spec.ties:
        v = exact(line.candidate.values.get(tie.field))
        if v is None:
            ties.append((1, 0))
            continue
        n = v.toordinal() if isinstance(v, dt.date) else v
        ties.append((0, n if tie.order == "asc" else -n))
    return (head, *ties, line.candidate.application_id, line.candidate.row or 0)


def _missing(programme: Programme, c: Candidate) -> list[str]:
    return [f for f in programme.fields() if f not in c.values]


def prepare(programme: Programme, candidates: list[Candidate], as_of: dt.date) -> tuple[list[Line], list[Line]]:
    """Ranked lines in allocation order, and the lines that cannot be ranked (a score, date or award missing)."""
    params = programme.params_at(as_of)
    ranked, unranked = [], []
    for c in candidates:
        line = Line(c, None, _request(programme, c, params), _order(programme, c, params))
        if line.request is None or line.order is None:
            line.detail = {"fields": ", ".join(_missing(programme, c)) or "-"}
            unranked.append(line)
        else:
            ranked.append(line)
    ranked.sort(key=lambda ln: _sort_key(programme, ln))
    unranked.sort(key=lambda ln: (ln.candidate.application_id, ln.candidate.row or 0))
    return ranked, unranked


def allocate(programme: Programme, candidates: list[Candidate], as_of: dt.date, budget: int | None = None,
             places: int | None = None, excluded: Counter[str] | None = None) -> Allocation:
    """Who is funded and how much; `budget` and `places` replace the programme's own (None: the programme's)."""
    budget = programme.param(programme.spec.budget, as_of) if budget is None else budget
    places = programme.param(programme.spec.places, as_of) if places is None else places
    if programme.spec.method.kind == "pro_rata" and budget is None:  # no budget in force on that date
        raise BatchError(programme.source, text("allocate.needs_budget", "en"), text("allocate.needs_budget", "zh"))
    ranked, unranked = prepare(programme, candidates, as_of)
    result = Allocation(programme, as_of, budget, places, [], excluded=excluded or Counter())
    result.demand = sum(ln.request or 0 for ln in ranked)
    if programme.spec.method.kind == "pro_rata":
        _pro_rata(result, ranked)
    else:
        _in_order(result, ranked)
    for ln in unranked:
        ln.reason = "allocate.reason_not_ranked"
    result.lines = ranked + unranked
    return result


def _fund(line: Line, award: int) -> None:
    line.funded, line.award = True, award
    line.reason = "allocate.reason_provisional" if line.provisional else "allocate.reason_funded"


def _in_order(result: Allocation, ranked: list[Line]) -> None:
    left, taken = result.budget, 0
    for i, line in enumerate(ranked, start=1):
        line.rank = i
        if result.marginal is not None:
            line.reason, line.detail = "allocate.reason_below_cutoff", {"id": result.marginal.candidate.application_id}
            continue
        assert line.request is not None
        if result.places is not None and taken >= result.places:
            line.reason, line.detail = "allocate.reason_places_filled", {"places": result.places}
        elif left is not None and line.request > left:
            line.reason = "allocate.reason_budget_short"
            line.detail = {"left": f"{left:,}", "award": f"{line.request:,}"}
        else:
            _fund(line, line.request)
            taken += 1
            left = None if left is None else left - line.request
            result.cutoff = shown(line.order)
            continue
        result.marginal = line


def _pro_rata(result: Allocation, ranked: list[Line]) -> None:
    assert result.budget is not None
    budget, demand = result.budget, result.demand
    scaled = demand > budget
    result.cutoff = shown(Fraction(budget, demand) * 100 if scaled else Fraction(100)) + "%"
    for i, line in enumerate(ranked, start=1):
        line.rank = i
        assert line.request is not None
        # Exact integers: request × budget // demand is the scaled award rounded down to the yuan.
        award = line.request * budget // demand if scaled else line.request
        if award > 0 or line.request == 0:
            _fund(line, award)
            if scaled:
                line.reason, line.detail = line.reason + "_scaled", {"ratio": result.cutoff}
        else:
            line.reason, line.detail = "allocate.reason_scaled_to_zero", {"ratio": result.cutoff}
