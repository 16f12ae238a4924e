"""The engine-neutral unit of work: analyse one batch of read items.

A :class:`Batch` holds, in input order, articles to analyse, :class:`~allegedly.store.tables.Copy`
items (texts already stored) and :class:`~allegedly.store.tables.Failure` items (inputs that
could not be read). :func:`process_batch` returns the same sequence with every article replaced
by its ``ArticleAnalysis`` (or a ``Failure``). It is what a local worker process and a Dask
worker run; only plain, picklable records cross process boundaries, never spaCy Docs.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from allegedly.errors import ModelError
from allegedly.model import Article, ArticleAnalysis
from allegedly.settings import Settings
from allegedly.store.tables import Copy, Failure

Item = Article | Copy | Failure
Result = ArticleAnalysis | Copy | Failure


@dataclass(frozen=True)
class Batch:
    """Items read by the parent, in order. ``read``/``already_stored`` are progress counts
    (inputs read, inputs skipped because their origin is already stored) for this batch."""

    seq: int
    items: tuple[Item, ...]
    read: int = 0
    already_stored: int = 0

    @property
    def n_analyse(self) -> int:
        """How many items need the model."""
        return sum(isinstance(i, Article) for i in self.items)


class AnalyzerLike(Protocol):
    def analyze_articles(self, articles: list[Article]) -> object: ...


def process_batch(items: Sequence[Item], analyzer: AnalyzerLike,
                  on_article: Callable[[], None] | None = None) -> list[Result]:
    """Analyse the articles among ``items`` and return the results in the same order.

    Per-article errors become :class:`Failure` records carrying the article (so it is still
    stored, as ``not_analysed``); copies and read failures pass through unchanged.
    ``on_article`` is called each time one article's analysis is done (the progress bar).
    """
    articles = [i for i in items if isinstance(i, Article)]
    analysed: list[ArticleAnalysis | Failure] = []
    if articles:
        results = _analyse_all(analyzer, articles, on_article)
        for art, res in zip(articles, results, strict=True):
            analysed.append(res if isinstance(res, ArticleAnalysis)
                            else Failure.from_error(res, art))
    it = iter(analysed)
    return [next(it) if isinstance(i, Article) else i for i in items]


def _analyse_all(analyzer: AnalyzerLike, articles: list[Article],
                 on_article: Callable[[], None] | None) -> list[object]:
    """One result per article (an analysis or an error), ``on_article`` after each; when the
    analyser itself fails, the whole batch gets that error. ``on_article``'s own exceptions
    (a caller stopping the run) are not taken for analysis errors: they propagate."""
    def analyse() -> Iterator[object]:  # the analyser is called by the first next()
        yield from analyzer.analyze_articles(articles)  # type: ignore[call-overload]

    results: list[object] = []
    stream = analyse()
    while True:
        try:
            res = next(stream)
        except StopIteration:
            return results
        except (ModelError, ImportError):  # no analyser at all: stop the run, say why
            raise
        except Exception as exc:  # the whole batch failed: record it per article, go on
            return [exc] * len(articles)
        results.append(res)
        if on_article is not None:
            on_article()


# ---- the per-process analyzer of worker processes ------------------------------------------

def worker_analyzer(settings: Settings) -> AnalyzerLike:
    """This process's analyzer for ``settings`` (the model is loaded once per process)."""
    from allegedly.nlp.pipeline import get_analyzer

    return get_analyzer(settings)


def init_worker(settings: Settings) -> None:
    """Pool initializer: load the model now, so the first batch does not pay for it."""
    analyzer = worker_analyzer(settings)
    _ = analyzer.nlp  # type: ignore[attr-defined]


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL = 0.5  # seconds between two looks at the parent


def exit_with_parent(parent_pid: int, *, deathsig: bool = True) -> None:
    """Make this (worker) process exit as soon as its parent ``parent_pid`` is gone.

    A parent killed with SIGKILL cannot stop its workers, which would otherwise wait forever
    on their task queue. Two mechanisms: on Linux (``deathsig``) the kernel sends SIGKILL when
    the parent dies (``prctl(PR_SET_PDEATHSIG)``; it fires when the *thread* that started the
    process ends, so pass ``deathsig=False`` when that was not the parent's main thread); on
    every POSIX system a daemon thread checks every ``PARENT_POLL`` s whether this process
    has been re-parented, and exits it if so.
    """
    if deathsig and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watch thread still works
            pass
    if os.getppid() != parent_pid:  # it died before the death signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="allegedly-parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL)
    os._exit(1)  # orphaned: nobody is left to take our results


_article_done: Callable[[], None] | None = None  # this worker's per-article signal (set_article_done)


def set_article_done(signal_done: Callable[[], None] | None) -> None:
    """Install the callable :func:`run_batch` calls after every article of this process."""
    global _article_done
    _article_done = signal_done


def run_batch(batch: Batch, settings: Settings) -> list[Result]:
    """Worker entry point: :func:`process_batch` with this process's analyzer (and its
    per-article signal, when one was installed)."""
    return process_batch(batch.items, worker_analyzer(settings), _article_done)
