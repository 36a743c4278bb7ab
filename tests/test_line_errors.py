"""A refused JSONL line keeps the error records of validating its document: parse_line words the refusal of
pydantic's JSON validation (engine/intake/documents.py) and must say exactly what `loads_untrusted` followed by
`parse_application` says, for every kind of wrong value in every place, in both languages."""

from __future__ import annotations

import json
import random
from typing import Any

from engine import InputError, parse_application
from engine.intake.documents import loads_untrusted, parse_line
from engine.intake.sample import generate

# Values of every JSON type, and the near misses of each field's own type (bounds, 64-bit edges, odd text).
_ODD: list[Any] = [1e2, 1.0, -0.0, 0.5, 10**20, 10**19, 2**63, -(2**63) - 1, -1, 0, "", " ", "x", "a" * 300, True, False,
                   None, [], {}, [1], ["srdi", "srdi", "tech_sme"], ["x"], {"a": 1}, "2027-02-30", "2027-3-1", "C3491",
                   "c3491 ", "٣٤٩١", "370100", "91370200264574251F", "91370200264574251e", "enterprise", "\u0000", "😀"]
_FIELDS_OF_NO_SECTION = ["bogus_key", "applicant_", "rd.expense"]


def _mutated(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    doc = json.loads(json.dumps(doc))
    for _ in range(rng.choice([1, 1, 2, 3])):
        sections = [k for k, v in doc.items() if isinstance(v, dict)]
        if not sections or rng.random() < 0.15:
            doc[rng.choice(list(doc) + _FIELDS_OF_NO_SECTION)] = rng.choice(_ODD)
            continue
        section = rng.choice(sections)
        doc[section][rng.choice(list(doc[section]) + _FIELDS_OF_NO_SECTION)] = rng.choice(_ODD)
    return doc


def _by_document(raw: bytes, row: int) -> tuple[Any, list[tuple[Any, ...]]]:
    doc = loads_untrusted(raw.decode("utf-8-sig"))
    try:
        return parse_application(doc, row=row), []
    except InputError as exc:
        return None, [(i.loc, i.type, i.en, i.zh, i.input, type(i.input), i.row) for i in exc.issues]


def test_refused_lines_are_worded_as_their_documents_are() -> None:
    rng = random.Random(14)
    refused = 0
    for row, doc in enumerate(generate(300, seed=21, missing_share=0.2), start=1):
        for _ in range(6):
            raw = json.dumps(_mutated(doc, rng), ensure_ascii=rng.random() < 0.5).encode()
            app, _, issues = parse_line(raw, row)
            expected_app, expected = _by_document(raw, row)
            assert app == expected_app, raw[:200]
            assert [(i.loc, i.type, i.en, i.zh, i.input, type(i.input), i.row) for i in issues] == expected, raw[:200]
            refused += app is None
    assert refused > 1000  # nearly every mutation is refused: the comparison is of error records


def test_lines_only_json_would_read_are_refused_as_documents() -> None:
    """Duplicate keys, escapes, lone surrogates (pydantic's JSON parser refuses them, json reads them), big numbers."""
    lines = [rb'{"application_id": "A", "x": 1, "x": 2}', rb'{"application_id": "A", "applicant": {}, "applicant": 5}',
             rb'{"application_id": "A", "applicant": {"employees": 2, "employees": -1}}',
             rb'{"application_id": "A", "applicant": {"kind": "\ud800"}}', rb'{"application_id": "A", "\ud800": 1}',
             rb'{"application_id": "A", "applicant": {"kind": "\ud83d\ude00"}}', rb'{"application_id": "\udc00"}',
             rb'{"application_id": "A", "rd": {"expense": 100000000000000000000000}}',
             rb'{"application_id": "A", "rd": {"expense": 1E400}}', rb'{"application_id": "A", "rd": {"expense": -0}}',
             b'\xef\xbb\xbf{"application_id": "A", "rd": {"expense": -1}}']
    for row, raw in enumerate(lines, start=1):
        app, _, issues = parse_line(raw, row)
        expected_app, expected = _by_document(raw, row)
        assert app == expected_app, raw
        assert [(i.loc, i.type, i.en, i.zh, i.input, type(i.input), i.row) for i in issues] == expected, raw
