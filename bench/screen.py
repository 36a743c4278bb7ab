"""Benchmark: batch screening end to end (read, validate, evaluate, write), 1 vs 2 workers, memory at scale.

    python bench/screen.py                       # 10k and 100k rows with 1 and 2 workers; 1M with 2; sizes
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


def _run(args: list[str]) -> tuple[float, float, float, float, float]:
    """Wall seconds, peak RSS of the parent and of the largest worker (MB), CPU seconds of the parent and of the
    workers together, for one `subsidy screen` process. With 2 workers on 2 cores, every CPU second the parent
    spends is taken from a worker: its share is what keeps 2 workers from being twice as fast as one.

    A worker's RSS counts the pages it shares with the parent it was forked from."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    parent, workers, parent_cpu, workers_cpu = (float(x) for x in proc.stdout.split())
    return wall, parent, workers, parent_cpu, workers_cpu


_CHILD = """
import resource, sys
from click.testing import CliRunner
sys.path.insert(0, %r)
from cli import main
result = CliRunner().invoke(main, ["screen", *sys.argv[1:], "--quiet"])
assert result.exit_code == 0, result.output
# VmHWM, not ru_maxrss: ru_maxrss survives fork+exec and would report the benchmark's own peak.
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(hwm, kids.ru_maxrss / 1024, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime)
""" % str(ROOT)


def stages(path: str, rows: int) -> dict[str, float]:
    """Seconds per stage for `rows` rows in this process, one row at a time as screening does (no row kept)."""
    from engine import InputError, load_rulebook, parse_application
    from engine.evaluate.evaluator import Evaluator
    from engine.intake.cells import from_cells
    from engine.intake.tables import read_rows
    from engine.evaluate.facts import values_of
    from engine.batch.writers import open_writer

    evaluator = Evaluator(load_rulebook())
    provisions = [p.id for p in evaluator.rulebook.provisions]
    spent = dict.fromkeys(["read CSV", "validate", "match (durable_rules)", "evaluate (match + results)", "write"], 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        writer = open_writer(os.path.join(tmp, "out.csv"), "csv", provisions)
        clock = time.perf_counter()
        for row in read_rows(path, "csv"):
            now = time.perf_counter()
            spent["read CSV"] += now - clock
            try:
                app = parse_application(from_cells(row.cells or {}, row=row.number))
            except InputError:
                clock = time.perf_counter()
                spent["validate"] += clock - now
                continue
            t1 = time.perf_counter()
            spent["validate"] += t1 - now
            day = app.as_of
            if day is not None:
                evaluator.matcher.match(evaluator.rulebook.epoch(day), values_of(app, day))
            t2 = time.perf_counter()
            spent["match (durable_rules)"] += t2 - t1
            ev = evaluator.evaluate(app)
            t3 = time.perf_counter()
            spent["evaluate (match + results)"] += t3 - t2
            writer.write({"row": row.number, "status": "evaluated", "id": ev.application_id, "name": None,
                          "uscc": None, "city": None, "p": {r.provision: [r.status, r.amount, r.estimate] for r in ev.results},
                          "total": ev.total_amount, "missing": sorted({m for r in ev.results for m in r.missing}),
                          "flags": []})
            clock = time.perf_counter()
            spent["write"] += clock - t3
        writer.commit()
    return spent


def output_sizes(tmp: str, rows: int, seed: int) -> None:
    """Bytes per application of each output a JSONL screening can write (a small sample: full is ~50 KB a row)."""
    from engine.intake.sample import write_sample

    source = os.path.join(tmp, "sizes.jsonl")
    write_sample(source, rows, seed, 0.01)
    print(f"bytes per application ({rows:,} rows, 1% invalid):")
    for name, out, extra in (("CSV", "o.csv", []), ("JSONL --detail summary", "s.jsonl", ["--detail", "summary"]),
                             ("JSONL --detail full", "f.jsonl", []),
                             ("JSONL --detail full --output-lang zh", "z.jsonl", ["--output-lang", "zh"])):
        path = os.path.join(tmp, out)
        wall, *_ = _run([source, "-o", path, "--workers", "2", *extra])
        print(f"  {name:<38}{os.path.getsize(path) / rows:>9,.0f}  ({rows / wall:,.0f} rows/s)")
        os.unlink(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000],
                        help="sizes screened with 1 and with 2 workers (JSONL in, CSV out)")
    parser.add_argument("--big", type=int, default=1_000_000, help="rows for the memory run, 2 workers (0 to skip)")
    parser.add_argument("--sizes-rows", type=int, default=2_000, help="rows for the bytes-per-application table")
    parser.add_argument("--stages", type=int, default=20_000, help="rows for the per-stage times (CSV in)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    from engine.intake.sample import write_sample

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start (a shared machine is noisy)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            source = os.path.join(tmp, f"apps{n}.jsonl")
            write_sample(source, n, args.seed, 0.01)
            print(f"screening {n:,} synthetic rows (1% invalid), JSONL in, CSV out")
            walls = {}
            for workers in (1, 2):  # alternating sizes would not help: each line is one process, start-up included
                wall, parent, child, cpu, kids = _run([source, "-o", os.path.join(tmp, f"out{workers}.csv"),
                                                       "--workers", str(workers)])
                walls[workers] = wall
                print(f"  {workers} worker(s): {wall:6.1f} s  {n / wall:8,.0f} rows/s  "
                      f"peak RSS parent {parent:.0f} MB, largest worker {child:.0f} MB; CPU µs/row: parent "
                      f"{1e6 * cpu / n:.0f}, workers {1e6 * kids / n:.0f}; load {os.getloadavg()[0]:.1f}")
            print(f"  speed-up with 2 workers: {walls[1] / walls[2]:.2f}x")
            os.unlink(source)
        if args.big:
            big = os.path.join(tmp, "big.jsonl")
            write_sample(big, args.big, args.seed + 1, 0.01)
            wall, parent, child, _, _ = _run([big, "-o", os.path.join(tmp, "big.csv"), "--workers", "2"])
            print(f"{args.big:,} rows, 2 workers: {wall:.0f} s ({args.big / wall:,.0f} rows/s); "
                  f"peak RSS parent {parent:.0f} MB, largest worker {child:.0f} MB")
            os.unlink(big)
        output_sizes(tmp, args.sizes_rows, args.seed)
        if args.stages:
            source = os.path.join(tmp, "stages.csv")
            write_sample(source, args.stages, args.seed, 0.01)
            split = stages(source, args.stages)
            total = sum(v for k, v in split.items() if k != "match (durable_rules)")
            print(f"stage times over {args.stages:,} rows in one process, full results (match timed apart, and "
                  "again inside evaluate):")
            for stage, seconds in split.items():
                print(f"  {stage:<28}{seconds:7.2f} s  {1e6 * seconds / args.stages:7.0f} µs/row")
            print(f"  slowest: {max((k for k in split if k != 'match (durable_rules)'), key=split.__getitem__)} "
                  f"({100 * max(v for k, v in split.items() if k != 'match (durable_rules)') / total:.0f}%)")
    print(f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
