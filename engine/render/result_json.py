"""The result JSON as the API sends it, byte for byte what pydantic writes (`RESULT_ADAPTER.dump_json`), faster.

A result is mostly criteria, and the evaluator shares one CriterionResult among every application with the
same values (engine/evaluate/criteria.py); the labels, titles and citations belong to the rulebook. Each of
those is written once and its JSON kept (by identity, holding the object so that its id stays its own), so an
answer is mostly joined from pieces already written. The escaping is the standard library's, which escapes
exactly what pydantic's serialiser escapes: quote, backslash and control characters, nothing else.
tests/test_result_json.py compares the two on every example and thousands of generated applications.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # type: ignore[attr-defined]  # the C one when built
from schemas.result import RESULT_ADAPTER, Audit, LazyAudit, CriterionResult, Evaluation, ProvisionResult, Text

MAX_KEPT = 8192  # pieces kept; past that the store starts again (memory stays flat)
_pieces: dict[int, tuple[CriterionResult, bytes]] = {}
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def result_json(evaluation: Evaluation) -> bytes:
    """`RESULT_ADAPTER.dump_json(evaluation)` without the `advice` key when there is no advice."""
    if evaluation.advice is not None:
        return RESULT_ADAPTER.dump_json(evaluation)
    e = evaluation
    rules = e.rules
    head = "".join([
        '{"application_id":', _string(e.application_id), ',"as_of":"', e.as_of.isoformat(),
        '","rules":{"pack":', _string(rules.pack), ',"version":', _string(rules.version), ',"digest":',
        _string(rules.digest), '},"results":['])
    tail = "".join([
        '],"total_amount":', str(e.total_amount), ',"evaluator":', _string(e.evaluator), ',"total_pending_review":',
        str(e.total_pending_review), ',"total_max_undetermined":', str(e.total_max_undetermined), ',"warnings":[',
        ",".join(['{"loc":' + _string(w.loc) + ',"type":' + _string(w.type) + ',"msg":' + _text(w.msg) + "}"
                  for w in e.warnings]),
        '],"audit":', "null" if e.audit is None else _audit(e.audit), "}"])
    return b"".join([head.encode(), b",".join([_provision(r) for r in e.results]), tail.encode()])


def _provision(r: ProvisionResult) -> bytes:
    opening, citation, benefit, closing = _fixed(r)
    head = "".join([opening, r.status, '","amount":', _int(r.amount), ',"max_amount":', _int(r.max_amount),
                    ',"criteria":['])
    tail = "".join([
        '],"missing":', _strings(r.missing), citation, _text(r.explanation), ',"amount_explanation":',
        _maybe_text(r.amount_explanation), benefit, _strings(r.pending_review), ',"scores":{',
        ",".join([_string(name) + ":" + _int(value) for name, value in r.scores.items()]),
        '},"score_explanations":{',
        ",".join([_string(name) + ":" + _text(value) for name, value in r.score_explanations.items()]),
        closing])
    get = _pieces.get
    criteria = []
    for c in r.criteria:
        found = get(id(c))
        criteria.append(found[1] if found is not None and found[0] is c else _criterion(c))
    return b"".join([head.encode(), b",".join(criteria), tail.encode()])


_Fixed = tuple[str, str, str, str]
_fixed_pieces: dict[int, tuple[tuple[object, ...], _Fixed]] = {}


def _fixed(r: ProvisionResult) -> _Fixed:
    """The pieces that are the rulebook's, not the application's (id, title, citation, benefit, assumptions,
    lead), kept per provision: the evaluator gives every result of a provision the same objects."""
    held = (r.provision, r.title, r.citation, r.benefit, r.estimate, r.assumptions, r.lead_department)
    found = _fixed_pieces.get(id(r.citation))
    if found is not None:
        f = found[0]
        if f[0] is held[0] and f[1] is held[1] and f[2] is held[2] and f[3] is held[3] and f[4] is held[4] \
                and f[5] is held[5] and f[6] is held[6]:
            return found[1]
    pieces = ('{"provision":' + _string(r.provision) + ',"title":' + _text(r.title) + ',"status":"',
              ',"citation":{"section":' + _string(r.citation.section) + ',"text":' + _string(r.citation.text)
              + '},"explanation":',
              ',"benefit":' + _maybe_text(r.benefit) + ',"pending_review":',
              '},"estimate":' + ("true" if r.estimate else "false") + ',"assumptions":['
              + ",".join(map(_text, r.assumptions)) + '],"lead_department":' + _string(r.lead_department) + "}")
    if len(_fixed_pieces) >= MAX_KEPT:
        _fixed_pieces.clear()
    _fixed_pieces[id(r.citation)] = (held, pieces)  # the objects are held, so that their ids stay their own
    return pieces


def _criterion(c: CriterionResult) -> bytes:
    """A criterion's JSON, kept: the evaluator shares one CriterionResult (frozen) among equal values."""
    if len(_pieces) >= MAX_KEPT:
        _pieces.clear()
    made = "".join([
        '{"id":', _string(c.id), ',"label":', _text(c.label), ',"result":"', c.result, '","explanation":',
        _text(c.explanation), ',"fields":', _strings(c.fields), "}"]).encode()
    _pieces[id(c)] = (c, made)  # the object is held, so that its id stays its own
    return made


def _audit(a: Audit) -> str:
    return "".join([
        '{"rules_digest":', _string(a.rules_digest), ',"rules_version":', _string(a.rules_version),
        ',"engine_version":', _string(a.engine_version), ',"durable_rules_version":',
        _string(a.durable_rules_version), ',"matcher":', _string(a.matcher), ',"as_of":"', a.as_of.isoformat(),
        '","input_sha256":', _string(a.input_sha256), ',"evaluated_at":', _string(a.evaluated_at),
        ',"input":', a.input_json if isinstance(a, LazyAudit) else _compact(a.input), "}"])


def _text(t: Text) -> str:
    return '{"zh":' + _string(t.zh) + ',"en":' + _string(t.en) + "}"


def _maybe_text(t: Text | None) -> str:
    return "null" if t is None else _text(t)


def _int(value: int | None) -> str:
    return "null" if value is None else str(value)


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ",".join(map(_string, values)) + "]" if values else "[]"
