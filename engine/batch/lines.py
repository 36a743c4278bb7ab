"""A journal line, and the output text a screening worker makes ready in it, so the parent only copies bytes.

A journal line is one JSON object per screened row: the facts the summary, the duplicate check and the
writers read (`row` first, then `status`, ids, decisions…). When the output is CSV or JSONL, the worker also
puts the row's output text in it, as written, but for the duplicate flags (known only once the whole batch
is seen), right after `row`:

    {"row":7,"out_bytes":1234,"out":<the text, as JSON>,"status":…}

`out_bytes` is the length of the `out` value in bytes, so the parent cuts it out without parsing the line.
For CSV the value is ["cells before the flags,", ",cells after"]: the flags cell goes between, "\\r\\n" after.
For JSONL it is the output's document without its last key, `flags`. Every line stays a JSON object, so
that a line without `out` (XLSX, a layout the journal was not started with, a crash record) is read as before.
The facts are written compact by orjson (the journal is the parent's own; outputs keep json.dumps' spacing).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import orjson

from engine.intake.tables import FORMULA_STARTS as _FORMULA_STARTS, safe_cell

_ROW = b'{"row":'
_OUT_BYTES = b'"out_bytes":'
_OUT = b',"out":'
_ERROR = b',"status":"error"'
_FLAGS = b', "flags": '


def compact(value: Any) -> bytes:
    """JSON without spaces: orjson, or json for what orjson refuses (an integer beyond 64 bits in an error's input,
    a lone surrogate: a JSONL line may write "\\ud800" in a name its error record quotes)."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is one
        return utf8(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def utf8(text: str) -> bytes:
    """The text in UTF-8, which has no lone surrogates: one (a JSONL line's "\\ud800", quoted by its error record)
    is written U+FFFD, as bytes of a CSV that do not decode are (tables._bad_text). A batch never fails on it."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode()


_SURROGATE = re.compile("[\ud800-\udfff]")


def journal_line(facts: dict[str, Any], out: bytes | None = None) -> bytes:
    """The facts (a dict whose first key is `row`) as one line of JSON, with the ready output spliced in."""
    text = compact(facts)
    if out is None:
        return text
    cut = text.index(b",") + 1  # after '{"row":N,'
    return b"%s%s%d%s%s,%s" % (text[:cut], _OUT_BYTES, len(out), _OUT, out, text[cut:])


def in_json(text: str) -> bytes:
    """The text as `compact` writes it inside a JSON string, without the quotes. JSON escapes each character on its
    own, so parts escaped one by one and joined are the whole text escaped: a ready `out` is joined from such parts."""
    return compact(text)[1:-1]


def ready_part(line: bytes) -> tuple[int, bytes, bool] | None:
    """(row, the ready output, whether the row is an error) of a journal line; None when it has no output."""
    if not line.startswith(_ROW):
        return None
    comma = line.find(b",", len(_ROW))
    if comma < 0 or not line.startswith(_OUT_BYTES, comma + 1):
        return None
    start = comma + 1 + len(_OUT_BYTES)
    end = line.index(b",", start)
    size = int(line[start:end])
    begin = end + len(_OUT)
    return int(line[len(_ROW):comma]), line[begin:begin + size], line.startswith(_ERROR, begin + size)


# ---- CSV -----------------------------------------------------------------------------------------

class CsvCells:
    """CSV text of cells exactly as csv.writer writes them (each cell is quoted or not on its own)."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def text(self, cells: list[Any]) -> str:
        """The cells as one CSV record, without the line end."""
        joined = _plain_text(cells)
        if joined is not None:
            return joined
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()[:-2]

    def ready(self, before: list[Any], after: list[Any]) -> bytes:
        """The `out` of a CSV row: the cells before the flags cell and those after it (made safe_cell)."""
        return compact([self.text(_safe(before)) + ",", "," + self.text(_safe(after))])

    def cell(self, value: str) -> bytes:
        """One cell's CSV text, made safe_cell ("" for an empty one)."""
        return self.cell_text(value).encode()

    def cell_text(self, value: str) -> str:
        """One cell's CSV text within a row, made safe_cell: "" for an empty one (alone, csv.writer quotes it)."""
        return self.text([safe_cell(value)]) if value else ""

    def in_json(self, cells: list[Any]) -> bytes:
        """The cells (made safe_cell) as CSV text, as a JSON string holds it: a part of a ready `out` (`in_json`)."""
        return in_json(self.text(_safe(cells)))


def _plain_text(cells: list[Any]) -> str | None:
    """The record as csv.writer writes it when no cell needs quotes (the usual row), without a writer call per
    cell; None when one does, or when the record is one empty cell (which csv.writer writes as \'""\').
    What makes csv.writer (the excel dialect, QUOTE_MINIMAL) quote a cell: the delimiter (counted), '"', \\r, \\n.

    csv.writer writes None as nothing, a str (or a subclass: its text) as it is, and any other value as str() gives
    it (float's str is its repr).
    """
    parts = ["" if v is None else v if isinstance(v, str) else str(v) for v in cells]
    joined = ",".join(parts)
    # Three scans for one character each: a regular expression's character class costs ten times as much a character.
    if not joined or joined.count(",") != len(parts) - 1 or '"' in joined or "\n" in joined or "\r" in joined:
        return None
    return joined


def _safe(cells: list[Any]) -> list[Any]:
    """safe_cell of every cell, inline: the same test, without a call per cell."""
    return ["'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v for v in cells]


def csv_line(out: bytes, flags_cell: bytes) -> bytes:
    """The CSV row a ready `out` and its flags cell make (with the line end csv.writer writes)."""
    if b"\\" in out:  # some text needed escaping in JSON (a quote, a line break): decode it
        before, after = (part.encode() for part in json.loads(out))
    else:  # the usual case: no quote is escaped, so every '"' is JSON's own and '","' parts the two strings
        cut = out.index(b'","')
        before, after = out[2:cut], out[cut + 3:-2]
    return before + flags_cell + after + b"\r\n"


# ---- JSONL ---------------------------------------------------------------------------------------

def jsonl_ready(doc: dict[str, Any]) -> bytes | None:
    """The `out` of a JSONL row: its document without `flags` (None if the document has a key of that name)."""
    if "flags" in doc:
        return None
    return utf8(json.dumps(doc, ensure_ascii=False))


def jsonl_line(out: bytes, flags: list[dict[str, Any]]) -> bytes:
    """The JSONL line of a ready `out`: `flags` added as its last key, as json.dumps writes it."""
    return out[:-1] + _FLAGS + (utf8(json.dumps(flags, ensure_ascii=False)) if flags else b"[]") + b"}\n"
