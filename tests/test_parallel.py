"""Worker processes that die (a segfault in durable_rules, a kill) lose no item and repeat none."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from engine.batch.workers import ordered_map

MARKS: dict[str, Path] = {}


def _init(directory: str) -> None:
    MARKS["dir"] = Path(directory)


def _square_or_die(n: int) -> int:
    if n == 57:  # always fatal
        os.kill(os.getpid(), signal.SIGSEGV)
    if n == 101:  # fatal the first time only
        mark = MARKS["dir"] / "101"
        if not mark.exists():
            mark.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def _crashed(n: int, cause: str) -> int:
    assert "SIGSEGV" in cause
    return -n


@pytest.mark.parametrize("workers", [2, 3])
def test_dead_workers_are_replaced_and_their_items_retried_once(tmp_path: Path, workers: int) -> None:
    got = list(ordered_map(_square_or_die, range(300), workers, _init, (str(tmp_path),), _crashed))
    assert got == [-57 if n == 57 else n * n for n in range(300)]


def test_results_keep_input_order_without_crashes(tmp_path: Path) -> None:
    items = [n for n in range(1000) if n not in (57, 101)]
    assert list(ordered_map(_square_or_die, items, 2, _init, (str(tmp_path),))) == [n * n for n in items]


def test_a_screening_row_that_crashes_its_worker_becomes_an_error_record(tmp_path: Path, monkeypatch) -> None:
    import json

    import engine.batch.screen as screen_module
    from engine.batch.screen import ScreenOptions, screen
    from helpers import ROOT, make_rows, write_csv

    real = screen_module.screen_row

    def segfault_on_row_9(row):  # type: ignore[no-untyped-def]
        if row.number == 9:
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(row)

    monkeypatch.setattr(screen_module, "screen_row", segfault_on_row_9)
    source = write_csv(tmp_path / "apps.csv", make_rows(200))
    out = tmp_path / "out.jsonl"
    summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=2))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["row"] for r in records] == list(range(2, 202))
    crashed = [r for r in records if r["status"] == "error"]
    assert [r["row"] for r in crashed] == [9] and summary.errors == 1
    assert crashed[0]["errors"][0]["type"] == "worker_crash"
    assert "SIGSEGV" in crashed[0]["errors"][0]["msg"]["en"]
