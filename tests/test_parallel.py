"""Worker processes that die (a segfault in durable_rules, a kill) lose no item and repeat none."""

from __future__ import annotations

import os
import signal
import time
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

    from engine.batch.screen import ScreenOptions, screen
    from helpers import ROOT, crash_worker_on_row, make_rows, write_csv

    crash_worker_on_row(monkeypatch, 9)
    source = write_csv(tmp_path / "apps.csv", make_rows(200))
    out = tmp_path / "out.jsonl"
    summary = screen(ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=2))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["row"] for r in records] == list(range(2, 202))
    crashed = [r for r in records if r["status"] == "error"]
    assert [r["row"] for r in crashed] == [9] and summary.errors == 1
    assert crashed[0]["errors"][0]["type"] == "worker_crash"
    assert "SIGSEGV" in crashed[0]["errors"][0]["msg"]["en"]


_EXIT_SCRIPT = """
import os, signal, sys
from engine.batch.workers import ordered_map

def init():
    pass

def work(item):
    n, _payload = item
    if n == 0 and sys.argv[1] == "died" and not os.path.exists(sys.argv[2]):  # a worker dies once
        open(sys.argv[2], "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return n

# Tasks big enough that what a worker has not taken yet fills its task pipe.
items = ((n, b"x" * 20_000) for n in range(int(sys.argv[3])))
results = ordered_map(work, items, 2, init, (), lambda item, cause: -1)
if sys.argv[1] == "stopped":  # the caller stops early: workers end with tasks still queued for them
    print(next(results))
    results.close()
else:
    print(list(results) == list(range(int(sys.argv[3]))))
"""


@pytest.mark.parametrize(("case", "n", "out"), [("stopped", 2000, "0"), ("died", 300, "True")])
def test_the_process_exits_when_tasks_are_left_for_a_stopped_or_dead_worker(tmp_path: Path, case: str, n: int,
                                                                            out: str) -> None:
    """Tasks a worker never took (it died, or the pool stopped early) must not keep the interpreter from exiting
    (a multiprocessing.Queue's feeder thread, stuck writing them, used to be joined at exit forever)."""
    import subprocess
    import sys

    from helpers import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", _EXIT_SCRIPT, case, str(tmp_path / "mark"), str(n)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=20, check=False)
    assert (run.returncode, run.stdout.strip(), run.stderr) == (0, out, "")


def _squares_or_die(items: list[int]) -> list[int]:
    return [_square_or_die(n) for n in items]


def test_batches_answer_each_chunk_once_in_order_and_a_crashed_chunk_item_by_item(tmp_path: Path) -> None:
    from engine.batch.workers import ordered_batches

    got = list(ordered_batches(_squares_or_die, range(120), 2, _init, (str(tmp_path),), lambda n, cause: [-n],
                               chunk=25))
    # The chunks holding 57 (50..74) and 101 (100..119) killed their worker: each was answered again one item at
    # a time, 57 by on_crash (it kills every time), 101 by the function (it kills once).
    expected = [[n * n for n in range(s, s + 25)] for s in (0, 25)] + [[-57 if n == 57 else n * n] for n in range(50, 75)]
    expected += [[n * n for n in range(75, 100)]] + [[n * n] for n in range(100, 120)]
    assert got == expected
    assert list(ordered_batches(sum, range(10), 1, _init, (str(tmp_path),), chunk=4)) == [6, 22, 17]


def _hold_the_first_chunk(items: list[int]) -> list[int]:
    """The chunk at the head waits (until the parent has read far ahead, or a few seconds): one slow worker."""
    if items[0] == 0:
        release, waited = MARKS["dir"] / "release", 0
        while not release.exists() and waited < 300:
            time.sleep(0.01)
            waited += 1
    return items


def test_answers_ahead_of_a_slow_chunk_do_not_pile_up_in_the_parent(tmp_path: Path) -> None:
    """While one worker is slow on the chunk at the head, the other may run ahead only so far: what was sent and
    not yet handed on stays bounded, so the parent's memory does not grow with a stall (nor with the run)."""
    from engine.batch.workers import IN_FLIGHT_PER_WORKER, ordered_batches

    bound = 2 * IN_FLIGHT_PER_WORKER * 5  # workers × chunks in flight each × items per chunk
    read = 0

    def source():  # type: ignore[no-untyped-def]
        nonlocal read
        for n in range(400):
            read = n + 1
            if read > bound + 20:  # far past the bound: let the head go, so that a failing run still ends
                (tmp_path / "release").touch()
            yield n

    answers = ordered_batches(_hold_the_first_chunk, source(), 2, _init, (str(tmp_path),), chunk=5)
    try:
        first = next(answers)
        read_before_the_head = read
        rest = [n for part in answers for n in part]
    finally:
        answers.close()
    assert first == [0, 1, 2, 3, 4] and rest == list(range(5, 400))
    assert read_before_the_head <= bound
