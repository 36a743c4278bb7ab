"""Amounts in whole yuan: exact arithmetic, the cap, the cumulative cap's headroom, then the rule's rounding."""

from __future__ import annotations

import math
from fractions import Fraction
from dataclasses import dataclass
from typing import Any

from engine.evaluate.explain import Pair, show, words as worded, yuan
from engine.messages import catalogue
from engine.evaluate.reference import FAIL, PASS, compile_condition
from engine.rules.codecache import CodeCache
from engine.rules.operators import joined
from engine.rules.rulebook import Provision
from engine.rules.terms import MISSING, TermCode, compile_term, term_value
from engine.rules.typecheck import fields_of, params_used
from schemas.result import LazyText, Text
from schemas.rulefile import Amount, Arith, Condition, Const, FieldRef, ParamRef, Term, YearOf


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


class AmountCode:
    """An amount's formulas, cases and caps compiled once per set of parameters (every application reads them)."""

    def __init__(self, a: Amount, params: dict[str, Any]) -> None:
        cases: list[tuple[Condition | None, Term]] = [(c.when, c.formula) for c in a.cases or []] or [(None, a.formula)]
        self.formulas: tuple[Term, ...] = tuple(formula for _, formula in cases)
        self.code = tuple(compile_term(f, params) for f in self.formulas)
        self.whens = tuple(None if when is None else compile_condition(when, params) for when, _ in cases)
        self.deciding = tuple(() if when is None else tuple(fields_of(when)) for when, _ in cases)
        bounds = tuple(t for t in (a.cap, a.cumulative_cap, a.received) if t is not None)
        self.needs = tuple(tuple(fields_of(f)) for f in self.formulas)
        self.bounds = tuple(fields_of(bounds))
        self.single = tuple(dict.fromkeys([*self.needs[0], *self.bounds]))  # one formula: it and its caps
        self.cased = a.cases is not None
        self.cap, self.total, self.received = (None if t is None else compile_term(t, params)
                                                for t in (a.cap, a.cumulative_cap, a.received))
        self.whole = _whole_number_code(a, self.formulas, params)

    def candidates(self, values: dict[str, Any]) -> tuple[list[int], list[str]]:
        """The cases that may apply (the first that surely holds ends the list) and the fields still deciding."""
        if not self.cased:
            return [0], []
        picked: list[int] = []
        deciding: list[str] = []
        for i, when in enumerate(self.whens):
            result = PASS if when is None else when(values)
            if result == FAIL:
                continue
            picked.append(i)
            if result == PASS:
                break
            deciding += [f for f in self.deciding[i] if f not in values]
        return picked, deciding

    def missing(self, values: dict[str, Any]) -> list[str]:
        """Fields the amount still needs: none when every case that may apply gives the same amount."""
        if not self.cased:  # one formula: exactly the absent fields it (and its caps) read
            return [f for f in self.single if f not in values]
        picked, deciding = self.candidates(values)
        needed = [f for f in dict.fromkeys([*(f for i in picked for f in self.needs[i]), *self.bounds]) if f not in values]
        if needed:
            return list(dict.fromkeys(deciding + needed))
        if len(picked) > 1 and len({self.amount_of(i, values) for i in picked}) > 1:
            return list(dict.fromkeys(deciding))
        return []

    def amount_of(self, i: int, values: dict[str, Any]) -> int:
        """`limited(i, values)[0]`, in integer arithmetic when the formula is a product of constants and whole-yuan
        fields and the caps are constants: floor(min(n·x/d, cap, total − received)) = min(n·x // d, cap, total − received)."""
        whole = self.whole
        if whole is not None:
            n, d, paths, sums, cap, total, received = whole[i]
            x = n
            for path in paths:
                v = values.get(path)
                if type(v) is not int:
                    return self.limited(i, values)[0]
                x *= v
            for term in sums:
                v = term(values)
                if type(v) is not int:  # a marker: a field is absent
                    return self.limited(i, values)[0]
                x *= v
            limit = x // d
            if cap is not None and cap < limit:
                limit = cap
            if total is not None:
                got = values.get(received)
                if type(got) is not int:
                    return self.limited(i, values)[0]
                limit = min(limit, total - got)
            return max(0, limit)
        return self.limited(i, values)[0]

    def limited(self, i: int, values: dict[str, Any]) -> tuple[int, Any, Any, Any, Any]:
        """(amount, formula's value, cap, cumulative cap, received) — the amount rounded down, never below 0."""
        base = self.code[i](values)
        cap = self.cap(values) if self.cap is not None else None
        total = received = None
        limit = base if cap is None else min(base, cap)
        if self.total is not None and self.received is not None:
            total, received = self.total(values), self.received(values)
            limit = min(limit, total - received)
        return max(0, math.floor(limit)), base, cap, total, received


_AMOUNTS: CodeCache[AmountCode] = CodeCache(AmountCode)
_Whole = tuple[int, int, tuple[str, ...], tuple[TermCode, ...], "int | None", "int | None", "str | None"]


def _whole_number_code(a: Amount, formulas: tuple[Term, ...], params: dict[str, Any]) -> tuple[_Whole, ...] | None:
    """Per formula (numerator, denominator, fields multiplied, sums and differences of fields multiplied, cap,
    cumulative cap, received field), when every formula is a product of constants, fields and sums or differences
    of fields, and every cap a whole constant; else None (the general path)."""
    def constant(t: Term | None) -> int | None:
        value = None if t is None else term_value(t, {}, params)
        return value if type(value) is int else None

    cap, total = constant(a.cap), constant(a.cumulative_cap)
    received = a.received.path if isinstance(a.received, FieldRef) and a.received.path != "as_of" else None
    if (a.cap is not None and cap is None) or (a.cumulative_cap is not None) != (total is not None and received is not None):
        return None
    out = []
    for f in formulas:
        factors = f.args if isinstance(f, Arith) and f.op == "mul" else [f]
        sums = [t for t in factors if isinstance(t, Arith) and t.op in ("add", "sub")]
        if not all(isinstance(t, (FieldRef, ParamRef, Const)) for t in factors if t not in sums) \
                or not all(isinstance(a, FieldRef) for t in sums for a in t.args):  # type: ignore[union-attr]
            return None
        paths = tuple(t.path for t in factors if isinstance(t, FieldRef))
        if "as_of" in paths or any(a.path == "as_of" for t in sums for a in t.args):  # type: ignore[union-attr]
            return None
        product: Any = 1
        for t in factors:
            if isinstance(t, (ParamRef, Const)):
                product *= term_value(t, {}, params)
        if not isinstance(product, (int, Fraction)) or isinstance(product, bool):
            return None
        out.append((product.numerator, product.denominator, paths, tuple(compile_term(t, params) for t in sums),
                    cap, total, received))
    return tuple(out)


def amount_code(provision: Provision, params: dict[str, Any]) -> AmountCode:
    assert provision.amount is not None
    return _AMOUNTS.get(provision.amount, params)


def candidate_formulas(a: Amount, values: dict[str, Any], params: dict[str, Any]) -> tuple[list[Term], list[str]]:
    """The formulas that may apply (the first case that surely holds ends the list) and the fields still deciding."""
    code = _AMOUNTS.get(a, params)
    picked, deciding = code.candidates(values)
    return [code.formulas[i] for i in picked], deciding


def amount_assumptions(provision: Provision) -> tuple[Text, ...]:
    """The assumption parameters an amount uses: then it is an estimate (测算), never an approved figure (核定)."""
    a = provision.amount
    if a is None:
        return ()
    terms = [a.formula, a.cap, a.cumulative_cap, a.received, *(x for c in a.cases or [] for x in (c.when, c.formula))]
    used = params_used(tuple(t for t in terms if t is not None))
    return tuple(Text(param.assumption.zh, param.assumption.en)
                 for name, param in sorted(provision.parameters.items()) if name in used and param.assumption)


def award(provision: Provision, values: dict[str, Any], params: dict[str, Any], estimate: bool = False) -> Award:
    """The amount of an eligible provision, rounded down to whole yuan (the only rounding rule files may state)."""
    code = amount_code(provision, params)
    first = code.candidates(values)[0][0]  # several only when they agree (AmountCode.missing)
    formula = code.formulas[first]
    amount = code.amount_of(first, values)

    def words() -> Pair:
        _, base, cap, total, received = code.limited(first, values)
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
