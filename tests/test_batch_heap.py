"""The screening parent asks glibc to map large blocks on their own (engine/batch/heap.py)."""

from __future__ import annotations

import platform
import subprocess
import sys

from engine.batch.heap import steady_heap


def test_steady_heap_is_asked_where_glibc_runs_the_process() -> None:
    on_glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    # In a process of its own: the setting stays for the life of the process that asks.
    run = subprocess.run([sys.executable, "-c", "from engine.batch.heap import steady_heap; print(steady_heap())"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.strip() == str(on_glibc)
    assert callable(steady_heap)
