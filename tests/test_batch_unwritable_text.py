"""Text that an output format cannot hold never fails a batch: a lone surrogate (UTF-8 has none) or a control
character (XML, so XLSX, has none) is written as U+FFFD, and every other row keeps its result."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from engine.batch.screen import ScreenOptions, screen

from helpers import ROOT


def _batch(tmp_path: Path, full: dict[str, Any]) -> Path:
    surrogate, control = copy.deepcopy(full), copy.deepcopy(full)
    surrogate["application_id"], control["application_id"] = "A-2", "A-3"
    surrogate["applicant"]["name"] = "\ud800"  # json.dumps writes it as the escape "\ud800"
    control["applicant"]["name"] = "x\x1fy"
    source = tmp_path / "apps.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in (full, surrogate, control)) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(("name", "detail"), [("out.csv", "full"), ("out.jsonl", "summary"), ("out.jsonl", "full")])
def test_a_lone_surrogate_is_written_as_a_replacement_character(tmp_path: Path, full: dict, workers: int,
                                                                name: str, detail: str) -> None:
    out, errors = tmp_path / name, tmp_path / "errors.jsonl"
    summary = screen(ScreenOptions(str(_batch(tmp_path, full)), str(out), str(ROOT / "rules"), workers=workers,
                                   detail=detail, errors_path=str(errors)))
    assert summary.rows == 3 and summary.errors == 1
    text = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
    assert "\ufffd" in text and "A-3" in text
    error = json.loads(errors.read_text(encoding="utf-8"))
    assert error["row"] == 2 and error["errors"][0]["loc"] == "applicant.name"
    assert error["errors"][0]["type"] == "string_unicode" and error["errors"][0]["input"] == "\ufffd"


def test_a_control_character_is_written_to_xlsx_as_a_replacement_character(tmp_path: Path, full: dict) -> None:
    out, errors = tmp_path / "out.xlsx", tmp_path / "errors.xlsx"
    summary = screen(ScreenOptions(str(_batch(tmp_path, full)), str(out), str(ROOT / "rules"),
                                   errors_path=str(errors)))
    assert summary.rows == 3
    sheet = openpyxl.load_workbook(out).active
    names = {row[1]: row[2] for row in sheet.iter_rows(min_row=3, max_col=3, values_only=True)}
    assert names["A-2"] == "\ufffd" and names["A-3"] == "x\ufffdy"
    assert openpyxl.load_workbook(errors).active.max_row >= 3  # the header rows and the surrogate's error
