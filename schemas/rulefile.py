"""Schema of the rule files in rules/: pack, shared definitions and one file per provision.

Conditions (`when`) and amount formulas are parsed into a small typed tree here; nothing in a rule
file is ever executed. engine/rules/typecheck.py then checks the tree against the application fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator
from pydantic_core import PydanticCustomError

from engine.rules.operators import ARITH as ARITH_OPS, PUBLIC

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
ParamName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Scalar = Union[bool, int, Decimal, str, dt.date]


def _bad(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


# ---- terms and conditions ------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldRef:
    path: str


@dataclass(frozen=True)
class ParamRef:
    name: str


@dataclass(frozen=True)
class Const:
    value: Scalar | tuple[Scalar, ...]


@dataclass(frozen=True)
class YearOf:
    """The calendar year of a date field, plus an offset (`{year_of: as_of, plus: -1}`)."""

    path: str
    plus: int = 0


@dataclass(frozen=True)
class Arith:
    """`ratio`, `sub`, `add`, `mul`, `min`, `max` over terms; computed exactly (Fraction/Decimal)."""

    op: str
    args: tuple[Term, ...]


@dataclass(frozen=True)
class DateShift:
    """A date field moved by whole years (`{date_of: as_of, plus_years: -1}`); 29 February becomes 28 February."""

    path: str
    years: int


@dataclass(frozen=True)
class ScoreRef:
    """A named score of the provision (`{score: total}`); its value is a range while inputs are missing."""

    name: str


Term = Union[FieldRef, ParamRef, Const, YearOf, DateShift, ScoreRef, Arith]

# The operator names come from their one definition (engine/rules/operators.py, a leaf module).
COMPARISONS = PUBLIC
SUBJECTS = ("field", "ratio", "sub", "year_of", "date_of", "score")
MODIFIERS = ("plus", "plus_years")  # beside year_of and date_of
ARITH = tuple(ARITH_OPS)


@dataclass(frozen=True)
class Range:
    """The two bounds of `between`, both inclusive."""

    low: Term
    high: Term


@dataclass(frozen=True)
class Compare:
    subject: Term
    op: str
    object: Term | Range


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]
    written_as_if: bool = False  # `{if: A, then: B}`, kept as (not A) or B; locations and words say if/then


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Union[Compare, AllOf, AnyOf, Not]


MAX_MAGNITUDE = 10**15  # as for yuan in applications: keeps every comparison exact in durable_rules' int64
MAX_DECIMALS = 9


def _bounded(value: int | Decimal, where: str) -> int | Decimal:
    if abs(value) > MAX_MAGNITUDE or (isinstance(value, Decimal) and -value.as_tuple().exponent > MAX_DECIMALS):  # type: ignore[operator]
        raise _bad("number_bounds", "{where}: numbers are limited to ±10^15 and 9 decimals", where=where)
    return value


def _scalar(raw: Any, where: str) -> Scalar:
    if isinstance(raw, float):
        raise _bad("float_literal", "{where}: write decimals in quotes (\"0.10\") so they stay exact", where=where)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return _bounded(raw, where)
    if isinstance(raw, (bool, int, str, dt.date)) and not isinstance(raw, dt.datetime):
        return raw
    raise _bad("literal", "{where}: expected a number, text, true/false or a date, got {got}", where=where, got=repr(raw)[:40])


def parse_number(raw: Any, where: str) -> int | Decimal:
    """An int, or a decimal written as a quoted string ("0.10")."""
    if isinstance(raw, float):
        raise _bad("float_literal", "{where}: write decimals in quotes (\"0.10\") so they stay exact", where=where)
    if isinstance(raw, bool):
        raise _bad("number", "{where}: expected a whole number or a quoted decimal such as \"0.10\"", where=where)
    if isinstance(raw, int):
        return _bounded(raw, where)
    if isinstance(raw, str) and len(raw) <= 40:
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is not None and value.is_finite():
            _bounded(value, where)
            return int(value) if value == value.to_integral_value() and "." not in raw else value
    raise _bad("number", "{where}: expected a whole number or a quoted decimal such as \"0.10\", got {got}",
               where=where, got=repr(raw)[:40])


def parse_term(raw: Any, where: str) -> Term:
    if isinstance(raw, dict):
        if len(raw) == 1 and "field" in raw:
            return FieldRef(_path(raw["field"], where))
        if len(raw) == 1 and "param" in raw:
            return ParamRef(_param(raw["param"], where))
        if "year_of" in raw and set(raw) <= {"year_of", "plus"}:
            plus = raw.get("plus", 0)
            if isinstance(plus, bool) or not isinstance(plus, int) or abs(plus) > 100:
                raise _bad("term", "{where}.plus: expected a whole number of years", where=where)
            return YearOf(_path(raw["year_of"], where), plus)
        if "date_of" in raw and set(raw) <= {"date_of", "plus_years"}:
            years = raw.get("plus_years", 0)
            if isinstance(years, bool) or not isinstance(years, int) or abs(years) > 100:
                raise _bad("term", "{where}.plus_years: expected a whole number of years", where=where)
            return DateShift(_path(raw["date_of"], where), years)
        if len(raw) == 1 and "score" in raw:
            return ScoreRef(_param(raw["score"], where))
        if len(raw) == 1:
            (op, args), = raw.items()
            if op in ARITH:
                if not isinstance(args, list) or not 2 <= len(args) <= 8 or (op in ("ratio", "sub") and len(args) != 2):
                    raise _bad("term", "{where}.{op}: expected a list of {n} terms", where=where, op=op,
                               n="2" if op in ("ratio", "sub") else "2 to 8")
                return Arith(op, tuple(_operand(a, f"{where}.{op}.{i}") for i, a in enumerate(args)))
        raise _bad("term", "{where}: expected {{field: …}}, {{param: …}}, {{year_of: …}} or one of {ops}, got keys {keys}",
                   where=where, ops=", ".join(ARITH), keys=", ".join(map(str, raw))[:80])
    if isinstance(raw, list):
        if not raw or len(raw) > 100:
            raise _bad("term", "{where}: a list needs 1 to 100 values", where=where)
        return Const(tuple(_scalar(x, f"{where}.{i}") for i, x in enumerate(raw)))
    return Const(_scalar(raw, where))


def _operand(raw: Any, where: str) -> Term:
    # Inside arithmetic a bare string is a field path and a quoted decimal a number: `sub: [rd.expense, rd.expense_prev]`.
    if isinstance(raw, str):
        try:
            return Const(parse_number(raw, where))
        except PydanticCustomError:
            return FieldRef(_path(raw, where))
    return parse_term(raw, where)


def _path(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw or len(raw) > 100:
        raise _bad("field_path", "{where}: expected a field path such as rd.expense", where=where)
    return raw


def _param(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.replace("_", "a").isalnum():
        raise _bad("param_name", "{where}: expected a parameter name such as min_rd_intensity", where=where)
    return raw


def parse_condition(raw: Any, where: str = "when", depth: int = 0) -> Condition:
    """Parse the `when:` mini-language; `where` is the key path used in error messages."""
    if depth > 16:
        raise _bad("depth", "{where}: conditions nest deeper than 16 levels", where=where)
    if not isinstance(raw, dict):
        raise _bad("condition", "{where}: expected a mapping such as {{field: applicant.kind, eq: enterprise}}", where=where)
    if set(raw) == {"all"} or set(raw) == {"any"}:
        (key, items), = raw.items()
        if not isinstance(items, list) or not 1 <= len(items) <= 32:
            raise _bad("condition", "{where}.{key}: expected a list of 1 to 32 conditions", where=where, key=key)
        parsed = tuple(parse_condition(x, f"{where}.{key}.{i}", depth + 1) for i, x in enumerate(items))
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    if set(raw) == {"not"}:
        return Not(parse_condition(raw["not"], f"{where}.not", depth + 1))
    if set(raw) == {"if", "then"}:
        # "then" is required only where "if" holds: if → then, i.e. (not if) or then.
        return AnyOf((Not(parse_condition(raw["if"], f"{where}.if", depth + 1)),
                      parse_condition(raw["then"], f"{where}.then", depth + 1)), written_as_if=True)
    subjects = [k for k in raw if k in SUBJECTS]
    ops = [k for k in raw if k in COMPARISONS]
    unknown = [str(k) for k in raw if k not in SUBJECTS and k not in COMPARISONS and k not in MODIFIERS]
    if unknown or len(subjects) != 1 or len(ops) != 1:
        raise _bad(
            "condition",
            "{where}: a condition is all/any/not, or one subject ({subjects}) with one operator ({ops}); got keys {keys}",
            where=where, subjects=", ".join(SUBJECTS), ops=", ".join(COMPARISONS), keys=", ".join(map(str, raw))[:80],
        )
    subject_key, op = subjects[0], ops[0]
    if subject_key == "field":
        subject: Term = FieldRef(_path(raw["field"], where + ".field"))
    else:
        subject = parse_term({k: raw[k] for k in raw if k == subject_key or k in MODIFIERS}, where)
    if op == "between":
        bounds = raw[op]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise _bad("condition", "{where}.between: expected [low, high]", where=where)
        return Compare(subject, op, Range(*(parse_term(b, f"{where}.between.{i}") for i, b in enumerate(bounds))))
    if op in ("gt", "gte", "lt", "lte") and isinstance(raw[op], str):
        # An order needs a number: a quoted decimal ("0.30") is one, kept exact (a tier table's thresholds).
        return Compare(subject, op, Const(parse_number(raw[op], f"{where}.{op}")))
    return Compare(subject, op, parse_term(raw[op], f"{where}.{op}"))


def parse_formula(raw: Any, where: str = "amount.formula") -> Term:
    if isinstance(raw, str):
        return _operand(raw, where)
    return parse_term(raw, where)


# ---- files ---------------------------------------------------------------------------------------

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Bilingual(Strict):
    zh: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Citation(Strict):
    section: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    text: Annotated[str, StringConstraints(min_length=4, max_length=2000)]


Unit = Literal["yuan", "ratio", "count", "year", "date", "text", "codes"]


class Parameter(Strict):
    """A value with dated versions (OpenFisca style): the version in force on `as_of` applies."""

    unit: Unit
    description: Bilingual | None = None
    values: dict[dt.date, Any] = Field(min_length=1, max_length=100)
    assumption: Bilingual | None = None  # a modelling choice, not a figure of a source: amounts using it are estimates
    source: str | None = None

    @model_validator(mode="after")
    def _typed_values(self) -> Parameter:
        for day, value in self.values.items():
            where = f"values.{day.isoformat()}"
            if self.unit in ("yuan", "count", "year"):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise _bad("param_value", "{where}: a {unit} parameter takes a whole number", where=where, unit=self.unit)
                _bounded(value, where)
            elif self.unit == "date" and not (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
                raise _bad("param_value", "{where}: a date parameter takes a date written YYYY-MM-DD", where=where)
            elif self.unit == "text" and not isinstance(value, str):
                raise _bad("param_value", "{where}: a text parameter takes text", where=where)
            elif self.unit == "codes" and not (
                isinstance(value, tuple) and value and all(isinstance(v, str) for v in value)
            ):
                raise _bad("param_value", "{where}: a codes parameter takes a non-empty list of quoted codes", where=where)
        return self

    @model_validator(mode="before")
    @classmethod
    def _convert(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or not isinstance(raw.get("values"), dict):
            return raw
        values = {}
        for day, value in raw["values"].items():
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise _bad("param_date", "values: '{day}' is not a date; write it as YYYY-MM-DD, such as 2026-01-01",
                           day=str(day)[:40])
            if raw.get("unit") == "ratio":
                value = parse_number(value, f"values.{day.isoformat()}")
                value = Decimal(value)
            elif isinstance(value, list):
                value = tuple(value)
            values[day] = value
        return {**raw, "values": values}


class Window(Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.to < self.from_:
            raise _bad("window", "'to' ({to}) is before 'from' ({frm})", to=str(self.to), frm=str(self.from_))
        return self


def _condition(raw: Any) -> Condition:
    if isinstance(raw, (Compare, AllOf, AnyOf, Not)):
        return raw
    return parse_condition(raw)


class CriterionDef(Strict):
    label: Bilingual
    when: Annotated[Any, BeforeValidator(_condition)]
    review: bool = False  # a judgement for an official: reads a review.* field; absent is pending review
    subject: Bilingual | None = None  # how explanations name a computed subject, e.g. R&D intensity
    note: str | None = None


class CriterionUse(Strict):
    use: Id


class Criterion(CriterionDef):
    id: Id


class Departments(Strict):
    lead: list[str] = Field(min_length=1)
    responsible: list[str] = []


def _formula(raw: Any) -> Term:
    if isinstance(raw, (FieldRef, ParamRef, Const, YearOf, DateShift, ScoreRef, Arith)):
        return raw
    return parse_formula(raw)


class AmountCase(Strict):
    """One case of an amount chosen by cases: the first whose `when` holds applies; no `when` means otherwise."""

    when: Annotated[Any, BeforeValidator(_condition)] | None = None
    formula: Annotated[Any, BeforeValidator(_formula)]


class Amount(Strict):
    formula: Annotated[Any, BeforeValidator(_formula)] | None = None
    cases: list[AmountCase] | None = Field(default=None, min_length=2, max_length=8)
    cap: Annotated[Any, BeforeValidator(_formula)] | None = None
    cumulative_cap: Annotated[Any, BeforeValidator(_formula)] | None = None
    received: Annotated[Any, BeforeValidator(_formula)] | None = None
    rounding: Literal["down"]

    @model_validator(mode="after")
    def _cumulative_pair(self) -> Amount:
        if (self.formula is None) == (self.cases is None):
            raise _bad("amount", "an amount has either a formula or cases, not both and not neither")
        if self.cases is not None and any(c.when is None for c in self.cases[:-1]):
            raise _bad("amount", "only the last case may leave out `when` (it is the otherwise case)")
        if (self.cumulative_cap is None) != (self.received is None):
            raise _bad("amount", "cumulative_cap and received go together: the cap applies to the running total")
        if self.cap is None and self.cumulative_cap is None:
            raise _bad("amount", "an amount needs a cap or a cumulative_cap: the plan states a maximum")
        return self


class Tier(Strict):
    when: Annotated[Any, BeforeValidator(_condition)] | None = None  # no `when`: every remaining case
    points: Annotated[int, Field(ge=-1000, le=1000)]


class Score(Strict):
    """A named score: a tier table (first matching tier wins), the greater of scores, or their sum."""

    label: Bilingual
    tiers: list[Tier] | None = Field(default=None, min_length=1, max_length=16)
    greater_of: list[ParamName] | None = Field(default=None, min_length=2, max_length=8)
    sum: list[ParamName] | None = Field(default=None, min_length=2, max_length=8)

    @model_validator(mode="after")
    def _one_form(self) -> Score:
        forms = [f for f in (self.tiers, self.greater_of, self.sum) if f is not None]
        if len(forms) != 1:
            raise _bad("score", "a score has exactly one of tiers, greater_of or sum")
        if self.tiers is not None and (self.tiers[-1].when is not None or any(t.when is None for t in self.tiers[:-1])):
            raise _bad("score", "the last tier, and only the last, leaves out `when`: it scores every remaining case")
        return self


# Tags of the two criterion forms; they appear in validation locations and are dropped when shown.
USE_TAG, DEFINE_TAG = "(use)", "(define)"


class ProvisionFile(Strict):
    id: Id
    title: Bilingual
    citation: Citation
    departments: Departments
    effective: Id | Window
    parameters: dict[ParamName, Parameter] = {}
    criteria: list[
        Annotated[
            Union[Annotated[CriterionUse, Tag(USE_TAG)], Annotated[Criterion, Tag(DEFINE_TAG)]],
            Discriminator(lambda raw: USE_TAG if isinstance(raw, dict) and "use" in raw else DEFINE_TAG),
        ]
    ] = Field(min_length=1, max_length=24)
    scores: dict[ParamName, Score] = Field(default={}, max_length=16)
    amount: Amount | None = None
    benefit: Bilingual | None = None
    assumptions: list[Bilingual] = []  # modelling notes, in both languages

    @model_validator(mode="after")
    def _amount_or_benefit(self) -> ProvisionFile:
        if (self.amount is None) == (self.benefit is None):
            raise _bad("amount", "a provision has either an amount or a benefit note, not both and not neither")
        return self


class DefinitionsFile(Strict):
    windows: dict[Id, Window] = {}
    parameters: dict[ParamName, Parameter] = {}
    criteria: dict[Id, CriterionDef] = {}


class PackFile(Strict):
    pack: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Bilingual
    document: str
    plan_text: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+$")]  # a file beside pack.yaml
    provisions: list[Id] = Field(min_length=1, max_length=64)
