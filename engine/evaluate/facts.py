"""Flattens a validated application into the values the rules read: {dotted path: value}, absent = not provided."""

from __future__ import annotations

import datetime as dt
from typing import Any

from schemas.application import FIELDS, SECTIONS, Application

Values = dict[str, Any]
_PATHS: dict[str, dict[str, str]] = {}  # section → field name → dotted path, made once per section
# The fields given as lists (the set fields): made tuples, so that values can key the evaluator's caches.
_LISTS = tuple(path for path, spec in FIELDS.items() if spec.kind == "set")


def values_of(app: Application, as_of: dt.date) -> Values:
    """Dotted-path values of the provided fields plus `as_of`; None and absent sections are left out: both mean not provided."""
    values: Values = {"application_id": app.application_id, "as_of": as_of}
    for name in SECTIONS:
        section = getattr(app, name)
        if section is None:
            continue
        paths = _PATHS.get(name) or _paths(name, section)
        for key, value in section.__dict__.items():
            if value is not None:
                values[paths[key]] = value
    for path in _LISTS:  # one field, not a type test of every value
        value = values.get(path)
        if type(value) is list:
            values[path] = tuple(value)
    return values


def _paths(name: str, section: Any) -> dict[str, str]:
    paths = _PATHS[name] = {key: f"{name}.{key}" for key in type(section).model_fields}
    return paths
