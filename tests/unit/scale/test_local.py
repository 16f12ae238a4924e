"""The local process pool: same results as inline, in order; a dead worker stops the run."""

from __future__ import annotations

import os
import signal

import psutil
import pytest

from allegedly.scale.local import WorkerLost, run_inline, run_pool
from allegedly.scale.run import Progress, batches_of
from allegedly.store import open_store

from .conftest import SETTINGS, corpus


def _batches(tmp_path, n=8):
    with open_store(tmp_path / "empty.db") as store:  # nothing stored: nothing skipped
        return list(batches_of(corpus(n), store, size=2, progress=Progress()))


@pytest.mark.slow
def test_pool_equals_inline_in_input_order(tmp_path, analyzer):
    batches = _batches(tmp_path)
    inline = [(b.seq, r) for b, r in run_inline(batches, SETTINGS)]
    signals: list[int] = []  # one per analysed article, relayed from the workers
    pooled = [(b.seq, r) for b, r in run_pool(iter(batches), SETTINGS, jobs=2,
                                               on_article=lambda: signals.append(1))]
    assert [s for s, _ in pooled] == list(range(len(batches)))
    assert pooled == inline
    assert len(signals) == sum(b.n_analyse for b in batches) == 8


@pytest.mark.slow
def test_an_error_in_the_article_callback_reaches_the_caller(tmp_path, analyzer):
    def fail() -> None:
        raise LookupError("the caller's progress callback failed")

    with pytest.raises(LookupError, match="progress callback"):
        for _ in run_pool(iter(_batches(tmp_path)), SETTINGS, jobs=2, on_article=fail):
            pass


@pytest.mark.slow
def test_a_killed_worker_stops_the_run_with_a_resumable_error(tmp_path):
    batches = _batches(tmp_path, n=30)
    results = run_pool(iter(batches), SETTINGS, jobs=2)
    next(results)  # the pool is up and working
    workers = [c for c in psutil.Process().children(recursive=True)
               if "spawn_main" in " ".join(c.cmdline())]  # not the resource tracker
    assert len(workers) == 2
    os.kill(workers[0].pid, signal.SIGKILL)
    with pytest.raises(WorkerLost, match="--resume"):
        for _ in results:
            pass
