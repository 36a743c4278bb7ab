"""Fuzz targets for the parsing and validation path; also run over fuzz/corpus/ by tests/test_fuzz_corpus.py."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import InputError, parse_application  # noqa: E402
from engine.intake.documents import loads_untrusted  # noqa: E402
from engine.intake.cells import from_cells  # noqa: E402


def json_document(data: bytes) -> None:
    """Bytes as a JSON application: a parsed Application or an InputError, nothing else."""
    try:
        doc = loads_untrusted(data.decode("utf-8", errors="strict"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # read_json turns exactly these into InputErrors; anything else escaping is a finding
    try:
        parse_application(doc)
    except InputError as exc:
        assert exc.issues


def csv_row(data: bytes) -> None:
    """Bytes as a two-line CSV (header, row): cells → document → Application, or InputErrors."""
    text = data.decode("utf-8", errors="replace")
    try:  # as engine/intake/tables.py reads CSV: newline="" so a lone CR is a line end, csv.Error an InputError
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return
    if len(rows) < 2:
        return
    cells = dict(zip(rows[0], rows[1]))
    try:
        parse_application(from_cells(cells, row=2))
    except InputError as exc:
        assert exc.issues


TARGETS = {"json": json_document, "csv": csv_row}
