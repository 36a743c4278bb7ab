"""Reliability of batch runs: workers die with their parent, verify streams, journals are never lost, full disks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT

SUBSIDY = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc, so it works without psutil)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _run(args: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(SUBSIDY + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "apps.csv"
    assert _run(["sample", "--n", "6000", "--seed", "3", "-o", str(path)], ROOT).returncode == 0
    return path


@pytest.mark.parametrize("command", ["screen", "diff"])
def test_workers_die_with_a_killed_parent(tmp_path: Path, big_csv: Path, command: str) -> None:
    args = (["screen", str(big_csv), "-o", str(tmp_path / "out.jsonl"), "--workers", "2", "--quiet"]
            if command == "screen" else
            ["diff", "--base", "rules", "--proposed", "rules", str(big_csv), "--workers", "2", "--format", "json"])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(SUBSIDY + args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2, "the run never started its two workers"
        time.sleep(2.0)  # mid-run: the workers have filled their result pipes
        assert parent.poll() is None, "the run finished before it could be killed; make the input bigger"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        # The brief allows 2 s; the kernel's parent-death signal makes it immediate, so 0.5 s catches a
        # worker that only notices on its next idle poll (what small `diff` answers used to rely on).
        deadline = time.monotonic() + 0.5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [w for w in workers if _alive(w)]
    finally:
        for w in _children(parent.pid) + (locals().get("workers") or []):
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    assert left == [], f"worker processes outlived their parent: {left}"


def test_verify_streams_a_results_file_of_any_size(tmp_path: Path) -> None:
    """Above the 64 Mi characters verify used to read: every row is replayed and counted, and an over-long line
    is a problem record of its own, not a reason to hold it in memory."""
    import json

    from click.testing import CliRunner

    from cli import main

    check = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "jinan-robot-maker.json"), "--format", "json"])
    saved = json.loads(check.output)
    saved["padding"] = "x" * (1024 * 1024)  # ignored by verify; makes 70 lines weigh 70 MiB
    path = tmp_path / "results.jsonl"
    rows = 70
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(rows):
            fh.write(json.dumps({**saved, "application_id": f"R-{i:03d}"}, ensure_ascii=False) + "\n")
            if i == 40:
                fh.write("[" * (9 * 1024 * 1024) + "\n")  # one line above the line bound
    assert path.stat().st_size > 64 * 1024 * 1024
    out = CliRunner().invoke(main, ["verify", "--lang", "en", str(path)])
    assert out.exit_code == 1, out.output
    assert f"R-{rows - 1:03d} (line {rows + 1}): reproduced exactly" in out.output
    assert "✗ ? (line 42): the line cannot be read: the line is longer than 8,388,608 characters" in out.output
    assert out.output.rstrip().endswith(f"{rows} of {rows + 1} decision(s) reproduced")


# ---- an interrupted run's journal ------------------------------------------------------------------

class _Stop(Exception):
    pass


def _interrupted(source: Path, out: Path, after: int, **kw: object) -> Path:
    """Screen until `after` rows are journalled, then fail as a kill would: the journal stays behind."""
    from engine.batch.screen import ScreenOptions, screen

    count = 0

    def progress(n: int) -> None:
        nonlocal count
        count += n
        if count >= after:
            raise _Stop

    with pytest.raises(_Stop):
        options = ScreenOptions(str(source), str(out), str(ROOT / "rules"), workers=1, **kw)  # type: ignore[arg-type]
        screen(options, progress)
    journal = Path(str(out) + ".journal")
    assert journal.exists()
    return journal


def test_a_journal_from_an_interrupted_run_needs_resume_or_restart(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main
    from helpers import make_rows, write_csv

    source = write_csv(tmp_path / "apps.csv", make_rows(300, bad=10))
    whole = tmp_path / "whole.csv"
    assert CliRunner().invoke(main, ["screen", str(source), "-o", str(whole), "--workers", "1"]).exit_code == 0
    out = tmp_path / "out.csv"
    journal = _interrupted(source, out, 120)
    kept = journal.read_bytes()

    refused = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1"])
    assert refused.exit_code == 2, refused.output
    assert "已记录 120 行" in refused.output and "--resume" in refused.output and "--restart" in refused.output
    assert "Traceback" not in refused.output
    english = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1", "--lang", "en"])
    assert english.exit_code == 2 and "120 row(s) journalled" in english.output
    assert journal.read_bytes() == kept and not out.exists()  # a run that did not finish deletes nothing

    resumed = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert out.read_bytes() == whole.read_bytes() and not journal.exists()

    out.unlink()
    _interrupted(source, out, 50)
    restarted = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "1", "--restart"])
    assert restarted.exit_code == 0, restarted.output
    assert "上次中断" not in restarted.output
    assert out.read_bytes() == whole.read_bytes() and not journal.exists()


# ---- a full disk ---------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs (we run as root). No skip: a test that cannot mount must fail loudly, not pass silently."""
    mount = tmp_path / "disk"
    mount.mkdir()
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                         text=True)
    assert run.returncode == 0, f"cannot mount a tmpfs for the full-disk test: {run.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


class _Filler:
    """Takes every free byte of a disk, then gives back as much as a test asks for."""

    def __init__(self, disk: Path) -> None:
        self.path = disk / "filler"
        with open(self.path, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
            except OSError:
                pass
        with open(self.path, "ab", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 512)
            except OSError:
                pass

    def free(self, nbytes: int) -> None:
        os.truncate(self.path, max(0, self.path.stat().st_size - nbytes))


def _assert_journal_consistent(journal: Path, first_row: int = 2) -> int:
    import json

    lines = journal.read_bytes().split(b"\n")
    complete = [json.loads(line) for line in lines[1:-1]]  # a partial last line (lines[-1]) is allowed
    assert [rec["row"] for rec in complete] == list(range(first_row, first_row + len(complete)))
    return len(complete)


def _screen(args: list[str]) -> Any:
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, ["screen", *args, "--quiet"])


def test_a_full_disk_stops_cleanly_and_resume_completes_the_output(tmp_path: Path, small_disk: Path) -> None:
    from helpers import make_rows, write_csv

    source = write_csv(tmp_path / "apps.csv", make_rows(600, bad=30))
    whole = tmp_path / "whole"
    whole.mkdir()
    assert _screen([str(source), "-o", str(whole / "out.csv"), "--errors", str(whole / "errors.csv"),
                    "--workers", "1"]).exit_code == 0
    filler = _Filler(small_disk)
    out, journal = small_disk / "out.csv", small_disk / "out.csv.journal"
    args = [str(source), "-o", str(out), "--errors", str(tmp_path / "errors.csv"), "--workers", "2"]

    filler.free(100_000)  # the journal (some 360 KB) fills the disk mid-run
    first = _screen(args)
    assert first.exit_code == 2, first.output
    assert f"{journal}:磁盘空间已满" in first.output and "--resume" in first.output
    assert 0 < _assert_journal_consistent(journal) < 600

    # Now the journal fits (its size estimated from the rows it holds) but the output does not.
    rows = _assert_journal_consistent(journal)
    journal_left = journal.stat().st_size * (600 - rows) // rows
    filler.free(journal_left + (whole / "out.csv").stat().st_size // 3)
    second = _screen([*args, "--resume"])
    assert second.exit_code == 2, second.output
    assert f"{out}:磁盘空间已满" in second.output
    assert _assert_journal_consistent(journal) == 600
    assert not out.exists() and list(small_disk.glob("*.tmp")) == []

    filler.path.unlink()
    third = _screen([*args, "--resume"])
    assert third.exit_code == 0, third.output
    assert out.read_bytes() == (whole / "out.csv").read_bytes()
    assert (tmp_path / "errors.csv").read_bytes() == (whole / "errors.csv").read_bytes()
    assert not journal.exists()


@pytest.mark.parametrize("option", ["--errors", "--report"])
def test_a_full_disk_for_the_errors_or_report_file_is_resumable(tmp_path: Path, small_disk: Path,
                                                                option: str) -> None:
    from helpers import make_rows, write_csv

    source = write_csv(tmp_path / "apps.csv", make_rows(200, bad=10))
    target = small_disk / ("errors.csv" if option == "--errors" else "report.html")
    out = tmp_path / "out.csv"
    filler = _Filler(small_disk)
    failed = _screen([str(source), "-o", str(out), option, str(target), "--workers", "1"])
    assert failed.exit_code == 2, failed.output
    assert f"{target}:磁盘空间已满" in failed.output
    assert not target.exists() and list(small_disk.glob("*.tmp")) == []
    assert _assert_journal_consistent(Path(str(out) + ".journal")) == 200
    filler.path.unlink()
    done = _screen([str(source), "-o", str(out), option, str(target), "--workers", "1", "--resume"])
    assert done.exit_code == 0, done.output
    assert target.stat().st_size > 0 and not Path(str(out) + ".journal").exists()


_ORPHAN_SCRIPT = """
import os, signal, sys
import engine.batch.workers as workers
workers._die_with_parent = lambda parent: None  # only the closed pipe ends are left to end the workers

def init():
    pass

def big(n):
    return b"x" * 200_000  # a few answers fill the result pipe once the parent stops reading

results = workers.ordered_map(big, range(10_000), 2, init, ())
next(results)
with open(sys.argv[1], "w") as fh:
    fh.write(" ".join(str(p) for p in workers_of(os.getpid())))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_worker_blocked_on_a_full_pipe_ends_when_the_parent_dies_without_pdeathsig(tmp_path: Path) -> None:
    """The first line of defence alone: a worker holds no read end of any result pipe, so its blocked write
    fails (EPIPE) once the parent is gone, instead of sleeping forever."""
    helper = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
              "from test_reliability import _children as workers_of\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pids = tmp_path / "workers.txt"
    # No pipes to the script: orphans would hold them open and make run() wait for them.
    run = subprocess.run([sys.executable, "-c", helper + _ORPHAN_SCRIPT, str(pids)], cwd=ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    assert run.returncode == -signal.SIGKILL
    orphans = [int(p) for p in pids.read_text().split()]
    assert len(orphans) == 2
    deadline = time.monotonic() + 2
    while any(_alive(w) for w in orphans) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in orphans if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == []
