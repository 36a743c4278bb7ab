"""Writes an empty input template for reviewers: field paths, then Chinese/English labels, then notes."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.errors import InputError, Issue
from schemas.application import FIELDS

_KIND_NOTE = {
    "yuan": ("整数,单位元", "whole yuan"), "count": ("整数", "whole number"), "year": ("年份,如 2026", "year, e.g. 2026"),
    "bool": ("是/否 或 true/false", "true/false (是/否)"), "date": ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    "text": ("文本", "text"), "code": ("代码", "code"), "enum": ("取值之一", "one of"), "set": ("以 ; 分隔", "; separated"),
}


def labels() -> list[str]:
    return [f"{spec.zh} / {spec.en}" for spec in FIELDS.values()]


def notes() -> list[list[str]]:
    rows = [["field", "中文名", "English", "类型 / type", "取值 / values"]]
    for path, spec in FIELDS.items():
        zh, en = _KIND_NOTE[spec.kind]
        rows.append([path, spec.zh, spec.en, f"{zh} / {en}", ", ".join(spec.choices)])
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
        raise InputError(path, [Issue("(output)", "output_format", "the template must end in .csv or .xlsx",
                                      "模板文件须以 .csv 或 .xlsx 结尾")])
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
    help_sheet.append(["第 2 行为说明行,筛查时自动跳过;空单元格表示未提供。",
                       "Row 2 holds labels and is skipped when screening; an empty cell means not provided."])
    book.save(path)
