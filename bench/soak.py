"""Soak: a million applications through one process; crashes (must be 0) and RSS every 100,000 (must be flat).

    python bench/soak.py                 # 1,000,000
    python bench/soak.py --n 200000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    import os

    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()
    from engine import Evaluator, InputError, load_rulebook, parse_application
    from engine.intake.sample import generate

    evaluator = Evaluator(load_rulebook())
    crashes = errors = 0
    start = time.perf_counter()
    print(f"{'applications':>12} {'RSS MB':>8} {'apps/s':>8} crashes")
    for i, doc in enumerate(generate(args.n, args.seed, invalid_share=0.01), start=1):
        try:
            evaluator.evaluate(parse_application(doc))
        except InputError:
            errors += 1
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            crashes += 1
            print(f"crash at {i}: {type(exc).__name__}: {exc}")
        if i % 100_000 == 0:
            print(f"{i:>12,} {rss_mb():>8.1f} {i / (time.perf_counter() - start):>8,.0f} {crashes}")
    print(f"done: {args.n:,} applications, {errors:,} invalid inputs, {crashes} crashes")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
