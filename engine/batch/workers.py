"""Ordered parallel map over worker processes that survives workers dying (a segfault in durable_rules, a kill).

Items go out in chunks; results come back in input order. `ordered_batches` answers a whole chunk with one
object made in the worker (a screening's journal lines, joined, and its counts: one small message per chunk
for the parent to take in); `ordered_map` is the item-by-item form on top of it. When a worker dies, it is replaced; the
chunk it was working on is retried once, item by item, and the chunks queued behind it are sent
again. An item that kills a worker a second time is handed to `on_crash`, which makes it an error
record — so no item is lost and none is repeated. Results travel over one pipe per worker, written
synchronously, so a worker killed right after answering cannot take its answer with it.

Tasks travel over one pipe per worker too, written by a sender thread of the pool's own (so the parent never
blocks on a worker slow to read). Only the worker holds the read end: once it is gone, whatever was not yet
written fails at once (EPIPE) and is dropped — its rows are re-sent from the pool's bookkeeping — so no thread
is left blocked on a pipe nobody reads, and nothing holds up the parent's exit (a multiprocessing.Queue would:
its feeder thread, stuck writing to a dead worker, is joined at interpreter exit, forever).

Workers never outlive the parent, however it dies (SIGKILL included): each closes the read ends of the
result pipes it inherited, so a write after the parent's death fails (EPIPE) instead of blocking forever;
on Linux the kernel also kills it when the parent dies (PR_SET_PDEATHSIG), elsewhere a watchdog thread does.
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 32
IN_FLIGHT_PER_WORKER = 4  # chunks sent and not yet handed on in order, per worker: what bounds the parent's memory
POLL_SECONDS = 0.5
_RETRY_SPAN = 2**20  # chunk ids are multiples of this; the items of a retried chunk get id + 1, + 2, …
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Second line behind the closed pipe ends: the worker ends when the parent does, even mid-evaluation."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(0)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:  # no prctl: poll for the parent's death (reparenting changes our ppid)
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _worker(func: Callable[[Any], Any], init: Callable[..., None], init_args: tuple[Any, ...],
            tasks: Connection, answers: Connection, inherited: list[Connection], parent: int) -> None:
    # Read ends of result pipes held here would keep our own writes blocking once the parent is gone; write ends
    # of task pipes (ours and the other workers') would keep a worker from seeing end-of-file when it is.
    for conn in inherited:
        conn.close()
    _die_with_parent(parent)
    faulthandler.disable()  # the parent reports a crash, as an error record; no C traceback on stderr
    init(*init_args)
    # What the worker holds from here on (modules, the rules, the compiled rule set) lives as long as it does:
    # frozen, the collector's full collections no longer walk it every time.
    gc.freeze()
    collect = between_tasks()
    while True:
        try:
            if not tasks.poll(1.0):
                if os.getppid() != parent:  # the parent was killed: do not linger
                    return
                continue
            task = tasks.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe, or is gone
        if task is None:
            return
        chunk_id, items = task
        try:
            answers.send((chunk_id, func(items)))
        except (BrokenPipeError, ConnectionResetError):
            return  # nobody reads any more: the parent is gone
        collect()


FULL_COLLECTION_EVERY = 256  # tasks between full collections, which free any cycle that outlived its task


def between_tasks() -> Callable[[], None]:
    """The worker's garbage collection, run after each task instead of every 700 objects allocated.

    Automatic collections came some 15 times a chunk of 256 rows, mid-task: each walked the task's rows and
    records, still in use, and moved them to an older generation, to be walked again there. Between tasks they
    are gone (freed by their counts), and one collection walks only what the task left behind: the caches' new
    entries. A screening task leaves no cyclic garbage behind (a full collection after 4,000 rows found none, nor
    after 1,000 rows of which 30 % errors, with their tracebacks), and a periodic full one frees any that might."""
    gc.disable()
    done = 0

    def collect() -> None:
        nonlocal done
        done += 1
        gc.collect(2 if done % FULL_COLLECTION_EVERY == 0 else 1)

    return collect


def _cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"the worker process was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return f"the worker process exited with code {exitcode}"


class _Sender:
    """Writes one worker's tasks to its pipe from a thread; the thread ends when told to or when the worker is gone."""

    _STOP = object()

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="task-sender", daemon=True)
        self.thread.start()

    def put(self, task: Any) -> None:
        self.outbox.put(task)

    def _run(self) -> None:
        try:
            while (task := self.outbox.get()) is not self._STOP:
                self.conn.send(task)
        except OSError:
            pass  # the worker is gone (EPIPE): the rest is dropped, the pool re-sends its rows elsewhere

    def close(self) -> None:
        """Once the worker is gone: the thread ends at once (its pending write fails), then the pipe is closed."""
        self.outbox.put(self._STOP)
        self.thread.join(timeout=5)
        if not self.thread.is_alive():  # never close a connection a thread may still be writing to
            self.conn.close()


class _Worker:
    def __init__(self, context: Any, args: tuple[Any, ...], others: list[_Worker]) -> None:
        self.answers, sender = context.Pipe(duplex=False)
        receiver, tasks = context.Pipe(duplex=False)
        inherited = [self.answers, tasks] + [c for w in others for c in (w.answers, w.tasks.conn)]
        self.proc = context.Process(target=_worker, args=(*args, receiver, sender, inherited, os.getpid()),
                                    daemon=True)
        self.proc.start()
        sender.close()
        receiver.close()  # the worker holds the only read end: a write once it is gone fails, never blocks
        self.tasks = _Sender(tasks)
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
        # Closed first: a worker blocked writing an answer nobody will read (the caller stopped early) gets
        # EPIPE and ends at once, instead of being waited for and then killed.
        self.answers.close()
        if self.proc.is_alive():
            self.tasks.put(None)
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.tasks.close()  # after the worker: tasks it never took must not keep a thread (or the exit) waiting


class _Pool:
    """The supervised workers and the bookkeeping that keeps results in input order across deaths."""

    def __init__(self, workers: int, args: tuple[Any, ...], on_crash: Callable[[Any, str], Any] | None,
                 chunk: int = CHUNK) -> None:
        self.context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self.args, self.on_crash, self.size, self.chunk = args, on_crash, workers, chunk  # chunk 0: chunks given
        self.workers: list[_Worker] = []
        for _ in range(workers):
            self.workers.append(_Worker(self.context, args, self.workers))
        self.pending: dict[int, Any] = {}  # the answers of chunks waiting for their turn
        self.split: dict[int, list[int]] = {}  # a chunk retried item by item → the ids of its items
        self.retried: set[int] = set()
        self.sent = self.emitted = 0
        self.exhausted = False

    def send(self, chunk_id: int, chunk: list[Any]) -> None:
        min(self.workers, key=lambda w: len(w.assigned)).send(chunk_id, chunk)

    def fill(self, source: Iterator[Any]) -> None:
        # Counted from what was sent to what was handed on, not from what the workers still hold: answers that
        # came back ahead of their turn (while one worker is slow on the chunk at the head) wait in `pending`,
        # and counting only the workers' chunks let them pile up without bound — the parent's peak memory then
        # grew with the length of the run, as a longer run meets a longer stall.
        while not self.exhausted and self.sent - self.emitted < self.size * IN_FLIGHT_PER_WORKER:
            chunk = list(islice(source, self.chunk)) if self.chunk else next(source, None)
            if not chunk:
                self.exhausted = True
                return
            self.send(self.sent * _RETRY_SPAN, chunk)
            self.sent += 1

    def collect(self) -> None:
        """Wait a little for answers; take them in, and replace any worker that died."""
        wait([w.answers for w in self.workers] + [w.proc.sentinel for w in self.workers], timeout=POLL_SECONDS)
        for i, w in enumerate(self.workers):
            self.pending.update(w.receive())
            if not w.proc.is_alive():
                self._replace(i)

    def _replace(self, i: int) -> None:
        dead = self.workers[i]
        dead.proc.join()
        self.pending.update(dead.receive())
        cause, unfinished = _cause(dead.proc.exitcode), list(dead.assigned.items())
        dead.stop()
        others = self.workers[:i] + self.workers[i + 1:]
        self.workers[i] = _Worker(self.context, self.args, others)
        for position, (chunk_id, chunk) in enumerate(unfinished):
            if position > 0:  # queued behind the chunk being worked on: not at fault
                self.send(chunk_id, chunk)
            elif chunk_id in self.retried:  # it killed a worker twice: an error record, not a third try
                self.pending[chunk_id] = self.on_crash(chunk[0], cause) if self.on_crash else _raise(cause)
            else:
                items = list(chunk)  # a chunk given whole (tables.LineSpan: rows by their place) is read here
                self.split[chunk_id] = [chunk_id + k + 1 for k in range(len(items))]
                for sub_id, item in zip(self.split[chunk_id], items):
                    self.retried.add(sub_id)
                    self.send(sub_id, [item])

    def ready(self) -> Iterator[Any]:
        """The answers that are next in input order and have arrived (a retried chunk's: one per item)."""
        while True:
            head = self.emitted * _RETRY_SPAN
            if head in self.pending:
                yield self.pending.pop(head)
            elif head in self.split and all(s in self.pending for s in self.split[head]):
                for sub in self.split.pop(head):
                    yield self.pending.pop(sub)
            else:
                return
            self.emitted += 1

    @property
    def done(self) -> bool:
        return self.exhausted and self.emitted >= self.sent

    def stop(self) -> None:
        for w in self.workers:
            w.stop()


def ordered_batches(
    func: Callable[[list[T]], R], items: Iterable[T], workers: int, init: Callable[..., None],
    init_args: tuple[Any, ...], on_crash: Callable[[T, str], R] | None = None, chunk: int = CHUNK,
) -> Iterator[R]:
    """func over consecutive chunks of items (one answer per chunk), answers in input order.

    One worker runs in this process; more run in supervised processes. A chunk whose worker died is tried
    again item by item (answers for one item each); an item that kills a worker twice is answered by on_crash.
    `chunk` 0: `items` are the chunks already, each an iterable of items (a list, or one read where it is used).
    """
    source = iter(items)
    if workers <= 1:
        init(*init_args)
        while part := list(islice(source, chunk)) if chunk else next(source, None):
            yield func(part)
        return
    pool = _Pool(workers, (func, init, init_args), on_crash, chunk)
    try:
        while not pool.done:
            pool.fill(source)
            pool.collect()
            yield from pool.ready()
    finally:
        pool.stop()


def _each(func: Callable[[T], R], items: list[T]) -> list[R]:
    return [func(item) for item in items]


def _crashed_each(on_crash: Callable[[T, str], R], item: T, cause: str) -> list[R]:
    return [on_crash(item, cause)]


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], workers: int, init: Callable[..., None], init_args: tuple[Any, ...],
    on_crash: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """func over items, results in input order; one worker runs in this process, more in supervised processes."""
    if workers <= 1:
        init(*init_args)
        yield from map(func, items)
        return
    crashed = partial(_crashed_each, on_crash) if on_crash else None
    answers = ordered_batches(partial(_each, func), items, workers, init, init_args, crashed)
    try:
        for results in answers:
            yield from results
    finally:
        answers.close()  # stops the workers now when the caller stops early


def _raise(cause: str) -> Any:
    raise RuntimeError(cause)
