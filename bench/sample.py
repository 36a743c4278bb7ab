"""Benchmark: the synthetic application generator (engine/intake/sample.py): time to the first item and items/s.

The generator streams, so the first item of even 10^9 must come at once; tests/test_sample.py checks
the streaming itself, this prints the figures.

    python bench/sample.py               # 100,000 items
    python bench/sample.py --n 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.intake.sample import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="items to generate for the throughput figure")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    first = next(generate(10**9, seed=args.seed))
    print(f"first of 10^9 items: {(time.perf_counter() - start) * 1000:.1f} ms ({first['application_id']})")
    start = time.perf_counter()
    deque(generate(args.n, seed=args.seed), maxlen=0)  # consume without keeping
    took = time.perf_counter() - start
    print(f"{args.n:,} items: {took:.2f} s, {args.n / took:,.0f} items/s")


if __name__ == "__main__":
    main()
