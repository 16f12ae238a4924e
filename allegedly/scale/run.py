"""One corpus ingest run: read inputs, skip what is stored, analyse, write in batches.

Reading and de-duplication happen in the parent; analysis runs inline, on a local process pool
or on Dask (see :mod:`allegedly.scale.local`, :mod:`allegedly.scale.dask`); the parent is the
store's single writer. Idempotent and resumable: an input whose origin is already stored is
skipped, and a text already stored under another origin is recorded as a copy (a location)
without being analysed again, so re-running or ``--resume`` after a ``kill -9`` neither loses
nor duplicates anything.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from allegedly.errors import AllegedlyError
from allegedly.model import Article
from allegedly.scale.batch import Batch, Item, Result
from allegedly.settings import Settings
from allegedly.store.db import Store
from allegedly.store.tables import Copy, Failure

ENGINES = ("local", "dask")
POOL_CHUNK = 4  # articles per task sent to a local worker process (measured: bench/ingest.py)


@dataclass
class Progress:
    """Counts of the current session of a run (what the progress bar shows)."""

    read: int = 0
    analysed: int = 0
    not_analysed: int = 0
    duplicates: int = 0
    already_stored: int = 0
    errors: int = 0
    written: int = 0  # items committed to the store
    processed: int = 0  # items of the batches taken back from the analysis
    articles_done: int = 0  # articles whose analysis is done, counted as each one finishes
    articles_taken: int = 0  # the articles among ``processed``
    warnings: Counter[str] = field(default_factory=Counter)  # W-codes of articles and items
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def finished(self) -> int:
        """Items done, what the progress bar shows: the items of the batches taken back plus
        the articles already analysed in batches still in flight (it moves per article)."""
        return self.processed + max(0, self.articles_done - self.articles_taken)


@dataclass(frozen=True)
class IngestResult:
    """The outcome of :func:`ingest`: this session's counts and the run's stored totals."""

    run_id: int
    resumed: bool
    progress: Progress
    run: dict[str, Any]

    @property
    def ingested(self) -> int:
        """Articles of this run now in the store (analysed or not) plus copies recorded."""
        r = self.run
        return (int(r["articles_analysed"]) + int(r["articles_not_analysed"])
                + int(r["duplicates"]))


def batches_of(items: Iterable[Article | AllegedlyError], store: Store, size: int,
               progress: Progress) -> Iterator[Batch]:
    """Turn the reader's stream into batches of at most ``size`` items to analyse.

    Skips inputs whose origin is already stored, turns texts already stored (or already in an
    earlier batch of this run) into :class:`Copy` items and reader errors into
    :class:`Failure` items.
    """
    known_ids = store.article_ids()
    known_origins = store.origins()
    seq, cur, read, skipped, n_new = 0, [], 0, 0, 0
    for item in items:
        read += 1
        progress.read += 1
        out: Item | None
        if isinstance(item, BaseException):
            out = Failure.from_error(item)
        else:
            origin = item.origin or item.url
            if origin and origin != "-" and origin in known_origins:
                out = None
                skipped += 1
                progress.already_stored += 1
            elif item.id in known_ids:
                out = Copy(item)
            else:
                out = item
                known_ids.add(item.id)
                n_new += 1
            if origin:
                known_origins.add(origin)
        if out is not None:
            cur.append(out)
        if n_new >= size or len(cur) >= 4 * size:
            yield Batch(seq, tuple(cur), read, skipped)
            seq, cur, read, skipped, n_new = seq + 1, [], 0, 0, 0
    if cur or read:
        yield Batch(seq, tuple(cur), read, skipped)


def ingest(inputs: list[str], store: Store, *, settings: Settings | None = None,
           engine: str = "local", jobs: int = 1, scheduler: str | None = None,
           parquet_dir: str | None = None, resume: bool = False,
           reader_options: dict[str, Any] | None = None,
           articles: Iterable[Article | AllegedlyError] | None = None,
           on_error: Callable[[Failure], None] | None = None,
           on_progress: Callable[[Progress], None] | None = None) -> IngestResult:
    """Ingest ``inputs`` (files, directories, URLs, ``-``) into ``store`` and return the result.

    ``articles`` replaces the reader (an iterable of ``Article``/``InputError``); otherwise
    ``allegedly.ingest.iter_articles(inputs, **reader_options)`` reads them. With ``resume``
    the most recent unfinished run is continued (and its inputs reused when ``inputs`` is
    empty). ``on_error`` is called for every failure as it is stored, ``on_progress`` after
    every analysed batch and every write.
    """
    settings = settings or Settings()
    reader_options = dict(reader_options or {})
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    previous = store.unfinished_run() if resume else None
    if previous is not None:
        import json

        run_id = int(previous["id"])
        inputs = inputs or json.loads(previous["inputs"])
        store.resume_run(run_id)
    else:
        options = {k: v for k, v in reader_options.items() if k != "stdin"}
        options.update(scheduler=scheduler, parquet=parquet_dir)
        run_id = store.start_run(inputs=inputs, options=options, engine=engine, jobs=jobs)
    progress = Progress()
    if articles is None:
        from allegedly.ingest import iter_articles

        articles = iter_articles(inputs, settings=settings, **reader_options)
    if engine == "dask":
        size = settings.store_batch  # one partition = one store transaction
    elif jobs > 1:  # small tasks keep every worker busy up to the end of the run
        size = max(1, min(POOL_CHUNK, settings.batch_size, settings.store_batch))
    else:
        size = max(1, min(settings.batch_size, settings.store_batch))
    batches = batches_of(articles, store, size, progress)
    status = "interrupted"
    try:
        if engine == "dask":
            _run_dask(batches, store, run_id, settings, jobs, scheduler, parquet_dir, progress,
                      on_error, on_progress)
        else:
            _run_local(batches, store, run_id, settings, jobs, progress, on_error, on_progress)
        status = "finished"
    finally:
        run = store.finish_run(run_id, status)
    return IngestResult(run_id, previous is not None, progress, run)


def _account(progress: Progress, results: list[Result],
             on_error: Callable[[Failure], None] | None) -> None:
    from allegedly.model import ArticleAnalysis

    for r in results:
        progress.written += 1
        if isinstance(r, ArticleAnalysis):
            progress.warnings.update(w.code for w in r.article.ingest_warnings)
            if r.meta.get("analysed") is False:
                progress.not_analysed += 1
            else:
                progress.analysed += 1
        elif isinstance(r, Copy):
            progress.duplicates += 1
        else:
            progress.errors += 1
            progress.not_analysed += r.article is not None
            progress.warnings.update([r.code] if r.code.startswith("W") else [])
            if on_error:
                on_error(r)


def _run_local(batches: Iterable[Batch], store: Store, run_id: int, settings: Settings,
               jobs: int, progress: Progress, on_error: Callable[[Failure], None] | None,
               on_progress: Callable[[Progress], None] | None) -> None:
    from allegedly.scale.local import run_local

    pending: list[Result] = []
    read = skipped = 0

    def article_done() -> None:  # called by one thread only (this one, or the pool's relay)
        progress.articles_done += 1
        if on_progress:
            on_progress(progress)

    for batch, results in run_local(batches, settings, jobs, article_done):
        pending.extend(results)
        read += batch.read
        skipped += batch.already_stored
        progress.processed += len(results)
        progress.articles_taken += batch.n_analyse
        if on_progress:  # the bar moves as articles are analysed, not once per transaction
            on_progress(progress)
        if len(pending) >= settings.store_batch:
            store.write(run_id, pending, read=read, already_stored=skipped)
            _account(progress, pending, on_error)
            pending, read, skipped = [], 0, 0
            if on_progress:
                on_progress(progress)
    if pending or read:
        store.write(run_id, pending, read=read, already_stored=skipped)
        _account(progress, pending, on_error)
        if on_progress:
            on_progress(progress)


def _run_dask(batches: Iterable[Batch], store: Store, run_id: int, settings: Settings,
              jobs: int, scheduler: str | None, parquet_dir: str | None, progress: Progress,
              on_error: Callable[[Failure], None] | None,
              on_progress: Callable[[Progress], None] | None) -> None:
    from allegedly.scale.dask import dask_client, run_dask

    root = parquet_dir or tempfile.mkdtemp(prefix="allegedly-parquet-")
    try:
        with dask_client(scheduler, jobs) as client:
            for batch, summary in run_dask(batches, settings, run_id, root, client):
                counts = dict(summary["counts"], articles_read=batch.read,
                              already_stored=batch.already_stored)
                store.write_rows(run_id, summary["rows"], counts)
                c = summary["counts"]
                progress.analysed += c["articles_analysed"]
                progress.not_analysed += c["articles_not_analysed"]
                progress.duplicates += c["duplicates"]
                progress.errors += c["errors"]
                progress.written += len(batch.items)
                progress.processed += len(batch.items)
                for row in summary["rows"].get("articles", ()):
                    progress.warnings.update(w["code"] for w in json.loads(row["warnings"])
                                             if w["code"][:2] in ("W3", "W4"))
                progress.warnings.update(code for _, code, _ in summary["failures"]
                                         if code.startswith("W"))
                if on_error:
                    for origin, code, msg in summary["failures"]:
                        on_error(Failure(code, origin, msg))
                if on_progress:
                    on_progress(progress)
    finally:
        if parquet_dir is None:
            shutil.rmtree(root, ignore_errors=True)
