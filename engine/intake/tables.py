"""Reads batches of applications from CSV, XLSX or JSONL, and writes spreadsheet cells safely.

Every data row comes out as a `Row` with its row number, so that nothing is lost: a row that cannot
even be read (a broken JSONL line) is still a Row, carrying its Issues. Problems with the file as a
whole (unreadable, no header, unknown columns) raise InputError: the batch cannot start.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue
from engine.intake.documents import loads_untrusted
from engine.intake.cells import column_path
from schemas.application import FIELDS

FORMATS = ("csv", "xlsx", "jsonl")
MAX_LINE_BYTES = 1024 * 1024
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Row:
    number: int  # as a reviewer finds it: the spreadsheet row (header = 1) or the JSONL line
    cells: dict[str, str] | None = None
    doc: Any = None
    issues: list[Issue] = field(default_factory=list)


def input_format(path: str, explicit: str | None) -> str:
    fmt = explicit or Path(path).suffix.lower().lstrip(".")
    if fmt == "json":
        fmt = "jsonl"
    if fmt not in FORMATS:
        raise InputError(path, [Issue("(file)", "input_format", f"cannot tell the format of {Path(path).name}; "
                                      "use .csv, .xlsx or .jsonl, or --input-format",
                                      "无法判断文件格式;请使用 .csv、.xlsx、.jsonl 或 --input-format")])
    return fmt


def _fatal(path: str, loc: str, kind: str, en: str, zh: str) -> InputError:
    return InputError(path, [Issue(loc, kind, en, zh)])


def detect_encoding(path: str) -> str:
    """UTF-8 (with or without BOM) when the start of the file decodes as UTF-8, else GB18030 (Chinese Excel)."""
    with open(path, "rb") as fh:
        head = fh.read(256 * 1024)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def _columns(path: str, header: list[str]) -> list[str]:
    """Field paths of the header cells; unknown or repeated columns make the file unusable (named)."""
    if not any(h.strip() for h in header):
        raise _fatal(path, "(header)", "no_header", "the first row is empty: it must name the columns",
                     "第一行为空:应为列名")
    paths, issues = [], []
    for i, name in enumerate(header, start=1):
        p = column_path(name)
        if p is None:
            issues.append(Issue(name.strip() or f"(column {i})", "unknown_column",
                                f"column {i} is not a field of the application (see `subsidy template`)",
                                f"第 {i} 列不是申请字段(参见 subsidy template)"))
        elif p in paths:
            issues.append(Issue(name, "duplicate_column", f"column {i} repeats {p}", f"第 {i} 列与 {p} 重复"))
        paths.append(p or "")
    if issues:
        raise InputError(path, issues)
    return paths


def _is_label_row(paths: list[str], values: list[str]) -> bool:
    """The template's second header row (Chinese and English labels), which is skipped."""
    seen = False
    for p, v in zip(paths, values):
        v = v.strip()
        if not v:
            continue
        spec = FIELDS[p]
        if v not in (spec.zh, spec.en, f"{spec.zh} / {spec.en}"):
            return False
        seen = True
    return seen


def _rows_from_table(path: str, table: Iterator[tuple[int, list[str]]]) -> Iterator[Row]:
    try:
        _, header = next(table)
    except StopIteration:
        raise _fatal(path, "(file)", "empty_file", "the file is empty", "文件为空") from None
    paths = _columns(path, header)
    first = True
    for number, values in table:
        if first and _is_label_row(paths, values):
            first = False
            continue
        first = False
        if not any(v.strip() for v in values):
            continue  # blank lines are not applications
        extra = values[len(paths):]
        row = Row(number, dict(zip(paths, values)))
        if any(v.strip() for v in extra):
            row.issues.append(Issue("(row)", "extra_cells", f"has {len(extra)} cells beyond the header",
                                    f"多出 {len(extra)} 个单元格", row=number))
        yield row


def _csv_table(path: str, encoding: str) -> Iterator[tuple[int, list[str]]]:
    with open(path, encoding=encoding, newline="", errors="strict") as fh:
        reader = csv.reader(fh)
        try:
            # The record's ordinal is the row a spreadsheet shows; a cell with line breaks spans several lines.
            for number, values in enumerate(reader, start=1):
                yield number, values
        except UnicodeDecodeError as exc:
            raise _fatal(path, "(file)", "encoding", f"not valid {encoding} text near line {reader.line_num + 1}; "
                         "try --encoding", f"第 {reader.line_num + 1} 行附近不是有效的 {encoding} 文本;请尝试 --encoding",
                         ) from exc
        except csv.Error as exc:
            raise _fatal(path, "(file)", "csv", f"line {reader.line_num}: {exc}", f"第 {reader.line_num} 行:{exc}") from exc


def xlsx_text(value: Any) -> str:
    """A spreadsheet cell as the text a reviewer typed (Excel stores 3491 as a number, dates as datetimes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_table(path: str) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _fatal(path, "(file)", "xlsx", f"not a readable .xlsx workbook ({type(exc).__name__})",
                     "不是可读取的 .xlsx 工作簿") from exc
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [xlsx_text(v) for v in values]
    finally:
        book.close()


def _jsonl_rows(path: str) -> Iterator[Row]:
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                if len(raw) > MAX_LINE_BYTES:
                    raise ValueError(f"longer than {MAX_LINE_BYTES:,} bytes")
                yield Row(number, doc=loads_untrusted(raw.decode("utf-8-sig")))
            except (ValueError, UnicodeDecodeError) as exc:
                yield Row(number, issues=[Issue("(line)", "json_invalid", f"is not valid JSON: {exc}",
                                                f"不是有效的 JSON:{exc}", row=number)])


def read_rows(path: str, fmt: str, encoding: str | None = None) -> Iterator[Row]:
    """The data rows of a batch file, in order. Raises InputError at once when the file is unusable."""
    if not Path(path).is_file():
        raise _fatal(path, "(file)", "file_unreadable", "no such file", "文件不存在")
    if fmt == "jsonl":
        return _jsonl_rows(path)
    table = _xlsx_table(path) if fmt == "xlsx" else _csv_table(path, encoding or detect_encoding(path))
    rows = _rows_from_table(path, table)
    # Read up to the first row now, so that header problems surface before any work starts.
    first = next(rows, None)
    return iter(()) if first is None else _chain(first, rows)


def _chain(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest


def count_rows(path: str, fmt: str) -> int | None:
    """A cheap estimate of the number of data rows, for the progress bar."""
    if fmt == "xlsx":
        return None
    with open(path, "rb") as fh:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return max(0, lines - (0 if fmt == "jsonl" else 1))


def safe_cell(value: Any) -> Any:
    """For CSV: text that Excel or WPS would run as a formula gets a leading apostrophe; numbers stay numbers.

    Not for XLSX, where a string-typed cell is never a formula and the apostrophe would be part of the text.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
