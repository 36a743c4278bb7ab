"""loads_untrusted reads with orjson first and with json where orjson would read otherwise: the same documents,
the same errors (engine/intake/documents.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.intake.documents import loads_untrusted

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


def _json_way(text: str) -> Any:
    """What loads_untrusted answered before orjson: json.loads with its guards, a RecursionError worded."""
    from engine.intake import documents

    try:
        return json.loads(text, parse_constant=documents._no_constant, parse_int=documents._bounded_int)
    except RecursionError:
        raise json.JSONDecodeError(documents.message("intake.json_too_deep", "en"), text, 0) from None


def _same(text: str) -> None:
    """Equal documents (dumps tells -0.0 from 0.0 and 1 from 1.0), or the same error, word for word."""
    answers = []
    for read in (_json_way, loads_untrusted):
        try:
            answers.append(("value", json.dumps(read(text))))
        except json.JSONDecodeError as exc:
            answers.append(("error", str(exc)))
    assert answers[1] == answers[0], text[:200]


@settings(max_examples=400, deadline=None)
@given(_VALUES, st.sampled_from([None, 0, 2]))
def test_any_document_reads_as_json_reads_it(value: Any, indent: int | None) -> None:
    _same(json.dumps(value, indent=indent, ensure_ascii=False))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='{}[]",:0123456789.eE+-truefalsn \t\n\\u\ud800é', max_size=40))
def test_any_text_reads_or_fails_as_json_does(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', "1E400", "-0", "-0.0", "[1e-7, 0.1, 1e20]", '"\\ud800"', '["\\udc00x"]', "\ufeff{}",
    '"a\tb"', "[1,]", "NaN", "[Infinity]", "123456789012345678", "1234567890123456789", "-99999999999999999999",
    "0.12345678901234567890123", "[" * 600 + "]" * 600, "[" * 2000 + "]" * 2000, "", "  ", "{} x",
])
def test_edges_read_or_fail_as_json_does(text: str) -> None:
    _same(text)


def test_an_integer_past_64_bits_stays_exact() -> None:
    assert loads_untrusted('{"n": 123456789012345678901234567890}') == {"n": 123456789012345678901234567890}
