"""Writes an empty input template for reviewers: field paths, then Chinese/English labels, then notes."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.errors import InputError, Issue
from engine.messages import both
from schemas.application import FIELDS
from schemas.choices import choice_label

_KIND_NOTE = {
    "yuan": ("金额,单位元;可写 320万、3.2亿、3,200,000", "whole yuan; 320万, 3.2亿, 3,200,000 accepted"),
    "count": ("整数", "whole number"), "year": ("年份,如 2026", "year, e.g. 2026"),
    "bool": ("是/否(或 有/无、√/×、Y/N)", "yes/no (是/否, 有/无, √/×, Y/N, true/false)"),
    "date": ("日期,如 2026-03-31 或 2026年3月31日", "date, e.g. 2026-03-31"), "text": ("文本", "text"),
    "code": ("代码", "code"), "enum": ("取值之一(中文或代码)", "one of (Chinese or code)"),
    "set": ("以 ; 或 、 分隔(中文或代码)", "; separated (Chinese or codes)"),
}
# Code fields that also take a name (engine/intake/words.py).
_NAMED_NOTE = {"applicant.city_code": ("代码或山东省内地名,如 370102 或 济南市历下区", "code or a Shandong place name"),
               "applicant.industry_code": ("代码或行业名称,如 3491 或 工业机器人", "class code or a name")}


def labels() -> list[str]:
    return [f"{spec.zh} / {spec.en}" for spec in FIELDS.values()]


def notes() -> list[list[str]]:
    rows = [["field", "中文名", "English", "类型 / type", "取值 / values"]]
    for path, spec in FIELDS.items():
        zh, en = _NAMED_NOTE.get(path) or _KIND_NOTE[spec.kind]
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
    help_sheet = book.create_sheet("说明 notes")
    for row in notes():
        help_sheet.append(row)
    help_sheet.append([])
    row2 = both("batch.template_row2")
    help_sheet.append([row2["zh"], row2["en"]])
    book.save(path)
