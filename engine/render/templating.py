"""The one Jinja2 environment of the HTML outputs: autoescape on, undefined names fail, templates ship in the package.

Every value from an input file (names, ids, paths) reaches HTML only through a template, so escaping is
the environment's job and cannot be forgotten at one call site. StrictUndefined turns a misspelt
variable into an error instead of an empty string in a report.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from engine.evaluate.explain import yuan


def _thousands(value: int) -> str:
    return f"{value:,}"


def signed(value: int) -> str:
    """A change with its sign and thousands separators: +1,200 / -300 / +0."""
    return f"{value:+,}"


def _money(value: int | None, lang: str = "zh") -> str:
    """An amount with thousands separators; a dash when there is none (not "None")."""
    if value is None:
        return "—"
    return yuan(value)[0 if lang == "zh" else 1]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        # From the installed package (engine/render/templates), so a wheel renders the same as a checkout.
        loader=PackageLoader("engine.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(thousands=_thousands, signed=signed, money=_money)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
