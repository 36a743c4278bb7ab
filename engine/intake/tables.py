"""Reads batches of applications from CSV, XLSX or JSONL, and writes spreadsheet cells safely.

Every data row comes out as a `Row` with its row number, so that nothing is lost: a row that cannot
even be read (a broken JSONL line) is still a Row, carrying its Issues. Problems with the file as a
whole (unreadable, no header, unknown columns) raise InputError: the batch cannot start.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue
from engine.intake.documents import loads_untrusted
from engine.intake.cells import column_path
from engine.messages import both
from schemas.application import FIELDS

FORMATS = ("csv", "xlsx", "jsonl")
MAX_LINE_BYTES = 1024 * 1024  # one JSONL line; a longer one is an error record, skipped without being read whole
MAX_CSV_LINE_CHARS = 1024 * 1024  # one physical CSV line; a longer one (a 50 MB cell) stops the file, named
MAX_CSV_CELL_CHARS = 128 * 1024  # csv's own field limit, stated here so that SECURITY.md can cite it
MAX_XLSX_UNPACKED = 1024 * 1024 * 1024  # all parts of a workbook, uncompressed
MAX_XLSX_RATIO = 100  # uncompressed / compressed for any part above 16 MiB: real sheets are near 10, bombs 1000
MAX_XLSX_PART = 64 * 1024 * 1024  # a part openpyxl holds whole (shared strings, styles): only sheets are streamed
_RATIO_FROM = 16 * 1024 * 1024
_SCAN_BLOCK = 1 << 20
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" leaves for bytes that do not decode
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet would run (safe_cell)
# The reason json_invalid quotes for an over-long JSONL line (looked up once: it is the same for every line).
_LINE_TOO_LONG = both("tables.jsonl_line_too_long", limit=MAX_LINE_BYTES)["en"]


@dataclass
class Row:
    number: int  # as a reviewer finds it: the spreadsheet row (header = 1) or the JSONL line
    cells: dict[str, str] | None = None
    doc: Any = None
    issues: list[Issue] = field(default_factory=list)
    raw: bytes | None = None  # a JSONL line left unparsed: the screening worker parses it, not the parent

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled small: rows travel to the screening workers by the thousand (an unparsed line: number and bytes)."""
        if self.cells is None and self.doc is None and not self.issues:
            return _raw_row, (self.number, self.raw)
        return Row, (self.number, self.cells, self.doc, self.issues, self.raw)


def _raw_row(number: int, raw: bytes | None) -> Row:
    return Row(number, raw=raw)


def input_format(path: str, explicit: str | None) -> str:
    fmt = explicit or Path(path).suffix.lower().lstrip(".")
    if fmt == "json":
        fmt = "jsonl"
    if fmt not in FORMATS:
        raise InputError(path, [_issue("(file)", "input_format", "tables.unknown_format", name=Path(path).name)])
    return fmt


def _issue(loc: str, kind: str, key: str, row: int | None = None, suffix: str = "", **fields: Any) -> Issue:
    """An Issue worded by the catalogue; `suffix` is data added to the English only (an exception's class name)."""
    said = both(key, **fields)
    return Issue(loc, kind, said["en"] + suffix, said["zh"], row=row)


def _fatal(path: str, loc: str, kind: str, key: str, suffix: str = "", **fields: Any) -> InputError:
    return InputError(path, [_issue(loc, kind, key, suffix=suffix, **fields)])


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
        pass
    # Mixed: some non-ASCII lines are UTF-8, some are not (rows pasted from another file). Read as UTF-8, so
    # that only the odd rows become error records, rather than GB18030, which turns every UTF-8 row into mojibake.
    lines = [line for line in head.split(b"\n")[:-1] if not line.isascii()]
    if any(_is_utf8(line) for line in lines):
        return "utf-8-sig"
    return "gb18030"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _columns(path: str, header: list[str]) -> list[str]:
    """Field paths of the header cells; unknown or repeated columns make the file unusable (named)."""
    if not any(h.strip() for h in header):
        raise _fatal(path, "(header)", "no_header", "tables.no_header")
    paths, issues = [], []
    for i, name in enumerate(header, start=1):
        p = column_path(name)
        if p is None:
            issues.append(_issue(name.strip() or f"(column {i})", "unknown_column", "tables.unknown_column_at", i=i))
        elif p in paths:
            issues.append(_issue(name, "duplicate_column", "tables.duplicate_column", i=i, path=p))
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
        raise _fatal(path, "(file)", "empty_file", "tables.empty_file") from None
    paths = _columns(path, [_UNDECODABLE.sub("\ufffd", h) for h in header])
    first = True
    for number, values in table:
        if first and _is_label_row(paths, values):
            first = False
            continue
        first = False
        if not any(v.strip() for v in values):
            continue  # blank lines are not applications
        bad_text = _bad_text(values, number)  # first: it cleans `values` for the error record
        extra = values[len(paths):]
        row = Row(number, dict(zip(paths, values)))
        if any(v.strip() for v in extra):
            row.issues.append(_issue("(row)", "extra_cells", "tables.extra_cells", row=number, count=len(extra)))
        row.issues += bad_text
        yield row


def _bad_text(values: list[str], number: int) -> list[Issue]:
    """NUL characters (never typed, and C code truncates at them) or bytes of another encoding: the row is refused."""
    joined = "".join(values)
    issues = []
    if "\x00" in joined:
        issues.append(_issue("(row)", "nul_character", "tables.nul_character", row=number))
    if _UNDECODABLE.search(joined):
        issues.append(_issue("(row)", "encoding", "tables.encoding", row=number))
    if issues:  # shown in the error record as U+FFFD: lone surrogates cannot be written as UTF-8, NUL not in XLSX
        values[:] = [_UNDECODABLE.sub("\ufffd", v).replace("\x00", "\ufffd") for v in values]
    return issues


def _bounded_lines(fh: Any, path: str) -> Iterator[str]:
    """The file's lines for csv.reader, none longer than MAX_CSV_LINE_CHARS (so a huge cell is never held whole)."""
    number = 0
    while line := fh.readline(MAX_CSV_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_CSV_LINE_CHARS:
            raise _fatal(path, "(file)", "line_too_long", "tables.csv_line_too_long", number=number,
                         limit=MAX_CSV_LINE_CHARS)
        yield line


def _csv_table(path: str, encoding: str) -> Iterator[tuple[int, list[str]]]:
    # Bytes that do not decode are kept (surrogateescape) so that only their row is refused (_bad_text).
    with open(path, encoding=encoding, newline="", errors="surrogateescape") as fh:
        csv.field_size_limit(MAX_CSV_CELL_CHARS)
        reader = csv.reader(_bounded_lines(fh, path))
        try:
            # The record's ordinal is the row a spreadsheet shows; a cell with line breaks spans several lines.
            for number, values in enumerate(reader, start=1):
                yield number, values
        except csv.Error as exc:
            raise _fatal(path, "(file)", "csv", "tables.csv_error", number=reader.line_num, error=exc) from exc


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


def _check_unpacked(path: str) -> None:
    """Refuse a zip bomb before any part is inflated: declared sizes bound what zipfile will produce."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fatal(path, "(file)", "xlsx", "tables.xlsx_unreadable", suffix=f" ({type(exc).__name__})") from exc
    total = sum(p.file_size for p in parts)
    bomb = any(p.file_size > _RATIO_FROM and p.file_size > MAX_XLSX_RATIO * max(p.compress_size, 1) for p in parts)
    bomb = bomb or any(p.file_size > MAX_XLSX_PART and not p.filename.startswith("xl/worksheets/") for p in parts)
    if total > MAX_XLSX_UNPACKED or bomb:
        raise _fatal(path, "(file)", "xlsx_too_large", "tables.xlsx_too_large", total=total, limit=MAX_XLSX_UNPACKED,
                     ratio=MAX_XLSX_RATIO)


_TAGS = re.compile(rb"<(?:\w+:)?(?:row\b[^>]*?\sr=\"(\d+)\"|(?:v|is|f)[\s>/])")  # a numbered row, or a value


def _last_value_row(sheet: Any) -> int | None:
    """The last row that holds any value, by a fast scan of the sheet's XML; None when rows are not numbered.

    A sheet with a million formatted but empty rows (select all, add a border) then reads in a second,
    not in a minute: openpyxl is told to stop there.
    """
    last = current = 0
    tail = b""
    with sheet.parent._archive.open(sheet._worksheet_path) as src:
        while block := src.read(_SCAN_BLOCK):
            text = tail + block
            cut = max(0, text.rfind(b"<"))  # a tag cut by the block boundary is scanned with the next block
            for match in _TAGS.finditer(text, 0, cut):
                if match.group(1):
                    current = int(match.group(1))
                elif current:
                    last = current
            if not current and text.find(b"<row", 0, cut) >= 0:
                return None
            tail = text[cut:]
    return last


def _xlsx_table(path: str) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_unpacked(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _fatal(path, "(file)", "xlsx", "tables.xlsx_unreadable", suffix=f" ({type(exc).__name__})") from exc
    try:
        sheet = book.worksheets[0]
        try:
            last = _last_value_row(sheet)
        except (AttributeError, KeyError, zipfile.BadZipFile):  # openpyxl internals moved: read every row
            last = None
        rows = sheet.iter_rows(values_only=True, max_row=max(last, 1) if last is not None else None)
        for number, values in enumerate(rows, start=1):
            yield number, [xlsx_text(v) for v in values]
    finally:
        book.close()


def _jsonl_rows(path: str, raw_lines: bool = False) -> Iterator[Row]:
    with open(path, "rb") as fh:
        yield from _jsonl_lines(fh, 1, raw_lines)


def _jsonl_lines(fh: Any, number: int, raw_lines: bool, end: int | None = None) -> Iterator[Row]:
    """The rows of the lines from the file's position on, the first numbered `number`; up to byte `end`."""
    number -= 1
    while (end is None or fh.tell() < end) and (raw := fh.readline(MAX_LINE_BYTES + 1)):
        number += 1
        too_long = len(raw) > MAX_LINE_BYTES
        if too_long and not raw.endswith(b"\n"):
            while (rest := fh.readline(_SCAN_BLOCK)) and not rest.endswith(b"\n"):
                pass  # the rest of an over-long line is read past a bounded piece at a time, never held
        if raw.isspace():  # blank (bytes.isspace: the whitespace strip() removes), without copying the line
            continue
        try:
            if too_long:
                raise ValueError(_LINE_TOO_LONG)
            if raw_lines:
                yield Row(number, raw=raw)
                continue
            yield Row(number, doc=loads_untrusted(raw.decode("utf-8-sig")))
        except (ValueError, UnicodeDecodeError) as exc:
            yield Row(number, issues=[_issue("(line)", "json_invalid", "tables.json_invalid", row=number, error=exc)])


@dataclass(frozen=True)
class LineSpan:
    """Consecutive lines of a JSONL file, by position: the screening worker reads them itself (`rows`), so that
    the parent, which only finds where the lines end, never reads, holds or sends them."""

    path: str
    start: int  # the first line's byte offset
    end: int  # the byte after the last line
    number: int  # the first line's number

    def rows(self) -> list[Row]:
        """The span's rows, read as `read_rows(…, raw_lines=True)` reads them (blank lines skipped)."""
        with open(self.path, "rb") as fh:
            fh.seek(self.start)
            if self.end - self.start > MAX_LINE_BYTES:  # it may hold a line too long to be read whole
                return list(_jsonl_lines(fh, self.number, True, self.end))
            data = fh.read(self.end - self.start)
        # Read at once and cut at each newline, kept (as readline keeps it): no line in the span is too long.
        rows, number, at, size = [], self.number, 0, len(data)
        while at < size:
            cut = data.find(b"\n", at) + 1 or size
            raw = data[at:cut]
            if not raw.isspace():
                rows.append(Row(number, raw=raw))
            number, at = number + 1, cut
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows())


def jsonl_spans(path: str, lines: int, skip: int = 0) -> Iterator[LineSpan]:
    """The JSONL file as spans of `lines` lines each, after its first `skip` rows (those of a resumed run)."""
    start, number = _after_rows(path, skip)
    with open(path, "rb") as fh:
        fh.seek(start)
        pos, count = start, 0  # the block's offset; newlines since `start`
        while block := fh.read(_SCAN_BLOCK):
            cut, left = -1, block.count(b"\n")  # counted once a block: `left` newlines after `cut`
            while count + left >= lines:
                for _ in range(lines - count):
                    cut = block.index(b"\n", cut + 1)
                left -= lines - count
                yield LineSpan(path, start, pos + cut + 1, number)
                start, number, count = pos + cut + 1, number + lines, 0
            count += left
            pos += len(block)
        if pos > start:
            yield LineSpan(path, start, pos, number)


def _after_rows(path: str, skip: int) -> tuple[int, int]:
    """The byte offset and line number of the line after the first `skip` rows."""
    if skip == 0:
        return 0, 1
    with open(path, "rb") as fh:
        for seen, row in enumerate(_jsonl_lines(fh, 1, True), start=1):
            if seen == skip:
                return fh.tell(), row.number + 1
        return fh.tell(), 1  # fewer rows than skipped: nothing is left


def read_rows(path: str, fmt: str, encoding: str | None = None, raw_lines: bool = False) -> Iterator[Row]:
    """The data rows of a batch file, in order. Raises InputError at once when the file is unusable.

    `raw_lines`: JSONL lines come as bytes (`Row.raw`), parsed later by `documents.parse_line`.
    """
    if not Path(path).is_file():
        raise _fatal(path, "(file)", "file_unreadable", "tables.no_such_file")
    if fmt == "jsonl":
        return _jsonl_rows(path, raw_lines)
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
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
