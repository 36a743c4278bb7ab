"""How `subsidy rules validate` shows a problem: file, line and column, the 1-based place, the offending line."""

from __future__ import annotations

from engine.errors import RuleFileError
from engine.messages import text
from engine.render.columns import display_width


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
            out.append(" " * (len(gutter) - 2) + "| " + " " * display_width(problem.source[: problem.column - 1]) + "^")
    return out


def render_report(problems: list[RuleFileError], target: str, lang: str) -> str:
    """Every problem, then the count of errors and warnings."""
    out = [line for p in problems for line in render_problem(p, lang)]
    errors = sum(1 for p in problems if p.severity == "error")
    out.append(text("lint.summary", lang, target=target, errors=errors, warnings=len(problems) - errors))
    return "\n".join(out)
