"""Batch screening: every input row → exactly one record, in input order, in parallel, resumable.

Flow: tabular.read_rows → worker (cells → schema → evaluate) → journal (append, in order) →
final output written to a temporary file and renamed, with duplicate flags that need the whole batch.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from engine.batch.duplicates import Duplicates, Sighting, sighting
from engine.errors import BatchError, EngineFailure, InputError, Issue
from engine.messages import both
from engine.evaluate.evaluator import Evaluator, Screening
from engine.batch.journal import Journal, input_fingerprint
from engine.rules.loader import load_rulebook
from engine.batch.workers import ordered_map
from engine.batch.summary_doc import one_language, summary_document
from engine.intake.documents import loads_untrusted, parse_application, parse_line
from engine.intake.cells import from_cells, identity
from engine.intake.tables import Row, input_format, read_rows
from engine.batch.writers import Layout, open_writer, output_format
from schemas.application import Application
from schemas.codes import prefecture

@dataclass(frozen=True)
class ScreenOptions:
    input: str
    output: str
    rules_dir: str
    input_format: str | None = None
    encoding: str | None = None
    errors_path: str | None = None
    workers: int = 1
    resume: bool = False
    restart: bool = False  # discard an interrupted run's journal (without it, or --resume, the run refuses)
    as_of: dt.date | None = None
    report_path: str | None = None
    detail: str = "full"  # JSONL only: "full" results or their "summary" (DETAILS)
    output_lang: str = "both"  # JSONL full results: the words in both languages, or one (LANGS)
    executor: str = "local"  # "dask": the rows are evaluated on a Dask cluster (engine/batch/distributed.py)
    scheduler: str | None = None  # with dask: a scheduler's address; None starts a local cluster
    lang: str = "zh"  # the words of CSV/XLSX cells and labels (writers.Layout); JSONL keeps machine keys
    header: str = "both"  # CSV/XLSX header rows: "paths", "labels" or "both" (writers.Layout)


@dataclass
class Summary:
    """What a reviewer reads first: counts by status per provision, money, what is most often missing."""

    provisions: list[str]
    rows: int = 0
    errors: int = 0
    resumed: int = 0
    statuses: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    amounts: Counter[str] = field(default_factory=Counter)  # eligible: money the rules grant
    pending: Counter[str] = field(default_factory=Counter)  # review: provisional until a reviewer decides
    estimated: set[str] = field(default_factory=set)  # provisions whose amounts rest on an assumption
    by_city: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    duplicate_ids: int = 0
    duplicate_claims: int = 0

    def add(self, rec: dict[str, Any]) -> None:
        self.rows += 1
        if rec["status"] == "error":
            self.errors += 1
            return
        for pid, (status, amount, *estimate) in rec["p"].items():
            if amount and estimate and estimate[0]:
                self.estimated.add(pid)
            self.statuses[pid][status] += 1
            if amount and status == "eligible":
                self.amounts[pid] += amount
            elif amount and status == "review":
                self.pending[pid] += amount
        if rec.get("city") and rec["total"]:
            self.by_city[prefecture(rec["city"])] += rec["total"]
        self.missing.update(rec["missing"])
        self.failed.update(rec["failed"])

    @property
    def total_amount(self) -> int:
        return sum(self.amounts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "errors": self.errors, "resumed_rows": self.resumed,
            "total_amount": self.total_amount, "total_pending_review": sum(self.pending.values()),
            "provisions": {p: {"statuses": dict(self.statuses.get(p, {})), "amount": self.amounts[p],
                               "pending_review": self.pending[p], "estimate": p in self.estimated}
                           for p in self.provisions},
            "amount_by_city": dict(self.by_city.most_common()),
            "top_missing": self.missing.most_common(10), "top_failed": self.failed.most_common(10),
            "duplicate_application_ids": self.duplicate_ids, "duplicate_claims": self.duplicate_claims,
        }


# ---- the worker side -----------------------------------------------------------------------------

DETAILS = ("summary", "full")  # what a JSONL output holds per application (CSV and XLSX hold neither)
LANGS = ("both", "zh", "en")  # the languages of the words in a full JSONL output

_EVALUATOR: Evaluator | None = None
_AS_OF: dt.date | None = None
_DETAIL: str | None = None  # None: the output needs no per-application document (CSV, XLSX)
_LANG = "both"


def _init_worker(rules_dir: str, as_of: dt.date | None, detail: str | None, lang: str = "both") -> None:
    global _EVALUATOR, _AS_OF, _DETAIL, _LANG
    _EVALUATOR, _AS_OF, _DETAIL, _LANG = Evaluator(load_rulebook(rules_dir)), as_of, detail, lang


def _identity(row: Row) -> dict[str, Any]:
    """Best-effort id, name, USCC and city of a row that failed, so the error record can still be found."""
    return identity(row.cells, row.doc)


# One journal line (the compact facts the summary needs, plus the output's document if any) and what duplicate
# detection reads of it: the parent then never parses a line until it writes the output.
Screened = tuple[str, Sighting]


def _record(rec: dict[str, Any]) -> Screened:
    seen = sighting(rec)
    rec.pop("result", None)
    return json.dumps(rec, ensure_ascii=False), seen


def _application(row: Row) -> Application:
    if row.issues:
        raise InputError("row", row.issues)
    if row.raw is not None:
        app, row.doc, issues = parse_line(row.raw, row.number)
        if app is None:
            raise InputError("row", issues)
        return app
    doc = row.doc if row.cells is None else from_cells(row.cells, row=row.number)
    return parse_application(doc, row=row.number)


def screen_row(row: Row) -> Screened:
    """One row → its journal line (JSON): the compact facts the summary needs, plus the output's document."""
    assert _EVALUATOR is not None
    try:
        app = _application(row)
        screening = _EVALUATOR.screen(app, _AS_OF)
        document = _document(app, screening)
    except (InputError, EngineFailure) as exc:
        issues = exc.issues if isinstance(exc, InputError) else [_engine_failure(exc, row.number)]
        errors = [{**i.to_dict(), "row": row.number} for i in issues]
        return _record({"row": row.number, "status": "error", **_identity(row), "errors": errors})
    applicant = app.applicant
    results = screening.results
    rec = {
        "row": row.number, "status": "evaluated", "id": app.application_id,
        "name": applicant.name if applicant else None, "uscc": applicant.uscc if applicant else None,
        "city": applicant.city_code if applicant else None,
        "p": {r[0]: [r[1], r[2], r[3]] for r in results},
        "total": screening.total_amount, "pending_total": screening.total_pending_review,
        "pending": sorted({f for r in results if r[1] == "review" for f in r[5]}),
        "missing": sorted({m for r in results for m in r[4]}),
        "failed": [f"{r[0]}:{c}" for r in results for c in r[6]],
        "warnings": list(screening.warnings),
    }
    line, seen = _record(rec)
    if document is not None:  # spliced in: the document is never copied into another dict
        line = line[:-1] + ', "result": ' + json.dumps(document, ensure_ascii=False) + "}"
    return line, seen


def _document(app: Application, screening: Screening) -> dict[str, Any] | None:
    """What a JSONL output writes for the application: the full result, or its decisions with the audit digest."""
    assert _EVALUATOR is not None
    if _DETAIL == "full":
        return one_language(_EVALUATOR.evaluate(app, _AS_OF).to_json_dict(), _LANG)
    if _DETAIL == "summary":
        return summary_document(screening, _EVALUATOR)
    return None


def _engine_failure(exc: EngineFailure, row: int) -> Issue:
    said = both("batch.engine_failure", error=exc)  # only a failing row pays for the lookup
    return Issue("(engine)", "engine_failure", said["en"], said["zh"], row=row)


def crash_record(row: Row, cause: str) -> Screened:
    """The record of a row whose worker died twice (SIGSEGV in durable_rules, say): an error naming the cause."""
    said = both("batch.worker_crash", cause=cause)
    issue = Issue("(engine)", "worker_crash", said["en"], said["zh"], row=row.number)
    if row.raw is not None and row.doc is None:  # the parent never parsed the line: do it now, to name the row
        try:
            row.doc = loads_untrusted(row.raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            pass
    return _record({"row": row.number, "status": "error", **_identity(row), "errors": [issue.to_dict()]})


# ---- the parent side -----------------------------------------------------------------------------

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@contextmanager
def _space(path: str) -> Iterator[None]:
    """A full disk while writing `path` becomes a BatchError naming it (exit 2, the journal kept for --resume)."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        said = both("batch.disk_full", path=path, reason=exc.strerror)
        raise BatchError(path, said["en"], said["zh"]) from None


def screen(opts: ScreenOptions, progress: Callable[[int], None] | None = None) -> Summary:
    """Screen a batch file into `opts.output`; returns the summary. InputError when the file is unusable."""
    fmt = input_format(opts.input, opts.input_format)
    out_fmt = output_format(opts.output)
    book = load_rulebook(opts.rules_dir)
    rows = read_rows(opts.input, fmt, opts.encoding, raw_lines=True)
    detail = opts.detail if out_fmt == "jsonl" else None
    header = {"journal": 1, "input": str(Path(opts.input).resolve()), **input_fingerprint(opts.input),
              "rules": book.digest, "as_of": opts.as_of.isoformat() if opts.as_of else None, "output": out_fmt}
    if detail:  # a resumed run must write the same kind of document as the rows already journalled
        header.update(detail=detail, lang=opts.output_lang)
    journal = Journal(opts.output + ".journal", header)
    journal.check_can_start(opts.resume, opts.restart)
    summary = Summary([p.id for p in book.provisions])
    duplicates = Duplicates([p.id for p in book.provisions])
    done = 0
    with _space(str(journal.path)):
        for line in journal.open(opts.resume):
            duplicates.add(json.loads(line))
            done += 1
        summary.resumed = done
        try:
            # Workers build their own evaluator (durable_rules handles are per process; note §4 row 29).
            init_args = (opts.rules_dir, opts.as_of, detail, opts.output_lang)
            todo = islice(rows, done, None)
            if opts.executor == "dask":
                from engine.batch.distributed import dask_map

                lines = dask_map(screen_row, todo, opts.workers, _init_worker, init_args, opts.scheduler)
            else:
                lines = ordered_map(screen_row, todo, opts.workers, _init_worker, init_args, crash_record)
            with closing(lines):  # on a failure the workers stop now, not when the traceback is dropped
                for line, seen in lines:
                    journal.append(line)
                    duplicates.add_sighting(seen)
                    if progress:
                        progress(1)
        finally:
            journal.close()
    summary.duplicate_ids, summary.duplicate_claims = duplicates.finish()
    layout = Layout(summary.provisions, {p.id: (p.title.zh, p.title.en) for p in book.provisions}, opts.lang,
                    opts.header)
    _finish(journal, opts, out_fmt, layout, summary, duplicates)  # the summary is counted there: one parse per row
    if opts.report_path:
        _write_report(opts, summary)
    journal.remove()  # only now: every file is complete, nothing is left to resume
    return summary


def _finish(journal: Journal, opts: ScreenOptions, out_fmt: str, layout: Layout, summary: Summary,
            duplicates: Duplicates) -> None:
    """Write the output (and the errors file) from the journal, to a temporary name, then renamed; count the summary."""
    writers = []
    provisions = layout.provisions
    try:
        with _space(opts.output):
            writers.append(open_writer(opts.output, out_fmt, provisions, layout=layout))
        if opts.errors_path:
            with _space(opts.errors_path):
                writers.append(open_writer(opts.errors_path, output_format(opts.errors_path), provisions,
                                           errors_only=True, layout=layout))
        for line in journal.records():
            rec = json.loads(line)
            summary.add(rec)
            rec["flags"] = duplicates.flags(rec)
            for w in writers:
                with _space(w.path):
                    w.write(rec)
        for w in writers:
            with _space(w.path):
                w.commit()
    finally:
        for w in writers:
            w.discard()


def _write_report(opts: ScreenOptions, summary: Summary) -> None:
    """The HTML report, written to a temporary name and renamed, so that a full disk leaves no half of one."""
    from engine.render.html_report import write_report

    assert opts.report_path is not None
    tmp = opts.report_path + ".tmp"
    try:
        with _space(opts.report_path):
            write_report(tmp, summary.to_dict(), opts.input, opts.rules_dir, opts.as_of)
            os.replace(tmp, opts.report_path)
    finally:
        Path(tmp).unlink(missing_ok=True)
