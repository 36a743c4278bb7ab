"""A server's worker warms up before it listens (engine/selfcheck/app.py warm_up): it builds what the first
answers would otherwise build, and changes no answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

from engine.intake.documents import loads_untrusted
from engine.render.result_json import result_json
from engine.rules.loader import DEFAULT_RULES
from engine.selfcheck.app import warm_up
from engine.selfcheck.service import Service

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.json"))
VOLATILE = re.compile(rb'"evaluated_at":"[^"]*"')


def test_warm_up_builds_every_epoch_s_plans_and_changes_no_answer() -> None:
    cold, warm = Service(str(DEFAULT_RULES)), Service(str(DEFAULT_RULES))
    warm_up(warm)
    # Every epoch in which provisions are in effect, and today's, is planned before the first request.
    assert len(warm.evaluator._plans) >= len(warm.rulebook.breakpoints) - 1 > len(cold.evaluator._plans) == 0
    for example in EXAMPLES:
        doc = json.loads(example.read_text(encoding="utf-8"))
        answers = [VOLATILE.sub(b"", result_json(service.check(loads_untrusted(json.dumps(doc)))))
                   for service in (cold, warm)]
        assert answers[0] == answers[1], example.name
