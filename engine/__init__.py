"""Subsidy-eligibility engine: load a rulebook, validate applications, evaluate them.

    from engine import load_rulebook, parse_application, Evaluator
    book = load_rulebook("rules")
    evaluation = Evaluator(book).evaluate(parse_application(data))

The names load on first use: `subsidy check` and the rule-file schemas import only what they need.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "EngineFailure": "engine.errors", "InputError": "engine.errors", "Issue": "engine.errors",
    "RuleFileError": "engine.errors", "SubsidyError": "engine.errors",
    "Evaluator": "engine.evaluate.evaluator", "today_in_china": "engine.evaluate.evaluator",
    "parse_application": "engine.intake.documents", "read_json": "engine.intake.documents",
    "DEFAULT_RULES": "engine.rules.loader", "load_rulebook": "engine.rules.loader",
    "Rulebook": "engine.rules.rulebook",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
