"""Turns a flat record of text cells (CSV row, Gherkin table) into an application document.

Columns are dotted field paths or their Chinese labels; an empty cell means not provided; lists are
`;`-separated (also `、` and `,`), and a list cell of just `无` or `none` is the empty list (an empty cell
cannot say "none of them": it means not provided). What a person types is read by engine/intake/words.py:
booleans as 是/否, 有/无, √/×, Y/N, true/false, 1/0; choices as code, Chinese label or synonym; amounts as
320万, 3.2亿 or 3,200,000 (exactly); the city and industry as names. Values that cannot be read are Issues
naming the column, so one bad cell never hides the others.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

from engine.errors import InputError, Issue
from engine.intake import words
from engine.messages import both
from schemas.application import FIELDS

ALIASES = {spec.zh: path for path, spec in FIELDS.items()}
# Code fields that take a name too; every other code field (the USCC) is taken as typed.
_NAMED_CODES = {"applicant.city_code": words.city, "applicant.industry_code": words.industry}


@lru_cache(maxsize=1024)  # a batch repeats the same few headers on every row
def column_path(header: str) -> str | None:
    """The field path a column header names (path or Chinese label), or None."""
    header = header.strip().lstrip("\ufeff")
    return header if header in FIELDS else ALIASES.get(header)


def _cell(path: str, text: str) -> Any:
    """The value of one typed cell; ValueError((zh, en)) when it cannot be read (engine/intake/words.py)."""
    kind = FIELDS[path].kind
    if kind in ("yuan", "count"):
        return words.number(text, kind)
    if kind == "year":
        return words.year(text)
    if kind == "bool":
        return words.flag(text)
    if kind == "date":
        return words.date(text)
    if kind == "enum":
        return words.choice(path, text)
    if kind == "set":
        return [] if words.normalise(text) in words.NONE else words.choices(path, text)
    if kind == "code" and path in _NAMED_CODES:
        return _NAMED_CODES[path](text)
    return text


def from_cells(cells: dict[str, str], source: str = "<record>", row: int | None = None) -> dict[str, Any]:
    """The nested application document of one record; raises InputError listing every unreadable cell."""
    doc: dict[str, Any] = {}
    issues: list[Issue] = []
    for header, raw in cells.items():
        path = column_path(header)
        if path is None:
            close = difflib.get_close_matches(header, list(FIELDS), n=1, cutoff=0.75)
            hint = both("intake.did_you_mean", path=close[0]) if close else {"zh": "", "en": ""}
            issues.append(Issue.of(header or "(unnamed column)", "extra_forbidden",
                                   "intake.unknown_column", row=row, hint=hint))
            continue
        text = (raw or "").strip()
        if not text:
            continue
        try:
            value = _cell(path, text)
        except ValueError as exc:
            zh, en = exc.args[0]
            issues.append(Issue(path, "cell_value", en, zh, input=text, row=row))
            continue
        section, _, name = path.partition(".")
        if name:
            doc.setdefault(section, {})[name] = value
        else:
            doc[section] = value
    if issues:
        raise InputError(source, issues)
    return doc


_IDENTITY = {"id": "application_id", "name": "applicant.name", "uscc": "applicant.uscc", "city": "applicant.city_code"}


def identity(cells: dict[str, str] | None, doc: Any = None) -> dict[str, Any]:
    """Id, name, USCC and city of a row that failed validation, so that its error record can still be found
    and sorted: a cell that reads is kept as read (济南市历下区 → 370102), one that does not as typed."""
    if cells is not None:
        out: dict[str, Any] = {}
        for key, path in _IDENTITY.items():
            typed = (cells.get(path) or "").strip()
            try:
                out[key] = _cell(path, typed) if typed else None
            except ValueError:
                out[key] = typed
        return out
    source = doc if isinstance(doc, dict) else {}
    applicant = source.get("applicant") if isinstance(source.get("applicant"), dict) else {}
    picked = {key: (source if path == "application_id" else applicant).get(path.rpartition(".")[2])
              for key, path in _IDENTITY.items()}
    return {key: value if isinstance(value, str) else str(value) if type(value) is int else None
            for key, value in picked.items()}
