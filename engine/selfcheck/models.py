"""Response bodies of the self-check API as pydantic models: the OpenAPI document is generated from them.

The handlers send pre-serialised JSON (the hot path skips a second validation); tests check that real
answers validate against these models, so the document and the wire stay the same.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.result import Evaluation


class Bilingual(BaseModel):
    zh: str
    en: str


class ErrorBody(BaseModel):
    """Every error but 422: `error` is the English sentence (as before), `msg` the sentence in both languages."""

    error: str
    msg: Bilingual


class FieldError(BaseModel):
    loc: str = Field(description="dotted path of the field, e.g. rd.expense; (application) for the whole body")
    type: str = Field(description="stable slug of the problem, pydantic-style")
    msg: Bilingual
    severity: str = "error"
    input: str | int | bool | None = None
    row: int | None = None


class ValidationErrors(BaseModel):
    """422: the body is JSON but not a valid request; one error per field."""

    errors: list[FieldError]


class Citation(BaseModel):
    section: str
    text: str


class Window(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str


class Provision(BaseModel):
    id: str
    title: Bilingual
    citation: Citation
    effective: Window


class Choice(BaseModel):
    value: str
    zh: str
    en: str


class FieldDescription(BaseModel):
    field: str
    kind: str
    label: Bilingual
    choices: list[str]
    choice_labels: list[Choice]
    suggestions: list[Choice]


class FormSection(BaseModel):
    id: str = Field(description="the application's section the field belongs to, e.g. rd")
    zh: str
    en: str


class Serves(BaseModel):
    provision: str
    title: Bilingual
    section: str = Field(description="the plan's section of the provision")
    criteria: list[Bilingual] = Field(description="the provision's open criteria that read the field; "
                                                  "none: the field works out the amount")


class QuestionOut(FieldDescription):
    needed_by: list[str] = Field(description="the undetermined provisions that wait for this answer")
    section: FormSection = Field(description="the part of the form the question is in, as the interview heads it")
    hint: Bilingual = Field(description="what to type, e.g. the yes/no hint or the units an amount may use")
    serves: list[Serves] = Field(description="why it is asked: each provision waiting for it and the criteria")


class NextQuestion(BaseModel):
    """The next question; or, when no answer can change a status any more, `question` null and the result."""

    question: QuestionOut | None
    result: Evaluation | None


class Answered(BaseModel):
    field: str
    label: Bilingual
    shown: Bilingual


class InterviewReply(BaseModel):
    application: dict[str, Any] = Field(description="the application with the answer typed as a spreadsheet cell is")
    answered: list[Answered]
    question: QuestionOut | None
    result: Evaluation | None


def error_json(zh: str, en: str) -> bytes:
    return json.dumps({"error": en, "msg": {"zh": zh, "en": en}}, ensure_ascii=False).encode("utf-8")
