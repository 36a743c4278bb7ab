"""The result of evaluating one application (SPEC §4). Keys shown in SPEC keep their names; others are additions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Status = Literal["eligible", "ineligible", "undetermined", "not_in_effect"]
Outcome = Literal["pass", "fail", "unknown"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Text(Model):
    zh: str
    en: str


class CriterionResult(Model):
    id: str
    label: Text
    result: Outcome
    explanation: Text
    fields: list[str]


class CitationOut(Model):
    section: str
    text: str


class ProvisionResult(Model):
    provision: str
    title: Text
    status: Status
    amount: int | None
    max_amount: int | None
    criteria: list[CriterionResult]
    missing: list[str]
    citation: CitationOut
    explanation: Text
    amount_explanation: Text | None = None
    benefit: Text | None = None


class RulesInfo(Model):
    pack: str
    version: str
    digest: str


class InputWarning(Model):
    loc: str
    type: str
    msg: Text


class Evaluation(Model):
    application_id: str
    as_of: dt.date
    rules: RulesInfo
    results: list[ProvisionResult]
    total_amount: int
    warnings: list[InputWarning] = []
    evaluator: str

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
