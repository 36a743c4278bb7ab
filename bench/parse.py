"""Benchmark: what turning one JSONL line into a validated application costs (`parse_line` + `warnings_of`, the
first step of every screened row), for valid lines and for refused ones.

    python bench/parse.py                        # 3,000 generated lines, 30% of them invalid
    python bench/parse.py --rows 10000 --invalid 0.5 --runs 7

Prints µs per line, the median over the runs, for the valid lines and the refused lines separately. For a
figure that does not move with the machine's load, run it under `valgrind --tool=callgrind` with `--rows 0`
and with rows, and divide the difference in instructions by the number of lines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.intake.documents import parse_line, warnings_of  # noqa: E402
from engine.intake.sample import write_sample  # noqa: E402


def _per_line(lines: list[bytes], runs: int) -> float:
    """Median µs per line over `runs` passes (each line parsed as a screening worker parses it)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for row, raw in enumerate(lines, start=1):
            app = parse_line(raw, row)[0]
            if app is not None:
                warnings_of(app)
        times.append((time.perf_counter() - start) / max(len(lines), 1))
    return 1e6 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--invalid", type=float, default=0.3, help="share of invalid lines (default 0.3)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.jsonl"
        write_sample(str(path), max(args.rows, 1), seed=args.seed, invalid_share=args.invalid)
        lines = path.read_bytes().splitlines()[: args.rows]
    valid = [raw for row, raw in enumerate(lines, start=1) if parse_line(raw, row)[0] is not None]
    refused = [raw for row, raw in enumerate(lines, start=1) if parse_line(raw, row)[0] is None]
    _per_line(lines, 1)  # warm: caches and the interpreter's specialisations, as a worker is after its first chunk
    if not lines:
        return
    print(f"valid lines  : {len(valid):6d}  {_per_line(valid, args.runs):7.1f} µs per line")
    print(f"refused lines: {len(refused):6d}  {_per_line(refused, args.runs):7.1f} µs per line")


if __name__ == "__main__":
    main()
