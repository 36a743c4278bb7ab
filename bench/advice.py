"""Benchmark: advice (engine/advise) on generated applications: time per application with and without advice.

    python bench/advice.py              # 1,000 applications
    python bench/advice.py --n 5000 --missing 0.3
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import Evaluator, load_rulebook, parse_application  # noqa: E402
from engine.advise.advice import with_advice  # noqa: E402
from engine.intake.sample import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--missing", type=float, default=0.1, help="share of applications with fields left out")
    args = parser.parse_args()
    evaluator = Evaluator(load_rulebook(ROOT / "rules"))
    apps = [parse_application(d) for d in generate(args.n, seed=args.seed, missing_share=args.missing)]
    start = time.perf_counter()
    for app in apps:
        evaluator.evaluate(app)
    plain = time.perf_counter() - start
    kinds: Counter[str] = Counter()
    slowest = 0.0
    start = time.perf_counter()
    for app in apps:
        one = time.perf_counter()
        kinds.update(a.kind for a in with_advice(evaluator, app).advice or ())
        slowest = max(slowest, time.perf_counter() - one)
    advised = time.perf_counter() - start
    print(f"{args.n:,} applications: evaluate {plain / args.n * 1000:.2f} ms each; "
          f"with advice {advised / args.n * 1000:.2f} ms each (slowest {slowest * 1000:.1f} ms)")
    print("advice kinds: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))


if __name__ == "__main__":
    main()
