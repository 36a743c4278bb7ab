"""Ordered parallel map over worker processes that survives workers dying (a segfault in durable_rules, a kill).

Items go out in chunks; results come back in input order. When a worker dies, it is replaced; the
chunk it was working on is retried once, item by item, and the chunks queued behind it are sent
again. An item that kills a worker a second time is handed to `on_crash`, which makes it an error
record — so no item is lost and none is repeated. Results travel over one pipe per worker, written
synchronously, so a worker killed right after answering cannot take its answer with it.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import queue
import signal
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.connection import wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 32
IN_FLIGHT_PER_WORKER = 4
POLL_SECONDS = 0.5
_RETRY_SPAN = 2**20  # chunk ids are multiples of this; the items of a retried chunk get id + 1, + 2, …


def _worker(func: Callable[[Any], Any], init: Callable[..., None], init_args: tuple[Any, ...],
            tasks: Any, answers: Any, parent: int) -> None:
    faulthandler.disable()  # the parent reports a crash, as an error record; no C traceback on stderr
    init(*init_args)
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: do not linger
                return
            continue
        if task is None:
            return
        chunk_id, items = task
        answers.send((chunk_id, [func(item) for item in items]))


def _cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"the worker process was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return f"the worker process exited with code {exitcode}"


class _Worker:
    def __init__(self, context: Any, args: tuple[Any, ...]) -> None:
        self.tasks = context.Queue()
        self.answers, sender = context.Pipe(duplex=False)
        self.proc = context.Process(target=_worker, args=(*args, self.tasks, sender, os.getpid()), daemon=True)
        self.proc.start()
        sender.close()
        self.assigned: dict[int, list[Any]] = {}  # in the order sent, which is the order it works in

    def send(self, chunk_id: int, items: list[Any]) -> None:
        self.assigned[chunk_id] = items
        self.tasks.put((chunk_id, items))

    def receive(self) -> list[tuple[int, list[Any]]]:
        """Every answer waiting in the pipe (after a death, whatever it managed to send)."""
        got = []
        try:
            while self.answers.poll():
                chunk_id, results = self.answers.recv()
                self.assigned.pop(chunk_id, None)
                got.append((chunk_id, results))
        except (EOFError, OSError):
            pass  # the worker died; a half-written answer counts as not sent
        return got

    def stop(self) -> None:
        if self.proc.is_alive():
            self.tasks.put(None)
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
        self.answers.close()


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], workers: int, init: Callable[..., None], init_args: tuple[Any, ...],
    on_crash: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """func over items, results in input order; one worker runs in this process, more in supervised processes."""
    if workers <= 1:
        init(*init_args)
        yield from map(func, items)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    args = (func, init, init_args)
    pool = [_Worker(context, args) for _ in range(workers)]
    source = iter(items)
    pending: dict[int, list[Any]] = {}  # answered chunks waiting for their turn
    split: dict[int, list[int]] = {}  # a chunk retried item by item → the ids of its items
    retried: set[int] = set()
    sent = emitted = 0
    exhausted = False

    def send(chunk_id: int, chunk: list[Any]) -> None:
        min(pool, key=lambda w: len(w.assigned)).send(chunk_id, chunk)

    try:
        while True:
            while not exhausted and sum(len(w.assigned) for w in pool) < workers * IN_FLIGHT_PER_WORKER:
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    exhausted = True
                    break
                send(sent * _RETRY_SPAN, chunk)
                sent += 1
            wait([w.answers for w in pool] + [w.proc.sentinel for w in pool], timeout=POLL_SECONDS)
            for i, w in enumerate(pool):
                pending.update(w.receive())
                if w.proc.is_alive():
                    continue
                w.proc.join()
                pending.update(w.receive())
                cause, unfinished = _cause(w.proc.exitcode), list(w.assigned.items())
                w.stop()
                pool[i] = _Worker(context, args)
                for position, (chunk_id, chunk) in enumerate(unfinished):
                    if position > 0:  # queued behind the chunk being worked on: not at fault
                        send(chunk_id, chunk)
                    elif chunk_id in retried:  # it killed a worker twice: an error record, not a third try
                        pending[chunk_id] = [on_crash(chunk[0], cause) if on_crash else _raise(cause)]
                    else:
                        split[chunk_id] = [chunk_id + k + 1 for k in range(len(chunk))]
                        for sub_id, item in zip(split[chunk_id], chunk):
                            retried.add(sub_id)
                            send(sub_id, [item])
            while True:  # emit what is ready, in input order
                head = emitted * _RETRY_SPAN
                if head in pending:
                    yield from pending.pop(head)
                elif head in split and all(s in pending for s in split[head]):
                    for sub in split.pop(head):
                        yield from pending.pop(sub)
                else:
                    break
                emitted += 1
            if exhausted and emitted >= sent:
                return
    finally:
        for w in pool:
            w.stop()


def _raise(cause: str) -> Any:
    raise RuntimeError(cause)
