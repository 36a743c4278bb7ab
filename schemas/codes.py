"""Code systems the application refers to: USCC (GB 32100-2015), GB/T 2260 divisions, GB/T 4754 classes."""

from __future__ import annotations

import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
# Per position, each character's weighted value: a check character is one dict look-up per character, summed
# in C (map), where a generator of products cost several times as much.
_ORG_TERMS = tuple({c: int(c, 36) * w for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"} for w in _ORG_WEIGHTS)
# The weighted sum mod 11 → the check character, 11 minus it ("X" for 10, "0" for 11).
_ORG_CHECK = ("0", "X", "9", "8", "7", "6", "5", "4", "3", "2", "1")
# A USCC character → its value as a base-34 digit (0-9, a-u); any other byte → "!". The weights of GB 32100
# are 3^i mod 31, and 34 ≡ 3 (mod 31): the weighted sum, mod 31, is the code read as a base-34 number from
# its last character. int() does that in C, where a loop over 17 characters costs several times as much (each
# screened line checks a USCC).
_BASE34 = bytes(ord("0123456789abcdefghijklmnopqrstu"[_USCC_VALUE[chr(b)]]) if chr(b) in _USCC_VALUE else ord("!")
                for b in range(256))
USCC_PATTERN = re.compile(f"[{USCC_CHARSET}]{{18}}")
DIVISION_PATTERN = re.compile(r"[1-9][0-9]{5}")
INDUSTRY_PATTERN = re.compile(r"([A-T])?([0-9]{4})")


def uscc_expected(code: str) -> str | None:
    """The check character a code should end with, or None unless it is 18 USCC characters (USCC_PATTERN)."""
    digits = code.encode("utf-8", "surrogatepass").translate(_BASE34)  # non-ASCII: bytes that become "!"
    if len(code) != 18 or not digits.isalnum():  # a "!"; `b"!" in` would raise and catch a TypeError inside
        return None
    return USCC_CHARSET[-int(digits[16::-1], 34) % 31]


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC, from its first 17 (GB 32100-2015 §5); KeyError names a character outside the set."""
    expected = uscc_expected(first17[:17].ljust(18, "0"))  # "0" counts 0: a shorter text weighs what it has
    if expected is None:
        raise KeyError(next(c for c in first17 if c not in _USCC_VALUE))
    return expected


def organisation_check_character(body8: str) -> str:
    """The check character of a GB 11714 organisation code (USCC positions 9-16 → position 17).

    Letters count by their place in the Latin alphabet (A=10 … Z=35), not their USCC index.
    """
    # The weights 3, 7, 9, 10, 5, 8, 4, 2 are 2^8 … 2^1 mod 11, and 35 ≡ 2 (mod 11): twice the code read as a
    # base-35 number is the weighted sum, mod 11. int() does that in C (each screened line's USCC is checked).
    # Only 8 ASCII letters and digits: int() also reads "_", signs, spaces and other scripts' digits.
    if len(body8) == 8 and body8.isascii() and body8.isalnum():
        try:
            return _ORG_CHECK[int(body8, 35) * 2 % 11]
        except ValueError:  # a Z, which base 35 has no digit for
            pass
    try:
        total = sum(map(dict.__getitem__, _ORG_TERMS, body8))
    except KeyError:  # not 0-9/A-Z (lower case, other digits): as int() reads it, or its ValueError
        total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_WEIGHTS))
    return _ORG_CHECK[total % 11]


def normalise_industry_code(code: str) -> str | None:
    """'C3491' or '3491' → '3491'; None when it is not a GB/T 4754 class."""
    m = INDUSTRY_PATTERN.fullmatch(code.strip().upper())
    return m.group(2) if m else None

SHANDONG_CITIES = {
    "370100": ("济南", "Jinan"), "370200": ("青岛", "Qingdao"), "370300": ("淄博", "Zibo"),
    "370400": ("枣庄", "Zaozhuang"), "370500": ("东营", "Dongying"), "370600": ("烟台", "Yantai"),
    "370700": ("潍坊", "Weifang"), "370800": ("济宁", "Jining"), "370900": ("泰安", "Tai'an"),
    "371000": ("威海", "Weihai"), "371100": ("日照", "Rizhao"), "371300": ("临沂", "Linyi"),
    "371400": ("德州", "Dezhou"), "371500": ("聊城", "Liaocheng"), "371600": ("滨州", "Binzhou"),
    "371700": ("菏泽", "Heze"),
}

# GB/T 4754-2017 classes of the robot industry (rules/definitions.yaml, robot_industry_codes), as suggestions.
ROBOT_INDUSTRY_CLASSES = {
    "3491": ("工业机器人制造", "Industrial robot manufacturing"),
    "3492": ("特殊作业机器人制造", "Special-purpose robot manufacturing"),
    "3964": ("服务消费机器人制造", "Service and consumer robot manufacturing"),
}


def prefecture(city_code: str) -> str:
    """The prefecture-level code of a division code (370102 → 370100); 3712xx 莱芜 is now part of Jinan."""
    code = city_code[:4] + "00"
    return "370100" if code == "371200" else code
