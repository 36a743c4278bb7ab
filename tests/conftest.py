"""Shared fixtures: the shipped rulebook, evaluators on both matchers, and a fully eligible application."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from engine import DEFAULT_RULES, Evaluator, Rulebook, load_rulebook
from helpers import FULL

@pytest.fixture
def full() -> dict[str, Any]:
    """An application that meets every criterion of every provision (a fresh copy per test)."""
    return copy.deepcopy(FULL)


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(DEFAULT_RULES)


@pytest.fixture(scope="session")
def durable(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook, "durable")


@pytest.fixture(scope="session")
def reference(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook, "reference")


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ for tests that break or change rule files."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, target)
    return target
