"""Describes a provision for `subsidy rules show`: what it cites, when it applies, its parameters and criteria."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from engine.messages import text
from engine.rules.rulebook import Provision
from schemas.rulefile import (
    AllOf, Amount, AnyOf, Arith, Compare, Condition, Const, DateShift, FieldRef, Not, ParamRef, Range, ScoreRef, Score,
    Term, YearOf,
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


def _head(key: str, lang: str, value: str) -> str:
    """`label:     value`, the values lined up (a Chinese label takes two columns a character)."""
    label = text(key, lang) + (":" if lang == "zh" else ":")
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
    return label + " " * max(1, 12 - width) + value


def _bilingual(value: Any, lang: str) -> str:
    return str(getattr(value, lang, value))


def _parameters(p: Provision, as_of: dt.date | None, lang: str) -> list[str]:
    lines = []
    for name, param in p.parameters.items():
        in_force = max((d for d in param.values if as_of is None or d <= as_of), default=None)
        versions = ", ".join(f"{d}: {', '.join(v) if isinstance(v, tuple) else v}{' *' if d == in_force and as_of else ''}"
                             for d, v in sorted(param.values.items()))
        note = text("policy.show.assumption", lang, text=_bilingual(param.assumption, lang)) if param.assumption else ""
        lines.append(f"  {name} ({param.unit}) {versions}{note}")
    return lines


def _amount(a: Amount, lang: str) -> list[str]:
    rounding = text(f"policy.show.rounding.{a.rounding}", lang)
    if a.formula is not None:
        lines = [_head("policy.show.amount", lang, text("policy.show.rounded", lang, formula=term_text(a.formula),
                                                         rounding=rounding))]
    else:
        lines = [_head("policy.show.amount", lang, text("policy.show.by_cases", lang, rounding=rounding))]
        lines += [f"  {text('policy.show.if', lang, condition=condition_text(c.when)) if c.when is not None else text('policy.show.otherwise', lang)}"
                  f": {term_text(c.formula)}" for c in a.cases or []]
    if a.cap is not None:
        lines.append(text("policy.show.cap", lang, cap=term_text(a.cap)))
    if a.cumulative_cap is not None and a.received is not None:
        lines.append(text("policy.show.cumulative_cap", lang, cap=term_text(a.cumulative_cap),
                          received=term_text(a.received)))
    return lines


def describe_provision(p: Provision, as_of: dt.date | None = None, lang: str = "zh") -> str:
    """The provision as `subsidy rules show` prints it, labelled in `lang` (conditions keep the rule language)."""
    sep = text("book.department_sep", lang)  # department names are Chinese in both languages, so is their list
    lead = sep.join(p.departments.lead) + (text("policy.show.responsible", lang, departments=sep.join(
        p.departments.responsible)) if p.departments.responsible else "")
    lines = [
        f"{p.id} — {_bilingual(p.title, lang)}",
        _head("policy.show.source", lang, p.source),
        _head("policy.show.plan", lang, f"{p.citation.section} {p.citation.text}"),
        _head("policy.show.lead", lang, lead),
        _head("policy.show.in_effect", lang, text("policy.show.window", lang, start=p.window.from_, end=p.window.to)),
        text("policy.show.parameters", lang), *_parameters(p, as_of, lang), text("policy.show.criteria", lang),
    ]
    for c in p.criteria:
        lines.append(f"  {c.id}: {_bilingual(c.label, lang)}")
        lines.append(f"      {text('policy.show.when', lang)} {condition_text(c.when)}"
                     + (f"   {text('policy.show.review', lang)}" if c.review else ""))
    if p.scores:
        lines.append(text("policy.show.scores", lang))
        lines += [f"  {name}: {_bilingual(score.label, lang)} = {score_text(score)}" for name, score in p.scores.items()]
    if p.amount is not None:
        lines += _amount(p.amount, lang)
    if p.benefit is not None:
        lines.append(_head("policy.show.benefit", lang, _bilingual(p.benefit, lang)))
    if p.assumptions:
        lines.append(text("policy.show.assumptions", lang))
        lines += [f"  - {_bilingual(a, lang)}" for a in p.assumptions]
    if as_of:
        lines.append(text("policy.show.in_force", lang, day=as_of))
    return "\n".join(lines)
