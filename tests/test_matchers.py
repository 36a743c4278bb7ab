"""Choosing a matcher and reading what it fired: anything unexpected is an error, never a quiet fallback."""

from __future__ import annotations

from typing import Any

import pytest

from engine import Evaluator, Rulebook, parse_application
from engine.errors import EngineFailure


@pytest.mark.parametrize("name", ["Durable", "durable_rules", "", "refrence"])
def test_an_unknown_matcher_name_is_refused_and_the_choices_are_named(rulebook: Rulebook, name: str) -> None:
    with pytest.raises(ValueError) as caught:
        Evaluator(rulebook, name)  # type: ignore[arg-type]
    message = str(caught.value)
    assert repr(name) in message and "durable" in message and "reference" in message


def test_both_known_matchers_are_accepted(rulebook: Rulebook) -> None:
    assert Evaluator(rulebook, "reference").matcher.name == "reference"
    assert Evaluator(rulebook, "durable").matcher.name == "durable_rules"


def test_a_fired_rule_the_compiler_did_not_make_fails_the_application(rulebook: Rulebook, full: dict[str, Any],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    evaluator = Evaluator(rulebook, "durable")
    app = parse_application(full)
    evaluator.evaluate(app)  # the real rules fire and are all recognised
    matcher = evaluator.matcher
    real_fire = matcher._fire  # type: ignore[attr-defined]
    monkeypatch.setattr(matcher, "_fire", lambda *args: [*real_fire(*args), "no-such-rule"])
    with pytest.raises(EngineFailure, match="no-such-rule"):
        matcher.match(rulebook.epoch(app.as_of), {"as_of": app.as_of})
