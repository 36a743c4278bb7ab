"""Writes an empty input template for reviewers: field paths, then Chinese/English labels, then notes."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.errors import InputError, Issue
from engine.messages import both, text
from schemas.application import FIELDS
from schemas.choices import choice_label

_KINDS = ("yuan", "count", "year", "bool", "date", "text", "code", "enum", "set")


def _pair(key: str) -> tuple[str, str]:
    words = both(key)
    return words["zh"], words["en"]


# Code fields that also take a name (engine/intake/words.py).
_NAMED = {"applicant.city_code": "city_code", "applicant.industry_code": "industry_code"}


def labels() -> list[str]:
    return [f"{spec.zh} / {spec.en}" for spec in FIELDS.values()]


def notes() -> list[list[str]]:
    # The notes sheet is bilingual whatever --lang says: its header reads the same in both languages.
    rows = [[text(f"tables.template.col.{c}", "zh") for c in ("field", "zh", "en", "type", "values")]]
    kinds = {kind: _pair(f"tables.template.kind.{kind}") for kind in _KINDS}
    named = {path: _pair(f"tables.template.named.{name}") for path, name in _NAMED.items()}
    for path, spec in FIELDS.items():
        zh, en = named.get(path) or kinds[spec.kind]
        values = ", ".join(f"{choice_label(c)[0]} ({c})" for c in spec.choices)
        rows.append([path, spec.zh, spec.en, f"{zh} / {en}", values])
    return rows


def write_template(path: str) -> None:
    """Row 1: the field paths (the columns `subsidy screen` reads); row 2: their labels, which it skips."""
    fmt = Path(path).suffix.lower()
    if fmt == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(list(FIELDS))
            out.writerow(labels())
        return
    if fmt != ".xlsx":
        words = both("batch.template_format")
        raise InputError(path, [Issue("(output)", "output_format", words["en"], words["zh"])])
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "applications"
    sheet.append(list(FIELDS))
    sheet.append(labels())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A3"
    help_sheet = book.create_sheet(text("tables.template.notes_sheet", "zh"))
    for row in notes():
        help_sheet.append(row)
    help_sheet.append([])
    row2 = both("batch.template_row2")
    help_sheet.append([row2["zh"], row2["en"]])
    book.save(path)
