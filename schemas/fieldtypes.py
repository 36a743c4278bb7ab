"""What one field of an application may hold, and how it is checked: bounds, codes, dates and flags as annotated
types, the Python checks with their native shortcuts (schemas/shortcut.py), the labels, and the base of every section."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

from schemas.codes import DIVISION_PATTERN, normalise_industry_code, uscc_expected
from schemas.shortcut import Shortcut

# Bounds keep every number exact inside durable_rules' signed 64-bit integers, even after scaling
# (engine/evaluate/compiler.py scales ratios by 10^9); no real application comes near them.
MAX_YUAN = 10**15
MAX_COUNT = 10**7
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The one error each check raises: (type, message), shared with its Shortcut (schemas/shortcut.py).
_ISO_DATE = ("iso_date", "should be a date written YYYY-MM-DD, such as 2027-03-31")
_DIVISION = ("division_code", "should be a 6-digit GB/T 2260 division code, such as 370100")
_INDUSTRY = ("industry_code", "should be a 4-digit GB/T 4754-2017 class, such as 3491 or C3491")
_ACCIDENT_FLAGS = ("accident_flags",
                   "contradicts applicant.major_accident_3y = false: an accident in the last year is one in the last 3")


@dataclass(frozen=True)
class FieldKind:
    """What a field holds, for the rule compiler and the linter: yuan, count, year, bool, date, enum, code, set, text."""

    name: str


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: pydantic's lax mode would also take Unix timestamps and datetimes. Text is tried first.
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise PydanticCustomError(*_ISO_DATE)


def _uscc(value: str) -> str:
    expected = uscc_expected(value)
    if expected is not None and value[17] == expected:
        return value  # already stripped and in capitals: the usual code, returned without making two copies
    value = value.strip().upper()
    expected = uscc_expected(value)
    if expected is None:
        raise PydanticCustomError(
            "uscc_format", "should be 18 characters from 0-9 and A-Y without I, O, S, V, Z"
        )
    if value[17] != expected:
        raise PydanticCustomError(
            "uscc_check_character",
            "check character should be {expected}, got {actual}",
            {"expected": expected, "actual": value[17]},
        )
    return value


def _division(value: str) -> str:
    if not DIVISION_PATTERN.fullmatch(value):
        raise PydanticCustomError(*_DIVISION)
    return value


def _industry(value: str) -> str:
    code = normalise_industry_code(value)
    if code is None:
        raise PydanticCustomError(*_INDUSTRY)
    return code


def _accident_flags_agree(value: bool, info: ValidationInfo) -> bool:
    if value is True and info.data.get("major_accident_3y") is False:
        raise PydanticCustomError(*_ACCIDENT_FLAGS)
    return value


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _pattern(regex: str) -> core_schema.CoreSchema:
    return core_schema.str_schema(pattern=regex, strict=True)  # strict: no bytes or numbers turned into text


# Native shortcuts (schemas/shortcut.py): each takes only values its check returns unchanged. ASCII digits
# only ([0-9], not \d): the Python checks' \d also matches other digits, which date.fromisoformat then refuses.
_DATE_SHORTCUT = Shortcut(_pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), _iso_date, _ISO_DATE, "date", before=True)
_DIVISION_SHORTCUT = Shortcut(_pattern(r"^[1-9][0-9]{5}$"), _division, _DIVISION, "str")
_INDUSTRY_SHORTCUT = Shortcut(_pattern(r"^[0-9]{4}$"), _industry, _INDUSTRY, "str")  # already the bare class
_NO_ACCIDENT_SHORTCUT = Shortcut(core_schema.literal_schema([False]), _accident_flags_agree, _ACCIDENT_FLAGS, "bool",
                                 with_info=True)  # no accident contradicts nothing
_DEDUPE_SHORTCUT = Shortcut(core_schema.list_schema(max_length=1), _dedupe, None, "list")  # nothing to repeat


Yuan = Annotated[int, Strict(), Field(ge=0, le=MAX_YUAN), FieldKind("yuan")]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT), FieldKind("count")]
Year = Annotated[int, Strict(), Field(ge=1949, le=2100), FieldKind("year")]
Flag = Annotated[bool, Strict(), FieldKind("bool")]
Points = Annotated[int, Strict(), Field(ge=0, le=100), FieldKind("count")]  # a score out of 100
Date = Annotated[dt.date, _DATE_SHORTCUT, FieldKind("date")]
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=200), FieldKind("text")]
Kind = Literal["enterprise", "university", "research_institute", "park_operator"]
Designation = Literal["high_tech_enterprise", "tech_sme", "srdi", "little_giant", "single_champion"]
Recipient = Literal["nonprofit_research_institute", "university", "government_science_fund", "other"]


def _label(en: str, zh: str, *, controllable: bool = False) -> Any:
    # `controllable`: the applicant can change the value by acting (spending on R&D, paying a contract, filing
    # a claim); advice may suggest changing it. Facts of record (place, industry, dates, accidents, designations,
    # reviewers' decisions) are not: advice must never suggest changing them.
    return Field(default=None, title=en, json_schema_extra={"title_zh": zh, "controllable": controllable})


def _act(en: str, zh: str) -> Any:
    """The label of a field the applicant controls (see _label)."""
    return _label(en, zh, controllable=True)


class Section(BaseModel):
    # A misspelt field must not silently become "missing".
    model_config = ConfigDict(extra="forbid", frozen=True)

