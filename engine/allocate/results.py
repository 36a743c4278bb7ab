"""Reads a screening's results (JSONL of `subsidy screen`, or one `subsidy check --format json`) as candidates.

Each result carries the validated application (`audit.input`), so the fields a programme ranks by (a
reviewer's score, a date) are read from there. Only the programme's provision is kept: eligible and
review results become candidates, every other outcome is counted by status.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from engine.allocate.allocation import PAID, Candidate
from engine.allocate.programmes import Programme
from engine.errors import BatchError
from engine.messages import text
from schemas.application import FIELDS

MAX_LINE_CHARS = 4 * 1024 * 1024  # one result is a few KB; a line this long is not a result


@dataclass
class Screening:
    candidates: list[Candidate] = field(default_factory=list)
    excluded: Counter[str] = field(default_factory=Counter)
    latest: dt.date | None = None  # the latest assessment date among the results
    rules: dict[str, Any] | None = None  # pack, version and digest of the first result


def _typed(path: str, value: Any) -> Any:
    if value is not None and FIELDS[path].kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def values_from_input(doc: Any, wanted: list[str]) -> dict[str, Any]:
    """The wanted dotted fields of an application document, where provided (None and absent are both left out)."""
    out: dict[str, Any] = {}
    if not isinstance(doc, dict):
        return out
    for path in wanted:
        section, _, name = path.partition(".")
        part = doc.get(section)
        value = part.get(name) if isinstance(part, dict) else None
        value = _typed(path, value) if path in FIELDS else value
        if value is not None and not isinstance(value, (dict, list)):
            out[path] = value
    return out


def _bad(path: str, line: int, reason_key: str) -> BatchError:
    return BatchError(path, text("allocate.bad_results", "en", line=line, reason=text(reason_key, "en")),
                      text("allocate.bad_results", "zh", line=line, reason=text(reason_key, "zh")))


def add_result(screening: Screening, doc: dict[str, Any], programme: Programme, wanted: list[str]) -> None:
    if doc.get("status") == "error" or "results" not in doc:
        screening.excluded["error"] += 1
        return
    as_of = _typed("as_of", doc.get("as_of"))
    if isinstance(as_of, dt.date) and (screening.latest is None or as_of > screening.latest):
        screening.latest = as_of
    if screening.rules is None and isinstance(doc.get("rules"), dict):
        screening.rules = doc["rules"]
    result = next((r for r in doc["results"] if isinstance(r, dict) and r.get("provision") == programme.spec.provision),
                  None)
    status = result.get("status") if result else "absent"
    if status not in programme.spec.statuses or status not in PAID:
        screening.excluded[str(status)] += 1
        return
    amount = result.get("amount") if result else None
    audit = doc.get("audit") if isinstance(doc.get("audit"), dict) else {}
    application = audit.get("input") if isinstance(audit.get("input"), dict) else {}
    applicant = application.get("applicant") if isinstance(application.get("applicant"), dict) else {}
    name = applicant.get("name")
    screening.candidates.append(Candidate(
        row=doc.get("row") if isinstance(doc.get("row"), int) else None, application_id=str(doc.get("application_id")),
        name=name if isinstance(name, str) else None, status=status,
        amount=amount if isinstance(amount, int) and not isinstance(amount, bool) else None,
        values=values_from_input(application, wanted)))


def read_screening(path: str, programme: Programme) -> Screening:
    """Candidates of one programme from a results file; BatchError naming the line when a line is not a result."""
    screening = Screening()
    wanted = programme.fields()
    try:
        with open(path, encoding="utf-8") as fh:
            number = 0
            # readline with a limit: a hostile file of one endless line is refused without being read whole.
            while line := fh.readline(MAX_LINE_CHARS + 1):
                number += 1
                if len(line) > MAX_LINE_CHARS:
                    raise _bad(path, number, "allocate.reason_line_too_long")
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except (json.JSONDecodeError, RecursionError):
                    raise _bad(path, number, "allocate.reason_not_json") from None
                if not isinstance(doc, dict) or not isinstance(doc.get("results", []), list):
                    raise _bad(path, number, "allocate.reason_not_result")
                add_result(screening, doc, programme, wanted)
    except UnicodeDecodeError:
        raise _bad(path, 0, "allocate.reason_not_utf8") from None
    except OSError as exc:
        raise BatchError(path, f"{path}: {exc.strerror}", f"{path}:{exc.strerror}") from None
    return screening
