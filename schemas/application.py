"""The application: pydantic models that validate one applicant's data before any rule sees it.

Its sections are in schemas/sections.py, what a field may hold and how it is checked in schemas/fieldtypes.py;
this module puts them together and lists every field by its dotted path (FIELDS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import Field, Strict, StringConstraints

from schemas.fieldtypes import (  # noqa: F401  (_division, _industry, _iso_date, MAX_*: imported from here too)
    MAX_COUNT,
    MAX_YUAN,
    Date,
    FieldKind,
    Section,
    _division,
    _industry,
    _iso_date,
    _label,
)
from schemas.sections import (
    IP,
    RD,
    Applicant,
    BasicResearch,
    Compute,
    Insurance,
    Loan,
    Park,
    Platform,
    Project,
    Review,
    Scenario,
    TechLoan,
)

class Application(Section):
    """One application; every field but `application_id` may be left out (then it is *not provided*)."""

    application_id: Annotated[
        str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=100), FieldKind("text")
    ] = Field(title="Application id", json_schema_extra={"title_zh": "申请编号"})
    as_of: Annotated[Date | None, _label("Assessment date", "评估日期")]
    applicant: Applicant | None = None
    rd: RD | None = None
    ip: IP | None = None
    scenario: Scenario | None = None
    platform: Platform | None = None
    compute: Compute | None = None
    park: Park | None = None
    loan: Loan | None = None
    insurance: Insurance | None = None
    techloan: TechLoan | None = None
    basic_research: BasicResearch | None = None
    project: Project | None = None
    review: Review | None = None


@dataclass(frozen=True)
class FieldSpec:
    """One input field by its dotted path, as rules, CSV columns and error locations name it."""

    path: str
    kind: str
    en: str
    zh: str
    choices: tuple[str, ...] = ()
    controllable: bool = False  # the applicant can change it by acting (see _label); advice reads this


def _kind_and_choices(annotation: Any, metadata: list[Any]) -> tuple[str, tuple[str, ...]]:
    kinds = [m.name for m in metadata if isinstance(m, FieldKind)]
    for arg in get_args(annotation) or (annotation,):
        if arg is type(None):
            continue
        inner_meta = list(getattr(arg, "__metadata__", ()))
        kinds += [m.name for m in inner_meta if isinstance(m, FieldKind)]
        base = get_args(arg)[0] if inner_meta else arg
        if get_origin(base) is list:
            base = get_args(base)[0]
        choices = tuple(get_args(base)) if get_origin(base) is Literal else ()
        if kinds:
            return kinds[0], choices
    raise TypeError(f"field without a FieldKind: {annotation!r}")


def _catalogue() -> dict[str, FieldSpec]:
    fields: dict[str, FieldSpec] = {}
    for name, info in Application.model_fields.items():
        section = info.annotation
        section_model = next((a for a in get_args(section) if isinstance(a, type) and issubclass(a, Section)), None)
        if section_model is None:
            kind, choices = _kind_and_choices(info.annotation, info.metadata)
            extra = info.json_schema_extra or {}
            fields[name] = FieldSpec(name, kind, info.title or name, extra["title_zh"], choices)
            continue
        for sub, sub_info in section_model.model_fields.items():
            kind, choices = _kind_and_choices(sub_info.annotation, sub_info.metadata)
            extra = sub_info.json_schema_extra or {}
            fields[f"{name}.{sub}"] = FieldSpec(f"{name}.{sub}", kind, sub_info.title or sub, extra["title_zh"], choices,
                                                bool(extra.get("controllable")))
    return fields


FIELDS: dict[str, FieldSpec] = _catalogue()
"""Every input field by dotted path, in the order of the data contract."""
SECTIONS: tuple[str, ...] = tuple(n for n in Application.model_fields if n not in ("application_id", "as_of"))
