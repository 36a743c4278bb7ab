"""Amounts in whole yuan: exact arithmetic, the cap, the cumulative cap's headroom, then the rule's rounding."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from engine.evaluate.explain import Pair, show, yuan
from engine.rules.rulebook import Provision
from engine.rules.terms import term_value
from schemas.result import LazyText, Text
from schemas.rulefile import Arith, Const, FieldRef, ParamRef, Term, YearOf


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


def _render(term: Term, values: dict[str, Any], params: dict[str, Any], units: dict[str, str]) -> Pair:
    if isinstance(term, Arith):
        parts = [_render(a, values, params, units) for a in term.args]
        if term.op in ("min", "max"):
            return (f"{term.op}(" + ", ".join(p[0] for p in parts) + ")", f"{term.op}(" + ", ".join(p[1] for p in parts) + ")")
        sep = {"ratio": " / ", "sub": " − ", "add": " + ", "mul": " × "}[term.op]
        zh, en = sep.join(p[0] for p in parts), sep.join(p[1] for p in parts)
        return (f"({zh})", f"({en})") if term.op in ("sub", "add") else (zh, en)
    if isinstance(term, ParamRef):
        return show(params[term.name], units.get(term.name, ""))
    if isinstance(term, FieldRef):
        return show(values[term.path], "yuan")
    if isinstance(term, (Const, YearOf)):
        return show(term_value(term, values, params), "")
    raise TypeError(term)


def award(provision: Provision, values: dict[str, Any], params: dict[str, Any]) -> Award:
    """The amount of an eligible provision, rounded down to whole yuan (the only rounding rule files may state)."""
    a = provision.amount
    assert a is not None
    base: Fraction = term_value(a.formula, values, params)
    cap = term_value(a.cap, values, params) if a.cap is not None else None
    total = received = None
    limit = base if cap is None else min(base, cap)
    if a.cumulative_cap is not None:
        total = term_value(a.cumulative_cap, values, params)
        received = term_value(a.received, values, params)
        limit = min(limit, total - received)
    amount = max(0, math.floor(limit))

    def words() -> Pair:
        units = {name: p.unit for name, p in provision.parameters.items()}
        f_zh, f_en = _render(a.formula, values, params, units)
        raw = show(base, "yuan")
        zh, en = [f"{f_zh} = {raw[0]}"], [f"{f_en} = {raw[1]}"]
        if cap is not None:
            c = yuan(int(cap))
            zh.append(f"上限 {c[0]}")
            en.append(f"cap {c[1]}")
        if total is not None and received is not None:
            t, r, h = yuan(int(total)), yuan(int(received)), yuan(int(total - received))
            zh.append(f"累计上限 {t[0]},已获 {r[0]},尚余 {h[0]}")
            en.append(f"cumulative cap {t[1]}, received {r[1]}, headroom {h[1]}")
        out = yuan(amount)
        zh.append(f"核定 {out[0]}(向下取整到元)")
        en.append(f"amount {out[1]} (rounded down to the yuan)")
        return ";".join(zh), "; ".join(en)

    return Award(amount, LazyText(words))
