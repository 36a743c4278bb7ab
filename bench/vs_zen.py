"""Benchmark: `subsidy screen --workers 2` against a GoRules ZEN implementation of the same pack, side by side.

    python bench/vs_zen.py --peer DIR                # 100,000 generated applications, median of 3
    python bench/vs_zen.py --peer DIR --rows 20000 --runs 1

DIR is the ZEN peer's directory: `zen_pack.py` (the runner, a JDM decision graph per pack version) and a
virtual environment with `zen-engine` in `DIR/zenv`, or pass its interpreter with `--zen-python`. The peer is
a benchmark peer only: nothing in this project imports it or needs it.

Both read the same generated JSONL and write one output per application: ours a CSV (`-o out.csv`, the whole
pipeline: read, validate, evaluate with durable_rules, journal, write), ZEN its JSONL in its fastest mode
(chunks evaluated in Rust threads). Runs alternate (ours, ZEN, ours, …) so that a machine shared with other
work slows both alike; each rate is rows / the median wall time of the process, start-up included.

Decisions are compared from one more, untimed run of ours with `--detail summary` JSONL (the CSV's columns
are for people): every provision's status and amount must agree; the count of differences must be 0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBSIDY = [sys.executable, "-c", "import sys; sys.path.insert(0, %r); from cli import main; main()" % str(ROOT)]


def _zen_python(peer: Path, explicit: str | None) -> Path:
    """The peer's interpreter; exits naming what is missing when the peer or its venv is not there."""
    runner = peer / "zen_pack.py"
    if not runner.is_file():
        sys.exit(f"no ZEN peer at {peer}: {runner} is missing (pass the peer's directory with --peer)")
    python = Path(explicit) if explicit else peer / "zenv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"no Python with zen-engine at {python}: create it with\n"
                 f"    python3 -m venv {peer / 'zenv'} && {peer / 'zenv'}/bin/pip install zen-engine==2.1.3\n"
                 "or pass an interpreter that has it with --zen-python")
    probe = subprocess.run([str(python), "-c", "import zen"], capture_output=True, text=True)
    if probe.returncode != 0:
        sys.exit(f"{python} cannot import zen (pip install zen-engine==2.1.3 into it): {probe.stderr.strip()}")
    return python


def _timed(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return wall


def _differences(ours: Path, zen: Path) -> tuple[int, int, list[str]]:
    """(decisions compared, decisions that differ, the first few differences) over status and amount."""
    compared = differ = 0
    shown: list[str] = []
    with open(ours, encoding="utf-8") as a, open(zen, encoding="utf-8") as b:
        for line_a, line_b in zip(a, b, strict=True):
            x, y = json.loads(line_a), json.loads(line_b)
            if x["status"] == "error" or "error" in y:
                differ += (x["status"] == "error") != ("error" in y)
                continue
            zen_results = {r["provision"]: (r["status"], r["amount"]) for r in y["results"]}
            # Only the provisions both model: the pack's allocation gate (st-plan-project) has no ZEN twin.
            for r in (r for r in x["results"] if r["provision"] in zen_results):
                compared += 1
                if zen_results.get(r["provision"]) != (r["status"], r["amount"]):
                    differ += 1
                    if len(shown) < 10:
                        shown.append(f"{x['application_id']} {r['provision']}: ours {(r['status'], r['amount'])}, "
                                     f"ZEN {zen_results.get(r['provision'])}")
    return compared, differ, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", required=True, type=Path, help="the ZEN peer's directory")
    parser.add_argument("--zen-python", help="interpreter with zen-engine (default: PEER/zenv/bin/python)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--pack", default="2026.2", help="the peer's pack version (must be the rules' version)")
    args = parser.parse_args()
    peer = args.peer.resolve()
    zen_python = _zen_python(peer, args.zen_python)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = tmp / "apps.jsonl"
        subprocess.run([*SUBSIDY, "sample", "--n", str(args.rows), "--seed", str(args.seed), "--invalid-share", "0",
                        "-o", str(source)], check=True, capture_output=True)
        ours_cmd = [*SUBSIDY, "screen", str(source), "-o", str(tmp / "out.csv"), "--workers", str(args.workers),
                    "--quiet", "--restart"]
        zen_cmd = [str(zen_python), str(peer / "zen_pack.py"), str(source), str(tmp / "zen.jsonl"), "--pack", args.pack]
        load = os.getloadavg()
        times: dict[str, list[float]] = {"ours": [], "zen": []}
        for run in range(args.runs):
            times["ours"].append(_timed(ours_cmd))
            times["zen"].append(_timed(zen_cmd, cwd=peer))
            print(f"run {run + 1}: ours {times['ours'][-1]:.2f} s, ZEN {times['zen'][-1]:.2f} s", flush=True)
        summary = tmp / "summary.jsonl"
        _timed([*SUBSIDY, "screen", str(source), "-o", str(summary), "--workers", str(args.workers), "--quiet",
                "--detail", "summary"])
        compared, differ, shown = _differences(summary, tmp / "zen.jsonl")
        rate = {k: args.rows / statistics.median(v) for k, v in times.items()}
        print(f"\n{args.rows:,} applications (pack {args.pack}), JSONL in; median of {args.runs} alternating runs; "
              f"{os.cpu_count()} cores, load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
        print(f"  subsidy screen --workers {args.workers} -o out.csv : {rate['ours']:>9,.0f} apps/s "
              f"(median {statistics.median(times['ours']):.2f} s)")
        print(f"  ZEN zen_pack.py (default mode)        : {rate['zen']:>9,.0f} apps/s "
              f"(median {statistics.median(times['zen']):.2f} s)")
        print(f"  ratio ours / ZEN: {rate['ours'] / rate['zen']:.2f}")
        print(f"  decisions compared: {compared:,}; differing: {differ}")
        for line in shown:
            print("   ", line)
        print(f"  bytes per application: CSV {(tmp / 'out.csv').stat().st_size / args.rows:,.0f}, "
              f"JSONL --detail summary {summary.stat().st_size / args.rows:,.0f}")
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
