"""The API's result JSON (engine/render/result_json.py) is byte for byte what pydantic's serialiser writes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from engine import Evaluator, InputError, parse_application
from engine.advise.advice import with_advice
from engine.intake.sample import generate
from engine.render import result_json as module
from engine.render.result_json import result_json
from schemas.result import NO_ADVICE, RESULT_ADAPTER, Evaluation

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.json"))


def pydantic_json(evaluation: Evaluation) -> bytes:
    return RESULT_ADAPTER.dump_json(evaluation, exclude=NO_ADVICE if evaluation.advice is None else None)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_twice_on_both_matchers(example: Path, durable: Evaluator, reference: Evaluator) -> None:
    doc = json.loads(example.read_text(encoding="utf-8"))
    for evaluator in (durable, reference):
        for _ in range(2):  # the second time the criteria come from the evaluator's caches and the kept JSON
            evaluation = evaluator.evaluate(parse_application(doc))
            assert result_json(evaluation) == pydantic_json(evaluation)


def test_generated_applications(durable: Evaluator) -> None:
    seen = 0
    for doc in generate(400, seed=13):
        try:
            evaluation = durable.evaluate(parse_application(doc))
        except InputError:
            continue
        assert result_json(evaluation) == pydantic_json(evaluation), evaluation.application_id
        seen += 1
    assert seen > 300


def test_characters_json_escapes(durable: Evaluator, full: dict) -> None:
    """Quotes, backslashes, control characters, line separators and Chinese are escaped (or not) alike."""
    doc = dict(full, application_id='济南 "T-1"\\\t\n\x01\x7f\u2028é')
    doc["applicant"] = dict(doc["applicant"], name="</script> 山东\u0000机器人")
    evaluation = durable.evaluate(parse_application(doc))
    written = result_json(evaluation)
    assert written == pydantic_json(evaluation)
    assert json.loads(written)["application_id"] == doc["application_id"]


def test_with_advice_it_is_pydantic_s_own(durable: Evaluator, full: dict) -> None:
    doc = dict(full, rd=dict(full["rd"], expense=100))
    evaluation = with_advice(durable, parse_application(doc))
    assert evaluation.advice is not None
    assert result_json(evaluation) == pydantic_json(evaluation)
    assert b'"advice":' in result_json(evaluation)


def test_kept_pieces_stay_bounded(durable: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MAX_KEPT", 50)
    for doc in generate(40, seed=5):
        try:
            evaluation = durable.evaluate(parse_application(doc))
        except InputError:
            continue
        assert result_json(evaluation) == pydantic_json(evaluation)
        assert len(module._pieces) <= 50


def test_what_orjson_cannot_write_pydantic_writes(durable: Evaluator, full: dict) -> None:
    """An integer past 64 bits is beyond orjson: the answer is still pydantic's own bytes."""
    evaluation = dataclasses.replace(durable.evaluate(parse_application(full)), total_amount=10**30)
    written = result_json(evaluation)
    assert written == pydantic_json(evaluation)
    assert json.loads(written)["total_amount"] == 10**30


def test_a_plain_audit_is_written_as_pydantic_writes_it(durable: Evaluator, full: dict) -> None:
    """An Audit that is not lazy (as `subsidy verify` reads one back) holds its input as a dict."""
    evaluation = durable.evaluate(parse_application(full))
    assert evaluation.audit is not None
    plain = dataclasses.replace(evaluation, audit=evaluation.audit._plain())  # type: ignore[attr-defined]
    assert result_json(plain) == pydantic_json(plain) == result_json(evaluation)
