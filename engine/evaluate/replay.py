"""Replay (`subsidy verify`): re-evaluates saved results with the rules they name and compares."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from engine.errors import InputError
from engine.evaluate.audit import input_digest
from engine.evaluate.evaluator import Evaluator, Screening
from engine.intake.cells import from_cells
from engine.intake.documents import loads_untrusted, parse_application, parse_line
from engine.intake.tables import input_format, read_rows
from engine.messages import text
from schemas.application import Application


@dataclass(frozen=True)
class Difference:
    provision: str
    what: str  # status, amount, or a criterion id
    saved: Any
    now: Any

    def __str__(self) -> str:
        return self.said("en")

    def said(self, lang: str) -> str:
        what = text("verify.criterion", lang, id=self.what[len("criterion "):]) \
            if self.what.startswith("criterion ") else self.what
        return text("verify.difference", lang, provision=self.provision, what=what, saved=self.saved, now=self.now)


def compare(saved: dict[str, Any], now: dict[str, Any]) -> list[Difference]:
    """Where a re-evaluation departs from a saved decision: provision status and amount, criterion results."""
    out: list[Difference] = []
    fresh = {r["provision"]: r for r in now["results"]}
    for old in saved["results"]:
        pid = old["provision"]
        new = fresh.pop(pid, None)
        if new is None:
            out.append(Difference(pid, "provision", "present", "absent"))
            continue
        for key in ("status", "amount"):
            if old[key] != new[key]:
                out.append(Difference(pid, key, old[key], new[key]))
        new_criteria = {c["id"]: c["result"] for c in new["criteria"]}
        for c in old["criteria"]:
            if new_criteria.pop(c["id"], "absent") != c["result"]:
                out.append(Difference(pid, f"criterion {c['id']}", c["result"],
                                      next((x["result"] for x in new["criteria"] if x["id"] == c["id"]), "absent")))
        out += [Difference(pid, f"criterion {cid}", "absent", result) for cid, result in new_criteria.items()]
    out += [Difference(pid, "provision", "absent", "present") for pid in fresh]
    return out


@dataclass(frozen=True)
class Verdict:
    application_id: str
    line: int
    reproduced: bool
    rules_changed: bool
    input_intact: bool
    differences: tuple[Difference, ...]
    problem: tuple[str, str] | None = None  # why the saved record could not be replayed: (message key, detail)


MAX_DOCUMENT_CHARS = 8 * 1024 * 1024  # one pretty-printed `check --format json` result (some 50 KB)
MAX_LINE_CHARS = 8 * 1024 * 1024  # one JSONL line: a saved result is some 25 KB; far longer is not one
_SKIP_CHARS = 1024 * 1024


class LineTooLong(ValueError):
    """A JSONL line above MAX_LINE_CHARS: reported as that line's problem, skipped without being held."""


def saved_results(path: str) -> Iterator[tuple[int, Any]]:
    """The saved results in a file: one JSON object (`check --format json`) or JSONL (`screen`); (line, document).

    JSONL is streamed line by line, so a file of any size is replayed in constant memory; a line that is
    not JSON, or longer than MAX_LINE_CHARS, comes out as an exception in place of the document.
    """
    # Bytes that are not UTF-8 become U+FFFD: that line then fails to parse or to match its input_sha256.
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        first = fh.readline(MAX_LINE_CHARS + 1)
        if not _parses(first):  # a pretty-printed document: its first line is not JSON on its own
            fh.seek(0)
            text = fh.read(MAX_DOCUMENT_CHARS + 1)
            try:
                if len(text) <= MAX_DOCUMENT_CHARS:
                    yield 1, loads_untrusted(text)
                    return
            except json.JSONDecodeError:
                pass
        fh.seek(0)
        yield from _lines(fh)


def _parses(line: str) -> bool:
    try:
        loads_untrusted(line)
    except json.JSONDecodeError:
        return False
    return True


def _lines(fh: Any) -> Iterator[tuple[int, Any]]:
    number = 0
    while line := fh.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := fh.readline(_SKIP_CHARS)) and not rest.endswith("\n"):
                pass  # the rest of an over-long line is read past, a bounded piece at a time
            yield number, LineTooLong(f"the line is longer than {MAX_LINE_CHARS:,} characters")
            continue
        if line.strip():
            try:
                yield number, loads_untrusted(line)
            except json.JSONDecodeError as exc:
                yield number, exc


def compare_summary(saved: dict[str, Any], now: Screening) -> list[Difference]:
    """A `--detail summary` record against a fresh screening: status, amount and failed criteria per provision."""
    out: list[Difference] = []
    fresh = {r[0]: r for r in now.results}
    for old in saved.get("results", []):
        pid = old.get("provision")
        new = fresh.pop(pid, None)
        if new is None:
            out.append(Difference(str(pid), "provision", "present", "absent"))
            continue
        for key, value in (("status", new[1]), ("amount", new[2]), ("failed", list(new[6]))):
            if old.get(key) != value:
                out.append(Difference(pid, key, old.get(key), value))
    return out + [Difference(pid, "provision", "absent", "present") for pid in fresh]


def verify_summary(saved: dict[str, Any], line: int, evaluator: Evaluator, app: Application | None) -> Verdict:
    """A summary record carries its input's digest, not the input: `app` is the screened input's row."""
    app_id, audit = str(saved.get("application_id", "?")), saved.get("audit")
    if app is None or not isinstance(audit, dict):
        return Verdict(app_id, line, False, False, False, (),
                       ("verify.summary_needs_input", ""))
    try:
        now = evaluator.screen(app, dt.date.fromisoformat(audit["as_of"]))
    except (ValueError, KeyError, TypeError) as exc:
        return Verdict(app_id, line, False, False, False, (), ("verify.record_unreplayable", str(exc)))
    intact = now.input_sha256() == audit.get("input_sha256")
    differences = tuple(compare_summary(saved, now))
    return Verdict(app_id, line, intact and not differences, audit.get("rules_digest") != evaluator.rulebook.digest,
                   intact, differences)


def verify(saved: Any, line: int, evaluator: Evaluator, inputs: Callable[[int], Application | None] | None = None
           ) -> Verdict | None:
    """Re-evaluate a saved decision from its audit block; None for batch error records (nothing was decided).

    `inputs(row)` gives the screened input's application on that row, for `--detail summary` records.
    """
    if isinstance(saved, dict) and saved.get("status") == "error":
        return None
    if isinstance(saved, ValueError):  # the line could not be read (saved_results): a problem, not a decision
        return Verdict("?", line, False, False, True, (), ("verify.line_unreadable", str(saved)))
    if isinstance(saved, dict) and saved.get("detail") == "summary":
        row = saved.get("row")
        return verify_summary(saved, line, evaluator, inputs(row) if inputs and isinstance(row, int) else None)
    app_id = saved.get("application_id", "?") if isinstance(saved, dict) else "?"
    audit = saved.get("audit") if isinstance(saved, dict) else None
    if not isinstance(audit, dict) or not isinstance(audit.get("input"), dict):
        return Verdict(str(app_id), line, False, False, False, (), ("verify.no_audit", ""))
    try:
        app = parse_application(audit["input"], source=f"line {line}")
        now = evaluator.evaluate(app, dt.date.fromisoformat(audit["as_of"])).to_json_dict()
    except (InputError, ValueError, KeyError) as exc:
        return Verdict(str(app_id), line, False, False, False, (), ("verify.input_unreplayable", str(exc)))
    intact = input_digest(app) == audit.get("input_sha256")
    differences = tuple(compare(saved, now))
    return Verdict(str(app_id), line, intact and not differences, audit.get("rules_digest") != now["rules"]["digest"],
                   intact, differences)


def render_verdict(v: Verdict, lang: str = "zh") -> list[str]:
    """The lines of one verdict (printed as it comes, so that a huge file needs no list of verdicts)."""
    if v.reproduced:
        note = text("verify.rules_changed_note", lang) if v.rules_changed else ""
        return [text("verify.reproduced", lang, id=v.application_id, line=v.line, note=note)]
    problem = text(v.problem[0], lang, detail=v.problem[1]) if v.problem else text("verify.does_not_reproduce", lang)
    out = [text("verify.not_reproduced", lang, id=v.application_id, line=v.line, problem=problem)]
    if not v.input_intact:
        out.append("    " + text("verify.input_edited", lang))
    if v.rules_changed:
        out.append("    " + text("verify.rules_changed", lang))
    return out + [f"    {d.said(lang)}" for d in v.differences]


def render_tally(good: int, total: int, skipped: int = 0, lang: str = "zh") -> list[str]:
    out = [text("verify.tally", lang, good=good, total=total)]
    if skipped:
        out.append(text("verify.skipped", lang, skipped=skipped))
    return out


class ScreenedInput:
    """The rows of a screened input, read forward in step with its output (both are in row order): constant memory."""

    def __init__(self, path: str) -> None:
        self.rows = read_rows(path, input_format(path, None), raw_lines=True)
        self.current: Any = None

    def __call__(self, number: int) -> Application | None:
        while self.current is None or self.current.number < number:
            self.current = next(self.rows, None)
            if self.current is None:
                return None
        row = self.current
        if row.number != number or row.issues:
            return None
        try:
            if row.raw is not None:
                return parse_line(row.raw, row.number)[0]
            return parse_application(from_cells(row.cells or {}, row=row.number) if row.cells is not None else row.doc)
        except InputError:
            return None
