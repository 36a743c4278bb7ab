"""Audit: every result records its rules, engine and input (digest and canonical copy)."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from functools import lru_cache
from importlib import metadata

from engine.rules.rulebook import Rulebook
from schemas.application import Application
from schemas.result import Audit, LazyAudit


@lru_cache(maxsize=None)
def version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def canonical_json(app: Application) -> bytes:
    """The validated input as compact JSON in schema field order, absent fields left out (pydantic's serialiser:
    `app.model_dump_json(exclude_none=True)`, as UTF-8 bytes without the round trip through str)."""
    return type(app).__pydantic_serializer__.to_json(app, exclude_none=True)


def input_digest(app: Application) -> str:
    return hashlib.sha256(canonical_json(app)).hexdigest()


def audit_of(app: Application, as_of: dt.date, book: Rulebook, matcher: str) -> Audit:
    def made() -> tuple[str, str]:
        canonical = canonical_json(app)  # serialised once: the digest is of the very JSON the audit copies
        return hashlib.sha256(canonical).hexdigest(), canonical.decode("utf-8")

    return LazyAudit(
        made, rules_digest=book.digest, rules_version=book.version, engine_version=version_of("subsidy-engine"),
        durable_rules_version=version_of("durable-rules"), matcher=matcher, as_of=as_of,
        evaluated_at=evaluated_at(),
    )


_stamp = (0, "")  # (second, its ISO text): applications evaluated within one second share the text


def evaluated_at() -> str:
    """Now in UTC, ISO 8601 to the second."""
    global _stamp
    second = int(time.time())
    if _stamp[0] != second:
        _stamp = (second, dt.datetime.fromtimestamp(second, dt.timezone.utc).isoformat(timespec="seconds"))
    return _stamp[1]
