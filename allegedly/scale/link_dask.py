"""Corpus linking as partitioned Dask tasks: each task links a span of time partitions (the
top blocking key).

Blocking (:mod:`allegedly.corpus.blocking`) only ever compares a claim with claims of the last
``window_days``, and everything it decides for a claim of partition *p* depends only on the
claims of partitions *p - keep* … *p* (LSH saturation is decided within a partition, neighbour
blocks keep the most recent claims of a key). So a task that replays the ``keep`` partitions
before its span, then links the span and keeps the pairs whose later claim is in the span,
yields exactly the pairs of the single-process run; the union over all spans is the
single-process result (tested). The replayed partitions are blocked again but their pairs are
not scored, so few long spans (about one per worker) cost little more than one process; many
short spans spread the work on a cluster. Spans are balanced by their claims, replay included.

Tasks read their own claims from a :class:`ClaimSource` (a store, files, or an in-memory
list), so the corpus is never shipped to the workers in one piece; each returns its links in
the form its ``collect`` function makes (a list by default; a benchmark keeps arrays). The
tasks run on Dask worker processes (``jobs``) or on an existing cluster (``scheduler``).

Requires ``pip install "allegedly[dask]"``.
"""

from __future__ import annotations

import itertools
import math
import resource
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from allegedly.corpus.blocking import BlockingOptions
from allegedly.corpus.linker import (
    Counts,
    Link,
    LinkStats,
    Prepared,
    count,
    is_linkable,
    link_claims,
    prepared_from,
)
from allegedly.corpus.records import ClaimRef

UNDATED = 10**9


def partition_of(claim: ClaimRef, options: BlockingOptions) -> int:
    """The time partition of a claim (undated claims share one)."""
    if claim.published is None:
        return UNDATED
    return claim.published.toordinal() // options.partition_days


def partitions(claims: Iterable[ClaimRef], options: BlockingOptions
               ) -> dict[int, list[ClaimRef]]:
    """Claims by time partition, each list in publication order."""
    out: dict[int, list[ClaimRef]] = defaultdict(list)
    for c in claims:
        out[partition_of(c, options)].append(c)
    return dict(out)


class ClaimSource(Protocol):
    """Where a task reads its claims (must pickle small: it is sent to every task)."""

    def sizes(self) -> dict[int, int]:
        """Claims per time partition."""

    def claims(self, parts: Sequence[int]) -> Iterator[ClaimRef]:
        """The claims of partitions ``parts`` (ascending), in publication order."""


class ListSource:
    """Claims held in memory (each task is sent the partitions it reads)."""

    def __init__(self, parts: dict[int, list[ClaimRef]]) -> None:
        self.parts = parts

    @classmethod
    def of(cls, claims: Iterable[ClaimRef], options: BlockingOptions) -> ListSource:
        """The claims by time partition."""
        return cls(partitions(claims, options))

    def sizes(self) -> dict[int, int]:
        return {p: len(c) for p, c in self.parts.items()}

    def claims(self, parts: Sequence[int]) -> Iterator[ClaimRef]:
        for p in parts:
            yield from self.parts.get(p, ())

    def only(self, parts: Sequence[int]) -> ListSource:
        """A source holding only ``parts`` (what one task needs)."""
        return ListSource({p: self.parts[p] for p in parts if p in self.parts})


@dataclass(frozen=True)
class Span:
    """One task: partitions replayed to rebuild the window, then the partitions it links."""

    replay: tuple[int, ...]
    own: tuple[int, ...]


def spans(sizes: dict[int, int], options: BlockingOptions, tasks: int) -> list[Span]:
    """At most ``tasks`` spans of consecutive dated partitions with about the same number of
    claims (replay included), and the undated claims as a span of their own."""
    keep = max(1, math.ceil(options.window_days / options.partition_days))
    dated = sorted(p for p in sizes if p != UNDATED)

    def replay_of(first: int) -> tuple[int, ...]:
        return tuple(q for q in range(first - keep, first) if q in sizes)

    target = (sum(sizes[p] for p in dated) + (tasks - 1) * keep * (
        sum(sizes[p] for p in dated) / max(1, len(dated)))) / max(1, tasks)
    out: list[Span] = []
    own: list[int] = []
    cost = 0.0
    for p in dated:
        if not own:
            cost = sum(sizes[q] for q in replay_of(p))
        own.append(p)
        cost += sizes[p]
        if cost >= target and len(out) < tasks - 1:
            out.append(Span(replay_of(own[0]), tuple(own)))
            own = []
    if own:
        out.append(Span(replay_of(own[0]), tuple(own)))
    if UNDATED in sizes:
        out.append(Span((), (UNDATED,)))
    return out


@dataclass
class SpanResult:
    """What one task returns."""

    links: Any  # what ``collect`` made of the span's links
    stats: LinkStats
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # of the process that ran the task


def link_span(source: ClaimSource, span: Span, prepared: Prepared, threshold: float,
              options: BlockingOptions, collect: Callable[[Iterator[Link]], Any] = list,
              evidence: bool = True) -> SpanResult:
    """The links whose later claim is in ``span.own``. The replayed claims (one window) are
    streamed like the span's own (not held: only their uids and articles are kept)."""
    started, cpu = time.perf_counter(), time.process_time()
    replayed = _Replayed(prepared)
    stats = LinkStats()
    # the replayed partitions are blocked (to rebuild the window) but their pairs are not
    # scored: a pair with neither claim in the span is another task's. (Every replayed claim
    # has been read before a pair with it is scored: they come first.)
    found = (x for x in link_claims(
        itertools.chain(replayed.track(source.claims(span.replay)), source.claims(span.own)),
        prepared, threshold=threshold, options=options, stats=stats, evidence=evidence,
        only_articles=_Outside(replayed.articles)) if x.b not in replayed.uids)
    counted = _Counted(found)
    links = collect(counted)
    # candidates and scored count the work done, replayed partitions included
    out = LinkStats(claims=stats.claims - len(replayed.uids),
                    linkable=stats.linkable - replayed.linkable,
                    candidates=stats.candidates, scored=stats.scored, links=counted.n)
    return SpanResult(links, out, time.perf_counter() - started, time.process_time() - cpu,
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


class _Replayed:
    """What a span keeps of the claims it replays: their uids, their articles and how many
    are linkable."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.uids: set[str] = set()
        self.articles: set[str] = set()
        self.linkable = 0

    def track(self, claims: Iterable[ClaimRef]) -> Iterator[ClaimRef]:
        for c in claims:
            self.uids.add(c.uid)
            self.articles.add(c.article_id)
            self.linkable += is_linkable(c, self.prepared)
            yield c


class _Outside:
    """Every article but these (``only_articles`` of a span: the articles not replayed)."""

    def __init__(self, articles: set[str]) -> None:
        self.articles = articles

    def __contains__(self, article: object) -> bool:
        return article not in self.articles


class _Counted:
    """An iterator that counts what passes through it."""

    def __init__(self, it: Iterator[Link]) -> None:
        self.it, self.n = it, 0

    def __iter__(self) -> Iterator[Link]:
        for x in self.it:
            self.n += 1
            yield x


def _count_span(source: ClaimSource, span: Span) -> Counts:
    return count(source.claims(span.own))


def prepare_partitioned(source: ClaimSource, *, options: BlockingOptions | None = None,
                        jobs: int = 2, tasks: int | None = None, scheduler: str | None = None,
                        boilerplate_articles: int = 3) -> Prepared:
    """The first pass (:func:`allegedly.corpus.linker.prepare`) as one task per span (no
    replay: counts of whole partitions add up); the same result as one process (tested)."""
    options = options or BlockingOptions()
    plan = [Span((), s.own) for s in spans(source.sizes(), options, tasks or jobs)]
    import dask

    work = [dask.delayed(_count_span)(_for_task(source, s), s) for s in plan]
    total = Counts()
    for part in _compute(work, jobs, scheduler):
        total.merge(part)
    return prepared_from(total, boilerplate_articles)


def _compute(work: list, jobs: int, scheduler: str | None) -> list:
    import dask

    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            return list(client.compute(work, sync=True))
    # chunksize=1: one task per submission (dask batches 6 by default: all on one worker)
    return list(dask.compute(*work, scheduler="processes", num_workers=jobs, chunksize=1))


def link_spans(source: ClaimSource, prepared: Prepared, *, threshold: float,
               options: BlockingOptions | None = None, jobs: int = 2, tasks: int | None = None,
               scheduler: str | None = None, collect: Callable[[Iterator[Link]], Any] = list,
               evidence: bool = True) -> list[SpanResult]:
    """Link the claims of ``source`` as one Dask task per :func:`spans` span (``tasks``,
    default ``jobs``) on ``jobs`` worker processes or the cluster at ``scheduler``; the
    results in time order."""
    import dask

    options = options or BlockingOptions()
    plan = spans(source.sizes(), options, tasks or jobs)
    work = [dask.delayed(link_span)(_for_task(source, s), s, prepared, threshold, options,
                                    collect, evidence) for s in plan]
    return _compute(work, jobs, scheduler)


def _for_task(source: ClaimSource, span: Span) -> ClaimSource:
    return source.only(span.replay + span.own) if isinstance(source, ListSource) else source


def link_partitioned(claims: list[ClaimRef], prepared: Prepared, *, threshold: float,
                     options: BlockingOptions | None = None, jobs: int = 2,
                     tasks: int | None = None, scheduler: str | None = None,
                     stats: LinkStats | None = None) -> list[Link]:
    """All links of ``claims`` (publication order), computed by :func:`link_spans`."""
    options = options or BlockingOptions()
    results = link_spans(ListSource.of(claims, options), prepared, threshold=threshold,
                         options=options, jobs=jobs, tasks=tasks, scheduler=scheduler)
    links: list[Link] = []
    for result in results:
        links.extend(result.links)
        if stats is not None:
            add_stats(stats, result.stats)
    return links


def add_stats(total: LinkStats, part: LinkStats) -> None:
    """Add the counters of ``part`` to ``total``."""
    for name in ("claims", "linkable", "candidates", "scored", "links"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
