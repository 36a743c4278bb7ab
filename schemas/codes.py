"""Code systems the application refers to: USCC (GB 32100-2015), GB/T 2260 divisions, GB/T 4754 classes."""

from __future__ import annotations

import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
USCC_PATTERN = re.compile(f"[{USCC_CHARSET}]{{18}}")
DIVISION_PATTERN = re.compile(r"[1-9][0-9]{5}")
INDUSTRY_PATTERN = re.compile(r"([A-T])?([0-9]{4})")


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC, from its first 17 (GB 32100-2015 §5)."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def organisation_check_character(body8: str) -> str:
    """The check character of a GB 11714 organisation code (USCC positions 9-16 → position 17).

    Letters count by their place in the Latin alphabet (A=10 … Z=35), not their USCC index.
    """
    total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


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
