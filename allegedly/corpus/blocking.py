"""Blocking: which pairs of claims are worth scoring, in near-linear time.

Claims arrive in publication order. Two sources of candidates, both bounded per claim:

- **MinHash/LSH** (datasketch) of the claim's content words: one ``MinHashLSH`` index per time
  partition; a claim is queried against the indexes of the last ``window_days`` (older
  partitions are dropped, so memory is bounded by the claims of one window) and keeps the
  ``lsh_max`` most recent hits; a claim with that many hits in its own partition is not
  indexed itself, so LSH buckets stay small and a headline template repeated ten thousand
  times stays linear;
- **blocking keys**, as a sorted neighbourhood: the claim's rarest name words, its event words
  with its rarest name, its figure keys (alone and with its rarest name) and its origin; a claim
  is a candidate of the ``neighbours`` most recent claims under each key, so a key shared by a
  tenth of the corpus costs no more than a rare one.

Claims of the same article are never candidates (linking is across articles).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from allegedly.corpus.records import ClaimRef
from allegedly.corpus.text import DocumentFrequencies


@dataclass(frozen=True)
class BlockingOptions:
    """Sizes of the blocking stage."""

    window_days: int = 60  # claims further apart in time are never candidates
    partition_days: int = 15  # width of one LSH partition
    neighbours: int = 6  # most recent claims compared under each blocking key
    rare_names: int = 3  # name words used as keys (the rarest ones)
    lsh_threshold: float = 0.4  # Jaccard of content words LSH aims at
    lsh_max: int = 20  # most recent LSH hits kept per claim (a template repeated 10,000 times)
    num_perm: int = 64  # MinHash permutations


def blocking_keys(claim: ClaimRef, df: DocumentFrequencies, rare_names: int = 3
                  ) -> list[tuple[str, ...]]:
    """The sorted-neighbourhood keys of a claim (see the module docstring)."""
    names = df.rarest(claim.names, rare_names)
    top = names[0] if names else None
    out: list[tuple[str, ...]] = [("n", n) for n in names]
    for event in sorted(claim.events):
        out.append(("e", event, top or ""))
    for key in sorted({f.key for f in claim.figures if f.key}):
        out.append(("f", key))
        if top:
            out.append(("fn", key, top))
    origin = claim.origin
    if origin:
        out.append(("o", origin[0].lower()))
    return out


class _Partitions:
    """MinHashLSH indexes per time partition, dropped once outside the window."""

    def __init__(self, options: BlockingOptions) -> None:
        from datasketch import MinHashLSH

        self._make = lambda: MinHashLSH(threshold=options.lsh_threshold,
                                        num_perm=options.num_perm)
        self.options = options
        self.keep = max(1, math.ceil(options.window_days / options.partition_days))
        self.indexes: OrderedDict[int, object] = OrderedDict()

    def bucket(self, claim: ClaimRef) -> int:
        if claim.published is None:
            return 10**9  # all undated claims share one partition
        return claim.published.toordinal() // self.options.partition_days

    def query_insert(self, bucket: int, idx: int, minhash: object) -> set[int]:
        """Candidates of ``minhash`` in the live partitions; then index it in ``bucket``."""
        for old in [b for b in self.indexes if b < bucket - self.keep]:
            del self.indexes[old]
        if bucket not in self.indexes:
            self.indexes[bucket] = self._make()
        found: set[int] = set()
        own: list = []
        for b, index in self.indexes.items():
            hits = index.query(minhash)
            found.update(hits)
            if b == bucket:
                own = hits
        # saturated in its own partition: not indexed (decided within the partition only, so a
        # partition replayed from ``keep`` partitions back gives the same candidates: Dask)
        if len(own) < self.options.lsh_max:
            self.indexes[bucket].insert(idx, minhash, check_duplication=False)
        if len(found) > self.options.lsh_max:
            found = set(sorted(found)[-self.options.lsh_max:])
        return found

    def oldest_live(self) -> int:
        return min(self.indexes) if self.indexes else 0


class Blocker:
    """Streaming candidate generation over claims in publication order."""

    def __init__(self, df: DocumentFrequencies, options: BlockingOptions | None = None
                 ) -> None:
        self.df = df
        self.options = options or BlockingOptions()
        self.partitions = _Partitions(self.options)
        # key -> the most recent claims under it (a list: a deque allocates a 64-slot block
        # even for one item, and most keys are rare)
        self.blocks: dict[tuple[str, ...], list[int]] = {}
        self.live: dict[int, tuple[ClaimRef, int]] = {}  # idx -> (claim, bucket)
        self.candidates = 0
        self._evicted_at: int | None = None  # the bucket the live claims were last pruned for

    def _minhashes(self, claims: list[ClaimRef]) -> list[object]:
        from datasketch import LeanMinHash, MinHash

        docs = [[w.encode("utf-8") for w in sorted(c.words)] or [b"\x00empty"] for c in claims]
        return [LeanMinHash(m) for m in MinHash.bulk(docs, num_perm=self.options.num_perm)]

    def _evict(self, bucket: int) -> None:
        """Drop the claims (and blocks) that fell out of the window; only when the partition
        moves on (once per partition, not once per batch: a scan costs the live window)."""
        if bucket == self._evicted_at:
            return
        self._evicted_at = bucket
        floor = bucket - self.partitions.keep
        stale = [i for i, (_c, b) in self.live.items() if b < floor]
        for i in stale:
            del self.live[i]
        if stale:
            self.blocks = {k: d for k, d in self.blocks.items() if d and d[-1] in self.live}

    def add(self, items: list[tuple[int, ClaimRef]]) -> Iterator[tuple[int, int]]:
        """Index a batch of (idx, claim) in publication order; yield (earlier, idx) candidate
        pairs (each pair once)."""
        hashes = self._minhashes([c for _i, c in items])
        last_bucket = None
        for (idx, claim), minhash in zip(items, hashes, strict=True):
            bucket = self.partitions.bucket(claim)
            if bucket != last_bucket:
                self._evict(bucket)
                last_bucket = bucket
            found = self.partitions.query_insert(bucket, idx, minhash)
            for key in blocking_keys(claim, self.df, self.options.rare_names):
                block = self.blocks.get(key)
                if block is None:
                    block = self.blocks[key] = []
                found.update(block)
                block.append(idx)
                if len(block) > self.options.neighbours:
                    del block[0]
            self.live[idx] = (claim, bucket)
            for other in sorted(found):
                if other != idx and other in self.live and \
                        self.live[other][0].article_id != claim.article_id:
                    self.candidates += 1
                    yield other, idx

    def claim(self, idx: int) -> ClaimRef:
        """A live claim by index."""
        return self.live[idx][0]
