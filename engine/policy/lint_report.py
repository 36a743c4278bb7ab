"""How `subsidy rules validate` shows a problem: file, line and column, the 1-based place, the offending line."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine.errors import RuleFileError
from engine.messages import text
from engine.rules.yamlsafe import load_yaml


@lru_cache(maxsize=64)
def _document(path: str, stamp: tuple[int, int]) -> Any:
    try:
        return load_yaml(Path(path), path)[0]
    except RuleFileError:
        return None


def _doc(file: Path) -> Any:
    try:
        stat = file.stat()
    except OSError:
        return None
    return _document(str(file), (stat.st_mtime_ns, stat.st_size))


def _child(node: Any, segment: str) -> Any:
    if isinstance(node, dict):
        return next((v for k, v in node.items() if str(k) == segment), None)
    return None


def place(key: str, file: Path, lang: str) -> str:
    """A dotted key as a person counts: `criteria.7.when` → 第 8 条判定条件 (enough-employees) › when."""
    node, parts, pending = _doc(file), [], []
    for segment in key.split("."):
        if segment.isdigit() and pending:
            n = int(segment)
            item = node[n] if isinstance(node, list) and n < len(node) else None
            if pending == ["criteria"] and not parts:
                name = (item.get("id") or item.get("use")) if isinstance(item, dict) else None
                parts.append(text("lint.place.criterion", lang, n=n + 1, id=name or "?"))
            else:
                parts.append(text("lint.place.item", lang, name=".".join(pending), n=n + 1))
            node, pending = item, []
        else:
            pending.append(segment)
            node = _child(node, segment)
    if pending:
        parts.append(".".join(pending))
    return " › ".join(parts)


def _width(chars: str) -> int:
    """Columns a text takes in a terminal (Chinese characters take two), so the caret lands under the column."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in chars)


def render_problem(problem: RuleFileError, lang: str, severity: bool = True) -> list[str]:
    """One problem: a head line (led by 错误/警告 unless `severity` is off), then the offending line and a caret."""
    where = ""
    if problem.line and problem.column:
        where = text("lint.at_column", lang, line=problem.line, column=problem.column)
    elif problem.line:
        where = text("lint.at_line", lang, line=problem.line)
    spot = problem.place(lang)
    fields = {"path": problem.path, "where": where, "message": problem.text(lang),
              "place": text("lint.at_place", lang, place=spot) if spot else ""}
    out = [text("lint.head", lang, severity=text(f"lint.{problem.severity}", lang), **fields) if severity
           else text("lint.head_bare", lang, **fields)]
    if problem.source.strip():
        gutter = f"    {problem.line} | "
        out.append(gutter + problem.source.rstrip())
        if problem.column:
            out.append(" " * (len(gutter) - 2) + "| " + " " * _width(problem.source[: problem.column - 1]) + "^")
    return out


def render_report(problems: list[RuleFileError], target: str, lang: str) -> str:
    """Every problem, then the count of errors and warnings."""
    out = [line for p in problems for line in render_problem(p, lang)]
    errors = sum(1 for p in problems if p.severity == "error")
    out.append(text("lint.summary", lang, target=target, errors=errors, warnings=len(problems) - errors))
    return "\n".join(out)
