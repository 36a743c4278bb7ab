"""Replays the fuzzing corpus (seeds and every finding kept after its fix) through the fuzz targets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ))

from targets import TARGETS  # noqa: E402

CASES = sorted((target, path) for target in TARGETS for path in (FUZZ / "corpus" / target).glob("*") if path.is_file())


def test_the_corpus_has_seeds_for_every_target() -> None:
    assert {target for target, _ in CASES} == set(TARGETS)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_corpus_input_is_handled(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())  # raises on anything but a clean result or InputError
