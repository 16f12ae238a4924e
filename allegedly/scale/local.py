"""Run batches in this process (``--jobs 1``) or in a pool of worker processes (``--jobs N``).

Workers are started with ``spawn`` (forking a process that holds sqlite connections or threads
is unsafe), load the model once in their initializer, and return plain ``ArticleAnalysis``
records. They exit when the parent dies, even by SIGKILL (:func:`batch.exit_with_parent`), and
with them goes multiprocessing's resource tracker, whose pipe they held open. At most ``IN_FLIGHT × jobs`` batches are in flight, so memory stays flat on
corpora of any size, and results come back in input order so the parent's single writer stores
them in order. A worker that dies (killed, out of memory) stops the run (:class:`WorkerLost`); what was
stored stays, and ``--resume`` continues.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from allegedly.errors import AllegedlyError
from allegedly.scale.batch import Batch, Result, exit_with_parent, init_worker, run_batch
from allegedly.settings import Settings

IN_FLIGHT = 6  # batches in flight per worker: a slow batch at the head does not idle the others


class WorkerLost(AllegedlyError):
    """A worker process died (killed, out of memory): the run stops, resumable (E203)."""


def run_inline(batches: Iterable[Batch], settings: Settings
               ) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches one after the other in this process."""
    for batch in batches:
        yield batch, run_batch(batch, settings)


def run_pool(batches: Iterable[Batch], settings: Settings, jobs: int
             ) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches on ``jobs`` worker processes; yield ``(batch, results)`` in order."""
    ctx = mp.get_context("spawn")
    window: deque[tuple[Batch, Future | None]] = deque()
    # workers are started by the thread that submits (this one): the kernel's death signal
    # is tied to it, so it is armed only when that thread lives as long as the process
    main = threading.current_thread() is threading.main_thread()
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=init_pool_worker,
                             initargs=(settings, os.getpid(), main)) as pool:
        try:
            for batch in batches:
                if not batch.n_analyse:  # nothing for the model: no round trip
                    window.append((batch, None))
                else:
                    window.append((batch, pool.submit(run_batch, batch, settings)))
                while len(window) > IN_FLIGHT * jobs or (window and window[0][1] is None):
                    yield _take(window)
            while window:
                yield _take(window)
        except BrokenProcessPool as exc:
            raise WorkerLost("E203", detail=str(exc) or "BrokenProcessPool") from exc
        finally:
            for _, fut in window:
                if fut is not None:
                    fut.cancel()


def init_pool_worker(settings: Settings, parent_pid: int, deathsig: bool) -> None:
    """Pool initializer: exit with the parent, then load the model."""
    exit_with_parent(parent_pid, deathsig=deathsig)
    init_worker(settings)


def _take(window: deque[tuple[Batch, Future | None]]) -> tuple[Batch, list[Result]]:
    batch, pending = window.popleft()
    return batch, list(batch.items) if pending is None else pending.result()


def run_local(batches: Iterable[Batch], settings: Settings, jobs: int = 1
              ) -> Iterator[tuple[Batch, list[Result]]]:
    """``jobs <= 1``: in this process; otherwise a spawn pool of ``jobs`` workers."""
    if jobs <= 1:
        return run_inline(batches, settings)
    return run_pool(batches, settings, jobs)
