"""Hostile input: any JSON document, any spreadsheet cell, any bytes — a result or field-named errors, never a crash."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from engine import Evaluator, InputError, parse_application
from engine.intake.cells import from_cells
from schemas.application import FIELDS

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
SECTIONS = sorted({p.split(".")[0] for p in FIELDS if "." in p})


@st.composite
def near_applications(draw: st.DrawFn) -> dict[str, Any]:
    """Documents shaped like applications whose values are anything at all."""
    doc: dict[str, Any] = {"application_id": draw(st.text(max_size=8) | st.integers())}
    for path in draw(st.lists(st.sampled_from([p for p in FIELDS if "." in p]), max_size=12)):
        section, name = path.split(".")
        if not isinstance(doc.get(section), dict):
            doc[section] = {}
        doc[section][name] = draw(json_values)
    if draw(st.booleans()):
        doc[draw(st.sampled_from(SECTIONS))] = draw(json_values)
    return doc


def _survives(evaluator: Evaluator, doc: Any) -> None:
    try:
        app = parse_application(doc)
    except InputError as exc:
        assert exc.issues and all(i.loc and i.en and i.zh for i in exc.issues)
        return
    evaluation = evaluator.evaluate(app)
    assert len(evaluation.results) == 8
    json.dumps(evaluation.to_json_dict(), ensure_ascii=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_document_is_a_result_or_field_errors(durable: Evaluator, doc: Any) -> None:
    _survives(durable, doc)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_applications())
def test_any_field_value_is_a_result_or_field_errors(durable: Evaluator, doc: dict[str, Any]) -> None:
    _survives(durable, doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(list(FIELDS)) | st.text(max_size=10), st.text(max_size=25), max_size=10))
def test_any_spreadsheet_cells_are_a_result_or_field_errors(durable: Evaluator, cells: dict[str, str]) -> None:
    try:
        doc = from_cells(cells, row=5)
    except InputError as exc:
        assert all(i.row == 5 and i.loc for i in exc.issues)
        return
    _survives(durable, doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_check_on_any_bytes_exits_0_or_2_without_traceback(data: bytes) -> None:
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=data)
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.startswith("错误: - ")


def test_html_reports_escape_what_came_from_input(tmp_path, rules_copy) -> None:
    from helpers import edit, make_rows, write_csv

    rows = make_rows(3)
    rows[1]["applicant.name"] = "<script>alert(1)</script>"
    rows[1]["rd.expense"] = "13000000"  # 6.5% of revenue: eligible now, not under a 7% threshold
    source = write_csv(tmp_path / "apps.csv", rows)
    edit(rules_copy, "rd-grant.yaml", '"0.03"', '"0.07"')
    out = CliRunner().invoke(main, ["diff", "--base", "rules", "--proposed", str(rules_copy), str(source),
                                    "--format", "html", "--workers", "1"])
    assert out.exit_code == 0
    assert "<script>" not in out.output and "&lt;script&gt;alert(1)&lt;/script&gt;" in out.output
