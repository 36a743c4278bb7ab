"""The screening parent's short cuts: JSONL rows sent by their place in the file, answers by spool files, the
output copied from the workers' draft. Each must give the bytes the plain path gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.batch.screen import ScreenOptions, screen
from engine.intake.sample import generate
from engine.intake.tables import MAX_LINE_BYTES, jsonl_spans, read_rows
from helpers import ROOT, crash_worker_on_row, kill_screening_midway


def _awkward_jsonl(path: Path) -> Path:
    """Blank lines, an over-long line, a broken line, a BOM and no newline at the end: every reader's edge."""
    docs = [json.dumps(d, ensure_ascii=False).encode() for d in generate(40, seed=3, invalid_share=0.1)]
    lines = [b"\xef\xbb\xbf" + docs[0], *docs[1:9], b"", b"  \t", *docs[9:20], b"x" * (MAX_LINE_BYTES + 10),
             b"{broken", *docs[20:39], b"\r", docs[39]]
    path.write_bytes(b"\n".join(lines))
    return path


@pytest.mark.parametrize("lines", [1, 3, 7, 256])
@pytest.mark.parametrize("skip", [0, 1, 9, 41, 60])
def test_spans_give_the_rows_read_rows_gives(tmp_path: Path, lines: int, skip: int) -> None:
    source = _awkward_jsonl(tmp_path / "apps.jsonl")
    expected = [(r.number, r.raw, [i.to_dict() for i in r.issues])
                for r in read_rows(str(source), "jsonl", raw_lines=True)][skip:]
    spans = list(jsonl_spans(str(source), lines, skip=skip))
    got = [(r.number, r.raw, [i.to_dict() for i in r.issues]) for span in spans for r in span.rows()]
    assert got == expected
    assert all(span.end > span.start for span in spans)


def _sample(path: Path, n: int, duplicate: bool = False) -> Path:
    docs = list(generate(n, seed=5, invalid_share=0.05))
    if duplicate:  # an id seen twice and a USCC claiming twice, far apart: two chunks are written from the journal
        docs[n - 3]["application_id"] = docs[4]["application_id"]
        docs[n - 2]["applicant"] = docs[300]["applicant"]
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.mark.parametrize(("output", "detail"), [("csv", "full"), ("jsonl", "summary"), ("jsonl", "full")])
def test_two_workers_write_what_one_writes_with_duplicates_flagged(tmp_path: Path, output: str, detail: str) -> None:
    source = _sample(tmp_path / "apps.jsonl", 700, duplicate=True)
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.{output}"
        summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=workers, detail=detail))
        assert summary.duplicate_ids == 2 and summary.duplicate_claims > 0
        assert not Path(str(out) + ".journal.parts").exists() and not Path(str(out) + ".journal").exists()
        outs.append(re.sub(rb'"evaluated_at": "[^"]*"', b'"evaluated_at": ""', out.read_bytes()))  # the one thing two runs differ in
    assert outs[0] == outs[1]
    if output == "jsonl" and detail == "full":
        flagged = [json.loads(line)["row"] for line in outs[1].splitlines() if json.loads(line)["flags"]]
        assert 5 in flagged and 698 in flagged


def test_a_jsonl_row_that_crashes_its_worker_becomes_an_error_record(tmp_path: Path, monkeypatch) -> None:
    source = _sample(tmp_path / "apps.jsonl", 600)
    whole = tmp_path / "whole.csv"
    screen(ScreenOptions(str(source), str(whole), str(ROOT / "rules"), workers=1))  # runs here: before the crash
    crash_worker_on_row(monkeypatch, 9)
    out = tmp_path / "out.csv"
    screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=2))
    lines, expected = out.read_bytes().split(b"\r\n"), whole.read_bytes().split(b"\r\n")
    crashed = [line for line in lines if line.startswith(b"9,")]
    assert len(crashed) == 1 and b"SIGSEGV" in crashed[0]
    assert [line for line in lines if not line.startswith(b"9,")] == \
        [line for line in expected if not line.startswith(b"9,")]


def test_resume_after_an_interrupted_spooled_run_gives_the_whole_output(tmp_path: Path) -> None:
    """Killed mid-run, a run leaves its journal and its spool directory; the resumed run ends as one whole run."""
    from click.testing import CliRunner

    from cli import main

    source = _sample(tmp_path / "apps.jsonl", 2000, duplicate=True)
    whole = tmp_path / "whole.csv"
    screen(ScreenOptions(str(source), str(whole), str(ROOT / "rules"), workers=1))
    out = tmp_path / "out.csv"
    journal = kill_screening_midway(source, out, 2, 400_000)
    assert Path(str(journal) + ".parts").is_dir()  # the killed run's spool, which the resumed run clears
    result = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "2", "--resume", "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == whole.read_bytes()
    assert not journal.exists() and not Path(str(journal) + ".parts").exists()
