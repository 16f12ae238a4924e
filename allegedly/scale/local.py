"""Run batches in this process (``--jobs 1``) or in a pool of worker processes (``--jobs N``).

Workers are started with ``spawn`` (fork after loading spaCy or sqlite is unsafe), load the
model once in their initializer, and return plain ``ArticleAnalysis`` records. Only a bounded
number of batches is in flight (``2 × jobs``), so memory stays flat on corpora of any size, and
results come back in input order so the parent's single writer stores them in order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator

from allegedly.scale.batch import Batch, Result, init_worker, run_batch
from allegedly.settings import Settings


def run_inline(batches: Iterable[Batch], settings: Settings
               ) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches one after the other in this process."""
    for batch in batches:
        yield batch, run_batch(batch, settings)


def run_pool(batches: Iterable[Batch], settings: Settings, jobs: int
             ) -> Iterator[tuple[Batch, list[Result]]]:
    """Analyse batches on ``jobs`` worker processes; yield ``(batch, results)`` in order."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs, initializer=init_worker, initargs=(settings,)) as pool:
        window: deque = deque()
        for batch in batches:
            if not batch.n_analyse:  # nothing for the model: skip the round trip
                window.append((batch, None))
            else:
                window.append((batch, pool.apply_async(run_batch, (batch, settings))))
            while len(window) > 2 * jobs or (window and window[0][1] is None):
                yield _take(window)
        while window:
            yield _take(window)


def _take(window: deque) -> tuple[Batch, list[Result]]:
    batch, pending = window.popleft()
    return batch, list(batch.items) if pending is None else pending.get()


def run_local(batches: Iterable[Batch], settings: Settings, jobs: int = 1
              ) -> Iterator[tuple[Batch, list[Result]]]:
    """``jobs <= 1``: in this process; otherwise a spawn pool of ``jobs`` workers."""
    if jobs <= 1:
        return run_inline(batches, settings)
    return run_pool(batches, settings, jobs)
