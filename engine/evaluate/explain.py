"""Explanations in Chinese and English that quote the actual values ("研发投入强度 2.9% < 3%")."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from decimal import Decimal
from fractions import Fraction
from collections.abc import Callable, Iterable
from typing import Any

from engine.evaluate.reference import evaluate_condition, open_fields
from engine.messages import catalogue
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

_W = catalogue()


def _filler(template: str, names: tuple[str, ...]) -> Callable[..., str]:
    """A template as a function of its fields (strings, given in `names` order). Explanations are worded for
    every application of a batch, so the common forms are plain concatenation, as fast as an f-string, and
    longer ones printf-style (a third of str.format's time: no keyword dict)."""
    parts = _FIELD.split(template)
    literals, order = parts[0::2], tuple(parts[1::2])
    plain = order == names and not any("{" in text or "}" in text for text in literals)  # no {{ escapes
    if plain and len(names) == 1:
        pre, post = literals
        return lambda v: pre + v + post
    if plain and len(names) == 2:
        a, b, c = literals
        return lambda x, y: a + x + b + y + c
    if plain:
        printf = "%s".join(text.replace("%", "%%") for text in literals)
        return lambda *values: printf % values
    return lambda *values: template.format(**dict(zip(names, values)))


def fillers(key: str, *names: str) -> tuple[Callable[..., str], Callable[..., str]]:
    """The message `key` in Chinese and in English as functions of its fields, given positionally in `names` order."""
    zh, en = _W[key]
    return _filler(zh, names), _filler(en, names)


_FIELD = re.compile(r"\{([a-z_]+)\}")
# The wording, looked up once.
_YUAN_ZH, _YUAN_EN = fillers("evaluate.yuan", "amount")
_YES, _NO = _W["common.yes"], _W["common.no"]
_LIST_ZH, _LIST_EN = _W["evaluate.sep.list"]
_CLAUSE_ZH, _CLAUSE_EN = _W["evaluate.sep.clause"]
_NONE_ZH, _NONE_EN = _W["evaluate.none"]
_AS_OF = _W["evaluate.field.as_of"]
_WITH_PATH_ZH, _WITH_PATH_EN = fillers("evaluate.field_with_path", "label", "path")
_PENDING_ZH, _PENDING_EN = fillers("evaluate.explain.pending_review", "fields")
_NOT_PROVIDED_ZH, _NOT_PROVIDED_EN = fillers("evaluate.explain.not_provided", "fields")
_POINTS = _W["evaluate.points"]


def words(key: str, zh: dict[str, Any], en: dict[str, Any]) -> Pair:
    """A catalogue message in both languages, each with its own fields (a list is joined per language)."""
    t_zh, t_en = _W[key]
    return t_zh.format(**zh), t_en.format(**en)


def yuan(value: int) -> Pair:
    amount = f"{value:,}"
    return _YUAN_ZH(amount), _YUAN_EN(amount)


def _decimal(value: Fraction | Decimal | int, places: int = 4, shift: int = 0) -> str:
    """`value` × 10**shift, exact when it terminates within `places` decimals, otherwise cut (never rounded up)
    with a leading ≈. In integers: Fraction arithmetic costs microseconds a step, and every ratio shown takes some."""
    numerator, denominator = value.as_integer_ratio()
    scaled = numerator * 10 ** (places + shift)
    cut = abs(scaled) // denominator  # toward zero, as int() of the exact value
    whole = Decimal(-cut if scaled < 0 else cut) / 10**places
    text = f"{whole.normalize():,f}" if whole else "0"
    return text if scaled % denominator == 0 else "≈" + text


def percent(value: Fraction | Decimal) -> str:
    return _decimal(value, 2, shift=2) + "%"


def show(value: Any, kind: str) -> Pair:
    """A value as a person reads it; `kind` is a field kind or a parameter unit."""
    if isinstance(value, bool):
        return _YES if value else _NO
    if kind == "ratio":
        p = percent(value)
        return p, p
    if kind == "yuan" and isinstance(value, (int, Fraction)):
        if isinstance(value, Fraction) and value.denominator != 1:
            text = _decimal(value, 2)
            return _YUAN_ZH(text), _YUAN_EN(text)
        return yuan(int(value))
    if isinstance(value, (tuple, list)):
        parts = [show(v, kind) for v in value]
        return _LIST_ZH.join(p[0] for p in parts), _LIST_EN.join(p[1] for p in parts)
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
        return _AS_OF
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
            return words("evaluate.year.before", {"label": zh}, {"label": en})
        if term.plus:
            plus = f"{term.plus:+d}"
            return words("evaluate.year.plus", {"label": zh, "plus": plus}, {"label": en, "plus": plus})
        return words("evaluate.year.of", {"label": zh}, {"label": en})
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

    def condition(self, cond: Condition, result: str) -> Pair:
        """A condition that is not a criterion (a score's tier), worded as a criterion's would be."""
        return self._node(cond, result, None)

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
            return words("evaluate.explain.not", {"text": zh}, {"text": en})
        # The decisive children are those that share the node's result.
        picked = [c for c in cond.items if evaluate_condition(c, self.values, self.params) == result] or list(cond.items)
        parts = [self._node(c, result, None) for c in picked]
        return _CLAUSE_ZH.join(p[0] for p in parts), _CLAUSE_EN.join(p[1] for p in parts)

    def _if_then(self, cond: AnyOf, result: str) -> Pair:
        """`if A then B` reads as such: not applicable when A does not hold, else B's own words."""
        condition = cond.items[0].item  # type: ignore[union-attr]
        if evaluate_condition(condition, self.values, self.params) == "fail":
            zh, en = self._node(condition, "fail", None)
            return words("evaluate.explain.does_not_apply", {"text": zh}, {"text": en})
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
            shown = score.shown()
            return words("evaluate.explain.score_open", {"label": score.label[0], "score": shown},
                         {"label": score.label[1], "score": shown})
        if result == "unknown":
            return _open([p for p in fields_of(cond) if p not in self.values])
        if isinstance(cond.subject, ScoreRef):
            score = self.values[SCORE_PREFIX + cond.subject.name]
            label, s_value = score.label, score.low
            s = (_POINTS[0].format(score=score.low), _POINTS[1].format(score=score.low))
        else:
            label = _term_label(cond.subject, subject)
            s_value, s = self._value(cond.subject)
        if s_value is ZERO_OR_UNDEFINED:
            zero = [field_label(p) for p in fields_of(cond.subject) if self.values.get(p) == 0]
            return words("evaluate.explain.zero_fails", {"label": label[0], "fields": _LIST_ZH.join(z for z, _ in zero)},
                         {"label": label[1], "fields": _LIST_EN.join(e for _, e in zero)})
        if s_value is UNDEFINED or (not isinstance(cond.object, Range) and self._value(cond.object)[0] is UNDEFINED):
            zero = [a for a in fields_of(cond.subject) if self.values.get(a) == 0]
            why = [field_label(p) for p in zero]
            return words("evaluate.explain.undefined", {"label": label[0], "fields": _LIST_ZH.join(z for z, _ in why)},
                         {"label": label[1], "fields": _LIST_EN.join(e for _, e in why)})
        held = result == "pass"
        op = cond.op
        if isinstance(cond.object, Range):
            lo, hi = self._value(cond.object.low)[1], self._value(cond.object.high)[1]
            return _say(_W[RANGE_WORDS[held]], label, s, lo=lo, hi=hi)
        o = self._value(cond.object)[1]
        if isinstance(cond.object, Const) and type(cond.object.value) in (int, Decimal) \
                and _term_kind(cond.subject, self.units) == "ratio":
            o = show(cond.object.value, "ratio")  # a bare threshold on a ratio reads as the ratio does: 20%, not 0.2
        if isinstance(cond.object, (FieldRef, YearOf)):
            o_label = _term_label(cond.object, None)
            o = (f"{o_label[0]} {o[0]}", f"{o_label[1]} {o[1]}")
        if op in SHOULD and isinstance(cond.object, (Const, ParamRef)):
            return _say(_W[STATED if held else SHOULD[op]], label, s, o=o)
        return _say(_SAID[op if held else COMPARISONS[op].negation], label, s, o=o)


# Each operator's wording (`rules.op.<name>`, named by engine/rules/operators.py), looked up once.
_SAID: dict[str, Pair] = {name: _W[c.said] for name, c in COMPARISONS.items()}


def _say(template: Pair, label: Pair, s: Pair, **others: Pair) -> Pair:
    """Fills an operator's wording; an empty list value reads 无 / none."""
    def one(lang: int, empty: str) -> str:
        text = template[lang].replace("{label}", label[lang]).replace("{s}", s[lang] or empty)
        for name, value in others.items():
            text = text.replace("{" + name + "}", value[lang])
        return text
    return one(0, _NONE_ZH), one(1, _NONE_EN)


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
        return (_PENDING_ZH(_LIST_ZH.join(field_label(p)[0] for p in absent)),
                _PENDING_EN(_LIST_EN.join(field_label(p)[1] for p in absent)))
    return _NOT_PROVIDED_ZH(with_paths(absent, 0)), _NOT_PROVIDED_EN(with_paths(absent, 1))


def with_paths(paths: Iterable[str], lang: int) -> str:
    """Fields as a list of their labels with their paths ("研发费用(rd.expense)"), in one language (0 zh, 1 en)."""
    if lang == 0:
        return _LIST_ZH.join([_WITH_PATH_ZH(field_label(p)[0], p) for p in paths])
    return _LIST_EN.join([_WITH_PATH_EN(field_label(p)[1], p) for p in paths])
