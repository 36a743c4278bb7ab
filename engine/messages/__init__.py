"""The message catalogue: every sentence a person reads, in Chinese and English, looked up by key.

One lookup, several data files: each area of the engine keeps its sentences in `engine/messages/<area>.py`
as `MESSAGES = {"area.key": ("中文", "English")}`, so two areas never edit the same file. Keys are
namespaced by area (`lint.unknown_field`); placeholders are `str.format` fields and must be the same in
both languages (tests/test_messages.py checks). Chinese comes first because every user works in Chinese.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache
from string import Formatter
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, Lang] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


def lang_from_env(value: str | None = None) -> Lang:
    """The language asked for: an explicit value, else $SUBSIDY_LANG, else Chinese."""
    chosen = (value or os.environ.get("SUBSIDY_LANG") or DEFAULT_LANG).strip().lower()
    return "en" if chosen.startswith("en") else "zh"


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every message of every area; a key defined twice is a programming error, caught at first use."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        area: dict[str, tuple[str, str]] = importlib.import_module(f"{__name__}.{info.name}").MESSAGES
        clash = merged.keys() & area.keys()
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        merged.update(area)
    return merged


def text(key: str, lang: str, **fields: Any) -> str:
    """The message `key` in `lang`, with its placeholders filled."""
    zh, en = catalogue()[key]
    return (en if lang == "en" else zh).format(**fields)


def both(key: str, **fields: Any) -> dict[str, str]:
    """The message in both languages, as results and error records carry it: {"zh": …, "en": …}."""
    zh, en = catalogue()[key]
    return {"zh": zh.format(**fields), "en": en.format(**fields)}


def placeholders(template: str) -> set[str]:
    """The named fields of one template (for the catalogue's own consistency test)."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}
