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


def test_an_engine_failure_is_told_in_the_command_s_language(full: dict[str, Any], tmp_path: Any,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from cli import main
    from engine.evaluate.durable import DurableMatcher

    def fail(*args: Any) -> list[str]:
        raise EngineFailure("evaluate.failure.durable", error="error code: 204")

    monkeypatch.setattr(DurableMatcher, "_fire", fail)
    path = tmp_path / "app.json"
    path.write_text(json.dumps(full), encoding="utf-8")
    zh = CliRunner().invoke(main, ["check", str(path)])
    en = CliRunner().invoke(main, ["check", str(path), "--lang", "en"])
    assert zh.exit_code == en.exit_code == 1
    assert "错误: durable_rules 无法评估该申请:error code: 204" in zh.output
    assert "durable_rules could not evaluate the application: error code: 204" in en.output


def test_a_rule_set_durable_cannot_run_is_an_engine_failure_in_both_languages() -> None:
    from engine.evaluate.compiler import CompileError

    exc = CompileError("evaluate.compile.threshold", threshold="0.0000000001")
    assert isinstance(exc, EngineFailure)
    assert exc.zh.startswith("阈值 0.0000000001 超过 9 位小数") and str(exc) == exc.en
