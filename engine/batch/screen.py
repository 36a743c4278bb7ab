"""Batch screening: every input row → exactly one record, in input order, in parallel, resumable.

Flow: tabular.read_rows → worker (cells → schema → evaluate) → journal (append, in order) →
final output written to a temporary file and renamed, with duplicate flags that need the whole batch.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from engine.batch.duplicates import Duplicates, Sighting, sighting
from engine.batch.heap import steady_heap
from engine.errors import EngineFailure, InputError, Issue
from engine.messages import both, text
from engine.evaluate.evaluator import Evaluator, Screening
from engine.batch.journal import Journal, input_fingerprint
from engine.batch.output import finish_output as _finish, space as _space
from engine.batch.spool import Spool, room_for_spool
from engine.rules.loader import load_rulebook
from engine.rules.rulebook import Rulebook
from engine.batch.workers import ordered_batches
from engine.batch import joined
from engine.batch.lines import CsvCells, journal_line, jsonl_ready
from engine.batch.pieces import Decided, Pieces
from engine.batch.summary import Summary, Tally
from engine.batch.summary_doc import one_language, summary_document, summary_text
from engine.intake.documents import loads_untrusted, parse_application, parse_line
from engine.intake.cells import from_cells, identity
from engine.intake.tables import LineSpan, Row, input_format, jsonl_spans, read_rows
from engine.batch.writers import Layout, jsonl_document, output_format, summary_cells
from schemas.application import Application

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


# ---- the worker side -----------------------------------------------------------------------------

DETAILS = ("summary", "full")  # what a JSONL output holds per application (CSV and XLSX hold neither)
LANGS = ("both", "zh", "en")  # the languages of the words in a full JSONL output
CHUNK_ROWS = 256  # rows per task sent to a worker: one answer (lines joined, counts) per chunk
CHUNK_ROWS_FULL = 16  # with `--detail full` (some 55 KB a row): answers stay a few MB at most

_EVALUATOR: Evaluator | None = None
_AS_OF: dt.date | None = None
_DETAIL: str | None = None  # None: the output needs no per-application document (CSV, XLSX)
_LANG = "both"
_READY: str | None = None  # the output whose text the worker makes ready in the journal: "csv", "jsonl" or None
_LAYOUT: Layout | None = None
_CELLS: CsvCells | None = None
_PIECES: Pieces | None = None  # what the worker's rows derive from each distinct decision (engine/batch/pieces.py)
_PRELOADED: tuple[str, Rulebook] | None = None  # the parent's rulebook, inherited by forked workers


def _init_worker(rules_dir: str, as_of: dt.date | None, detail: str | None, lang: str = "both",
                 ready: str | None = None, cells_lang: str = "zh") -> None:
    global _EVALUATOR, _AS_OF, _DETAIL, _LANG, _READY, _LAYOUT, _CELLS, _PIECES
    book = _PRELOADED[1] if _PRELOADED and _PRELOADED[0] == rules_dir else load_rulebook(rules_dir)
    _EVALUATOR, _AS_OF, _DETAIL, _LANG, _READY = Evaluator(book), as_of, detail, lang, ready
    provisions = [p.id for p in book.provisions]
    _LAYOUT, _CELLS = Layout(provisions, lang=cells_lang), CsvCells()
    _PIECES = Pieces(provisions, _LAYOUT if ready == "csv" else None, ready == "jsonl" and detail == "summary")


def _identity(row: Row) -> dict[str, Any]:
    """Best-effort id, name, USCC and city of a row that failed, so the error record can still be found."""
    return identity(row.cells, row.doc)


# One journal line (engine/batch/lines.py), the output's text made ready in it (None: none), what duplicate detection
# reads of the row and what the summary counts of it (summary.Tally: an evaluated row's decisions, or an error
# record): the parent then never parses a line until it writes the output, and most lines not even then.
Screened = tuple[bytes, "bytes | None", Sighting, "Decided | dict[str, Any]"]


def _record(rec: dict[str, Any], document: dict[str, Any] | None = None, ready: str | None = None) -> Screened:
    """The journal line of a record; `ready`: the output whose text goes in it ready-made (None: the facts only)."""
    seen = sighting(rec)
    out = None
    if ready == "csv":
        assert _LAYOUT is not None and _CELLS is not None
        out = _CELLS.ready(*summary_cells(rec, _LAYOUT))
    elif ready == "jsonl":
        out = jsonl_ready(jsonl_document(rec, document))
    if out is None and document is not None:
        rec = {**rec, "result": document}  # the writer makes the document's line from the facts
    return journal_line(rec, out), out, seen, rec


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
    """One row → its journal line: the compact facts the summary needs, with the output's text made ready."""
    assert _EVALUATOR is not None
    try:
        app = _application(row)
        screening = _EVALUATOR.screen(app, _AS_OF)
        document = None if _PIECES is not None and _PIECES.entries else _document(app, screening)
    except (InputError, EngineFailure) as exc:
        issues = exc.issues if isinstance(exc, InputError) else [_engine_failure(exc, row.number)]
        errors = [{**i.to_dict(), "row": row.number} for i in issues]
        return _record({"row": row.number, "status": "error", **_identity(row), "errors": errors}, ready=_READY)
    return _evaluated(row.number, app, screening, document)


def _evaluated(number: int, app: Application, screening: Screening, document: dict[str, Any] | None) -> Screened:
    """The journal line of an evaluated row, joined from the pieces of its decisions (engine/batch/joined.py).

    Its facts are the record the writers and the summary read, with the output's text made ready (`out`). orjson
    cannot refuse them: validated text is valid Unicode, and money is bounded well within 64 bits
    (schemas/application.py MAX_YUAN).
    """
    assert _PIECES is not None and _CELLS is not None
    applicant = app.applicant
    name, uscc, city = (applicant.name, applicant.uscc, applicant.city_code) if applicant else (None, None, None)
    total, pending_total = screening.total_amount, screening.total_pending_review
    decided = _PIECES.decide(screening.results, city, total)
    cells, members = joined.applicant(_CELLS, app.application_id, name, uscc, city)
    out = None
    if _READY == "csv":
        out = joined.csv_out(number, cells, _PIECES.evaluated, decided, total, pending_total)
    elif _READY == "jsonl":
        out = _ready_jsonl(number, app, screening, decided, document)
    line = joined.journal_line(number, out, members, decided, total, pending_total, screening.warnings,
                               document if out is None else None)  # without `out`, the writer makes the document's line
    return line, out, (app.application_id, number, uscc, decided.mask), decided


def _ready_jsonl(number: int, app: Application, screening: Screening, decided: Decided,
                 document: dict[str, Any] | None) -> bytes | None:
    """The JSONL `out` of an evaluated row: what jsonl_ready makes of its document (None: written from the facts)."""
    assert _EVALUATOR is not None
    rec = {"row": number, "status": "evaluated"}
    if document is None:  # --detail summary: its results joined from the pieces' entries
        return summary_text(screening, _EVALUATOR, jsonl_document(rec, {}), [p.entry for p in decided.pieces])
    return jsonl_ready(jsonl_document(rec, document))


@dataclass
class Batch:
    """Consecutive screened rows as the parent takes them in: journal lines (joined), sightings, counts."""

    lines: bytes
    rows: int
    seen: list[Sighting]
    tally: Summary | Tally  # counted where the rows were screened: a worker's chunk as a Summary (sent compact)
    # The output's text of each row, made ready in its line (None: a row without): what a spooling worker writes
    # its draft of the output from (engine/batch/spool.py). The worker's own: never sent to the parent.
    outs: list[bytes | None] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "outs": None}

    def count_into(self, summary: Summary) -> None:
        if isinstance(self.tally, Tally):
            self.tally.into(summary)
        else:
            summary.merge(self.tally)


def screen_chunk(rows: list[Row]) -> Batch:
    """A worker's answer to a chunk of rows: their lines and sightings, and their summary counted here.

    Each record is counted as soon as it is made and then dropped: records kept for the whole chunk would be
    promoted to the collector's old generation and make its full collections (of the whole heap) more frequent.
    """
    assert _EVALUATOR is not None
    batch = screen_here(rows)
    assert isinstance(batch.tally, Tally)
    batch.tally = batch.tally.into(Summary([p.id for p in _EVALUATOR.rulebook.provisions]))
    return batch


def screen_here(rows: list[Row]) -> Batch:
    """Rows screened in the parent's own process (one worker): its counts go to the parent's summary as they are."""
    tally = Tally()
    lines, outs, seen = [], [], []
    for row in rows:
        line, out, sighted, counted = screen_row(row)
        tally.add(counted)
        lines.append(line)
        outs.append(out)
        seen.append(sighted)
    lines.append(b"")
    return Batch(b"\n".join(lines), len(rows), seen, tally, outs)


def _document(app: Application, screening: Screening) -> dict[str, Any] | None:
    """What a JSONL output writes for the application: the full result, or its decisions with the audit digest."""
    assert _EVALUATOR is not None
    if _DETAIL == "full":
        return one_language(_EVALUATOR.evaluate(app, _AS_OF).to_json_dict(), _LANG)
    if _DETAIL == "summary":
        return summary_document(screening, _EVALUATOR)
    return None


def _engine_failure(exc: EngineFailure, row: int) -> Issue:
    return Issue("(engine)", "engine_failure", text("batch.engine_failure", "en", error=exc.en),
                 text("batch.engine_failure", "zh", error=exc.zh), row=row)


def crash_record(row: Row, cause: str) -> Screened:
    """The record of a row whose worker died twice (SIGSEGV in durable_rules, say): an error naming the cause."""
    said = both("batch.worker_crash", cause=cause)
    issue = Issue("(engine)", "worker_crash", said["en"], said["zh"], row=row.number)
    if row.raw is not None and row.doc is None:  # the parent never parsed the line: do it now, to name the row
        try:
            row.doc = loads_untrusted(row.raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            pass
    # Made in the parent, whose module settings are not the workers': the facts only, written out from them.
    return _record({"row": row.number, "status": "error", **_identity(row), "errors": [issue.to_dict()]})


def crash_batch(row: Row, cause: str) -> Batch:
    line, _, seen, rec = crash_record(row, cause)
    tally = Tally()
    tally.add(rec)
    return Batch(line + b"\n", 1, [seen], tally)


# ---- the parent side -----------------------------------------------------------------------------

def screen(opts: ScreenOptions, progress: Callable[[int], None] | None = None) -> Summary:
    """Screen a batch file into `opts.output`; returns the summary. InputError when the file is unusable."""
    global _PRELOADED
    fmt = input_format(opts.input, opts.input_format)
    out_fmt = output_format(opts.output)
    book = load_rulebook(opts.rules_dir)
    rows = read_rows(opts.input, fmt, opts.encoding, raw_lines=True)
    detail = opts.detail if out_fmt == "jsonl" else None
    header = {"journal": 1, "input": str(Path(opts.input).resolve()), **input_fingerprint(opts.input),
              "rules": book.digest, "as_of": opts.as_of.isoformat() if opts.as_of else None, "output": out_fmt}
    if detail:  # a resumed run must write the same kind of document as the rows already journalled
        header.update(detail=detail, lang=opts.output_lang)
    # What the workers write ready-made into the journal; a run resumed with other cell words writes facts only.
    ready = {"csv": {"output": "csv", "lang": opts.lang}, "jsonl": {"output": "jsonl"}}.get(out_fmt)
    journal = Journal(opts.output + ".journal", header, ready)
    journal.check_can_start(opts.resume, opts.restart)
    summary = Summary([p.id for p in book.provisions])
    duplicates = Duplicates([p.id for p in book.provisions])
    _PRELOADED = (opts.rules_dir, book)  # forked workers reuse it instead of reading the rules again
    with ExitStack() as cleanup:
        with _space(str(journal.path)):
            for line in journal.open(opts.resume):
                rec = json.loads(line)
                duplicates.add(rec)
                summary.add(rec)
                summary.resumed += 1
            spool = _spool(opts, journal, detail)
            if spool is not None:
                cleanup.callback(spool.close)
            try:
                # JSONL rows go to spooling workers by their place in the file: the workers read them.
                spans = partial(jsonl_spans, opts.input, skip=summary.resumed) if fmt == "jsonl" else None
                _screen_rows(opts, islice(rows, summary.resumed, None), detail, journal, summary, duplicates,
                             progress, spool, spans)
            finally:
                journal.close()
                _PRELOADED = None
        summary.duplicate_ids, summary.duplicate_claims = duplicates.finish()
        layout = Layout(summary.provisions, {p.id: (p.title.zh, p.title.en) for p in book.provisions}, opts.lang,
                        opts.header)
        _finish(journal, opts.output, opts.errors_path, out_fmt, layout, duplicates, spool)
    if opts.report_path:
        _write_report(opts, summary)
    journal.remove()  # only now: every file is complete, nothing is left to resume
    return summary


def _spool(opts: ScreenOptions, journal: Journal, detail: str | None) -> Spool | None:
    """Workers' lines by files (engine/batch/spool.py) when they run in processes here and the disk has room.

    With a draft of the output when the journal's lines carry its text and nothing else is written from them
    (an errors file); not for full JSONL results, which are many times the input's size."""
    if opts.workers <= 1 or opts.executor != "local":
        return None
    draft = journal.ready_in_lines is not None and not opts.errors_path and detail != "full"
    input_size = int(journal.header["size"])
    if not room_for_spool(journal, 2 * input_size if draft else 0):
        return None
    return Spool(journal, draft)


def _screen_rows(opts: ScreenOptions, todo: Iterator[Row], detail: str | None, journal: Journal, summary: Summary,
                 duplicates: Duplicates, progress: Callable[[int], None] | None, spool: Spool | None = None,
                 spans: Callable[[int], Iterator[LineSpan]] | None = None) -> None:
    """Screen the rows not journalled yet: append their lines, keep their sightings, add their counts."""
    # Workers build their own evaluator (durable_rules handles are per process: docs/durable-rules.md).
    ready = journal.ready_in_lines
    init_args = (opts.rules_dir, opts.as_of, detail, opts.output_lang, ready and ready["output"], opts.lang)
    take = spool.take if spool is not None else _appender(journal)
    if opts.executor == "dask":
        from engine.batch.distributed import dask_map

        batches = dask_map(screen_chunk, todo, opts.workers, _init_worker, init_args, opts.scheduler)
    else:
        # One worker: rows one at a time (progress, and an interruption, at every row); more: chunks.
        size = 1 if opts.workers <= 1 else CHUNK_ROWS_FULL if detail == "full" else CHUNK_ROWS
        work: Callable[[list[Row]], Any] = screen_here if opts.workers <= 1 else screen_chunk
        if spool is not None:
            work = spool.task(screen_chunk, ready and ready["output"])
            if spans is not None:
                todo, size = spans(size), 0  # type: ignore[assignment]
        if opts.workers > 1:
            steady_heap()  # this parent takes in answers all the run long: its memory must not creep
        batches = ordered_batches(work, todo, opts.workers, _init_worker, init_args, crash_batch, size)
    with closing(batches):  # on a failure the workers stop now, not when the traceback is dropped
        for answer in batches:
            batch = take(answer)
            duplicates.add_sightings(batch.seen)
            batch.count_into(summary)
            if progress:
                progress(batch.rows)


def _appender(journal: Journal) -> Callable[[Batch], Batch]:
    def take(batch: Batch) -> Batch:
        journal.append(batch.lines, batch.rows)
        return batch

    return take


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
