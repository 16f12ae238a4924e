"""Run the analysis on a Dask cluster and stage the results as a Parquet dataset.

Each batch (= one partition) is analysed on a worker, which converts the results to store rows
(:mod:`allegedly.store.tables`) and writes one Parquet file per table:
``DIR/<table>/part-<seq:06d>.parquet``. The parent then loads each partition, in input order and
in ONE transaction per partition, into the SQLite store; the dataset is kept when ``--parquet
DIR`` is given. ``DIR`` must be visible to the workers and the parent (local disk for a
LocalCluster; a shared file system on Kubernetes/Slurm — see docs/scale.md).

Requires ``pip install "allegedly[dask]"``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from allegedly.scale.batch import Batch, init_worker, run_batch
from allegedly.settings import Settings
from allegedly.store.db import now
from allegedly.store.tables import COLUMNS, Failure, result_rows

_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64()}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of a store table (same column names and order as SQLite)."""
    return pa.schema([(c, _ARROW[t]) for c, t in COLUMNS[table].items()])


def partition_path(root: str | Path, table: str, seq: int) -> Path:
    """Where partition ``seq`` of ``table`` lives."""
    return Path(root) / table / f"part-{seq:06d}.parquet"


def write_partition(rows: dict[str, list[dict[str, Any]]], root: str | Path, seq: int
                    ) -> list[str]:
    """Write the non-empty tables of one partition; return the tables written."""
    written = []
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        path = partition_path(root, table, seq)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(table_rows, schema=arrow_schema(table)), tmp)
        tmp.replace(path)  # readers never see a half-written file
        written.append(table)
    return written


def read_partition(root: str | Path, seq: int, tables: Iterable[str]
                   ) -> dict[str, list[dict[str, Any]]]:
    """Read back the rows of one partition."""
    return {t: pq.read_table(partition_path(root, t, seq)).to_pylist() for t in tables}


def analyse_partition(batch: Batch, settings: Settings, run_id: int, root: str
                      ) -> dict[str, Any]:
    """Dask task: analyse a batch, write its Parquet partition, return a small summary."""
    results = run_batch(batch, settings)
    rows, counts = result_rows(results, run_id, now())
    tables = write_partition(rows, root, batch.seq)
    failures = [(r.origin, r.code, r.message) for r in results if isinstance(r, Failure)]
    return {"seq": batch.seq, "tables": tables, "counts": counts, "failures": failures}


@contextmanager
def dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A client on ``scheduler`` (tcp://host:8786), or on a new LocalCluster of ``jobs``
    single-threaded worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError('--engine dask needs Dask: pip install "allegedly[dask]"') from exc
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def run_dask(batches: Iterable[Batch], settings: Settings, run_id: int, root: str | Path,
             client: Any, window: int | None = None) -> Iterator[tuple[Batch, dict[str, Any]]]:
    """Submit batches to ``client``; yield ``(batch, rows_and_counts)`` in input order.

    The yielded dict has ``rows`` (read back from Parquet), ``counts`` and ``failures``.
    """
    root = str(root)
    client.run(init_worker, settings)  # load the model on every worker up front
    n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
    window = window or 2 * n_workers
    pending: deque = deque()

    def take() -> tuple[Batch, dict[str, Any]]:
        batch, fut = pending.popleft()
        summary = fut.result()
        summary["rows"] = read_partition(root, batch.seq, summary["tables"])
        return batch, summary

    for batch in batches:
        pending.append((batch, client.submit(analyse_partition, batch, settings, run_id, root,
                                             pure=False)))
        while len(pending) > window:
            yield take()
    while pending:
        yield take()
