"""Benchmark: what one `subsidy check` of an example costs, and what dominates it.

    python bench/startup.py                      # 10 runs of examples/jinan-robot-maker.json
    python bench/startup.py --runs 20 --example examples/missing-data.json

Prints the median wall time of the whole command (a new process each time, as a user meets it), then the
stages inside one process: interpreter start, imports, reading the rule files, compiling the durable_rules
rule set, evaluating, rendering — each the median over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: each stage timed once, printed as JSON.
_STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, ROOT)
import cli  # everything `subsidy` imports before it parses a command line
t1 = time.perf_counter()
from engine import Evaluator, load_rulebook, parse_application
from engine.render.report import render_text
book = load_rulebook()
t2 = time.perf_counter()
evaluator = Evaluator(book)
app = parse_application(json.loads(open(EXAMPLE, encoding="utf-8").read()))
evaluator.matcher.compiled(book.epoch(app.as_of))
t3 = time.perf_counter()
evaluation = evaluator.evaluate(app)
t4 = time.perf_counter()
render_text(evaluation, "zh")
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "rules": t2 - t1, "compile": t3 - t2, "evaluate": t4 - t3, "render": t5 - t4}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--example", default=str(ROOT / "examples" / "jinan-robot-maker.json"))
    args = parser.parse_args()
    subsidy = [sys.executable, "-m", "cli", "check", args.example]
    walls, bare, stages = [], [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(subsidy, cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
        code = f"ROOT = {str(ROOT)!r}; EXAMPLE = {args.example!r}\n" + _STAGES
        stages.append(json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                                text=True).stdout))
    print(f"subsidy check {Path(args.example).name}: median wall {statistics.median(walls) * 1000:.0f} ms "
          f"over {args.runs} runs (min {min(walls) * 1000:.0f} ms)")
    print(f"  {'interpreter start':<22}{statistics.median(bare) * 1000:6.0f} ms")
    for stage in stages[0]:
        print(f"  {stage:<22}{statistics.median(s[stage] for s in stages) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
