"""`subsidy allocate`: read a screening, allocate one programme at one or more budgets, write the table atomically.

CSV text that a spreadsheet would run as a formula gets a leading apostrophe (intake.tables.safe_cell); XLSX
text is written as string-typed cells, never formulas (as engine/batch/writers.py does for screenings).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.allocate.allocation import Allocation, allocate
from engine.allocate.programmes import load_programme
from engine.allocate.report import columns, line_row, summary_lines, whatif_columns, whatif_row
from engine.allocate.results import read_screening
from engine.errors import BatchError
from engine.intake.tables import safe_cell
from engine.messages import text


@dataclass(frozen=True)
class AllocateOptions:
    results: str
    programme: str
    rules_dir: str
    budgets: tuple[int, ...] = ()  # none: the programme's own budget; several: the what-if table
    places: int | None = None
    as_of: dt.date | None = None
    output: str | None = None
    lang: str = "zh"


def _refuse(key: str, path: str = "") -> BatchError:
    return BatchError(path, text(key, "en"), text(key, "zh"))


def parse_budgets(raw: str | None) -> tuple[int, ...]:
    """`20000000,30000000` → (20000000, 30000000); BatchError unless every item is a positive whole number."""
    if raw is None:
        return ()
    items = [p.strip().replace("_", "") for p in raw.split(",")]
    if not items or not all(p.isdigit() and len(p) <= 16 and int(p) > 0 for p in items):
        raise _refuse("allocate.bad_budget")
    return tuple(int(p) for p in items)


def run(options: AllocateOptions) -> list[Allocation]:
    """One allocation per budget asked for (the programme's own when none); the output written if asked."""
    if Path(options.results).suffix.lower() != ".jsonl":
        raise _refuse("allocate.results_jsonl", options.results)
    if options.output and Path(options.output).suffix.lower() not in (".csv", ".xlsx"):
        raise _refuse("allocate.output_format", options.output)
    programme = load_programme(options.rules_dir, options.programme)
    if programme.spec.method.kind == "pro_rata" and options.places is not None:
        raise _refuse("allocate.no_places_pro_rata")
    screening = read_screening(options.results, programme)
    as_of = options.as_of or screening.latest or dt.date.today()
    allocations = [allocate(programme, screening.candidates, as_of, budget, options.places, screening.excluded)
                   for budget in (options.budgets or (None,))]
    if options.output:
        if len(allocations) > 1:
            rows = [whatif_row(a, options.lang) for a in allocations]
            write_table(options.output, whatif_columns(options.lang), rows, None)
        else:
            a = allocations[0]
            write_table(options.output, columns(options.lang), [line_row(ln, options.lang) for ln in a.lines],
                        summary_lines(a, options.lang))
    return allocations


def write_table(path: str, header: list[str], rows: list[list[Any]], notes: list[str] | None) -> None:
    """CSV (UTF-8 with BOM, for Excel and WPS) or XLSX with a second sheet of notes; written to .tmp, then renamed."""
    tmp = path + ".tmp"
    try:
        if path.lower().endswith(".csv"):
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(header)
                out.writerows([safe_cell(v) for v in row] for row in rows)
        else:
            _xlsx(tmp, header, rows, notes)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BatchError(path, f"{path}: {exc.strerror}", f"{path}:{exc.strerror}") from None


def _xlsx(path: str, header: list[str], rows: list[list[Any]], notes: list[str] | None) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)

    def cells(sheet: Any, row: list[Any]) -> list[Any]:
        out = []
        for value in row:
            if isinstance(value, str):  # a string-typed cell: "=SUM(A1)" stays text
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                value = cell
            out.append(value)
        return out

    sheet = book.create_sheet("allocation")
    sheet.append(cells(sheet, header))
    for row in rows:
        sheet.append(cells(sheet, row))
    if notes:
        summary = book.create_sheet("summary")
        for note in notes:
            summary.append(cells(summary, [note]))
    book.save(path)
