"""Schema of a programme file in rules/programmes/: how an oversubscribed fund allocates one provision.

A programme names the provision it allocates, cites the plan, gives its budget and/or number of places
as dated parameters, and states the method (ranked by a score, first-come by a date, or pro-rata), the
award of each application and the tie rule. Formulas use the rule language's terms (schemas/rulefile.py);
nothing in the file is executed. engine/allocate/programmes.py checks references and types.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from schemas.rulefile import (
    Bilingual, Citation, Departments, Id, Parameter, ParamName, Strict, Term, _bad, parse_formula,
)

FieldPath = Annotated[str, StringConstraints(pattern=r"^[a-z_]+\.[a-z0-9_]+$", max_length=80)]


def _term(raw: Any) -> Term:
    return parse_formula(raw, "formula")


Formula = Annotated[Any, BeforeValidator(_term)]


class Method(Strict):
    """`ranked`: highest `score` first; `first_come`: earliest `date` first; `pro_rata`: every award scaled alike."""

    kind: Literal["ranked", "first_come", "pro_rata"]
    score: Formula | None = None
    date: FieldPath | None = None

    @model_validator(mode="after")
    def _inputs(self) -> Method:
        wanted = {"ranked": ("score",), "first_come": ("date",), "pro_rata": ()}[self.kind]
        for part in ("score", "date"):
            if (getattr(self, part) is not None) != (part in wanted):
                raise _bad("method", "method {kind} {verb} `{part}`", kind=self.kind, part=part,
                           verb="needs" if part in wanted else "takes no")
        return self


class Award(Strict):
    """What one application is awarded before the fund runs out: the provision's own amount, or a formula."""

    source: Literal["provision", "formula"]
    formula: Formula | None = None
    cap: Formula | None = None
    rounding: Literal["down"] = "down"

    @model_validator(mode="after")
    def _formula_given(self) -> Award:
        if (self.source == "formula") != (self.formula is not None):
            raise _bad("award", "an award from a formula needs `formula`; an award from the provision takes none")
        if self.cap is not None and self.formula is None:
            raise _bad("award", "`cap` goes with a formula; the provision's amount is capped by its own rule")
        return self


class TieBreak(Strict):
    field: FieldPath
    order: Literal["asc", "desc"]


class ProgrammeFile(Strict):
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Bilingual
    citation: Citation
    departments: Departments
    provision: Id
    statuses: list[Literal["eligible", "review"]] = ["eligible", "review"]  # review: funded provisionally
    parameters: dict[ParamName, Parameter] = Field(default={}, max_length=16)
    budget: ParamName | None = None  # a yuan parameter: the money a period can pay
    places: ParamName | None = None  # a count parameter: how many applications a period can fund
    method: Method
    award: Award
    ties: list[TieBreak] = Field(default=[], max_length=4)  # then the application id, always
    rounding: Bilingual  # how awards are rounded and what happens to leftover yuan, in words
    assumptions: list[Bilingual] = []

    @model_validator(mode="after")
    def _limits(self) -> ProgrammeFile:
        if self.budget is None and self.places is None:
            raise _bad("programme", "a programme has a budget, a number of places, or both")
        if self.method.kind == "pro_rata" and (self.budget is None or self.places is not None):
            raise _bad("programme", "a pro-rata programme scales awards to a budget and has no places")
        return self
