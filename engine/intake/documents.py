"""Reads and validates applications; turns pydantic's error records into Issues with zh/en messages."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import InputError, Issue
from schemas.application import FIELDS, Application
from schemas.codes import organisation_check_character

MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_INTEGER_DIGITS = 4000  # Python refuses 4,300+ with a bare ValueError; below this the schema names the field

_KIND_WORDS = {"yuan": ("以元为单位的整数", "a whole number of yuan"), "count": ("整数", "a whole number"),
               "year": ("四位年份", "a four-digit year"), "bool": ("true 或 false", "true or false"),
               "date": ("YYYY-MM-DD 格式的日期", "a date written YYYY-MM-DD"), "text": ("文本", "text"),
               "code": ("文本", "text"), "enum": ("文本", "text"), "set": ("列表", "a list")}


def _expected(loc: str) -> tuple[str, str]:
    spec = FIELDS.get(loc)
    return _KIND_WORDS.get(spec.kind, ("", "")) if spec else ("", "")


def _message(err: dict[str, Any], loc: str) -> tuple[str, str]:
    """Our own words for pydantic's error types (never a regex or a pydantic URL)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    spec = FIELDS.get(loc.rsplit(".", 1)[0] if loc.rsplit(".", 1)[-1].isdigit() else loc)
    if kind in ("extra_forbidden", "unknown_field"):
        name = ctx.get("path", loc)
        close = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.75)
        hint_zh = f";是否应为 {close[0]}?" if close else ""
        hint_en = f"; did you mean {close[0]}?" if close else ""
        named = f" {name}" if name != loc else ""  # a field named in a value, not by the key itself
        return f"未知字段{named}{hint_zh}", f"unknown field{named}{hint_en}"
    if kind == "missing":
        return "必填", "is required"
    if kind == "literal_error" and spec:
        options = ", ".join(spec.choices)
        return f"应为以下之一:{options}", f"should be one of: {options}"
    if kind in ("int_type", "int_parsing", "int_from_float", "bool_type", "bool_parsing", "string_type",
                "list_type", "date_type", "date_parsing", "iso_date"):
        zh, en = _expected(loc)
        if not zh:
            zh, en = ("文本", "text") if kind == "string_type" else ("列表", "a list") if kind == "list_type" else ("", "")
        return f"应为{zh}", f"should be {en}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {ctx.get('ge', ctx.get('gt'))}", f"should not be less than {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {ctx.get('le', ctx.get('lt')):,}", f"should not be more than {ctx.get('le', ctx.get('lt')):,}"
    if kind == "string_too_short":
        return "不能为空", "should not be empty"
    if kind == "string_too_long":
        return f"过长(最多 {ctx.get('max_length')} 个字符)", f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "model_type" or kind == "model_attributes_type" or kind == "dict_type":
        return "应为对象(JSON 对象)", "should be an object (a JSON object)"
    if kind == "uscc_check_character":
        return (f"校验码应为 {ctx['expected']},实际为 {ctx['actual']}",
                f"check character should be {ctx['expected']}, got {ctx['actual']}")
    if kind == "uscc_format":
        return "应为 18 位,由数字和除 I、O、S、V、Z 外的大写字母组成", err["msg"]
    if kind == "division_code":
        return "应为 6 位行政区划代码,例如 370100", err["msg"]
    if kind == "industry_code":
        return "应为 4 位国民经济行业代码,例如 3491 或 C3491", err["msg"]
    if kind == "accident_flags":
        return ("与“近三年发生重大事故”为否矛盾:近一年内的事故也在近三年内(applicant.major_accident_3y)",
                err["msg"])
    if kind == "too_long":
        return "项目过多", "has too many items"
    return err["msg"], err["msg"]


def issues_from(exc: ValidationError, row: int | None = None) -> list[Issue]:
    issues = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        zh, en = _message(err, loc)
        value = err.get("input")
        shown = value if isinstance(value, (str, int, bool, float)) and not isinstance(value, dict) else None
        issues.append(Issue(loc=loc or "(application)", type=err["type"], en=en, zh=zh, input=shown, row=row))
    return issues


def parse_application(data: Any, source: str = "<input>", row: int | None = None) -> Application:
    """Validate one application document; raises InputError with one Issue per bad field."""
    if not isinstance(data, dict):
        raise InputError(source, [Issue("(application)", "model_type", "should be a JSON object",
                                        "应为 JSON 对象", row=row)])
    try:
        return Application.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, issues_from(exc, row)) from None


def parse_line(raw: bytes, row: int) -> tuple[Application | None, Any, list[Issue]]:
    """One JSONL line → (application, document, issues), exactly as `loads_untrusted` + `parse_application` give.

    Fast path: pydantic's own JSON parser validates the bytes in one step (no Python dict in between).
    Anything it refuses goes the slow way, so that every error record keeps its words, and the document
    stays available to name the row. The fast path only accepts what the slow one accepts identically
    (tests/test_screen_fast.py compares them on valid and broken lines).
    """
    try:
        return Application.model_validate_json(raw), None, []
    except ValidationError:
        pass
    try:
        doc = loads_untrusted(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        return None, None, [Issue("(line)", "json_invalid", f"is not valid JSON: {exc}", f"不是有效的 JSON:{exc}", row=row)]
    try:
        return parse_application(doc, row=row), doc, []
    except InputError as exc:
        return None, doc, list(exc.issues)


def read_json(path: str) -> Any:
    """Parse a JSON file ('-' for stdin), bounded in size; malformed JSON is an InputError naming line and column."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(path).open("rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(path, [Issue("(file)", "file_unreadable", f"cannot read the file: {exc.strerror}",
                                      f"无法读取文件:{exc.strerror}")]) from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(path, [Issue("(file)", "file_too_large", f"larger than {MAX_INPUT_BYTES:,} bytes",
                                      f"超过 {MAX_INPUT_BYTES:,} 字节")])
    try:
        return loads_untrusted(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, [Issue("(file)", "not_utf8", "is not UTF-8 text", "不是 UTF-8 文本")]) from None
    except json.JSONDecodeError as exc:
        raise InputError(path, [Issue("(file)", "json_invalid",
                                      f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                                      f"不是有效的 JSON:第 {exc.lineno} 行第 {exc.colno} 列({exc.msg})")]) from None


def loads_untrusted(text: str) -> Any:
    """json.loads for text from outside: every failure is a JSONDecodeError (a ValueError) with a position.

    Besides malformed text that covers NaN/Infinity, integers of more than MAX_INTEGER_DIGITS digits and
    nesting deeper than the parser's recursion limit, which json.loads reports as other exceptions or not at all.
    """
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _no_constant(text: str) -> Any:
    raise json.JSONDecodeError(f"{text} is not a number JSON allows", text, 0)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise json.JSONDecodeError(f"an integer of {len(text.lstrip('-')):,} digits is too large", text, 0)
    return int(text)


def warnings_of(app: Application) -> list[Issue]:
    """Problems that do not stop evaluation (a failed 17th-character check of a USCC is only a warning: the USCC may still be real)."""
    uscc = app.applicant.uscc if app.applicant else None
    if uscc and organisation_check_character(uscc[8:16]) != uscc[16]:
        expected = organisation_check_character(uscc[8:16])
        return [Issue("applicant.uscc", "uscc_organisation_check", severity="warning", input=uscc,
                      en=f"organisation-code check character (17th) should be {expected}, got {uscc[16]}",
                      zh=f"组织机构代码校验码(第 17 位)应为 {expected},实际为 {uscc[16]}")]
    return []

