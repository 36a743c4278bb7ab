"""Allocation figures for a screening: each programme's summary and its budget what-if, reading the results once.

    python bench/allocate.py RESULTS.jsonl [--budgets 20000000,30000000,40000000] [--lang en]

RESULTS.jsonl is the output of `subsidy screen`. The same as running `subsidy allocate RESULTS.jsonl
--programme ID` and `… --budget B1,B2,B3` for every programme, but each line is parsed once for all of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.allocate.allocation import allocate  # noqa: E402
from engine.allocate.programmes import load_programme, programme_files  # noqa: E402
from engine.allocate.report import summary_lines, whatif_table  # noqa: E402
from engine.allocate.results import Screening, add_result  # noqa: E402
from engine.rules.loader import DEFAULT_RULES, load_rulebook  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--budgets", default="20000000,30000000,40000000")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    book = load_rulebook(DEFAULT_RULES)
    programmes = [load_programme(DEFAULT_RULES, p.stem, book) for p in programme_files(DEFAULT_RULES)]
    screenings = {p.id: Screening() for p in programmes}
    started, lines = time.perf_counter(), 0
    with open(args.results, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            lines += 1
            for p in programmes:
                add_result(screenings[p.id], doc, p, p.fields())
    read = time.perf_counter() - started
    print(f"{lines:,} results read in {read:.0f} s\n")
    budgets = [int(b) for b in args.budgets.split(",")]
    for p in programmes:
        s = screenings[p.id]
        day = s.latest
        assert day is not None
        started = time.perf_counter()
        own = allocate(p, s.candidates, day, excluded=s.excluded)
        print("\n".join(summary_lines(own, args.lang)))
        whatif = [allocate(p, s.candidates, day, budget=b, excluded=s.excluded) for b in budgets]
        print(whatif_table(whatif, args.lang))
        print(f"({len(s.candidates):,} candidates allocated {1 + len(budgets)} times in "
              f"{time.perf_counter() - started:.2f} s)\n")


if __name__ == "__main__":
    main()
