"""Coverage-guided fuzzing (atheris) of the input parsing and validation path, for a fixed time.

    pip install atheris
    python fuzz/run.py json -max_total_time=60 fuzz/corpus/json
    python fuzz/run.py csv  -max_total_time=60 fuzz/corpus/csv

A crash leaves a `crash-*` file; copy it into fuzz/corpus/<target>/ so tests/test_fuzz_corpus.py
keeps it as a regression test once fixed.
"""

import sys

import atheris

with atheris.instrument_imports():
    from targets import TARGETS

if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
