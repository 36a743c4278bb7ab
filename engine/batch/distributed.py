"""The screening's worker function on a Dask cluster: the same rows, the same records, in input order.

`subsidy screen --executor dask` sends the rows in partitions (lists of rows) to Dask workers; each worker
process builds its evaluator once (as a local worker does in its initializer) and answers a partition as a
local worker answers a chunk (its journal lines and counts). Results are taken back in submission order, with a bounded number of partitions in
flight, so the parent's memory stays flat however long the input. Without `--scheduler` a LocalCluster of
`--workers` processes runs on this machine; with it, any cluster that can import this package.

Dask is an optional extra (`pip install '.[dask]'`); it is imported only when asked for.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

PARTITION = 500  # rows per task: large enough that scheduling is a small share of the work
IN_FLIGHT_PER_WORKER = 3

_READY: tuple[Any, ...] | None = None  # the init arguments this worker process was set up with


def _partition(func: Callable[[list[Any]], Any], init: Callable[..., None], init_args: tuple[Any, ...],
               rows: list[Any]) -> Any:
    """Runs on a Dask worker: set the process up once (per init arguments), then the partition's answer."""
    global _READY
    if _READY != init_args:
        init(*init_args)
        _READY = init_args
    return func(rows)


def dask_map(func: Callable[[list[Any]], Any], items: Iterable[Any], workers: int, init: Callable[..., None],
             init_args: tuple[Any, ...], scheduler: str | None = None) -> Iterator[Any]:
    """func over partitions of items on a Dask cluster, one answer per partition, in input order (like
    workers.ordered_batches)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # the extra is not installed: say what to install
        from engine.errors import BatchError
        from engine.messages import text

        raise BatchError("--executor dask", text("screening.no_dask", "en"), text("screening.no_dask", "zh")) from None
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        source = iter(items)
        pending: deque[Any] = deque()
        limit = max(1, len(client.scheduler_info()["workers"])) * IN_FLIGHT_PER_WORKER
        while True:
            while len(pending) < limit and (rows := list(islice(source, PARTITION))):
                pending.append(client.submit(_partition, func, init, init_args, rows, pure=False))
            if not pending:
                return
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
