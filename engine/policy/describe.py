"""Describes a provision for `subsidy rules show`: what it cites, when it applies, its parameters and criteria."""

from __future__ import annotations

import datetime as dt

from engine.rules.rulebook import Provision
from schemas.rulefile import (
    AllOf, AnyOf, Arith, Compare, Condition, Const, DateShift, FieldRef, Not, ParamRef, Range, ScoreRef, Score, Term, YearOf,
)


def term_text(term: Term | Range) -> str:
    if isinstance(term, FieldRef):
        return term.path
    if isinstance(term, ParamRef):
        return f"{{{term.name}}}"
    if isinstance(term, Const):
        return "[" + ", ".join(map(str, term.value)) + "]" if isinstance(term.value, tuple) else str(term.value)
    if isinstance(term, YearOf):
        return f"year({term.path}){term.plus:+d}" if term.plus else f"year({term.path})"
    if isinstance(term, DateShift):
        return f"{term.path} {term.years:+d} years" if term.years else term.path
    if isinstance(term, ScoreRef):
        return f"score({term.name})"
    if isinstance(term, Range):
        return f"[{term_text(term.low)}, {term_text(term.high)}]"
    assert isinstance(term, Arith)
    return f"{term.op}(" + ", ".join(term_text(a) for a in term.args) + ")"


def condition_text(cond: Condition) -> str:
    if isinstance(cond, Compare):
        return f"{term_text(cond.subject)} {cond.op} {term_text(cond.object)}"
    if isinstance(cond, AnyOf) and cond.written_as_if:
        return f"(if {condition_text(cond.items[0].item)} then {condition_text(cond.items[1])})"  # type: ignore[union-attr]
    if isinstance(cond, Not):
        return f"not ({condition_text(cond.item)})"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    assert isinstance(cond, (AllOf, AnyOf))
    return "(" + joiner.join(condition_text(c) for c in cond.items) + ")"


def score_text(score: Score) -> str:
    if score.greater_of is not None:
        return "greater of " + ", ".join(score.greater_of)
    if score.sum is not None:
        return " + ".join(score.sum)
    return "; ".join(f"{t.points} if {condition_text(t.when)}" if t.when is not None else f"else {t.points}"
                     for t in score.tiers or [])


def describe_provision(p: Provision, as_of: dt.date | None = None) -> str:
    lines = [
        f"{p.id} — {p.title.zh} / {p.title.en}",
        f"source:     {p.source}",
        f"plan:       {p.citation.section} {p.citation.text}",
        f"lead:       {'、'.join(p.departments.lead)}"
        + (f"; responsible: {'、'.join(p.departments.responsible)}" if p.departments.responsible else ""),
        f"in effect:  {p.window.from_} to {p.window.to}",
        "parameters:",
    ]
    for name, param in p.parameters.items():
        in_force = max((d for d in param.values if as_of is None or d <= as_of), default=None)
        versions = ", ".join(f"{d}: {v}{' *' if d == in_force and as_of else ''}" for d, v in sorted(param.values.items()))
        lines.append(f"  {name} ({param.unit}) {versions}" + (f"  — assumption: {param.assumption}" if param.assumption else ""))
    lines.append("criteria:")
    for c in p.criteria:
        lines.append(f"  {c.id}: {c.label.zh} / {c.label.en}")
        lines.append(f"      when {condition_text(c.when)}" + ("   (review)" if c.review else ""))
    if p.scores:
        lines.append("scores:")
        lines += [f"  {name}: {score.label.zh} / {score.label.en} = {score_text(score)}" for name, score in p.scores.items()]
    if p.amount is not None:
        a = p.amount
        if a.formula is not None:
            lines.append(f"amount:     {term_text(a.formula)}, rounded {a.rounding}")
        else:
            lines.append(f"amount:     by cases, the first that holds, rounded {a.rounding}")
            lines += [f"  {'if ' + condition_text(c.when) if c.when is not None else 'otherwise'}: {term_text(c.formula)}"
                      for c in a.cases or []]
        if a.cap is not None:
            lines.append(f"  cap {term_text(a.cap)}")
        if a.cumulative_cap is not None and a.received is not None:
            lines.append(f"  cumulative cap {term_text(a.cumulative_cap)} less {term_text(a.received)}")
    if p.benefit is not None:
        lines.append(f"benefit:    {p.benefit.zh} / {p.benefit.en}")
    if p.assumptions:
        lines.append("assumptions:")
        lines += [f"  - {a.zh} / {a.en}" for a in p.assumptions]
    if as_of:
        lines.append(f"(* = the version in force on {as_of})")
    return "\n".join(lines)
