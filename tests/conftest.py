"""Shared fixtures: the shipped rulebook, evaluators on both matchers, and a fully eligible application."""

from __future__ import annotations

import contextlib
import copy
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from engine import DEFAULT_RULES, Evaluator, Rulebook, load_rulebook
from engine.selfcheck import server as serving
from engine.selfcheck.app import Settings
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


@contextlib.contextmanager
def running(settings: Settings) -> Iterator[str]:
    """`subsidy serve` (one worker) in a thread on a free loopback port; yields its root URL."""
    port = serving.free_port("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(host="127.0.0.1", port=port, **serving.options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield serving.url("127.0.0.1", port).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(10)


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
