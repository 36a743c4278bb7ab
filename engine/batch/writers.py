"""Writes screening records as JSONL (full results), CSV or XLSX (one summary row each); atomically.

A writer writes to `<output>.tmp` and renames it on commit, so a finished output is never half-written.
Opening an output runs nothing: CSV text that looks like a formula gets a leading apostrophe
(tables.safe_cell), since CSV has no cell types; XLSX text is written as a typed string cell, which a
spreadsheet never evaluates, so it keeps its exact text ("=SUM(A1)", "+86 531…").
"""

from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from engine.batch.lines import CsvCells, csv_line, jsonl_line, utf8
from engine.errors import InputError, Issue
from engine.intake.tables import safe_cell
from engine.messages import both, text
from schemas.application import FIELDS

OUTPUTS = ("jsonl", "csv", "xlsx")


def output_format(path: str) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in OUTPUTS:
        words = both("batch.output_format")
        raise InputError(path, [Issue("(output)", "output_format", words["en"], words["zh"])])
    return fmt


HEADERS = ("paths", "labels", "both")


@dataclass(frozen=True)
class Layout:
    """What a CSV/XLSX row says: the provisions (in pack order, with titles), the language of its words, the header.

    `header`: "paths" writes one row of machine names (field paths, `{pid}.status` …, as scripts read them);
    "labels" one row of labels in `lang`; "both" the paths, then the labels, as `subsidy template` does.
    `lang` decides the words in the cells: Chinese status words under zh, the status codes under en.
    """

    provisions: list[str]
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    lang: str = "zh"
    header: str = "both"

    def __post_init__(self) -> None:
        if self.header not in HEADERS or self.lang not in ("zh", "en"):
            # English: a programming error, read in a traceback (no command offers such a writer).
            raise ValueError(text("batch.writer_layout", "en", headers=HEADERS, header=self.header,
                                  language=self.lang))

    @cached_property
    def words(self) -> dict[str, str]:
        """Status code → the word its cell shows (looked up once, not per cell)."""
        codes = ("eligible", "ineligible", "undetermined", "review", "not_in_effect", "evaluated", "error")
        return {c: text(f"batch.status.{c}", self.lang) for c in codes} | {"estimate": text("batch.estimate", self.lang)}

    @cached_property
    def _joined_fields(self) -> dict[tuple[str, ...], str]:
        return {}

    def fields_text(self, paths: list[str]) -> str:
        """The cell of a list of fields ("missing", "pending_review"): few lists recur, so each is worded once."""
        key = tuple(paths)
        known = self._joined_fields
        said = known.get(key)
        if said is None:
            if len(known) >= 4096:  # bounded: a batch of rare lists does not grow memory
                known.clear()
            said = known[key] = self.fields_words(paths)
        return said

    def fields_words(self, paths: list[str] | tuple[str, ...]) -> str:
        """`fields_text` made afresh, for a caller that keeps what it makes (engine/batch/pieces.py); each field's
        word is looked up once (the fields of the rules' criteria: a few hundred)."""
        known = self._field_words
        if len(known) >= 4096:  # bounded all the same
            known.clear()
        return _joined([known.get(f) or known.setdefault(f, self.field_word(f)) for f in paths])

    @cached_property
    def _field_words(self) -> dict[str, str]:
        return {}

    def field_word(self, path: str) -> str:
        """A field as the chosen language names it: its Chinese label under zh, its path under en."""
        spec = FIELDS.get(path)
        return spec.zh if spec is not None and self.lang == "zh" else path

    def header_rows(self, paths: list[str]) -> list[list[str]]:
        labels = [self._label(p) for p in paths]
        return {"paths": [paths], "labels": [labels], "both": [paths, labels]}[self.header]

    def _label(self, column: str) -> str:
        pid, _, part = column.rpartition(".")
        if pid in self.provisions and part in ("status", "amount", "estimate"):
            title = self.titles.get(pid, (pid, pid))[0 if self.lang == "zh" else 1]  # no titles given: the id
            return text(f"batch.col.provision_{part}", self.lang, title=title)
        spec = FIELDS.get(column)
        if spec is not None:
            return spec.zh if self.lang == "zh" else spec.en
        return text(f"batch.col.{column}", self.lang)


def _joined(items: list[str]) -> str:
    return "; ".join(items)


def flag_text(flags: list[dict[str, Any]], lang: str) -> str:
    parts = []
    for f in flags:
        rows = ",".join(map(str, f["rows"])) + (" …" if f["count"] > len(f["rows"]) else "")
        parts.append(text(f"batch.flag.{f['type']}", lang, rows=rows, provisions=",".join(f.get("provisions", []))))
    return _joined(parts)


def summary_header(provisions: list[str]) -> list[str]:
    """The machine names of the summary columns (the `--header paths` row): a public contract."""
    cols = ["row", "application_id", "applicant.name", "applicant.uscc", "applicant.city_code", "status"]
    for pid in provisions:
        cols += [f"{pid}.status", f"{pid}.amount", f"{pid}.estimate"]  # estimate: the amount rests on an assumption
    return cols + ["total_amount", "missing", "errors", "flags", "total_pending_review", "pending_review"]


def _error_text(errors: list[dict[str, Any]], layout: Layout) -> str:
    return _joined([text("batch.error_cell", layout.lang, field=layout.field_word(e["loc"]), msg=e["msg"][layout.lang])
                    for e in errors])


def summary_row(rec: dict[str, Any], layout: Layout) -> list[Any]:
    """One record as a row. An error row keeps what could be read of the applicant (id, name, USCC, city)."""
    before, after = summary_cells(rec, layout)
    return before + [flag_text(rec["flags"], layout.lang)] + after


def summary_cells(rec: dict[str, Any], layout: Layout) -> tuple[list[Any], list[Any]]:
    """A record's row without its flags cell: the cells before it and after it (the flags need the whole batch)."""
    row = head_cells(layout, rec["row"], rec.get("id"), rec.get("name"), rec.get("uscc"), rec.get("city"),
                     rec["status"])
    if rec["status"] == "error":
        row += [None, None, None] * len(layout.provisions)
        return row + [None, None, _error_text(rec["errors"], layout)], [None, None]
    decisions = rec["p"]
    for pid in layout.provisions:
        status, amount, estimate = decisions.get(pid) or (None, None, False)
        row += decision_cells(layout, status, amount, estimate)
    before, after = tail_cells(layout, rec["total"], rec["missing"], rec.get("pending_total"), rec.get("pending", []))
    return row + before, after


# A summary row in parts, so that a screening worker can make the row of an evaluated application from parts it
# made once per distinct decision (engine/batch/pieces.py) and the writers the same row from a record.

def head_cells(layout: Layout, row: int, id_: Any, name: Any, uscc: Any, city: Any, status: str) -> list[Any]:
    """The row's first cells: row number, application id, name, USCC, city, status word."""
    return [row, id_, name, uscc, city, layout.words[status]]


def decision_cells(layout: Layout, status: Any, amount: Any, estimate: Any) -> tuple[Any, Any, Any]:
    """One provision's three cells: status word, amount, the estimate word (only beside an amount)."""
    words = layout.words
    return words.get(status, status), amount, words["estimate"] if estimate and amount is not None else None


def tail_cells(layout: Layout, total: Any, missing: list[str], pending_total: Any,
               pending: list[str]) -> tuple[list[Any], list[Any]]:
    """The cells after the provisions: before the flags cell (total, missing, errors) and after it."""
    return [total, layout.fields_text(missing), None], [pending_total, layout.fields_text(pending)]


ERROR_HEADER = ["row", "application_id", "field", "type", "message_en", "message_zh", "input"]


def error_rows(rec: dict[str, Any]) -> list[list[Any]]:
    return [[rec["row"], rec.get("id"), e["loc"], e["type"], e["msg"]["en"], e["msg"]["zh"], e.get("input")]
            for e in rec["errors"]]


class _Writer:
    def __init__(self, path: str, provisions: list[str], errors_only: bool, layout: Layout | None = None) -> None:
        self.path = path
        self.tmp = path + ".tmp"
        self.provisions = provisions
        self.errors_only = errors_only
        self.layout = layout or Layout(provisions)
        self.committed = False

    def rows_for(self, rec: dict[str, Any]) -> list[list[Any]]:
        if self.errors_only:
            return error_rows(rec) if rec["status"] == "error" else []
        return [summary_row(rec, self.layout)]

    def header(self) -> list[list[str]]:
        """The header row(s): machine names, labels, or both (Layout.header)."""
        return self.layout.header_rows(ERROR_HEADER if self.errors_only else summary_header(self.provisions))

    def commit(self) -> None:
        self.close()
        os.replace(self.tmp, self.path)
        self.committed = True

    def discard(self) -> None:
        """Drop an uncommitted file; quietly, since this runs after a failure (a full disk, say) to clean up."""
        if not self.committed:
            try:
                self.abandon()
            except OSError:
                pass
            Path(self.tmp).unlink(missing_ok=True)

    def close(self) -> None:
        raise NotImplementedError

    def abandon(self) -> None:
        self.close()

    def write(self, rec: dict[str, Any]) -> None:
        raise NotImplementedError


class _TextWriter(_Writer):
    """Writes bytes: rows a screening worker made ready (`write_ready`) are copied as they are."""

    fh: Any

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()

    def abandon(self) -> None:
        try:
            self.fh.close()  # may try to flush what a full disk refused; the file is deleted anyway
        except OSError:
            pass

    def write_ready(self, out: bytes, flags: list[dict[str, Any]]) -> None:
        """A row from its ready output (engine/batch/lines.py) and its flags: what `write` writes for its record."""
        raise NotImplementedError


def jsonl_document(rec: dict[str, Any], result: dict[str, Any] | None) -> dict[str, Any]:
    """A row's JSONL line before its duplicate flags: the error record, or the result document with its row."""
    if rec["status"] == "error":
        return {"row": rec["row"], "application_id": rec.get("id"), "status": "error", "errors": rec["errors"]}
    return {**(result or {}), "row": rec["row"], "status": "evaluated"}


class JsonlWriter(_TextWriter):
    def __init__(self, path: str, provisions: list[str], errors_only: bool) -> None:
        super().__init__(path, provisions, errors_only)
        self.fh = open(self.tmp, "wb")

    def write(self, rec: dict[str, Any]) -> None:
        if rec["status"] != "error" and self.errors_only:
            return
        doc = jsonl_document(rec, rec.get("result"))
        doc["flags"] = rec["flags"]
        self.fh.write(utf8(json.dumps(doc, ensure_ascii=False)) + b"\n")

    def write_ready(self, out: bytes, flags: list[dict[str, Any]]) -> None:
        self.fh.write(jsonl_line(out, flags))


class CsvWriter(_TextWriter):
    def __init__(self, path: str, provisions: list[str], errors_only: bool, layout: Layout | None = None) -> None:
        super().__init__(path, provisions, errors_only, layout)
        self.fh = open(self.tmp, "wb")
        self.cells = CsvCells()
        # UTF-8 with BOM: what Excel and WPS need to show Chinese text in a CSV.
        self.fh.write(codecs.BOM_UTF8)
        for row in self.header():
            self._row(row)

    def _row(self, row: list[Any]) -> None:
        self.fh.write(self.cells.text([safe_cell(v) for v in row]).encode() + b"\r\n")

    def write(self, rec: dict[str, Any]) -> None:
        for row in self.rows_for(rec):
            self._row(row)

    def write_ready(self, out: bytes, flags: list[dict[str, Any]]) -> None:
        cell = self.cells.cell(flag_text(flags, self.layout.lang)) if flags else b""
        self.fh.write(csv_line(out, cell))


class XlsxWriter(_Writer):
    def __init__(self, path: str, provisions: list[str], errors_only: bool, layout: Layout | None = None) -> None:
        from openpyxl import Workbook

        super().__init__(path, provisions, errors_only, layout)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("errors" if errors_only else "screening")
        header = self.header()
        self.sheet.freeze_panes = f"A{len(header) + 1}"  # the header stays in view while a reviewer scrolls
        for row in header:
            self.sheet.append([self._cell(v, bold=True) for v in row])
        self.saved = False

    def write(self, rec: dict[str, Any]) -> None:
        for row in self.rows_for(rec):
            self.sheet.append([self._cell(v) for v in row])

    def _cell(self, value: Any, bold: bool = False) -> Any:
        """Text as a string cell. openpyxl would take text starting with "=" for a formula; the type is set after.

        A string cell is never a formula, so it needs no apostrophe (which would become part of its text). XML 1.0
        has no control characters but tab and line ends: one (a name typed with \x1f) is written U+FFFD, as the
        CSV reader shows what does not decode, rather than failing the whole output."""
        if not isinstance(value, str):
            return value
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell = WriteOnlyCell(self.sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        cell.data_type = "s"
        if bold:
            from openpyxl.styles import Font

            cell.font = Font(bold=True)
        return cell

    def close(self) -> None:
        if not self.saved:
            self.saved = True  # once: a save that failed (a full disk) is not retried by discard
            self.book.save(self.tmp)

    def abandon(self) -> None:
        self.saved = True  # nothing to save: the file is being dropped


def open_writer(path: str, fmt: str, provisions: list[str], errors_only: bool = False,
                layout: Layout | None = None) -> _Writer:
    """`layout` (header rows, language of the words) concerns CSV and XLSX; JSONL keeps its machine keys."""
    if fmt == "jsonl":
        return JsonlWriter(path, provisions, errors_only)
    cls = {"csv": CsvWriter, "xlsx": XlsxWriter}[fmt]
    return cls(path, provisions, errors_only, layout)
