"""Flattens a validated application into the values the rules read: {dotted path: value}, absent = not provided."""

from __future__ import annotations

import datetime as dt
from typing import Any

from schemas.application import SECTIONS, Application

Values = dict[str, Any]
_PATHS: dict[str, dict[str, str]] = {}  # section → field name → dotted path, made once per section and name


def values_of(app: Application, as_of: dt.date) -> Values:
    """Dotted-path values of the provided fields plus `as_of`; None and absent sections are left out: both mean not provided."""
    values: Values = {"application_id": app.application_id, "as_of": as_of}
    for name in SECTIONS:
        section = getattr(app, name)
        if section is None:
            continue
        paths = _PATHS.get(name) or _PATHS.setdefault(name, {})
        for key, value in section.__dict__.items():
            if value is not None:
                path = paths.get(key) or paths.setdefault(key, f"{name}.{key}")
                # Lists become tuples so that values can key the evaluator's caches.
                values[path] = tuple(value) if isinstance(value, list) else value
    return values
