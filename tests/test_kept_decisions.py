"""A decision kept by what it reads must be the one worked out afresh.

`plan._shape` keeps the part of a decision that is not the amount by the outcomes, the absent inputs and the
values of the unknown composite criteria; `_open` works it out from the application itself. One evaluator serves every example, so its caches fill as a batch's would.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from test_differential import applications

from engine import Evaluator, parse_application
from engine.evaluate.facts import values_of
from engine.evaluate.plan import _open, _shape
from engine.evaluate.reference import FAIL, UNKNOWN, outcome_key


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(applications())
def test_a_kept_shape_is_the_one_its_open_inputs_give(durable: Evaluator, doc: dict[str, Any]) -> None:
    """Each application, and the same one without each input a provision reads in turn: keys that differ in one
    input's absence alone are met side by side."""
    app = parse_application(doc)
    day, epoch, plans = durable._epoch(app, None)
    values = values_of(app, day)
    for plan in plans.values():
        if plan.scored:  # its criterion on scores is judged after matching, not by the matcher
            continue
        for without in (None, *[f for f in plan.all_reads if f in values and f != "as_of"]):
            seen = {k: v for k, v in values.items() if k != without}
            results = plan.outcomes_of(durable.matcher.match(epoch, seen))
            if FAIL in results or UNKNOWN not in results:
                continue
            for _ in range(2):  # made, then kept
                assert _shape(plan, seen, results) == _open(plan, seen, results), (plan.pid, without)


def test_an_outcome_key_is_one_object() -> None:
    """The matcher's outcomes and a plan's getter hold the same int: a lookup matches it by identity."""
    assert outcome_key(7, 3) is outcome_key(7, 3)
    assert outcome_key(7, 3) == 7 * 1_000_003 + 3
