"""The output text a screening worker makes ready in the journal is byte for byte what the writers write from
the record; a worker's chunk counts merge into the summary that adding every row gives."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch.lines import CsvCells, journal_line, jsonl_ready, ready_part
from engine.batch.summary import Summary
from engine.batch.writers import CsvWriter, JsonlWriter, Layout, summary_cells

from helpers import ROOT, make_rows, write_csv

PROVISIONS = ["rd-grant", "scenario-award"]
HOSTILE = ["济南, \"测试\" 公司", "=1+1", "+86 531", "-2", "@cmd", "a\nb", "a\r\nb", "back\\slash", "\t tab",
           "", "plain", "'quoted'", "x\x1fy", "\u2028"]
FLAGS = [[], [{"type": "duplicate_application_id", "rows": [2, 9], "count": 2}],
         [{"type": "duplicate_claim", "uscc": "U1", "provisions": ["rd-grant"], "rows": [3, 4], "count": 5}]]


def _records() -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = []
    for i, text in enumerate(HOSTILE):
        recs.append({"row": i + 2, "status": "evaluated", "id": text or None, "name": text, "uscc": "91370200264574251E",
                     "city": "370102", "p": {"rd-grant": ["eligible", 1_000 * i, i % 2 == 0],
                                            "scenario-award": ["undetermined", None, False]},
                     "total": 1_000 * i, "pending_total": None if i % 3 else 5,
                     "pending": ["review.green_threshold"] if i % 2 else [],
                     "missing": ["rd.expense", text] if text else [], "failed": [], "warnings": [],
                     "result": {"application_id": text, "note": text, "results": [{"provision": "rd-grant"}]}})
        recs.append({"row": i + 100, "status": "error", "id": text, "name": None, "uscc": text, "city": None,
                     "errors": [{"loc": "applicant.name", "type": "x", "msg": {"zh": text + "错", "en": text + "!"},
                                 "input": text, "row": i + 100}]})
    return recs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ready_csv_row_is_the_row_the_writer_writes_from_the_record(tmp_path: Path, lang: str) -> None:
    layout = Layout(PROVISIONS, lang=lang)
    by_record = CsvWriter(str(tmp_path / "a.csv"), PROVISIONS, False, layout)
    ready = CsvWriter(str(tmp_path / "b.csv"), PROVISIONS, False, layout)
    cells = CsvCells()
    for rec in _records():
        for flags in FLAGS:
            by_record.write({**rec, "flags": flags})
            line = journal_line({k: v for k, v in rec.items() if k != "result"}, cells.ready(*summary_cells(rec, layout)))
            part = ready_part(line)
            assert part is not None and part[0] == rec["row"] and part[2] == (rec["status"] == "error")
            ready.write_ready(part[1], flags)
    by_record.commit()
    ready.commit()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert ",'=1+1,'=1+1," in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")  # id and name: neutralised


def test_a_ready_jsonl_line_is_the_line_the_writer_writes_from_the_record(tmp_path: Path) -> None:
    by_record = JsonlWriter(str(tmp_path / "a.jsonl"), PROVISIONS, False)
    ready = JsonlWriter(str(tmp_path / "b.jsonl"), PROVISIONS, False)
    for rec in _records():
        for flags in FLAGS:
            by_record.write({**rec, "flags": flags})
            if rec["status"] == "error":
                doc = {"row": rec["row"], "application_id": rec.get("id"), "status": "error", "errors": rec["errors"]}
            else:
                doc = {**rec["result"], "row": rec["row"], "status": "evaluated"}
            out = jsonl_ready(doc)
            assert out is not None
            line = journal_line({k: v for k, v in rec.items() if k != "result"}, out)
            assert json.loads(line)["out"] == doc  # the journal line stays one JSON object
            part = ready_part(line)
            assert part is not None
            ready.write_ready(part[1], flags)
    by_record.commit()
    ready.commit()
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert jsonl_ready({"flags": 1}) is None  # a document with its own `flags` is written from the record


def test_a_journal_line_without_ready_output_is_told_apart() -> None:
    line = journal_line({"row": 12, "status": "error", "errors": []})
    assert ready_part(line) is None and json.loads(line) == {"row": 12, "status": "error", "errors": []}
    assert ready_part(b'{"status": "error", "row": 3}') is None


def test_chunk_counts_merge_into_the_summary_of_every_row_added_in_order() -> None:
    rng = random.Random(5)
    recs = []
    for rec in _records() * 4:  # varied statuses, cities and lists, so that the order keys are first seen in matters
        if rec["status"] == "evaluated":
            status = rng.choice(["eligible", "review", "ineligible", "undetermined"])
            rec = {**rec, "p": {**rec["p"], "scenario-award": [status, rng.choice([None, 300]), rng.random() < 0.5]},
                   "city": rng.choice(["370102", "370200", "371500"]), "failed": rng.sample(["a", "b", "c"], 2),
                   "missing": rng.sample(["x", "y", "z", "w"], 3)}
        recs.append(rec)
    one = Summary(PROVISIONS)
    for rec in recs:
        one.add(rec)
    merged = Summary(PROVISIONS)
    start = 0
    while start < len(recs):
        size = rng.randint(1, 7)
        part = Summary(PROVISIONS)
        for rec in recs[start:start + size]:
            part.add(rec)
        merged.merge(part)
        start += size
    assert json.dumps(merged.to_dict()) == json.dumps(one.to_dict())  # equal, in the same key order
    assert list(merged.missing.items()) == list(one.missing.items())


class _Stop(Exception):
    pass


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_run_resumed_with_other_cell_words_writes_what_an_uninterrupted_run_writes(tmp_path: Path,
                                                                                  suffix: str) -> None:
    """The journal's lines were made ready in Chinese; resumed with --lang en, they are written from their facts."""
    from engine.batch.screen import ScreenOptions, screen

    rows = make_rows(160, bad=12)
    rows[40]["application_id"] = rows[150]["application_id"]  # a flag on a row journalled before the stop
    source = write_csv(tmp_path / "apps.csv", rows)
    rules = str(ROOT / "rules")
    whole = tmp_path / f"whole.{suffix}"
    extra: dict[str, Any] = {"detail": "summary"} if suffix == "jsonl" else {}
    screen(ScreenOptions(str(source), str(whole), rules, workers=2, lang="en", errors_path=str(tmp_path / "we.csv"),
                         **extra))
    out = tmp_path / f"out.{suffix}"
    seen = 0

    def progress(n: int) -> None:
        nonlocal seen
        seen += n
        if seen >= 70:
            raise _Stop

    with pytest.raises(_Stop):
        screen(ScreenOptions(str(source), str(out), rules, workers=1, lang="zh", **extra), progress)
    journal = Path(str(out) + ".journal")
    assert b'"out_bytes":' in journal.read_bytes()  # the interrupted run did make its lines ready
    screen(ScreenOptions(str(source), str(out), rules, workers=2, lang="en", resume=True,
                         errors_path=str(tmp_path / "e.csv"), **extra))
    if suffix == "jsonl":
        untimed = lambda p: [{**r, "audit": {**r["audit"], "evaluated_at": ""}} if "audit" in r else r  # noqa: E731
                             for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())]
        assert untimed(out) == untimed(whole)
    else:
        assert out.read_bytes() == whole.read_bytes()
    assert (tmp_path / "e.csv").read_bytes() == (tmp_path / "we.csv").read_bytes()
    assert not journal.exists()


CELL_TEXT = st.text(alphabet=st.sampled_from(list('a,"\r\n \t\'=+-@\\中\x00\u2028')), max_size=5)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.none() | st.integers() | st.booleans() | st.floats() | CELL_TEXT | st.text(max_size=4), max_size=6))
def test_csv_text_of_cells_is_what_csv_writer_writes(cells: list[Any]) -> None:
    """Rows without a cell that needs quotes are joined without csv.writer; every row's text stays its text."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    assert CsvCells().text(cells) == buffer.getvalue()[:-2]
