"""The result JSON as the API sends it, byte for byte what pydantic writes (`RESULT_ADAPTER.dump_json`), faster.

A result is mostly criteria, and the evaluator shares one CriterionResult among every application with the
same values (engine/evaluate/criteria.py); the labels, titles and citations belong to the rulebook. Each of
those is written once and its JSON kept (by identity, holding the object so that its id stays its own), and
the answer is one orjson call over plain dicts, lists and those kept pieces (orjson.Fragment). orjson escapes
exactly what pydantic's serialiser escapes (quote, backslash, control characters; every code point checked),
and refuses what pydantic also cannot write (a lone surrogate): then pydantic writes, or raises, as it did.
tests/test_result_json.py compares the two on every example and thousands of generated applications.
"""

from __future__ import annotations

from typing import Any

import orjson
from orjson import Fragment

from schemas.result import (NO_ADVICE, RESULT_ADAPTER, Audit, CriterionResult, Evaluation, LazyAudit,
                            ProvisionResult, Text)

MAX_KEPT = 8192  # pieces kept; past that the store starts again (memory stays flat)
_pieces: dict[int, tuple[CriterionResult, Fragment]] = {}
_dumps = orjson.dumps


def result_json(evaluation: Evaluation) -> bytes:
    """`RESULT_ADAPTER.dump_json(evaluation)` without the `advice` key when there is no advice."""
    if evaluation.advice is not None:
        return RESULT_ADAPTER.dump_json(evaluation)
    try:
        return _dumps(_document(evaluation))
    except TypeError:  # orjson.JSONEncodeError: what it cannot write (an integer past 64 bits, a lone surrogate)
        return RESULT_ADAPTER.dump_json(evaluation, exclude=NO_ADVICE)


def _document(e: Evaluation) -> dict[str, Any]:
    rules = e.rules
    return {
        "application_id": e.application_id, "as_of": e.as_of.isoformat(),
        "rules": {"pack": rules.pack, "version": rules.version, "digest": rules.digest},
        "results": [_provision(r) for r in e.results], "total_amount": e.total_amount, "evaluator": e.evaluator,
        "total_pending_review": e.total_pending_review, "total_max_undetermined": e.total_max_undetermined,
        "warnings": [{"loc": w.loc, "type": w.type, "msg": _text(w.msg)} for w in e.warnings],
        "audit": None if e.audit is None else _audit(e.audit),
    }


def _provision(r: ProvisionResult) -> dict[str, Any]:
    title, citation, benefit, assumptions = _fixed(r)
    get = _pieces.get
    criteria = []
    for c in r.criteria:
        found = get(id(c))
        criteria.append(found[1] if found is not None and found[0] is c else _criterion(c))
    amount_words, score_words = r.amount_explanation, r.score_explanations
    return {
        "provision": r.provision, "title": title, "status": r.status, "amount": r.amount,
        "max_amount": r.max_amount, "criteria": criteria, "missing": r.missing, "citation": citation,
        "explanation": _text(r.explanation),
        "amount_explanation": None if amount_words is None else _text(amount_words), "benefit": benefit,
        "pending_review": r.pending_review, "scores": r.scores,
        "score_explanations": {name: _text(t) for name, t in score_words.items()} if score_words else {},
        "estimate": r.estimate, "assumptions": assumptions, "lead_department": r.lead_department,
    }


_Fixed = tuple[Fragment, Fragment, Fragment, Fragment]
_fixed_pieces: dict[int, tuple[tuple[object, ...], _Fixed]] = {}


def _fixed(r: ProvisionResult) -> _Fixed:
    """The pieces that are the rulebook's, not the application's (title, citation, benefit, assumptions), kept
    per provision: the evaluator gives every result of a provision the same objects."""
    held = (r.title, r.citation, r.benefit, r.assumptions)
    found = _fixed_pieces.get(id(r.citation))
    if found is not None and found[0] == held:  # the same objects (or equal ones: the same JSON)
        return found[1]
    citation, benefit = r.citation, r.benefit
    pieces = (Fragment(_dumps(_text(r.title))),
              Fragment(_dumps({"section": citation.section, "text": citation.text})),
              Fragment(b"null" if benefit is None else _dumps(_text(benefit))),
              Fragment(_dumps([_text(t) for t in r.assumptions])))
    if len(_fixed_pieces) >= MAX_KEPT:
        _fixed_pieces.clear()
    _fixed_pieces[id(r.citation)] = (held, pieces)  # the objects are held, so that their ids stay their own
    return pieces


def _criterion(c: CriterionResult) -> Fragment:
    """A criterion's JSON, kept: the evaluator shares one CriterionResult (frozen) among equal values."""
    if len(_pieces) >= MAX_KEPT:
        _pieces.clear()
    made = Fragment(_dumps({"id": c.id, "label": _text(c.label), "result": c.result,
                            "explanation": _text(c.explanation), "fields": c.fields}))
    _pieces[id(c)] = (c, made)  # the object is held, so that its id stays its own
    return made


def _audit(a: Audit) -> dict[str, Any]:
    return {
        "rules_digest": a.rules_digest, "rules_version": a.rules_version, "engine_version": a.engine_version,
        "durable_rules_version": a.durable_rules_version, "matcher": a.matcher, "as_of": a.as_of.isoformat(),
        "input_sha256": a.input_sha256, "evaluated_at": a.evaluated_at,
        "input": Fragment(a.input_json) if isinstance(a, LazyAudit) else a.input,  # orjson writes floats as pydantic does
    }


def _text(t: Text) -> dict[str, str]:
    return {"zh": t.zh, "en": t.en}
