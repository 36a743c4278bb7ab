"""Turns a flat record of text cells (CSV row, Gherkin table) into an application document (SPEC §1).

Columns are dotted field paths or their Chinese labels; an empty cell means not provided; lists are
`;`-separated, and a list cell of just `无` or `none` is the empty list (an empty cell cannot say "none
of them": it means not provided); booleans accept true/false, 1/0, yes/no, 是/否. Values that cannot be
read are Issues naming the column, so one bad cell never hides the others.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any

from engine.errors import InputError, Issue
from schemas.application import FIELDS

TRUE = {"true", "1", "yes", "y", "是", "t"}
FALSE = {"false", "0", "no", "n", "否", "f"}
NONE = {"无", "none"}
ALIASES = {spec.zh: path for path, spec in FIELDS.items()}
_INTEGER = re.compile(r"[+-]?\d{1,3}(,\d{3})+|[+-]?\d+")


@lru_cache(maxsize=1024)  # a batch repeats the same few headers on every row
def column_path(header: str) -> str | None:
    """The field path a column header names (path or Chinese label), or None."""
    header = header.strip().lstrip("\ufeff")
    return header if header in FIELDS else ALIASES.get(header)


def _cell(path: str, text: str) -> Any:
    kind = FIELDS[path].kind
    if kind in ("yuan", "count", "year"):
        if not _INTEGER.fullmatch(text):
            raise ValueError(("应为整数(以元为单位,不写“万”等单位)", "should be a whole number (yuan, without units such as 万)")
                             if kind == "yuan" else ("应为整数", "should be a whole number"))
        return int(text.replace(",", ""))
    if kind == "bool":
        low = text.lower()
        if low in TRUE:
            return True
        if low in FALSE:
            return False
        raise ValueError(("应为 是/否(true/false)", "should be true or false (是/否, yes/no, 1/0)"))
    if kind == "set":
        return [] if text.lower() in NONE else [part.strip() for part in text.split(";") if part.strip()]
    return text


def from_cells(cells: dict[str, str], source: str = "<record>", row: int | None = None) -> dict[str, Any]:
    """The nested application document of one record; raises InputError listing every unreadable cell."""
    doc: dict[str, Any] = {}
    issues: list[Issue] = []
    for header, raw in cells.items():
        path = column_path(header)
        if path is None:
            close = difflib.get_close_matches(header, list(FIELDS), n=1, cutoff=0.75)
            hint = (f";是否应为 {close[0]}?", f"; did you mean {close[0]}?") if close else ("", "")
            issues.append(Issue(header or "(unnamed column)", "extra_forbidden", "unknown column" + hint[1],
                                "未知列" + hint[0], row=row))
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
