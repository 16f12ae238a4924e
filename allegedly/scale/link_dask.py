"""Corpus linking as partitioned Dask tasks: one task per time partition (the top blocking key).

Blocking (:mod:`allegedly.corpus.blocking`) only ever compares a claim with claims of the last
``window_days``, and everything it decides for a claim of partition *p* depends only on the
claims of partitions *p - keep* … *p* (LSH saturation is decided within a partition, neighbour
blocks keep the most recent claims of a key). So a task that replays those partitions and
keeps the pairs whose later claim is in *p* yields exactly the pairs of the single-process
run; the union over all partitions is the single-process result (tested). Each task costs
O(claims of keep + 1 partitions); the tasks run on Dask worker processes (``jobs``) or on an
existing cluster (``scheduler``).

Requires ``pip install "allegedly[dask]"``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from allegedly.corpus.blocking import BlockingOptions
from allegedly.corpus.linker import Link, LinkStats, Prepared, is_linkable, link_claims
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


def link_partition(own: int, claims: list[ClaimRef], prepared: Prepared, threshold: float,
                   options: BlockingOptions) -> tuple[list[Link], LinkStats]:
    """The links whose later claim is in partition ``own`` (``claims``: the partitions
    ``own - keep`` … ``own`` in publication order)."""
    uids = {c.uid for c in claims if partition_of(c, options) == own}
    stats = LinkStats()
    # the replayed partitions are blocked (to rebuild the window) but their pairs are not
    # scored: a pair with neither claim in ``own`` is another task's
    own_articles = {c.article_id for c in claims if c.uid in uids}
    found = [x for x in link_claims(claims, prepared, threshold=threshold, options=options,
                                    stats=stats, only_articles=own_articles) if x.b in uids]
    # candidates and scored count the work done, replayed partitions included
    return found, LinkStats(claims=len(uids), linkable=sum(
        1 for c in claims if c.uid in uids and is_linkable(c, prepared)),
        candidates=stats.candidates, scored=stats.scored, links=len(found))


def _tasks(claims: list[ClaimRef], options: BlockingOptions) -> list[tuple[int, list]]:
    parts = partitions(claims, options)
    keep = max(1, math.ceil(options.window_days / options.partition_days))
    out = []
    for p in sorted(parts):
        if p == UNDATED:
            out.append((p, parts[p]))
            continue
        replay = [c for q in range(p - keep, p + 1) for c in parts.get(q, ())]
        out.append((p, replay))
    return out


def link_partitioned(claims: list[ClaimRef], prepared: Prepared, *, threshold: float,
                     options: BlockingOptions | None = None, jobs: int = 2,
                     scheduler: str | None = None, stats: LinkStats | None = None
                     ) -> list[Link]:
    """All links of ``claims`` (publication order), computed as one Dask task per time
    partition on ``jobs`` worker processes (or the cluster at ``scheduler``)."""
    import dask

    options = options or BlockingOptions()
    tasks = [dask.delayed(link_partition)(p, replay, prepared, threshold, options)
             for p, replay in _tasks(claims, options)]
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            results = client.compute(tasks, sync=True)
    else:
        results = dask.compute(*tasks, scheduler="processes", num_workers=jobs)
    links: list[Link] = []
    for found, part in results:
        links.extend(found)
        if stats is not None:
            for name in ("claims", "linkable", "candidates", "scored", "links"):
                setattr(stats, name, getattr(stats, name) + getattr(part, name))
    return links
