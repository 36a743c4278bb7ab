"""Writes screening records as JSONL (full results), CSV or XLSX (one summary row each); atomically.

A writer writes to `<output>.tmp` and renames it on commit, so a finished output is never half-written.
Opening an output runs nothing: CSV text that looks like a formula gets a leading apostrophe
(tables.safe_cell), since CSV has no cell types; XLSX text is written as a typed string cell, which a
spreadsheet never evaluates, so it keeps its exact text ("=SUM(A1)", "+86 531…").
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue
from engine.intake.tables import safe_cell

OUTPUTS = ("jsonl", "csv", "xlsx")


def output_format(path: str) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in OUTPUTS:
        raise InputError(path, [Issue("(output)", "output_format", "the output must end in .jsonl, .csv or .xlsx",
                                      "输出文件须以 .jsonl、.csv 或 .xlsx 结尾")])
    return fmt


def _joined(items: list[str]) -> str:
    return "; ".join(items)


def _flag_text(flags: list[dict[str, Any]]) -> str:
    parts = []
    for f in flags:
        rows = ",".join(map(str, f["rows"])) + (" …" if f["count"] > len(f["rows"]) else "")
        what = f"{f['type']} ({','.join(f['provisions'])})" if "provisions" in f else f["type"]
        parts.append(f"{what}: rows {rows}")
    return _joined(parts)


def summary_header(provisions: list[str]) -> list[str]:
    cols = ["row", "application_id", "applicant.name", "applicant.uscc", "applicant.city_code", "status"]
    for pid in provisions:
        cols += [f"{pid}.status", f"{pid}.amount", f"{pid}.estimate"]  # estimate: the amount rests on an assumption
    return cols + ["total_amount", "missing", "errors", "flags", "total_pending_review", "pending_review"]


def summary_row(rec: dict[str, Any], provisions: list[str]) -> list[Any]:
    row: list[Any] = [rec["row"], rec.get("id"), rec.get("name"), rec.get("uscc"), rec.get("city"), rec["status"]]
    if rec["status"] == "error":
        row += [None, None, None] * len(provisions)
        errors = _joined([f"{e['loc']}: {e['msg']['en']}" for e in rec["errors"]])
        return row + [None, None, errors, _flag_text(rec["flags"]), None, None]
    for pid in provisions:
        status, amount, estimate = rec["p"].get(pid) or [None, None, False]
        row += [status, amount, "测算" if estimate and amount is not None else None]
    return row + [rec["total"], _joined(rec["missing"]), None, _flag_text(rec["flags"]), rec.get("pending_total"),
                  _joined(rec.get("pending", []))]


ERROR_HEADER = ["row", "application_id", "field", "type", "message_en", "message_zh", "input"]


def error_rows(rec: dict[str, Any]) -> list[list[Any]]:
    return [[rec["row"], rec.get("id"), e["loc"], e["type"], e["msg"]["en"], e["msg"]["zh"], e.get("input")]
            for e in rec["errors"]]


class _Writer:
    def __init__(self, path: str, provisions: list[str], errors_only: bool) -> None:
        self.path = path
        self.tmp = path + ".tmp"
        self.provisions = provisions
        self.errors_only = errors_only
        self.committed = False

    def rows_for(self, rec: dict[str, Any]) -> list[list[Any]]:
        if self.errors_only:
            return error_rows(rec) if rec["status"] == "error" else []
        return [summary_row(rec, self.provisions)]

    def header(self) -> list[str]:
        return ERROR_HEADER if self.errors_only else summary_header(self.provisions)

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


class JsonlWriter(_TextWriter):
    def __init__(self, path: str, provisions: list[str], errors_only: bool) -> None:
        super().__init__(path, provisions, errors_only)
        self.fh = open(self.tmp, "w", encoding="utf-8")

    def write(self, rec: dict[str, Any]) -> None:
        if rec["status"] == "error":
            doc = {"row": rec["row"], "application_id": rec.get("id"), "status": "error", "errors": rec["errors"],
                   "flags": rec["flags"]}
        elif self.errors_only:
            return
        else:
            doc = {**rec["result"], "row": rec["row"], "status": "evaluated", "flags": rec["flags"]}
        self.fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


class CsvWriter(_TextWriter):
    def __init__(self, path: str, provisions: list[str], errors_only: bool) -> None:
        super().__init__(path, provisions, errors_only)
        # UTF-8 with BOM: what Excel and WPS need to show Chinese text in a CSV.
        self.fh = open(self.tmp, "w", encoding="utf-8-sig", newline="")
        self.out = csv.writer(self.fh)
        self.out.writerow(self.header())

    def write(self, rec: dict[str, Any]) -> None:
        for row in self.rows_for(rec):
            self.out.writerow([safe_cell(v) for v in row])


class XlsxWriter(_Writer):
    def __init__(self, path: str, provisions: list[str], errors_only: bool) -> None:
        from openpyxl import Workbook

        super().__init__(path, provisions, errors_only)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("errors" if errors_only else "screening")
        self.sheet.append(self.header())
        self.saved = False

    def write(self, rec: dict[str, Any]) -> None:
        for row in self.rows_for(rec):
            self.sheet.append([self._cell(v) for v in row])

    def _cell(self, value: Any) -> Any:
        """Text as a string cell. openpyxl would take text starting with "=" for a formula; the type is set after."""
        if not isinstance(value, str):
            return value
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"
        return cell

    def close(self) -> None:
        if not self.saved:
            self.saved = True  # once: a save that failed (a full disk) is not retried by discard
            self.book.save(self.tmp)

    def abandon(self) -> None:
        self.saved = True  # nothing to save: the file is being dropped


def open_writer(path: str, fmt: str, provisions: list[str], errors_only: bool = False) -> _Writer:
    cls = {"jsonl": JsonlWriter, "csv": CsvWriter, "xlsx": XlsxWriter}[fmt]
    return cls(path, provisions, errors_only)
