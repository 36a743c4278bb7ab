"""Benchmark: batch screening end to end (read, validate, evaluate, write), 1 vs 2 workers, memory at scale.

    python bench/screen.py                       # 100,000 rows with 1 and 2 workers; RSS at 100k and 1M
    python bench/screen.py --rows 20000 --big 0  # quicker

It also times each stage in one process, so the slowest stage is visible.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS of the parent and of the largest worker (MB), for one `subsidy screen` process.

    A worker's figure counts the pages it shares with the parent it was forked from."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    parent, workers = (float(x) for x in proc.stdout.split())
    return wall, parent, workers


_CHILD = """
import resource, sys
from click.testing import CliRunner
sys.path.insert(0, %r)
from cli import main
result = CliRunner().invoke(main, ["screen", *sys.argv[1:], "--quiet"])
assert result.exit_code == 0, result.output
# VmHWM, not ru_maxrss: ru_maxrss survives fork+exec and would report the benchmark's own peak.
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
""" % str(ROOT)


def stages(path: str, rows: int) -> dict[str, float]:
    """Seconds per stage for `rows` rows, in this process."""
    import json

    from engine import Evaluator, InputError, load_rulebook, parse_application
    from engine.records import from_cells
    from engine.tabular import read_rows
    from engine.writers import open_writer

    t0 = time.perf_counter()
    table = list(read_rows(path, "csv"))
    t1 = time.perf_counter()
    apps = []
    for row in table:
        try:
            apps.append(parse_application(from_cells(row.cells or {}, row=row.number)))
        except InputError:
            pass
    t2 = time.perf_counter()
    evaluator = Evaluator(load_rulebook())
    from engine.facts import values_of

    epoch_values = [(evaluator.rulebook.epoch(a.as_of), values_of(a, a.as_of)) for a in apps if a.as_of]
    t3 = time.perf_counter()
    for epoch, values in epoch_values:
        evaluator.matcher.match(epoch, values)
    t4 = time.perf_counter()
    results = [evaluator.evaluate(a) for a in apps]
    t5 = time.perf_counter()
    provisions = [p.id for p in evaluator.rulebook.provisions]
    with tempfile.TemporaryDirectory() as tmp:
        writer = open_writer(os.path.join(tmp, "out.csv"), "csv", provisions)
        for i, ev in enumerate(results):
            rec = {"row": i + 2, "status": "evaluated", "id": ev.application_id, "name": None, "uscc": None,
                   "city": None, "p": {r.provision: [r.status, r.amount] for r in ev.results},
                   "total": ev.total_amount, "missing": sorted({m for r in ev.results for m in r.missing}),
                   "flags": []}
            json.dumps(rec, ensure_ascii=False)
            writer.write(rec)
        writer.commit()
    t6 = time.perf_counter()
    return {"read CSV": t1 - t0, "validate": t2 - t1, "match (durable_rules)": t4 - t3,
            "evaluate (match + results)": t5 - t4, "write": t6 - t5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000, help="rows for the memory run (0 to skip)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    from engine.sample import write_sample

    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "apps.csv")
        write_sample(source, args.rows, args.seed, 0.01)
        print(f"screening {args.rows:,} synthetic rows (1% invalid), CSV in, CSV out")
        walls = {}
        for workers in (1, 2):
            wall, parent, child = _run([source, "-o", os.path.join(tmp, f"out{workers}.csv"), "--workers", str(workers)])
            walls[workers] = wall
            print(f"  {workers} worker(s): {wall:6.1f} s  {args.rows / wall:8,.0f} rows/s  "
                  f"peak RSS parent {parent:.0f} MB, largest worker {child:.0f} MB")
        print(f"  speed-up with 2 workers: {walls[1] / walls[2]:.2f}x")
        if args.big:
            big = os.path.join(tmp, "big.csv")
            write_sample(big, args.big, args.seed + 1, 0.01)
            wall, parent, child = _run([big, "-o", os.path.join(tmp, "big.csv.out.csv"), "--workers", "2"])
            print(f"{args.big:,} rows, 2 workers: {wall:.0f} s ({args.big / wall:,.0f} rows/s); "
                  f"peak RSS parent {parent:.0f} MB, largest worker {child:.0f} MB")
        sample = min(args.rows, 20_000)
        split = stages(source, sample)
        total = sum(v for k, v in split.items() if k != "match (durable_rules)")
        print(f"stage times over {sample:,} rows in one process (match is part of evaluate):")
        for stage, seconds in split.items():
            print(f"  {stage:<28}{seconds:7.2f} s  {1e6 * seconds / sample:7.0f} µs/row")
        print(f"  slowest: {max((k for k in split if k != 'match (durable_rules)'), key=split.__getitem__)} "
              f"({100 * max(v for k, v in split.items() if k != 'match (durable_rules)') / total:.0f}%)")
    print(f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
