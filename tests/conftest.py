"""Shared fixtures: the shipped rulebook, evaluators on both matchers, and a fully eligible application."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine import DEFAULT_RULES, Evaluator, Rulebook, load_rulebook
from engine.selfcheck import server as serving
from helpers import FULL, running

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


@pytest.fixture(scope="session")
def server_root() -> Iterator[str]:
    """`subsidy serve` on a real loopback port, for the API and the browser tests."""
    with running(serving.settings_for(str(DEFAULT_RULES), "127.0.0.1")) as root:
        yield root


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ for tests that break or change rule files."""
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, target)
    return target
