"""Request bodies of the HTTP API besides the application itself."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from schemas.application import FIELDS

def _known(path: str) -> str:
    if path not in FIELDS:
        raise PydanticCustomError("unknown_field", "unknown field {path}", {"path": path})
    return path


FieldPath = Annotated[str, Field(max_length=80), AfterValidator(_known)]


class Answer(BaseModel):
    """One answer as the person typed it; typed and checked like a spreadsheet cell of that field."""

    model_config = ConfigDict(extra="forbid")

    field: FieldPath
    text: Annotated[str, Field(max_length=2000)]


class InterviewStep(BaseModel):
    """One step of the browser interview: the answers so far, what was skipped, and what to do next."""

    model_config = ConfigDict(extra="forbid")

    application: dict[str, Any] = Field(default_factory=dict)
    skipped: Annotated[list[FieldPath], Field(max_length=len(FIELDS))] = Field(default_factory=list)
    answer: Answer | None = None
    ask: FieldPath | None = None  # ask this field again (the person wants to change an answer)
    finish: bool = False  # show the result now, with what is known
