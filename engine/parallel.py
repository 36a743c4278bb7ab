"""Ordered parallel map over worker processes, each with its own engine (durable_rules is per process)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], workers: int, init: Callable[..., None], init_args: tuple[Any, ...]
) -> Iterator[R]:
    """func over items, results in input order; one process runs in place, more use a fork pool."""
    if workers <= 1:
        init(*init_args)
        yield from map(func, items)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, init, init_args) as pool:
        yield from pool.imap(func, items, chunksize=64)  # imap keeps input order
