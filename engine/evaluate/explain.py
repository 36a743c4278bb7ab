"""Explanations in Chinese and English that quote the actual values ("研发投入强度 2.9% < 3%")."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from decimal import Decimal
from fractions import Fraction
from typing import Any

from engine.evaluate.reference import evaluate_condition, open_fields
from engine.rules.operators import COMPARISONS, RANGE_WORDS, SHOULD, STATED, joined
from engine.rules.rulebook import CriterionRule
from engine.rules.terms import MISSING, SCORE_PREFIX, UNDEFINED, ZERO_OR_UNDEFINED, term_value
from engine.rules.typecheck import fields_of
from schemas.application import FIELDS
from schemas.choices import CHOICE_WORDS
from schemas.rulefile import AnyOf, ScoreRef, Arith, Compare, Condition, Const, FieldRef, Not, ParamRef, Range, Term, YearOf

Pair = tuple[str, str]  # (zh, en)

# How enum codes read in each language: (zh, en), from the one table of choice words.
CHOICES: dict[str, Pair] = {code: (zh, en) for code, (zh, en, _) in CHOICE_WORDS.items()}


def yuan(value: int) -> Pair:
    return f"{value:,} 元", f"{value:,} yuan"


def _decimal(value: Fraction, places: int = 4) -> str:
    """Exact when it terminates within `places` decimals, otherwise cut (never rounded up) with a leading ≈."""
    scaled = value * 10**places
    whole = Decimal(int(scaled)) / 10**places
    text = f"{whole.normalize():,f}" if whole else "0"
    return text if scaled.denominator == 1 else "≈" + text


def percent(value: Fraction | Decimal) -> str:
    return _decimal(Fraction(value) * 100, 2) + "%"


def show(value: Any, kind: str) -> Pair:
    """A value as a person reads it; `kind` is a field kind or a parameter unit."""
    if isinstance(value, bool):
        return ("是", "yes") if value else ("否", "no")
    if kind == "ratio":
        p = percent(value)
        return p, p
    if kind == "yuan" and isinstance(value, (int, Fraction)):
        if isinstance(value, Fraction) and value.denominator != 1:
            text = _decimal(value, 2)
            return f"{text} 元", f"{text} yuan"
        return yuan(int(value))
    if isinstance(value, (tuple, list)):
        parts = [show(v, kind) for v in value]
        return "、".join(p[0] for p in parts), ", ".join(p[1] for p in parts)
    if isinstance(value, str):
        return CHOICES.get(value, (value, value))
    if isinstance(value, dt.date):
        return value.isoformat(), value.isoformat()
    if isinstance(value, Fraction):
        text = str(value.numerator) if value.denominator == 1 else _decimal(value)
        return text, text
    return str(value), str(value)


_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def fill(label: Pair, params: dict[str, Any], units: dict[str, str]) -> Pair:
    """Parameter values put into a label ("at least {min_rd_intensity}"); never str.format on rule-file text."""

    def put(lang: int) -> Any:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            return show(params[name], units.get(name, ""))[lang] if name in params else m.group(0)
        return sub

    return _PLACEHOLDER.sub(put(0), label[0]), _PLACEHOLDER.sub(put(1), label[1])


def field_label(path: str) -> Pair:
    if path == "as_of":
        return "评估日期", "assessment date"
    spec = FIELDS[path]
    return spec.zh, spec.en


def _term_kind(term: Term, params_units: dict[str, str]) -> str:
    if isinstance(term, FieldRef):
        return "date" if term.path == "as_of" else FIELDS[term.path].kind
    if isinstance(term, ParamRef):
        return params_units.get(term.name, "")
    if isinstance(term, Arith):
        return "ratio" if term.op == "ratio" else "yuan" if any(_term_kind(a, params_units) == "yuan" for a in term.args) else ""
    return ""


@lru_cache(maxsize=1024)
def _term_label(term: Term, subject: Pair | None) -> Pair:
    if subject:
        return subject
    if isinstance(term, FieldRef):
        return field_label(term.path)
    if isinstance(term, YearOf):
        zh, en = field_label(term.path)
        if term.plus == -1:
            return f"{zh}的上一年", f"the year before the {en}"
        if term.plus:
            return f"{zh}年份{term.plus:+d}", f"year of {en} {term.plus:+d}"
        return f"{zh}年份", f"year of {en}"
    if isinstance(term, Arith):
        return joined(term.op, [_term_label(a, None) for a in term.args])
    return "", ""


# Displays of constants and parameter values (a few hundred at most: they come from the rule files).
_CONSTANTS: dict[tuple[Any, type, str], tuple[Any, Pair]] = {}


class Explainer:
    """Explains one criterion's result for one application."""

    def __init__(self, values: dict[str, Any], params: dict[str, Any], units: dict[str, str]) -> None:
        self.values, self.params, self.units = values, params, units

    def criterion(self, rule: CriterionRule, result: str) -> Pair:
        subject = (rule.subject.zh, rule.subject.en) if rule.subject else None
        return self._node(rule.when, result, subject)

    def _node(self, cond: Condition, result: str, subject: Pair | None) -> Pair:
        if isinstance(cond, Compare):
            return self._compare(cond, result, subject)
        if result == "unknown" and not _scored(cond):
            return _open(open_fields(cond, self.values, self.params))
        if isinstance(cond, AnyOf) and cond.written_as_if:
            return self._if_then(cond, result)
        if isinstance(cond, Not):
            inner = {"pass": "fail", "fail": "pass"}.get(result, result)
            zh, en = self._node(cond.item, inner, subject)
            return f"并非:{zh}", f"not: {en}"
        # The decisive children are those that share the node's result.
        picked = [c for c in cond.items if evaluate_condition(c, self.values, self.params) == result] or list(cond.items)
        parts = [self._node(c, result, None) for c in picked]
        return ";".join(p[0] for p in parts), "; ".join(p[1] for p in parts)

    def _if_then(self, cond: AnyOf, result: str) -> Pair:
        """`if A then B` reads as such: not applicable when A does not hold, else B's own words."""
        condition = cond.items[0].item  # type: ignore[union-attr]
        if evaluate_condition(condition, self.values, self.params) == "fail":
            zh, en = self._node(condition, "fail", None)
            return f"不适用({zh})", f"does not apply ({en})"
        return self._node(cond.items[1], result, None)

    def _value(self, term: Term) -> tuple[Any, Pair]:
        if isinstance(term, FieldRef):  # the common case, without the exact-arithmetic detour
            value = self.values.get(term.path, MISSING)
            if value is MISSING:
                return value, ("", "")
            return value, show(value, "date" if term.path == "as_of" else FIELDS[term.path].kind)
        if isinstance(term, (Const, ParamRef)):
            # Keyed by what the display depends on — the value, its type (Const(0) == Const(False) in Python,
            # yet one shows "0", the other "否") and the unit — never by object identity, which is reused.
            value = term.value if isinstance(term, Const) else self.params.get(term.name)
            unit = self.units.get(term.name, "") if isinstance(term, ParamRef) else ""
            key = (value, type(value), unit)
            found = _CONSTANTS.get(key)
            if found is None:
                found = _CONSTANTS[key] = self._computed(term)
            return found
        return self._computed(term)

    def _computed(self, term: Term) -> tuple[Any, Pair]:
        value = term_value(term, self.values, self.params)
        if isinstance(term, Const) and isinstance(term.value, (str, bool, dt.date, tuple)):
            value = term.value
        elif isinstance(term, ParamRef) and not isinstance(self.params[term.name], (int, Decimal)):
            value = self.params[term.name]
        elif isinstance(term, FieldRef) and value is not MISSING and not isinstance(value, Fraction):
            value = self.values[term.path]
        if value is MISSING or value is UNDEFINED or value is ZERO_OR_UNDEFINED:
            return value, ("", "")
        return value, show(value, _term_kind(term, self.units))

    def _compare(self, cond: Compare, result: str, subject: Pair | None) -> Pair:
        if result == "unknown" and isinstance(cond.subject, ScoreRef):
            score = self.values[SCORE_PREFIX + cond.subject.name]
            return (f"{score.label[0]}可能为 {score.shown()} 分,尚不能确定", f"{score.label[1]} may be {score.shown()}, not yet settled")
        if result == "unknown":
            return _open([p for p in fields_of(cond) if p not in self.values])
        if isinstance(cond.subject, ScoreRef):
            score = self.values[SCORE_PREFIX + cond.subject.name]
            label, s_value, s = score.label, score.low, (f"{score.low} 分", f"{score.low} points")
        else:
            label = _term_label(cond.subject, subject)
            s_value, s = self._value(cond.subject)
        if s_value is ZERO_OR_UNDEFINED:
            zero = [field_label(p) for p in fields_of(cond.subject) if self.values.get(p) == 0]
            return (f"{label[0]}:" + "、".join(z for z, _ in zero) + " 为 0,无论其余数值多少都不满足",
                    f"{label[1]}: " + ", ".join(e for _, e in zero) + " is 0, which fails whatever the rest is")
        if s_value is UNDEFINED or (not isinstance(cond.object, Range) and self._value(cond.object)[0] is UNDEFINED):
            zero = [a for a in fields_of(cond.subject) if self.values.get(a) == 0]
            why = [field_label(p) for p in zero]
            return (f"{label[0]}无法计算:" + "、".join(z for z, _ in why) + "为 0",
                    f"{label[1]} cannot be computed: " + ", ".join(e for _, e in why) + " is 0")
        held = result == "pass"
        op = cond.op
        if isinstance(cond.object, Range):
            lo, hi = self._value(cond.object.low)[1], self._value(cond.object.high)[1]
            return _say(RANGE_WORDS[held], label, s, lo=lo, hi=hi)
        o = self._value(cond.object)[1]
        if isinstance(cond.object, (FieldRef, YearOf)):
            o_label = _term_label(cond.object, None)
            o = (f"{o_label[0]} {o[0]}", f"{o_label[1]} {o[1]}")
        if op in SHOULD and isinstance(cond.object, (Const, ParamRef)):
            return _say(STATED if held else SHOULD[op], label, s, o=o)
        return _say(COMPARISONS[op if held else COMPARISONS[op].negation].said, label, s, o=o)


def _say(template: Pair, label: Pair, s: Pair, **others: Pair) -> Pair:
    """Fills a wording of engine/rules/operators.py; an empty list value reads 无 / none."""
    def one(lang: int, empty: str) -> str:
        text = template[lang].replace("{label}", label[lang]).replace("{s}", s[lang] or empty)
        for name, value in others.items():
            text = text.replace("{" + name + "}", value[lang])
        return text
    return one(0, "无"), one(1, "none")


def _scored(cond: Condition) -> bool:
    """Whether a condition compares a score somewhere (its unknown parts are worded by the score's range)."""
    if isinstance(cond, Compare):
        return isinstance(cond.subject, ScoreRef)
    if isinstance(cond, Not):
        return _scored(cond.item)
    return any(_scored(c) for c in cond.items)


def _open(absent: list[str]) -> Pair:
    """What an unknown condition waits for: a reviewer's decision, or inputs not provided."""
    if absent and all(p.startswith("review.") for p in absent):
        return ("待审核:" + "、".join(field_label(p)[0] for p in absent),
                "pending review: " + ", ".join(field_label(p)[1] for p in absent))
    labels = [(*field_label(p), p) for p in absent]
    return ("未提供:" + "、".join(f"{zh}({p})" for zh, _, p in labels),
            "not provided: " + ", ".join(f"{en} ({p})" for _, en, p in labels))
