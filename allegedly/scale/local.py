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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from allegedly.errors import AllegedlyError
from allegedly.scale.batch import (
    Batch,
    Result,
    exit_with_parent,
    init_worker,
    process_batch,
    run_batch,
    set_article_done,
    worker_analyzer,
)
from allegedly.settings import Settings

IN_FLIGHT = 6  # batches in flight per worker: a slow batch at the head does not idle the others


class WorkerLost(AllegedlyError):
    """A worker process died (killed, out of memory): the run stops, resumable (E203)."""


ArticleDone = Callable[[], None]


def run_inline(batches: Iterable[Batch], settings: Settings,
               on_article: ArticleDone | None = None) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches one after the other in this process; ``on_article`` is called after
    every analysed article."""
    for batch in batches:
        yield batch, process_batch(batch.items, worker_analyzer(settings), on_article)


def run_pool(batches: Iterable[Batch], settings: Settings, jobs: int,
             on_article: ArticleDone | None = None) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches on ``jobs`` worker processes; yield ``(batch, results)`` in order.

    With ``on_article``, every worker signals each analysed article on a queue and a relay
    thread of this process calls ``on_article`` for it (so a progress bar moves per article,
    not per batch)."""
    ctx = mp.get_context("spawn")
    if on_article is None:
        yield from _pooled(batches, settings, jobs, ctx, None)
        return
    done_q = ctx.SimpleQueue()
    relay = _Relay(done_q, on_article)
    try:
        for taken in _pooled(batches, settings, jobs, ctx, done_q):
            relay.check()
            yield taken
    finally:
        relay.stop()
    relay.check()


def _pooled(batches: Iterable[Batch], settings: Settings, jobs: int, ctx: mp.context.SpawnContext,
            done_q: mp.SimpleQueue | None) -> Iterator[tuple[Batch, list[Result]]]:
    """The pool of :func:`run_pool`: at most ``IN_FLIGHT × jobs`` batches in flight."""
    window: deque[tuple[Batch, Future | None]] = deque()
    # workers are started by the thread that submits (this one): the kernel's death signal
    # is tied to it, so it is armed only when that thread lives as long as the process
    main = threading.current_thread() is threading.main_thread()
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=init_pool_worker,
                             initargs=(settings, os.getpid(), main, done_q)) as pool:
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


class _Relay:
    """A daemon thread calling ``on_article`` once per signal on ``done_q`` until ``None``.

    It always drains the queue (a worker never blocks on a full pipe); an exception raised by
    ``on_article`` is kept and re-raised in the consuming thread by :meth:`check`."""

    def __init__(self, done_q: mp.SimpleQueue, on_article: ArticleDone) -> None:
        self.done_q, self.on_article = done_q, on_article
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True,
                                       name="allegedly-progress-relay")
        self.thread.start()

    def _run(self) -> None:
        while self.done_q.get() is not None:
            if self.error is None:
                try:
                    self.on_article()
                except Exception as exc:  # re-raised by check() in the consumer's thread
                    self.error = exc

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """After the pool has shut down (no worker writes any more): end the thread."""
        self.done_q.put(None)
        self.thread.join(timeout=5)


def init_pool_worker(settings: Settings, parent_pid: int, deathsig: bool,
                     done_q: mp.SimpleQueue | None = None) -> None:
    """Pool initializer: exit with the parent, install the per-article signal, load the
    model."""
    exit_with_parent(parent_pid, deathsig=deathsig)
    if done_q is not None:
        set_article_done(lambda: done_q.put(1))
    init_worker(settings)


def _take(window: deque[tuple[Batch, Future | None]]) -> tuple[Batch, list[Result]]:
    batch, pending = window.popleft()
    return batch, list(batch.items) if pending is None else pending.result()


def run_local(batches: Iterable[Batch], settings: Settings, jobs: int = 1,
              on_article: ArticleDone | None = None) -> Iterator[tuple[Batch, list[Result]]]:
    """``jobs <= 1``: in this process; otherwise a spawn pool of ``jobs`` workers.
    ``on_article`` is called (in this process) after every analysed article."""
    if jobs <= 1:
        return run_inline(batches, settings, on_article)
    return run_pool(batches, settings, jobs, on_article)
