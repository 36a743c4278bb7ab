"""pytest plugin for `subsidy test` and `subsidy coverage`: records each scenario's outcome and evaluation.

Loaded with `-p engine.policy.scenario_plugin`; writes JSON to $SUBSIDY_SCENARIO_REPORT when the session ends.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

_RECORDS: dict[str, dict[str, Any]] = {}


def _key(feature: Any, scenario: Any) -> str:
    return f"{feature.rel_filename}:{scenario.line_number}:{scenario.name}"


def _record(feature: Any, scenario: Any) -> dict[str, Any]:
    return _RECORDS.setdefault(_key(feature, scenario), {
        "feature": feature.name, "file": feature.rel_filename, "line": scenario.line_number, "scenario": scenario.name,
        "status": "passed", "evaluations": [],
    })


def pytest_bdd_after_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                          step_func: Any, step_func_args: dict[str, Any]) -> None:
    record = _record(feature, scenario)
    if step.type == "when" and "allocation" not in request.fixturenames:  # allocation scenarios evaluate nothing
        evaluation = request.getfixturevalue("evaluation")
        record["evaluations"].append(evaluation.to_json_dict())


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                          step_func: Any, step_func_args: dict[str, Any], exception: Exception) -> None:
    record = _record(feature, scenario)
    record.update(status="failed", step=f"{step.keyword.strip()} {step.name}", step_line=step.line_number,
                  message=str(exception) or type(exception).__name__)


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = os.environ.get("SUBSIDY_SCENARIO_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(list(_RECORDS.values()), fh, ensure_ascii=False)
