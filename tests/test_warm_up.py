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
    docs = [json.dumps(json.loads(example.read_text(encoding="utf-8"))) for example in EXAMPLES]
    # The cold answers first: a warm-up that left wrong words in a cache shared by both would change only the others.
    answers = [VOLATILE.sub(b"", result_json(cold.check(loads_untrusted(doc)))) for doc in docs]
    assert len(cold.evaluator._plans) < len(warm.rulebook.breakpoints) - 1 and len(warm.evaluator._plans) == 0
    warm_up(warm)
    # Every epoch in which provisions are in effect, and today's, is planned before the first request.
    assert len(warm.evaluator._plans) >= len(warm.rulebook.breakpoints) - 1
    for example, doc, cold_answer in zip(EXAMPLES, docs, answers):
        assert VOLATILE.sub(b"", result_json(warm.check(loads_untrusted(doc)))) == cold_answer, example.name
