"""Soak with kills: screen N generated applications with 2 workers, SIGKILL the run three times at random
moments, resume each time, and check the final output is byte-identical to an uninterrupted run's and that
no worker process outlives a kill. Prints the time and peak RSS of each run (a benchmark, not a test).

    python bench/soak_kill.py                  # 1,000,000 rows: expect the better part of an hour on 2 cores
    python bench/soak_kill.py --n 100000 --kills 3 --seed 1
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBSIDY = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20
    except (OSError, IndexError):
        return 0.0


class Run:
    """One `subsidy screen` process, watched: the peak RSS of the whole tree and of its largest process."""

    def __init__(self, args: list[str]) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.started = time.monotonic()
        self.proc = subprocess.Popen(SUBSIDY + ["screen", *args], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.peak_tree = self.peak_one = 0.0
        self.workers: set[int] = set()

    def sample(self) -> None:
        kids = children(self.proc.pid)
        self.workers.update(kids)
        sizes = [rss_mb(p) for p in [self.proc.pid, *kids]]
        self.peak_tree = max(self.peak_tree, sum(sizes))
        self.peak_one = max(self.peak_one, max(sizes))

    def wait(self, kill_after: float | None = None) -> bool:
        """True when the run finished by itself; False when it was killed after `kill_after` seconds."""
        while self.proc.poll() is None:
            self.sample()
            if kill_after is not None and time.monotonic() - self.started >= kill_after:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait()
                return False
            time.sleep(0.2)
        if self.proc.returncode != 0:
            raise SystemExit(f"screen failed ({self.proc.returncode}): {self.proc.stderr.read().decode()[-2000:]}")
        return True

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def leftovers(self, grace: float = 2.0) -> list[int]:
        deadline = time.monotonic() + grace
        while any(alive(w) for w in self.workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        return [w for w in self.workers if alive(w)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="Working directory (default: a temporary one).")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.dir or tempfile.mkdtemp(prefix="soak-kill-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "apps.csv"
    t = time.monotonic()
    subprocess.run(SUBSIDY + ["sample", "--n", str(args.n), "--seed", str(args.seed), "-o", str(source)],
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    print(f"generated {args.n:,} applications in {time.monotonic() - t:.0f} s ({source})", flush=True)

    base = ["--workers", "2", "--quiet"]
    whole = Run([str(source), "-o", str(work / "whole.csv"), *base])
    whole.wait()
    print(f"uninterrupted: {whole.seconds:,.0f} s, {args.n / whole.seconds:,.0f} rows/s, peak RSS "
          f"{whole.peak_tree:,.0f} MB (all processes), {whole.peak_one:,.0f} MB (largest)", flush=True)

    out = work / "out.csv"
    journal = Path(str(out) + ".journal")
    total, problems = 0.0, []
    for k in range(args.kills + 1):
        killing = k < args.kills
        run = Run([str(source), "-o", str(out), *base, *(["--resume"] if k else [])])
        finished = run.wait(rng.uniform(0.05, 0.3) * whole.seconds if killing else None)
        total += run.seconds
        journalled = sum(1 for _ in open(journal, "rb")) - 1 if journal.exists() else None
        left = run.leftovers()
        if left:
            problems.append(f"run {k + 1}: worker processes left after the kill: {left}")
        what = "finished" if finished else "killed"
        rows = "-" if journalled is None else f"{journalled:,}"
        print(f"run {k + 1}: {what} after {run.seconds:,.1f} s, journal {rows} rows, peak RSS "
              f"{run.peak_tree:,.0f} MB (all), {run.peak_one:,.0f} MB (largest), workers left {len(left)}", flush=True)
        if finished and killing:
            problems.append(f"run {k + 1} finished before the kill; use more rows")
            break
    identical = out.exists() and out.read_bytes() == (work / "whole.csv").read_bytes()
    if not identical:
        problems.append("the resumed output differs from the uninterrupted one")
    print(f"killed {args.kills}x and resumed: {total:,.0f} s in all; output identical: {identical}; "
          f"journal removed: {not journal.exists()}")
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
