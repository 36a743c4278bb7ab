"""Reads and validates applications; turns pydantic's error records into Issues with zh/en messages."""

from __future__ import annotations

import codecs
import difflib
import functools
import json
import sys
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from engine.errors import InputError, Issue
from engine.messages import LANGS, both
from engine.messages import text as message
from schemas.application import FIELDS, Application
from schemas.codes import organisation_check_character

MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_INTEGER_DIGITS = 4000  # Python refuses 4,300+ with a bare ValueError; below this the schema names the field

# The kinds whose expected value the schema's type errors name; codes and choices are typed as text.
_KIND_WORDS = {"yuan": "yuan", "count": "count", "year": "year", "bool": "bool", "date": "date", "text": "text",
               "code": "text", "enum": "text", "set": "set"}
_TYPE_ERRORS = ("int_type", "int_parsing", "int_from_float", "bool_type", "bool_parsing", "string_type", "list_type",
                "date_type", "date_parsing", "iso_date")
# Error types worded the same whatever the field: pydantic's type → the catalogue's key.
_FIXED = {"missing": "intake.required", "string_too_short": "intake.empty", "model_type": "intake.object",
          "model_attributes_type": "intake.object", "dict_type": "intake.object", "uscc_format": "intake.uscc_format",
          "division_code": "intake.division_code", "industry_code": "intake.industry_code",
          "accident_flags": "intake.accident_flags", "too_long": "intake.too_many",
          "string_unicode": "intake.bad_unicode"}
Pair = tuple[str, str]


def _pair(key: str, **fields: Any) -> Pair:
    """The message in (zh, en); a field given as {"zh": …, "en": …} fills each language."""
    zh, en = (message(key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in fields.items()})
              for lang in LANGS)
    return zh, en


def _expected(loc: str, kind: str, msg: str) -> Pair:
    spec = FIELDS.get(loc)
    word = _KIND_WORDS.get(spec.kind) if spec else {"string_type": "text", "list_type": "set"}.get(kind)
    if word is None:
        return msg, msg
    return _pair("intake.should_be", expected={lang: message(f"intake.kind.{word}", lang) for lang in LANGS})


def _message(err: dict[str, Any], loc: str) -> Pair:
    """Our own words for pydantic's error record: they depend on its type, context and message and on the location
    alone, so they are kept per those (a batch repeats its mistakes; wording one cost more than a bad line's
    whole validation). A context that cannot be a key is worded each time."""
    ctx = err.get("ctx")
    try:
        return _worded(err["type"], loc, err["msg"], tuple((k, type(v), v) for k, v in ctx.items()) if ctx else ())
    except TypeError:  # unhashable: not kept
        return _worded.__wrapped__(err["type"], loc, err["msg"], tuple(ctx.items()) if ctx else ())


@functools.lru_cache(maxsize=4096)
def _worded(kind: str, loc: str, msg: str, context: tuple[tuple[Any, ...], ...]) -> Pair:
    """The (zh, en) words of one error (never a regex or a pydantic URL); `context`: (name, [type,] value)."""
    ctx = {item[0]: item[-1] for item in context}
    spec = FIELDS.get(loc.rsplit(".", 1)[0] if loc.rsplit(".", 1)[-1].isdigit() else loc)
    if kind in _FIXED:
        return _pair(_FIXED[kind])
    if kind in ("extra_forbidden", "unknown_field"):
        name = ctx.get("path", loc)
        close = _close_field(name)
        hint = both("intake.did_you_mean", path=close) if close else {"zh": "", "en": ""}
        named = f" {name}" if name != loc else ""  # a field named in a value, not by the key itself
        zh, en = (message("intake.unknown_field", lang, named=named) + hint[lang] for lang in LANGS)
        return zh, en
    if kind == "literal_error" and spec:
        return _pair("intake.one_of", options=", ".join(spec.choices))
    if kind in _TYPE_ERRORS:
        return _expected(loc, kind, msg)
    if kind in ("greater_than_equal", "greater_than"):
        return _pair("intake.at_least", bound=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _pair("intake.at_most", bound=ctx.get("le", ctx.get("lt")))
    if kind == "string_too_long":
        return _pair("intake.too_long", max_length=ctx.get("max_length"))
    if kind == "uscc_check_character":
        return _pair("intake.uscc_check", expected=ctx["expected"], actual=ctx["actual"])
    return msg, msg


@functools.lru_cache(maxsize=1024)
def _close_field(name: str) -> str | None:
    """The field a misspelt name most likely means; kept per name, as a batch repeats its misspellings (each
    look-up compares the name with every field, several times the cost of the rest of a bad line)."""
    close = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.75)
    return close[0] if close else None


def issues_from(exc: ValidationError, row: int | None = None) -> list[Issue]:
    return _issues(exc.errors(include_url=False), row)  # no documentation link is shown: not made either


def _issues(errors: list[Any], row: int | None) -> list[Issue]:
    issues = []
    for err in errors:
        loc = ".".join(str(p) for p in err["loc"])
        zh, en = _message(err, loc)
        value = err.get("input")
        shown = value if isinstance(value, (str, int, bool, float)) and not isinstance(value, dict) else None
        issues.append(Issue(loc or "(application)", err["type"], en, zh, shown, row))
    return issues


def parse_application(data: Any, source: str = "<input>", row: int | None = None) -> Application:
    """Validate one application document; raises InputError with one Issue per bad field."""
    checked = _checked(data, row)
    if isinstance(checked, list):
        raise InputError(source, checked)
    return checked


def _checked(data: Any, row: int | None) -> Application | list[Issue]:
    """The application, or the Issues that refuse it (parse_line then makes no exception and its message)."""
    if not isinstance(data, dict):
        return [Issue.of("(application)", "model_type", "intake.json_object", row=row)]
    try:
        return Application.__pydantic_validator__.validate_python(data)  # model_validate, without its frame
    except ValidationError as exc:
        return issues_from(exc, row)


def parse_line(raw: bytes, row: int) -> tuple[Application | None, Any, list[Issue]]:
    """One JSONL line → (application, document, issues), exactly as `loads_untrusted` + `parse_application` give.

    Fast path: pydantic's own JSON parser validates the bytes in one step (no Python dict in between).
    A line it refuses is read as `loads_untrusted` reads it, so that the document stays available to name the
    row and a line that is no JSON object gets its own words. Its error records are the refusal's: for a JSON
    object, validating the bytes and validating the document refuse the same fields in the same words, the parsers
    differing only on what is no JSON to `loads_untrusted` (NaN, lone surrogates: pydantic's "json_invalid"),
    which is validated again as a document. tests/test_screen_fast.py and tests/test_line_errors.py compare both
    ways on valid, broken and mutated lines.
    """
    try:
        return _VALIDATE_JSON(raw), None, []  # not model_validate_json: its Python frame costs more than a check
    except ValidationError as exc:
        refused = exc.errors(include_url=False)
    body = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
    doc = _by_orjson(body)  # orjson checks the UTF-8 itself: the text is made only when json must read it
    if doc is _UNREAD:
        try:
            doc = _by_json(raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            return None, None, [Issue.of("(line)", "json_invalid", "intake.line_json_invalid", reason=exc, row=row)]
    if isinstance(doc, dict) and refused[0]["type"] != "json_invalid":
        return None, doc, _issues(refused, row)
    checked = _checked(doc, row)
    return (None, doc, checked) if isinstance(checked, list) else (checked, doc, [])


_VALIDATE_JSON = Application.__pydantic_validator__.validate_json


def read_json(path: str) -> Any:
    """Parse a JSON file ('-' for stdin), bounded in size; malformed JSON is an InputError naming line and column."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(path).open("rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(path, [Issue.of("(file)", "file_unreadable", "intake.file_unreadable",
                                         reason=exc.strerror)]) from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(path, [Issue.of("(file)", "file_too_large", "intake.file_too_large", limit=MAX_INPUT_BYTES)])
    try:
        return loads_untrusted(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, [Issue.of("(file)", "not_utf8", "intake.not_utf8")]) from None
    except json.JSONDecodeError as exc:
        raise InputError(path, [Issue.of("(file)", "json_invalid", "intake.json_invalid", reason=exc.msg,
                                         line=exc.lineno, column=exc.colno)]) from None


def loads_untrusted(text: str, utf8: bytes | None = None) -> Any:
    """json.loads for text from outside: every failure is a JSONDecodeError (a ValueError) with a position.

    Besides malformed text that covers NaN/Infinity, integers of more than MAX_INTEGER_DIGITS digits and
    nesting deeper than the parser's recursion limit, which json.loads reports as other exceptions or not at all.
    orjson reads the usual document first, in a fifth of the time; what it refuses, and whatever it would read
    otherwise than json does (a number of 19+ digits: past 64 bits orjson makes it a float; nesting near
    json's limit, which orjson's is above), is read by json, so the answer and every error are as before.
    `utf8`: the text's UTF-8 when the caller has it (bytes are what orjson reads and where digits count fastest).
    """
    try:
        data = text.encode() if utf8 is None else utf8
    except UnicodeEncodeError:
        data = b""  # a lone surrogate: orjson refuses the text, json reads it
    doc = _by_orjson(data)
    return _by_json(text) if doc is _UNREAD else doc


_UNREAD = object()  # what _by_orjson answers for text that json must read


def _by_orjson(data: bytes) -> Any:
    """The document orjson reads from UTF-8, or _UNREAD: malformed, or what it would read otherwise than json."""
    if data and data.translate(_DIGITS).find(_LONG_NUMBER) < 0 and data.count(b"[") + data.count(b"{") < _ORJSON_NESTING:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # worded by json
    return _UNREAD


def _by_json(text: str) -> Any:
    """json.loads bounded as loads_untrusted says: every failure a JSONDecodeError."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
    except RecursionError:
        raise json.JSONDecodeError(message("intake.json_too_deep", "en"), text, 0) from None


# 19 digits in a row, once every digit is "0" and every other byte " " (UTF-8 has ASCII digits only as
# themselves): one pass in C, where a regular expression tried at each digit cost more than the rest of the line.
_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_NUMBER = b"0" * 19
_ORJSON_NESTING = 512  # brackets in the whole text bound its depth; json's recursion limit is about 1,000


def _no_constant(text: str) -> Any:
    raise json.JSONDecodeError(message("intake.json_constant", "en", word=text), text, 0)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise json.JSONDecodeError(message("intake.json_integer", "en", digits=len(text.lstrip("-"))), text, 0)
    return int(text)


def warnings_of(app: Application) -> list[Issue]:
    """Problems that do not stop evaluation (a failed 17th-character check of a USCC is only a warning: the USCC may still be real)."""
    applicant = app.applicant  # each attribute of a model is read through its __getattr__ hook: once each
    uscc = applicant.uscc if applicant is not None else None
    if not uscc:
        return []
    expected = organisation_check_character(uscc[8:16])
    if expected != uscc[16]:
        return [Issue.of("applicant.uscc", "uscc_organisation_check", "intake.uscc_organisation_check",
                         severity="warning", input=uscc, expected=expected, actual=uscc[16])]
    return []
