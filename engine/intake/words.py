"""What a person types in a cell, read as the value the schema takes: 320万 → 3200000, 是 → True, 济南 → 370100.

Only for typed text (CSV/XLSX cells, Gherkin tables, interview answers): JSON stays codes-only. Each reader
returns the value or raises ValueError((zh, en)); engine/intake/cells.py turns that into an Issue naming the
field. Nothing is guessed: a word that could mean two things is an error listing the candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from engine.messages import LANGS, both
from engine.messages import text as message
from schemas.application import FIELDS
from schemas.choices import choice_label, choice_words
from schemas.codes import INDUSTRY_PATTERN
from schemas.industries import CLASS_NAMES, KEYWORDS
from schemas.places import COUNTIES, PREFECTURES, PREFECTURES_EN, ZONE_DISTRICTS, ZONE_SUFFIXES, division_name

Message = tuple[str, str]  # (zh, en)

TRUE = {"true", "t", "1", "yes", "y", "是", "有", "对", "√", "✓", "✔"}
FALSE = {"false", "f", "0", "no", "n", "否", "无", "没有", "错", "×", "✗", "✘"}
NONE = {"无", "none", "没有"}  # a list cell of just this is the empty list
HELP = {"?", "help", "帮助"}  # typed as an interview answer: explain the question (? after NFKC: full-width too)
_QUOTES = str.maketrans("", "", " \u3000“”\"'‘’「」『』")
# Units of amounts as Chinese forms and statements write them; 元 (or 人民币) may follow or precede.
_MULTIPLIERS = {"": 1, "千": 1_000, "万": 10_000, "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}
_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
                     r"(?P<unit>千|万|十万|百万|千万|亿)?(?P<suffix>元|人民币|块|人|名|个|项|件|家)?")
_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)")
_COUNT_SUFFIXES = {"", "人", "名", "个", "项", "件", "家"}
_PICK_LIST = 6


def _error(key: str, **fields: object) -> ValueError:
    """A ValueError carrying the catalogue's message `key` as (zh, en), as engine/intake/cells.py reads it."""
    message = both(key, **fields)
    return ValueError((message["zh"], message["en"]))


def normalise(text: str) -> str:
    """Full-width forms to half-width (NFKC: ３２０万 → 320万, ， → ,), no spaces or quotes, Latin in lower case."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def flag(text: str) -> bool:
    word = normalise(text)
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise _error("intake.flag")


def number(text: str, kind: str) -> int:
    """A whole number of yuan (320万, 3.2亿, 1,234.00) or a count or year, exactly: Decimal, never a float."""
    word = normalise(text).removeprefix("人民币").removeprefix("¥")
    m = _NUMBER.fullmatch(word)
    suffix = m["suffix"] or "" if m else ""
    unit_ok = m is not None and (kind == "yuan" and suffix in ("", "元", "人民币", "块")
                                 or kind == "count" and suffix in _COUNT_SUFFIXES
                                 or kind == "year" and not m["unit"] and not m["frac"] and suffix == "")
    if m is None or not unit_ok:
        raise _error({"year": "intake.year", "yuan": "intake.yuan"}.get(kind, "intake.count"))
    digits = m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else "")
    value = Decimal(digits) * _MULTIPLIERS[m["unit"] or ""]
    if value != value.to_integral_value():
        raise _error("intake.not_whole_yuan" if kind == "yuan" else "intake.not_whole", typed=text.strip())
    return -int(value) if m["sign"] == "-" else int(value)


def year(text: str) -> int:
    return number(normalise(text).removesuffix("年"), "year")


def date(text: str) -> str:
    """2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日 → 2026-03-01; the schema checks that the day exists."""
    m = _DATE.fullmatch(normalise(text))
    if m is None:
        return text.strip()  # the schema names the expected form
    month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
    return f"{m[1]}-{int(month):02d}-{int(day):02d}"


@lru_cache(maxsize=64)
def _choice_index(path: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for code in FIELDS[path].choices:
        for word in choice_words(code):
            index.setdefault(normalise(word), code)
    return index


def choice(path: str, text: str) -> str:
    """The code of a choice typed as its code, Chinese label or a synonym (企业, 高企, 科小, 大学 …)."""
    code = _choice_index(path).get(normalise(text))
    if code is not None:
        return code
    listed = {lang: message("intake.list_sep", lang).join(
        message("intake.choice_option", lang, code=c, label=choice_label(c)[0]) for c in FIELDS[path].choices)
        for lang in LANGS}
    raise ValueError(tuple(message("intake.choice", lang, options=listed[lang]) for lang in LANGS))


def choices(path: str, text: str) -> list[str]:
    """A list cell: items separated by ; , or 、 (full-width forms too), each read as a choice."""
    parts = [p for p in re.split(r"[;,、]", unicodedata.normalize("NFKC", text)) if p.strip()]
    return [choice(path, part) for part in parts]


@lru_cache(maxsize=1)
def _place_index() -> dict[str, set[str]]:
    """Every name a division goes by: 济南市, 济南, 历下区, 历下, 济南市历下区, 济南历下区, Jinan."""
    index: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        index.setdefault(normalise(name), set()).add(code)

    for code, full in PREFECTURES.items():
        add(full, code)
        add(full.removesuffix("市"), code)
        add(PREFECTURES_EN[code], code)
        add(PREFECTURES_EN[code].replace("'", ""), code)
    for code, (full, prefecture) in COUNTIES.items():
        short = full[:-1] if len(full) > 2 else full  # 历下区 → 历下; 莒县 and 费县 keep their suffix
        for name in {full, short}:
            add(name, code)
            add(PREFECTURES[prefecture] + name, code)
            add(PREFECTURES[prefecture].removesuffix("市") + name, code)
    for name, code in ZONE_DISTRICTS.items():
        add(name, code)
    return index


def _place_codes(word: str) -> set[str]:
    found = _place_index().get(word, set())
    # A bare name shared by a prefecture and its own district (东营, 东营区) means the prefecture.
    return (found & PREFECTURES.keys()) or set(found)  # a copy: callers must not change the cached index


def _place_candidates(word: str) -> set[str]:
    word = word.removeprefix("中国").removeprefix("山东省").removeprefix("山东") or word
    if found := _place_codes(word):
        return found
    for suffix in ZONE_SUFFIXES:  # 青岛高新区: a zone is not a division; it lies in its prefecture (or county)
        head = word.removesuffix(suffix)
        if head != word and (found := _place_codes(head)):
            return found
    return set()


def city_choices(text: str) -> list[str]:
    """Every division code a place name may mean: one when it is clear, several when the person must pick."""
    word = normalise(text)
    return [word] if word.isdigit() else sorted(_place_candidates(word))


def city(text: str) -> str:
    """A division code typed as a code or a Shandong place name; ambiguous or unknown names list candidates."""
    word = normalise(text)
    if word.isdigit():
        return word  # the schema checks the format
    found = _place_candidates(word)
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise _error("intake.place_ambiguous", typed=text.strip(), listed=_places(sorted(found)))
    close = difflib.get_close_matches(word, list(_place_index()), n=_PICK_LIST, cutoff=0.6)
    codes = sorted({c for name in close for c in _place_index()[name]})[:_PICK_LIST]
    raise _unknown("intake.place_unknown", text, _places(codes))


@lru_cache(maxsize=1)
def _keywords() -> dict[str, tuple[str, ...]]:
    return {normalise(k): codes for k, codes in KEYWORDS.items()}


def _industry_candidates(word: str) -> set[str]:
    exact = {code for code, name in CLASS_NAMES.items()
             if word in (normalise(name), normalise(name).removesuffix("制造"), normalise(name).removesuffix("服务"))}
    if exact:
        return exact
    keywords = _keywords()
    if word in keywords:
        return set(keywords[word])  # a new set: the table is never touched
    # A description (谐波减速器研发生产): the longest keyword it contains decides; ties give a pick-list.
    inside = [k for k in keywords if k in word]
    if inside:
        longest = max(map(len, inside))
        return {c for k in inside if len(k) == longest for c in keywords[k]}
    return {code for code, name in CLASS_NAMES.items() if len(word) >= 2 and word in normalise(name)}


def industry_choices(text: str) -> list[str]:
    """Every class a name or keyword may mean (工业机器人 → [3491]; 机器人 → three): the interview's pick-list."""
    word = normalise(text)
    return [word.upper()] if INDUSTRY_PATTERN.fullmatch(word.upper()) else sorted(_industry_candidates(word))


def industry(text: str) -> str:
    """A GB/T 4754 class typed as its code (3491, C3491), its name or a keyword (伺服电机 → 3813)."""
    word = normalise(text)
    if INDUSTRY_PATTERN.fullmatch(word.upper()):
        return word.upper()
    found = _industry_candidates(word)
    if len(found) == 1:
        return next(iter(found))
    if found:
        listed = ";".join(f"{c} {CLASS_NAMES[c]}" for c in sorted(found))
        raise _error("intake.industry_ambiguous", typed=text.strip(), listed=listed)
    close = difflib.get_close_matches(word, [normalise(n) for n in CLASS_NAMES.values()], n=_PICK_LIST, cutoff=0.4)
    listed = ";".join(f"{c} {n}" for c, n in CLASS_NAMES.items() if normalise(n) in close)
    raise _unknown("intake.industry_unknown", text, listed)


def _places(codes: list[str]) -> str:
    return "、".join(f"{division_name(c)}({c})" for c in codes)


def _unknown(key: str, text: str, listed: str) -> ValueError:
    """An unknown name's message, with the close names as a pick-list when there are any."""
    head, hint = both(key, typed=text.strip()), both("intake.did_you_mean_list", listed=listed)
    return ValueError(tuple(head[lang] + (hint[lang] if listed else "") for lang in LANGS))
