"""Native shortcuts in front of Python checks (schemas/shortcut.py) and the USCC arithmetic (schemas/codes.py)
answer exactly what the Python checks alone answer: the same values, the same errors, the same JSON schema."""

from __future__ import annotations

import json
import random
import re
import warnings
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from schemas import codes
from schemas.application import Application, _division, _industry, _iso_date

_ID = {"application_id": "A-1"}


def _by_check(check: Any, value: Any) -> Any:
    """What the Python check alone answers: its value, or its error as pydantic reports it."""
    try:
        return ("value", check(value))
    except PydanticCustomError as exc:
        return ("error", exc.type, exc.message(), value)


def _by_schema(doc: dict[str, Any], path: tuple[str, ...], json_mode: bool) -> Any:
    try:
        app = Application.model_validate_json(json.dumps(doc)) if json_mode else Application.model_validate(doc)
    except ValidationError as exc:
        (err,) = exc.errors(include_url=False)
        assert err["loc"] == path and "ctx" not in err
        return ("error", err["type"], err["msg"], err["input"])
    value: Any = app
    for part in path:
        value = getattr(value, part)
    return ("value", value)


_DAYS = [f"{y}-{m:02d}-{d:02d}" for y in ("0000", "0001", "1900", "2000", "2027", "2028", "9999")
         for m in range(0, 14) for d in (0, 1, 28, 29, 30, 31, 32)]
_ODD_DAYS = ["2027-3-1", "20270331", "2027-03-31T00:00:00", " 2027-03-31", "2027-03-31 ", "٢٠٢٧-٠٣-٣١",
             "2027-W13-3", "1700000000", "", "2027/03/31"]


@pytest.mark.parametrize("json_mode", [True, False])
def test_a_date_reads_as_the_python_check_reads_it(json_mode: bool) -> None:
    for text in _DAYS + _ODD_DAYS:
        assert _by_schema({**_ID, "as_of": text}, ("as_of",), json_mode) == _by_check(_iso_date, text), text
    assert _by_schema({**_ID, "as_of": 20270331}, ("as_of",), json_mode)[1] == "iso_date"


@pytest.mark.parametrize("json_mode", [True, False])
def test_division_and_industry_codes_read_as_their_checks_read_them(json_mode: bool) -> None:
    values = ["370100", "070100", "37010", "3701000", " 370100", "３７０１００", "3491", "C3491", "c3491 ",
              "U3491", "349", "٣٤٩١", "ABCDEF", ""]
    for field, check in (("city_code", _division), ("industry_code", _industry)):
        for value in values:
            got = _by_schema({**_ID, "applicant": {field: value}}, ("applicant", field), json_mode)
            if value == "":  # the empty text is the Python check's to refuse too
                assert got[0] == "error"
            assert got == _by_check(check, value), (field, value)
        with pytest.raises(ValidationError) as caught:  # not text: refused as text, before any code check
            Application.model_validate({**_ID, "applicant": {field: 370100}})
        assert caught.value.errors()[0]["type"] == "string_type"


def test_designations_keep_their_order_once_each() -> None:
    cases = {(): [], ("srdi",): ["srdi"], ("srdi", "srdi"): ["srdi"], ("tech_sme", "srdi", "tech_sme"): ["tech_sme", "srdi"]}
    for given, kept in cases.items():
        app = Application.model_validate_json(json.dumps({**_ID, "applicant": {"designations": list(given)}}))
        assert app.applicant is not None and app.applicant.designations == kept


def test_json_schema_and_output_are_those_of_the_plain_fields() -> None:
    schema = Application.model_json_schema()
    assert schema["properties"]["as_of"]["anyOf"] == [{"format": "date", "type": "string"}, {"type": "null"}]
    applicant = schema["$defs"]["Applicant"]["properties"]
    assert applicant["city_code"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert applicant["designations"]["anyOf"][0] == {
        "items": {"enum": ["high_tech_enterprise", "tech_sme", "srdi", "little_giant", "single_champion"],
                  "type": "string"}, "maxItems": 5, "type": "array"}
    assert Application.model_json_schema(mode="serialization")["properties"]["as_of"] == schema["properties"]["as_of"]
    doc = {**_ID, "as_of": "2027-03-31", "applicant": {"city_code": "370102", "designations": ["srdi"]}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a serializer that did not expect the value would warn
        written = json.loads(Application.model_validate(doc).model_dump_json(exclude_unset=True))
    assert written == doc


def _textbook_check(first17: str) -> str:
    """GB 32100-2015 §5 as written: Σ value × 3^i mod 31, 31 minus that (31 → 0)."""
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(codes.USCC_CHARSET.index(c) * w for c, w in zip(first17, weights))
    return codes.USCC_CHARSET[(31 - total % 31) % 31]


def test_uscc_check_characters_are_the_textbook_ones() -> None:
    rng = random.Random(7)
    others = "IOSVZabz-_ é中٣\x00\ud800"
    for _ in range(20000):
        code = "".join(rng.choice(codes.USCC_CHARSET if rng.random() < 0.95 else others)
                       for _ in range(rng.choice([17, 18, 18, 18, 16, 19, 0])))
        valid = re.fullmatch(f"[{codes.USCC_CHARSET}]{{18}}", code)
        assert codes.uscc_expected(code) == (_textbook_check(code[:17]) if valid else None), repr(code)
        head = code[:17]
        if all(c in codes.USCC_CHARSET for c in head):
            assert codes.uscc_check_character(head) == _textbook_check(head), repr(head)
        else:
            with pytest.raises(KeyError):
                codes.uscc_check_character(head)
    assert codes.uscc_check_character("91370200264574251") == "E"  # a real code (tests/test_codes.py)


def test_organisation_check_characters_read_letters_as_int_does() -> None:
    rng = random.Random(8)
    for _ in range(5000):
        body = "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz") for _ in range(8))
        total = sum(int(c, 36) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
        expected = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
        assert codes.organisation_check_character(body) == expected, body
    with pytest.raises(ValueError):
        codes.organisation_check_character("1234-678")


def test_organisation_check_characters_of_odd_bodies_are_the_weighted_sums_ones() -> None:
    """Text that base 35 would read otherwise than the weighted sum (int() takes "_", signs, spaces and other
    scripts' digits; a Z is no base-35 digit; a body of another length) is answered as before, or refused."""
    rng = random.Random(9)
    for _ in range(20000):
        body = "".join(rng.choice("0123456789AZYzy_ +-\t٣中\ud800") for _ in range(rng.choice([8, 8, 8, 7, 9, 0])))
        try:
            total = sum(int(c, 36) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
        except ValueError:
            with pytest.raises(ValueError):
                codes.organisation_check_character(body)
            continue
        expected = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
        assert codes.organisation_check_character(body) == expected, repr(body)
