"""Code systems: USCC check characters (GB 32100 / GB 11714) and GB/T 4754 class forms."""

import pytest

from schemas.codes import normalise_industry_code, organisation_check_character, uscc_check_character

REAL = ["914403001922038216", "91370200264574251E", "91110108551385082Q"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_pass_both_checks(code: str) -> None:
    assert uscc_check_character(code[:17]) == code[17]
    assert organisation_check_character(code[8:16]) == code[16]


def test_demo_code_passes_18th_and_fails_17th() -> None:
    code = "91370000MA3D3M001X"
    assert uscc_check_character(code[:17]) == "X"
    assert organisation_check_character(code[8:16]) != code[16]


@pytest.mark.parametrize(("raw", "code"), [("3491", "3491"), ("C3491", "3491"), ("c3964", "3964"), (" 3492 ", "3492"),
                                           ("349", None), ("CC3491", None), ("34911", None), ("Z3491", None)])
def test_industry_code_forms(raw: str, code: str | None) -> None:
    assert normalise_industry_code(raw) == code
