"""Each operator's wording is one catalogue entry named by the operator (engine/messages/rules.py)."""

from __future__ import annotations

from engine.messages import catalogue, placeholders
from engine.rules.operators import COMPARISONS, RANGE_WORDS, SHOULD, STATED


def test_every_operator_has_its_wording_with_the_subject_and_the_other_side() -> None:
    for name, comparison in COMPARISONS.items():
        assert comparison.said == f"rules.op.{name}"
        zh, en = catalogue()[comparison.said]
        assert placeholders(zh) == placeholders(en) == {"label", "s", "o"}, name


def test_the_other_wordings_are_catalogue_keys() -> None:
    assert placeholders(catalogue()[STATED][0]) == {"label", "s"}
    for key in (*SHOULD.values(), *RANGE_WORDS.values()):
        assert key in catalogue(), key
    assert placeholders(catalogue()[RANGE_WORDS[False]][1]) == {"label", "s", "lo", "hi"}
