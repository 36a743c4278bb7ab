"""One plan per provision: combine the ways of every failed criterion, settle what the changes disturb, re-evaluate.

The failed criteria's ways (engine/advise/solve.py) are merged into candidate plans, cheapest first. A
plan is applied to the values; a criterion it makes fail (raising three-year R&D lowers the share spent
in China) is solved again from there and merged in, a few rounds at most. The plan that survives is
checked by re-evaluating the advised application with the evaluator itself (durable_rules unless told
otherwise): only what that evaluation says is promised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from engine.advise.needs import NOTHING, Requirement, applied, changes, cheapest, merge
from engine.advise.solve import KEEP, Solver
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.reference import FAIL
from engine.errors import InputError
from engine.intake.documents import parse_application
from engine.rules.rulebook import ActiveProvision
from schemas.application import Application
from schemas.result import CriterionResult, ProvisionResult

ROUNDS = 4  # re-solving rounds after a plan disturbs another criterion
TRIES = 3  # candidate plans re-evaluated before giving up


@dataclass(frozen=True)
class Found:
    """What the search found for one provision."""

    kind: str  # plan | supply | blocked | none
    moved: dict[str, tuple[Any, Any]]  # field → (before, after)
    directions: dict[str, str]  # field → at_least | at_most | set
    supply: tuple[str, ...]
    blocking: tuple[CriterionResult, ...]
    meets: tuple[str, ...]
    then: ProvisionResult | None


def find(evaluator: Evaluator, app: Application, day: dt.date, active: ActiveProvision,
         now: ProvisionResult, values: dict[str, Any]) -> Found:
    """The nearest way to `now`'s provision for this applicant (`now` is ineligible or undetermined)."""
    if now.status == "undetermined":
        return Found("supply", {}, {}, now.missing, (), (), None)
    failed = [c for c in now.criteria if c.result == "fail"]
    rules = {c.id: c for c in active.provision.criteria}
    solver = Solver(active.provision, active.params, values)
    ways: list[list[Requirement]] = []
    blocking: list[CriterionResult] = []
    supply: list[str] = []  # what the criteria that cannot be solved yet read and lack
    for c in failed:
        mark = len(solver.needs)
        found = solver.ways(rules[c.id].when)
        if not found:
            if len(solver.needs) == mark:
                blocking.append(c)
            supply += solver.needs[mark:]
        ways.append(found)
    meets = tuple(c.id for c in failed)
    if blocking:
        return Found("blocked", {}, {}, (), tuple(blocking), meets, None)
    if supply:
        return Found("supply", {}, {}, tuple(dict.fromkeys(supply)), (), meets, None)
    plans: list[Requirement] = [NOTHING]
    for w in ways:
        plans = cheapest([m for a in plans for b in w if (m := merge(a, b)) is not None], values, KEEP)
    for plan in plans[:TRIES]:
        settled = _settle(active, values, plan)
        if settled is None:
            continue
        then = _reevaluate(evaluator, app, day, active.provision.id, changes(settled, values))
        if then is not None and then.status in ("eligible", "review", "undetermined") and _all_met(then, meets):
            moved = changes(settled, values)
            return Found("plan", moved, {p: _direction(settled[p], values[p]) for p in moved},
                         then.missing, (), meets, then)
    return Found("none", {}, {}, (), (), meets, None)


def _settle(active: ActiveProvision, values: dict[str, Any], plan: Requirement) -> Requirement | None:
    """The plan with what it disturbs solved again, or None when that cannot be done in a few rounds."""
    for _ in range(ROUNDS):
        after = applied(plan, values)
        solver = Solver(active.provision, active.params, after)
        failing = [c.when for c in active.provision.criteria if solver.state(c.when) == FAIL]
        if not failing:
            return plan
        combos: list[Requirement] = [plan]
        for when in failing:
            combos = [m for a in combos for b in solver.ways(when) if (m := merge(a, b)) is not None]
        combos = cheapest(combos, values, 1)
        if not combos:
            return None
        plan = combos[0]
    return None


def _all_met(then: ProvisionResult, meets: tuple[str, ...]) -> bool:
    results = {c.id: c.result for c in then.criteria}
    return all(results.get(c) == "pass" for c in meets) and "fail" not in results.values()


def _direction(need: Any, before: Any) -> str:
    if need.allowed is not None or need.excluded or isinstance(before, bool) or not isinstance(before, int):
        return "set"
    return "at_least" if need.lo is not None and need.choose(before) == need.lo else "at_most"


def advised(app: Application, moved: dict[str, Any]) -> Application:
    """The application with the advised values (`moved`: field → (before, after) or field → after)."""
    doc = app.model_dump(mode="json", exclude_none=True)
    for path, value in moved.items():
        section, _, name = path.partition(".")
        doc.setdefault(section, {})[name] = value[1] if isinstance(value, tuple) else value
    return parse_application(doc, source="advice")


def _reevaluate(evaluator: Evaluator, app: Application, day: dt.date, provision: str,
                moved: dict[str, tuple[Any, Any]]) -> ProvisionResult | None:
    try:
        changed = advised(app, moved)
    except InputError:  # beyond what an application may hold (more than 10^15 yuan): no advice
        return None
    return evaluator.evaluate(changed, day).result(provision)
