"""Benchmark: evaluation throughput (validation included) and memory, durable_rules vs the reference matcher.

Each matcher runs in its own process over the same synthetic applications (fixed seed, realistic mix,
~10% with missing fields). Time counts parse_application + evaluate only, not generating the data.
RSS is read at checkpoints so that growth with N shows. The evaluator's result caches are bounded
(8,192 entries each) and fill within the first ~30,000 applications; growth after that is what matters.

    python bench/evaluate.py                 # N = 10,000, 50,000 and 100,000
    python bench/evaluate.py --sizes 20000   # quicker
    python bench/evaluate.py --read words    # also read every criterion and every word, as the API writes them
    python bench/evaluate.py --screen        # Evaluator.screen instead: the lean decisions batch screening writes

A full result builds its criteria, and words its explanations, when they are first read (a screening and a
total read neither): `--read criteria|words` reads them too, inside the timing, so the cost of an output that
shows them is measured as well. Besides wall-clock apps/s, CPU µs per application (process time) is printed:
on a shared machine it is the figure that other processes' load disturbs least.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def read(evaluation: object, depth: str) -> None:
    """Reads what an output reads: every criterion (`criteria`), and every word of the result (`words`)."""
    for r in evaluation.results:  # type: ignore[attr-defined]
        for c in r.criteria:
            if depth == "words":
                c.explanation.zh  # noqa: B018 - worded on first read
        if depth == "words":
            r.explanation.zh  # noqa: B018
            if r.amount_explanation is not None:
                r.amount_explanation.zh  # noqa: B018
            for t in r.score_explanations.values():
                t.zh  # noqa: B018


def run_one(engine_name: str, sizes: list[int], seed: int, depth: str = "none", screen: bool = False) -> dict:
    from engine import Evaluator, InputError, load_rulebook, parse_application
    from engine.intake.sample import generate

    evaluator = Evaluator(load_rulebook(), engine_name)  # type: ignore[arg-type]
    checkpoints = sorted(set(sizes))
    out: dict = {"engine": engine_name, "points": []}
    busy = cpu = 0.0
    statuses: dict[str, int] = {}
    errors = 0
    for i, doc in enumerate(generate(checkpoints[-1], seed=seed), start=1):
        t, c = time.perf_counter(), time.process_time()
        try:
            if screen:
                screening = evaluator.screen(parse_application(doc))
            else:
                evaluation = evaluator.evaluate(parse_application(doc))
                if depth != "none":
                    read(evaluation, depth)
        except InputError:
            errors += 1
        else:
            for status in (r[1] for r in screening.results) if screen else (r.status for r in evaluation.results):
                statuses[status] = statuses.get(status, 0) + 1
        busy += time.perf_counter() - t
        cpu += time.process_time() - c
        if i in checkpoints:
            out["points"].append({"n": i, "per_s": i / busy, "cpu_us": cpu / i * 1e6, "rss_mb": rss_mb()})
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["statuses"] = statuses
    out["input_errors"] = errors
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--read", choices=["none", "criteria", "words"], default="none",
                        help="also read every criterion, or every criterion and word, of each result")
    parser.add_argument("--screen", action="store_true", help="time Evaluator.screen (the batch path) instead")
    parser.add_argument("--engine", choices=["durable", "reference"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:  # child process: one matcher, JSON on stdout
        print(json.dumps(run_one(args.engine, args.sizes, args.seed, args.read, args.screen)))
        return
    results = {}
    print("screen" if args.screen else f"reading {args.read}: evaluate" + {"none": "", "criteria": " + every criterion",
                                              "words": " + every criterion and word"}[args.read])
    for engine_name in ("durable", "reference"):
        cmd = [sys.executable, __file__, "--engine", engine_name, "--seed", str(args.seed), "--read", args.read,
               "--sizes", *map(str, args.sizes), *(["--screen"] if args.screen else [])]
        results[engine_name] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    print(f"{'matcher':<14}{'N':>9}{'apps/s':>10}{'CPU µs/app':>12}{'RSS MB':>9}")
    for name, r in results.items():
        for p in r["points"]:
            print(f"{name:<14}{p['n']:>9,}{p['per_s']:>10,.0f}{p['cpu_us']:>12,.0f}{p['rss_mb']:>9.1f}")
        first, before, last = r["points"][0], r["points"][-2 if len(r["points"]) > 1 else 0], r["points"][-1]
        print(f"{'':<14}peak RSS {r['peak_rss_mb']:.1f} MB; RSS growth {first['n']:,}→{last['n']:,}: "
              f"{last['rss_mb'] - first['rss_mb']:+.1f} MB, {before['n']:,}→{last['n']:,}: "
              f"{last['rss_mb'] - before['rss_mb']:+.1f} MB; input errors {r['input_errors']}")
    d, ref = results["durable"]["points"][-1], results["reference"]["points"][-1]
    print(f"durable_rules / reference throughput at N={d['n']:,}: {d['per_s'] / ref['per_s']:.2f}")
    print("provision statuses (durable):", json.dumps(results["durable"]["statuses"]))
    if results["durable"]["statuses"] != results["reference"]["statuses"]:
        sys.exit("the two matchers disagree on the status counts")


if __name__ == "__main__":
    main()
