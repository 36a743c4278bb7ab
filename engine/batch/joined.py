"""An evaluated row's journal line and ready CSV text, joined as bytes from text made before (engine/batch/pieces.py).

The line is what `orjson.dumps` writes of the row's facts (engine/batch/lines.py: keys in the order the writers and
the summary read them), and its `out` what `CsvCells.ready` writes of its summary row. Both are joined here with one
bytes format each: the decisions' members, cells and field lists are kept as the line holds them (the CSV text
already escaped as a JSON string holds it: JSON escapes each character on its own), so that only the applicant's
words are looked at per row. Words that need neither CSV quotes nor JSON escapes (nearly all) are copied as they
are; others go through csv.writer and orjson, as the record's line does (tests/test_batch_pieces.py).
"""

from __future__ import annotations

from typing import Any

import orjson

from engine.batch.lines import CsvCells
from engine.batch.pieces import Decided
from engine.intake.tables import FORMULA_STARTS

_LINE = (b'{"row":%d,%s"status":"evaluated",%s,"p":{%s},"total":%d,"pending_total":%d,"pending":%s,"missing":%s,'
         b'"failed":[%s],"warnings":%s}')
_OUT = b'"out_bytes":%d,"out":%s,'
_APPLICANT = b'"id":"%s","name":"%s","uscc":"%s","city":"%s"'
_CSV = b'["%d,%s,%s,%s%d,%s,,",",%d,%s"]'  # row, id…city, status, decisions' cells, total, missing, ,, | after


def applicant(cells: CsvCells, id_: str, name: str | None, uscc: str | None, city: str | None) -> tuple[bytes, bytes]:
    """The application's id, name, USCC and city: as the CSV row's cells hold them (in JSON), and as the line's
    members "id":…,"city":…."""
    if name is not None and uscc is not None and city is not None:
        joined = f"{id_},{name},{uscc},{city}"
        # Printable (no control or line-separating character), no delimiter but ours, no quote, no backslash,
        # nothing a spreadsheet would run: csv.writer writes each as it is, orjson writes each between quotes.
        if (joined.isprintable() and joined.count(",") == 3 and '"' not in joined and "\\" not in joined
                and not (id_.startswith(FORMULA_STARTS) or name.startswith(FORMULA_STARTS)
                         or uscc.startswith(FORMULA_STARTS) or city.startswith(FORMULA_STARTS))):
            raw = joined.encode()
            return raw, _APPLICANT % tuple(raw.split(b","))
    members = b'"id":%s,"name":%s,"uscc":%s,"city":%s' % tuple(orjson.dumps(v) for v in (id_, name, uscc, city))
    return cells.in_json([id_, name, uscc, city]), members


def csv_out(number: int, applicant_cells: bytes, word: bytes, decided: Decided, total: int,
            pending_total: int) -> bytes:
    """The `out` of an evaluated row for a CSV output: its summary row around the flags cell (lines.CsvCells.ready).

    `word`: the status cell ("evaluated" in the layout's words), as the JSON string holds it."""
    return _CSV % (number, applicant_cells, word, decided.cells, total, decided.missing.cell, pending_total,
                   decided.pending.cell)


def journal_line(number: int, out: bytes | None, members: bytes, decided: Decided, total: int, pending_total: int,
                 warnings: tuple[str, ...], result: Any = None) -> bytes:
    """The journal line of an evaluated row: `out` spliced in after `row` (lines.journal_line), the facts after it,
    and the `result` document last when it is written from the facts (no `out`)."""
    line = _LINE % (number, b"" if out is None else _OUT % (len(out), out), members, decided.p, total,
                    pending_total, decided.pending.json, decided.missing.json, decided.failed,
                    orjson.dumps(warnings) if warnings else b"[]")
    if result is None:
        return line
    return b'%s,"result":%s}' % (line[:-1], orjson.dumps(result))
