"""The application (SPEC §1): pydantic models that validate one applicant's data before any rule sees it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from schemas.codes import DIVISION_PATTERN, USCC_PATTERN, normalise_industry_code, uscc_check_character

# Bounds keep every number exact inside durable_rules' signed 64-bit integers, even after scaling
# (engine/evaluate/compiler.py scales ratios by 10^9); no real application comes near them.
MAX_YUAN = 10**15
MAX_COUNT = 10**7


@dataclass(frozen=True)
class FieldKind:
    """What a field holds, for the rule compiler and the linter: yuan, count, year, bool, date, enum, code, set, text."""

    name: str


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: pydantic's lax mode would also take Unix timestamps and datetimes.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "should be a date written YYYY-MM-DD, such as 2027-03-31")


def _uscc(value: str) -> str:
    value = value.strip().upper()
    if not USCC_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "uscc_format", "should be 18 characters from 0-9 and A-Y without I, O, S, V, Z"
        )
    expected = uscc_check_character(value[:17])
    if value[17] != expected:
        raise PydanticCustomError(
            "uscc_check_character",
            "check character should be {expected}, got {actual}",
            {"expected": expected, "actual": value[17]},
        )
    return value


def _division(value: str) -> str:
    if not DIVISION_PATTERN.fullmatch(value):
        raise PydanticCustomError("division_code", "should be a 6-digit GB/T 2260 division code, such as 370100")
    return value


def _industry(value: str) -> str:
    code = normalise_industry_code(value)
    if code is None:
        raise PydanticCustomError(
            "industry_code", "should be a 4-digit GB/T 4754-2017 class, such as 3491 or C3491"
        )
    return code


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


Yuan = Annotated[int, Strict(), Field(ge=0, le=MAX_YUAN), FieldKind("yuan")]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT), FieldKind("count")]
Year = Annotated[int, Strict(), Field(ge=1949, le=2100), FieldKind("year")]
Flag = Annotated[bool, Strict(), FieldKind("bool")]
Date = Annotated[dt.date, BeforeValidator(_iso_date), FieldKind("date")]
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=200), FieldKind("text")]
Kind = Literal["enterprise", "university", "research_institute", "park_operator"]
Designation = Literal["high_tech_enterprise", "tech_sme", "srdi", "little_giant", "single_champion"]


def _label(en: str, zh: str) -> Any:
    return Field(default=None, title=en, json_schema_extra={"title_zh": zh})


class Section(BaseModel):
    # SPEC §1: a misspelt field must not silently become "missing".
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applicant(Section):
    name: Annotated[Text | None, _label("Legal name", "申请单位名称")]
    uscc: Annotated[
        Annotated[str, Strict(), AfterValidator(_uscc), FieldKind("code")] | None,
        _label("Unified social credit code", "统一社会信用代码"),
    ]
    kind: Annotated[Annotated[Kind, FieldKind("enum")] | None, _label("Kind of applicant", "申请单位类型")]
    city_code: Annotated[
        Annotated[str, Strict(), AfterValidator(_division), FieldKind("code")] | None,
        _label("Division code of the place of registration", "注册地行政区划代码"),
    ]
    industry_code: Annotated[
        Annotated[str, Strict(), AfterValidator(_industry), FieldKind("code")] | None,
        _label("Industry class (GB/T 4754-2017)", "国民经济行业代码"),
    ]
    designations: Annotated[
        Annotated[list[Designation], Field(max_length=5), AfterValidator(_dedupe), FieldKind("set")] | None,
        _label("Designations", "企业资质"),
    ]
    employees: Annotated[Count | None, _label("Employees", "从业人数")]
    dishonest_listed: Annotated[Flag | None, _label("On the serious dishonesty list", "列入严重失信主体名单")]
    major_accident_3y: Annotated[Flag | None, _label("Major accident in the last 3 years", "近三年发生重大事故")]
    abnormal_operations_listed: Annotated[
        Flag | None, _label("On the abnormal-operations list", "列入经营异常名录")
    ]


class RD(Section):
    fiscal_year: Annotated[Year | None, _label("Fiscal year assessed", "研发费用所属年度")]
    expense: Annotated[Yuan | None, _label("R&D expense", "研发费用")]
    expense_prev: Annotated[Yuan | None, _label("R&D expense of the year before", "上年研发费用")]
    revenue: Annotated[Yuan | None, _label("Operating revenue", "营业收入")]
    super_deduction_filed: Annotated[Flag | None, _label("R&D super deduction filed", "已申报研发费用加计扣除")]


class Scenario(Section):
    listed_in_gongfu_baijing: Annotated[Flag | None, _label("Listed in 工赋百景", "入选“工赋百景”推广名单")]
    listed_year: Annotated[Year | None, _label("Year of listing", "入选年度")]
    sector: Annotated[
        Annotated[
            Literal["3c", "automotive", "home_appliance", "marine_engineering", "other_industry"], FieldKind("enum")
        ]
        | None,
        _label("Sector", "应用领域"),
    ]
    accepted: Annotated[Flag | None, _label("Scenario project accepted", "场景项目已通过验收")]
    investment: Annotated[Yuan | None, _label("Eligible scenario investment", "场景项目投资额")]
    other_provincial_funding: Annotated[
        Flag | None, _label("Already has other provincial funding", "已获其他省级资金支持")
    ]


class Platform(Section):
    type: Annotated[
        Annotated[
            Literal[
                "key_laboratory",
                "technology_innovation_center",
                "industry_innovation_center",
                "manufacturing_innovation_center",
            ],
            FieldKind("enum"),
        ]
        | None,
        _label("Platform type", "平台类型"),
    ]
    robotics_field: Annotated[Flag | None, _label("Works in the robot field", "属于机器人领域")]
    previous_level: Annotated[
        Annotated[Literal["none", "provincial"], FieldKind("enum")] | None, _label("Level before", "原级别")
    ]
    level: Annotated[
        Annotated[Literal["provincial", "national"], FieldKind("enum")] | None, _label("Level now", "现级别")
    ]
    upgraded_on: Annotated[Date | None, _label("Date of the upgrade", "升级日期")]
    national_matching_required: Annotated[
        Flag | None, _label("National programme requires matching funds", "国家要求配套资金")
    ]


class Compute(Section):
    contract_amount: Annotated[Yuan | None, _label("Compute contract amount", "算力服务合同金额")]
    provider_in_shandong: Annotated[Flag | None, _label("Provider inside Shandong", "算力服务商在省内")]
    paid: Annotated[Flag | None, _label("Contract signed and paid", "合同已签订并付款")]
    related_party: Annotated[Flag | None, _label("Related-party contract", "买卖双方存在关联关系")]
    received_to_date: Annotated[Yuan | None, _label("Compute vouchers received to date", "已获算力券金额")]


class Park(Section):
    recognized_accelerator: Annotated[
        Flag | None, _label("Recognised future-industry accelerator park", "认定为省未来产业加速园")
    ]
    robotics_focus: Annotated[Flag | None, _label("Robots are a main focus", "以机器人为主导产业")]
    incubated_firms: Annotated[Count | None, _label("Incubated firms", "在孵企业数")]
    construction_investment: Annotated[Yuan | None, _label("Eligible construction investment", "建设投资额")]


class Application(Section):
    """One application; every field but `application_id` may be left out (then it is *not provided*)."""

    application_id: Annotated[
        str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=100), FieldKind("text")
    ] = Field(title="Application id", json_schema_extra={"title_zh": "申请编号"})
    as_of: Annotated[Date | None, _label("Assessment date", "评估日期")]
    applicant: Applicant | None = None
    rd: RD | None = None
    scenario: Scenario | None = None
    platform: Platform | None = None
    compute: Compute | None = None
    park: Park | None = None


@dataclass(frozen=True)
class FieldSpec:
    """One input field by its dotted path, as rules, CSV columns and error locations name it."""

    path: str
    kind: str
    en: str
    zh: str
    choices: tuple[str, ...] = ()


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
            fields[name] = FieldSpec(name, kind, info.title or name, (info.json_schema_extra or {})["title_zh"], choices)
            continue
        for sub, sub_info in section_model.model_fields.items():
            kind, choices = _kind_and_choices(sub_info.annotation, sub_info.metadata)
            extra = sub_info.json_schema_extra or {}
            fields[f"{name}.{sub}"] = FieldSpec(f"{name}.{sub}", kind, sub_info.title or sub, extra["title_zh"], choices)
    return fields


FIELDS: dict[str, FieldSpec] = _catalogue()
"""Every input field by dotted path, in SPEC §1 order."""
SECTIONS: tuple[str, ...] = tuple(n for n in Application.model_fields if n not in ("application_id", "as_of"))
