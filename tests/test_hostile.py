"""Hostile input: any JSON document, any spreadsheet cell, any bytes — a result or field-named errors, never a crash."""

from __future__ import annotations

import json
from typing import Any

import pytest

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
    assert len(evaluation.results) == len(evaluator.rulebook.provisions)
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


# ---- hostile and broken files: a clear error or an error record, in bounded time and memory -----------------

def _subsidy(args: list[str], tmp_path) -> tuple[int, str, float, float]:  # type: ignore[no-untyped-def]
    """Run the CLI in a process of its own: exit code, output, seconds, and its peak RSS in MB (from wait4)."""
    import os
    import subprocess
    import sys
    import time

    from helpers import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The peak RSS is the process's own VmHWM, read as it exits (wait4's ru_maxrss would count pytest's, since
    # Linux keeps it across fork and exec).
    script = ("import atexit, sys; from pathlib import Path; from cli import main; atexit.register(lambda: "
              "Path('peak.txt').write_text(Path('/proc/self/status').read_text())); main()")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                         timeout=60)
    seconds = time.monotonic() - started
    output = (run.stdout + run.stderr).decode("utf-8", "replace")
    assert "Traceback" not in output, output
    status = (tmp_path / "peak.txt").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    return run.returncode, output, seconds, peak


def _screen(tmp_path, source, *extra: str):  # type: ignore[no-untyped-def]
    return _subsidy(["screen", str(source), "-o", "out.jsonl", "--workers", "1", "--quiet", *extra], tmp_path)


def _records(tmp_path) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]


def _workbook(path, extra_rows: str = "", cell_chars: int = 0) -> None:  # type: ignore[no-untyped-def]
    """A one-row input workbook, then rewritten with `extra_rows` of sheet XML (streamed, never held whole)."""
    import zipfile

    from openpyxl import Workbook

    from helpers import make_rows
    from schemas.application import FIELDS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("apps")
    sheet.append(list(FIELDS))
    row = make_rows(1)[0]
    sheet.append([row.get(f, "") for f in FIELDS])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            data = src.read(info)
            if not info.filename.startswith("xl/worksheets/sheet"):
                out.writestr(info.filename, data)
                continue
            head, tail = data.decode().split("</sheetData>")
            if extra_rows:  # Excel states the used range first; openpyxl reads the whole sheet when it is absent
                head = head.replace("<sheetData", '<dimension ref="A1:AL1048576"/><sheetData', 1)
            with out.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head.encode())
                if cell_chars:  # one inline string of `cell_chars` A's, written a million at a time
                    fh.write(b'<row r="3"><c r="A3" t="inlineStr"><is><t>')
                    for _ in range(cell_chars // 1_000_000):
                        fh.write(b"A" * 1_000_000)
                    fh.write(b"</t></is></c></row>")
                for start in range(0, len(extra_rows), 1 << 24):
                    fh.write(extra_rows[start:start + (1 << 24)].encode())
                fh.write(b"</sheetData>" + tail.encode())


def test_an_xlsx_zip_bomb_is_refused_before_it_is_inflated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "bomb.xlsx"
    _workbook(source, cell_chars=300_000_000)  # 300 MB of one cell, some 300 KB compressed
    assert source.stat().st_size < 2_000_000
    code, output, seconds, peak = _screen(tmp_path, source)
    assert code == 2 and "工作簿解压后为" in output, output
    assert seconds < 15 and peak < 200


def test_an_xlsx_with_a_huge_part_read_whole_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Shared strings are loaded whole by openpyxl: 70 MB of them, barely compressible, is refused unread."""
    import os
    import zipfile

    source = tmp_path / "strings.xlsx"
    _workbook(source)
    with zipfile.ZipFile(source, "a", zipfile.ZIP_STORED) as book, book.open("xl/sharedStrings.xml", "w",
                                                                            force_zip64=True) as fh:
        for _ in range(70):
            fh.write(os.urandom(500_000).hex().encode())
    code, output, seconds, peak = _screen(tmp_path, source)
    assert code == 2 and "工作簿解压后为" in output, output
    assert seconds < 15 and peak < 200


def test_an_xlsx_with_a_million_empty_rows_reads_fast(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "empty-rows.xlsx"
    rows = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 1_048_577))  # formatted, empty
    _workbook(source, extra_rows=rows)
    code, output, seconds, peak = _screen(tmp_path, source)
    assert code == 0, output
    assert [r["row"] for r in _records(tmp_path)] == [2]
    assert seconds < 12 and peak < 300


def test_a_csv_with_a_50_mb_cell_is_refused_without_holding_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from helpers import make_rows, write_csv

    rows = make_rows(3)
    source = write_csv(tmp_path / "apps.csv", rows)
    with open(source, "a", encoding="utf-8") as fh:
        fh.write("X-1," + "A" * 50_000_000 + "\n")
    code, output, seconds, peak = _screen(tmp_path, source)
    assert code == 2 and "超过 1,048,576 个字符" in output, output
    assert seconds < 15 and peak < 150


def test_csv_nul_bytes_and_mixed_encodings_are_row_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from helpers import make_rows
    from schemas.application import FIELDS

    rows = make_rows(8)
    rows[2]["applicant.name"] = "济南\x00机器人有限公司"
    source = tmp_path / "mixed.csv"
    with open(source, "wb") as fh:
        for i, row in enumerate([dict(zip(FIELDS, FIELDS)), *rows]):
            text = ",".join(str(row.get(f, "")) for f in FIELDS) + "\n"
            fh.write(text.encode("gb18030" if i == 5 else "utf-8"))  # row 5 pasted from a GB18030 file
    code, output, seconds, _ = _screen(tmp_path, source, "--errors", "errors.xlsx")
    assert code == 0, output
    records = _records(tmp_path)
    assert [r["row"] for r in records] == list(range(2, 10))
    errors = {r["row"]: [e["type"] for e in r["errors"]] for r in records if r["status"] == "error"}
    assert errors == {4: ["nul_character"], 6: ["encoding"]}
    names = [r["audit"]["input"]["applicant"]["name"] for r in records if r["status"] == "evaluated"]
    assert all(name == "济南测试机器人有限公司" for name in names)  # no mojibake in the UTF-8 rows
    assert (tmp_path / "errors.xlsx").stat().st_size > 0 and seconds < 15


def test_a_100_mb_jsonl_line_is_an_error_record_not_read_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from helpers import FULL

    source = tmp_path / "apps.jsonl"
    with open(source, "w", encoding="utf-8") as fh:
        fh.write('{"application_id": "huge", "pad": "')
        for _ in range(100):
            fh.write("A" * 1_000_000)
        fh.write('"}\n' + json.dumps(FULL, ensure_ascii=False) + "\n")
    code, output, seconds, peak = _screen(tmp_path, source)
    assert code == 0, output
    first, second = _records(tmp_path)
    assert first["status"] == "error" and "longer than 1,048,576 bytes" in first["errors"][0]["msg"]["en"]
    assert second["status"] == "evaluated" and second["row"] == 2
    assert seconds < 15 and peak < 150


def test_hostile_rule_directories_are_clear_errors(tmp_path, rules_copy) -> None:  # type: ignore[no-untyped-def]
    import time

    from engine import RuleFileError, load_rulebook

    many = tmp_path / "many"
    __import__("shutil").copytree(rules_copy, many)
    criteria = "".join(f"  - {{use: c{i}}}\n" for i in range(10_000))
    text = (many / "rd-grant.yaml").read_text(encoding="utf-8")
    (many / "rd-grant.yaml").write_text(text.split("criteria:")[0] + "criteria:\n" + criteria, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(many)
    assert "rd-grant.yaml" in str(caught.value) and time.monotonic() - started < 10

    (rules_copy / "rd-grant.yaml").write_text("id: " + "x" * 10_000_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(rules_copy)
    assert "limited to 262144 bytes" in str(caught.value)

    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    code, output, seconds, _ = _subsidy(["rules", "list", "--rules", str(loop)], tmp_path)
    assert code == 2 and "pack.yaml" in output and seconds < 15
