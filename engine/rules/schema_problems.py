"""Rule-file schema problems in the reader's language, and the repairs that let the other checks go on.

pydantic stops a file at its schema; the linter wants every independent problem of the file at once.
Two repairs make that possible: an unquoted decimal is reported and read as its quoted form, and a
criterion whose shape is wrong is reported and set aside (the other criteria are still type-checked).
"""

from __future__ import annotations

import inspect
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from pydantic import BaseModel

import schemas.rulefile as rulefile
from engine.errors import RuleFileError, Word
from engine.messages import catalogue
from engine.rules.suggest import hint
from schemas.rulefile import COMPARISONS, DEFINE_TAG, SUBJECTS, USE_TAG

BROKEN = "broken-criterion"  # stands in for a criterion whose schema problem is already reported


class _Sink(Protocol):
    def add(self, path: str, key: str, msg: str, severity: str = "error", **fields: Any) -> None: ...


def without_floats(data: Any, display: str, problems: _Sink, key: str = "") -> Any:
    """`data` with every unquoted decimal reported (at its own key) and replaced by its exact quoted form."""
    if isinstance(data, float):
        written = getattr(data, "written", "") or repr(data)
        problems.add(display, key, "lint.float_literal", value=written)
        return written if _decimal(written) else str(Decimal(repr(data)))
    if isinstance(data, dict):
        return {k: without_floats(v, display, problems, f"{key}.{k}" if key else str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [without_floats(v, display, problems, f"{key}.{i}" if key else str(i)) for i, v in enumerate(data)]
    return data


def _decimal(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except ArithmeticError:
        return False


def _loc(parts: tuple[Any, ...]) -> str:
    # pydantic names union members and validators in a location ("constrained-str", "function-after[…]").
    return ".".join(str(p) for p in parts if p not in (USE_TAG, DEFINE_TAG) and not (
        isinstance(p, str) and ("[" in p or p == "constrained-str")))


@cache
def _known_keys() -> frozenset[str]:
    """Every key a rule file may use, for "did you mean" on an unknown one."""
    names: set[str] = set(SUBJECTS) | set(COMPARISONS) | {"all", "any", "not", "if", "then"}
    for _, model in inspect.getmembers(rulefile, inspect.isclass):
        if issubclass(model, BaseModel):
            names |= {f.alias or n for n, f in model.model_fields.items()}
    return frozenset(names)


def _worded(err: Any) -> Word:
    """The catalogue's wording of one pydantic error: a schema refusal matched by its English, else by type."""
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    candidates = [k for k in catalogue() if k.startswith("lint.schema.")] + [f"lint.pd.{err['type']}"]
    for key in candidates:
        template = catalogue().get(key)
        try:
            if template and template[1].format(**ctx) == err["msg"]:
                return Word(key, ctx)
        except (KeyError, IndexError, ValueError):
            continue
    return Word("lint.schema", {"detail": err["msg"]})


def schema_problem(err: Any, display: str) -> RuleFileError:
    """One schema error as a RuleFileError in both languages, with a suggestion for a misspelt key."""
    key = _loc(err["loc"])
    if err["type"] == "extra_forbidden":
        name = str(err["loc"][-1])
        return RuleFileError.of(display, key, "lint.unknown_key", name=repr(name), hint=hint(name, _known_keys()))
    words = _worded(err)
    unknown = [k.strip() for k in (err.get("ctx") or {}).get("keys", "").split(",")
               if k.strip() and k.strip() not in _known_keys()]
    if unknown and (found := hint(unknown[0], set(COMPARISONS) | set(SUBJECTS))):
        words = Word("lint.with_hint", {"message": words, "hint": found})
    return RuleFileError(display, key, words.text("en"), zh=words.text("zh"))


def spare_broken_criteria(data: Any, errors: list[Any]) -> Any:
    """`data` with each criterion that has a schema error replaced by a stand-in, if every error is in a criterion."""
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list) or any(
            len(e["loc"]) < 2 or e["loc"][0] != "criteria" or not isinstance(e["loc"][1], int) for e in errors):
        return None
    broken = {e["loc"][1] for e in errors}
    spared = dict(data)
    spared["criteria"] = [{"use": BROKEN} if i in broken else c for i, c in enumerate(data["criteria"])]
    return spared
