"""Subsidy-eligibility engine: load a rulebook, validate applications, evaluate them.

    from engine import load_rulebook, parse_application, Evaluator
    book = load_rulebook("rules")
    evaluation = Evaluator(book).evaluate(parse_application(data))
"""

from engine.errors import EngineFailure, InputError, Issue, RuleFileError, SubsidyError
from engine.evaluate.evaluator import Evaluator, today_in_china
from engine.intake.documents import parse_application, read_json
from engine.rules.loader import DEFAULT_RULES, load_rulebook
from engine.rules.rulebook import Rulebook

__all__ = [
    "DEFAULT_RULES", "EngineFailure", "Evaluator", "InputError", "Issue", "RuleFileError", "Rulebook",
    "SubsidyError", "load_rulebook", "parse_application", "read_json", "today_in_china",
]
