"""Amounts in whole yuan: exact arithmetic, the cap, the cumulative cap's headroom, then the rule's rounding."""

from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass
from typing import Any

from engine.evaluate.explain import Pair, show, words as worded, yuan
from engine.messages import catalogue
from engine.evaluate.reference import FAIL, PASS, evaluate_condition
from engine.rules.operators import joined
from engine.rules.rulebook import Provision
from engine.rules.terms import MISSING, term_value
from engine.rules.typecheck import fields_of, params_used
from schemas.result import LazyText, Text
from schemas.rulefile import Amount, Arith, Const, FieldRef, ParamRef, Term, YearOf


@dataclass(frozen=True)
class Award:
    amount: int
    explanation: Text


def max_amount(provision: Provision, params: dict[str, Any]) -> int | None:
    """The most the provision can pay anyone: its cap, else its cumulative cap (shown even when undetermined: what is at stake)."""
    a = provision.amount
    if a is None:
        return None
    bound = a.cap if a.cap is not None else a.cumulative_cap
    return int(term_value(bound, {}, params))


def headroom(provision: Provision, values: dict[str, Any], params: dict[str, Any], most: int | None) -> int | None:
    """The most an undetermined provision can still give: for a cumulative cap, what is left of it once known."""
    a = provision.amount
    if a is None or a.cumulative_cap is None or a.received is None:
        return most
    received = term_value(a.received, values, params)
    if received is MISSING:
        return most
    return max(0, math.floor(term_value(a.cumulative_cap, values, params) - received))


def _render(term: Term, values: dict[str, Any], params: dict[str, Any], units: dict[str, str]) -> Pair:
    if isinstance(term, Arith):
        zh, en = joined(term.op, [_render(a, values, params, units) for a in term.args])
        return (f"({zh})", f"({en})") if term.op in ("sub", "add") else (zh, en)
    if isinstance(term, ParamRef):
        return show(params[term.name], units.get(term.name, ""))
    if isinstance(term, FieldRef):
        return show(values[term.path], "yuan")
    if isinstance(term, (Const, YearOf)):
        return show(term_value(term, values, params), "")
    raise TypeError(term)


def candidate_formulas(a: Amount, values: dict[str, Any], params: dict[str, Any]) -> tuple[list[Term], list[str]]:
    """The formulas that may apply (the first case that surely holds ends the list) and the fields still deciding."""
    if a.cases is None:
        return [a.formula], []
    formulas: list[Term] = []
    deciding: list[str] = []
    for case in a.cases:
        result = PASS if case.when is None else evaluate_condition(case.when, values, params)
        if result == FAIL:
            continue
        formulas.append(case.formula)
        if result == PASS:
            break
        deciding += [f for f in fields_of(case.when) if f not in values]
    return formulas, deciding


def amount_missing(provision: Provision, values: dict[str, Any], params: dict[str, Any]) -> list[str]:
    """Fields the amount still needs: none when every case that may apply gives the same amount."""
    a = provision.amount
    if a is None:
        return []
    if a.cases is None:  # one formula: exactly the absent fields it (and its caps) read
        return [f for f in _amount_fields(a) if f not in values]
    formulas, deciding = candidate_formulas(a, values, params)
    bounds = tuple(t for t in (a.cap, a.cumulative_cap, a.received) if t is not None)
    needed = [f for f in fields_of((*formulas, *bounds)) if f not in values]
    if needed:
        return list(dict.fromkeys(deciding + needed))
    if len({_limited(a, f, values, params)[0] for f in formulas}) > 1:
        return list(dict.fromkeys(deciding))
    return []


@lru_cache(maxsize=256)
def _amount_fields(a: Amount) -> tuple[str, ...]:
    return tuple(fields_of(tuple(t for t in (a.formula, a.cap, a.cumulative_cap, a.received) if t is not None)))


def amount_assumptions(provision: Provision) -> tuple[Text, ...]:
    """The assumption parameters an amount uses: then it is an estimate (测算), never an approved figure (核定)."""
    a = provision.amount
    if a is None:
        return ()
    terms = [a.formula, a.cap, a.cumulative_cap, a.received, *(x for c in a.cases or [] for x in (c.when, c.formula))]
    used = params_used(tuple(t for t in terms if t is not None))
    return tuple(Text(param.assumption.zh, param.assumption.en)
                 for name, param in sorted(provision.parameters.items()) if name in used and param.assumption)


def _limited(a: Amount, formula: Term, values: dict[str, Any], params: dict[str, Any]) -> tuple[int, Any, Any, Any, Any]:
    """(amount, formula's value, cap, cumulative cap, received) — the amount rounded down, never below 0."""
    base = term_value(formula, values, params)
    cap = term_value(a.cap, values, params) if a.cap is not None else None
    total = received = None
    limit = base if cap is None else min(base, cap)
    if a.cumulative_cap is not None:
        total = term_value(a.cumulative_cap, values, params)
        received = term_value(a.received, values, params)
        limit = min(limit, total - received)
    return max(0, math.floor(limit)), base, cap, total, received


def award(provision: Provision, values: dict[str, Any], params: dict[str, Any], estimate: bool = False) -> Award:
    """The amount of an eligible provision, rounded down to whole yuan (the only rounding rule files may state)."""
    a = provision.amount
    assert a is not None
    formula = candidate_formulas(a, values, params)[0][0]  # several only when they agree (amount_missing)
    amount, base, cap, total, received = _limited(a, formula, values, params)

    def words() -> Pair:
        units = {name: p.unit for name, p in provision.parameters.items()}
        f_zh, f_en = _render(formula, values, params, units)
        raw = show(base, "yuan")
        zh, en = [f"{f_zh} = {raw[0]}"], [f"{f_en} = {raw[1]}"]
        if cap is not None:
            c = yuan(int(cap))
            _add(zh, en, worded("evaluate.amount.cap", {"cap": c[0]}, {"cap": c[1]}))
        if total is not None and received is not None:
            t, r, h = yuan(int(total)), yuan(int(received)), yuan(int(total - received))
            _add(zh, en, worded("evaluate.amount.cumulative", {"total": t[0], "received": r[0], "headroom": h[0]},
                                {"total": t[1], "received": r[1], "headroom": h[1]}))
        out = yuan(amount)
        # an assumption parameter is in the formula: say so, never 核定
        key = "evaluate.amount.estimate" if estimate else "evaluate.amount.approved"
        _add(zh, en, worded(key, {"amount": out[0]}, {"amount": out[1]}))
        sep = catalogue()["evaluate.sep.clause"]
        return sep[0].join(zh), sep[1].join(en)

    return Award(amount, LazyText(words))


def _add(zh: list[str], en: list[str], pair: Pair) -> None:
    zh.append(pair[0])
    en.append(pair[1])
