"""The documents a JSONL screening writes per application: `--detail summary` (decisions and the audit digest,
no words) and the full result in one language (`--output-lang`)."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from engine.evaluate.audit import version_of
from engine.evaluate.evaluator import Evaluator, Lean, Screening


def summary_document(screening: Screening, evaluator: Evaluator) -> dict[str, Any]:
    """Status, amount, estimate, missing fields, pending reviews and failed criterion ids per provision.

    The keys are those of the full result where both have them (`results[].provision`, `status`, `amount`…),
    so a reader of decisions reads either. `audit.input_sha256` ties the record to its input: `subsidy verify
    --input` replays it from the screened file.
    """
    return {**_head(screening, evaluator), "results": [result_entry(r) for r in screening.results],
            **_tail(screening, evaluator)}


def summary_text(screening: Screening, evaluator: Evaluator, after: dict[str, Any], entries: list[str]) -> bytes:
    """json.dumps of summary_document with the keys of `after` added, its results joined from `entries`, their
    JSON made before (engine/batch/pieces.py): json.dumps writes a dict's members one after the other."""
    head = json.dumps(_head(screening, evaluator), ensure_ascii=False)
    tail = json.dumps({**_tail(screening, evaluator), **after}, ensure_ascii=False)
    return f'{head[:-1]}, "results": [{", ".join(entries)}], {tail[1:]}'.encode()


def result_entry(lean: Lean) -> dict[str, Any]:
    """One provision's entry in the document's `results`."""
    pid, status, amount, estimate, missing, review, failed = lean
    return {"provision": pid, "status": status, "amount": amount, "estimate": estimate, "missing": list(missing),
            "pending_review": list(review), "failed": list(failed)}


def _head(screening: Screening, evaluator: Evaluator) -> dict[str, Any]:
    """The members before `results`."""
    book = evaluator.rulebook
    return {
        "application_id": screening.application_id,
        "as_of": screening.as_of.isoformat(),
        "detail": "summary",
        "rules": {"pack": book.pack, "version": book.version, "digest": book.digest},
    }


def _tail(screening: Screening, evaluator: Evaluator) -> dict[str, Any]:
    """The members after `results`."""
    book = evaluator.rulebook
    return {
        "total_amount": screening.total_amount,
        "total_pending_review": screening.total_pending_review,
        "evaluator": evaluator.matcher.name,
        "warnings": list(screening.warnings),
        "audit": {
            "rules_digest": book.digest, "rules_version": book.version,
            "engine_version": _version("subsidy-engine"), "durable_rules_version": _version("durable-rules"),
            "matcher": evaluator.matcher.name, "as_of": screening.as_of.isoformat(),
            "input_sha256": screening.input_sha256(),
            "evaluated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        },
    }


@cache
def _version(package: str) -> str:
    """A package's version, read once: its metadata is read from disk, which costs more than a row's screening."""
    return version_of(package)


def one_language(doc: Any, lang: str) -> Any:
    """Every {"zh", "en"} pair of words reduced to the one language asked for ("both" keeps the document)."""
    if lang == "both":
        return doc
    return _keep(doc, lang)


def _keep(node: Any, lang: str) -> Any:
    if isinstance(node, dict):
        if node.keys() == {"zh", "en"}:
            return {lang: node[lang]}
        return {k: _keep(v, lang) for k, v in node.items()}
    if isinstance(node, list):
        return [_keep(v, lang) for v in node]
    return node
