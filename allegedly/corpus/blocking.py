"""Blocking: which pairs of claims are worth scoring, in near-linear time.

Claims arrive in publication order. Two sources of candidates, both bounded per claim:

- **MinHash/LSH** (datasketch) of the claim's content words: one ``MinHashLSH`` index over the
  time partitions of the last ``window_days`` (the claims of older partitions are removed from
  it, so memory is bounded by the claims of one window); a claim is queried against it and keeps the
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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


class WordSketches:
    """MinHashes of word sets from cached MinHashes of single words.

    A MinHash is the element-wise minimum, over the set's items, of each item's permuted
    hash, so the MinHash of a set is the :meth:`datasketch.MinHash.union` of its items'
    MinHashes. Claims repeat their words, so each distinct word is hashed once by datasketch
    (``MinHash.bulk`` of the one-word set) and remembered as a row of a matrix; a batch of
    claims then costs one gather and one ``numpy.minimum.reduceat``. The values are exactly
    those of ``MinHash.update_batch`` over the same words (tested). At most ``max_words``
    words are remembered (then the cache starts again with the words of the batch at hand):
    memory stays bounded.
    """

    EMPTY = "\x00empty"  # the one item of a claim without content words

    def __init__(self, num_perm: int, max_words: int = 100_000) -> None:
        import numpy as np
        from datasketch import MinHash

        self.num_perm, self.max_words = num_perm, max_words
        base = MinHash(num_perm=num_perm)
        self.seed, self.scheme, self.dtype = base.seed, base.scheme, base.hashvalues.dtype
        self.rows: dict[str, int] = {}
        self.matrix = np.empty((0, num_perm), dtype=self.dtype)

    def _learn(self, words: list[str]) -> None:
        import numpy as np
        from datasketch import MinHash

        first, end = len(self.rows), len(self.rows) + len(words)
        if end > len(self.matrix):  # grow by doubling (amortised: no copy per batch)
            grown = np.empty((max(end, 2 * len(self.matrix), 1024), self.num_perm),
                             dtype=self.dtype)
            grown[:first] = self.matrix[:first]
            self.matrix = grown
        sketches = MinHash.bulk([[w.encode("utf-8")] for w in words], num_perm=self.num_perm)
        self.matrix[first:end] = np.stack([m.hashvalues for m in sketches])
        for word in words:
            self.rows[word] = len(self.rows)

    def minhashes(self, word_sets: list[frozenset[str]]) -> list:
        """One ``LeanMinHash`` per word set (an empty set hashes as :attr:`EMPTY`)."""
        import numpy as np
        from datasketch import LeanMinHash

        docs = [ws or (self.EMPTY,) for ws in word_sets]
        rows = self.rows
        new = list(dict.fromkeys(w for ws in docs for w in ws if w not in rows))
        if new:
            if len(rows) + len(new) > self.max_words:  # start again with this batch's words
                self.rows = {}
                new = list(dict.fromkeys(w for ws in docs for w in ws))
            self._learn(new)
            rows = self.rows
        ids = np.fromiter((rows[w] for ws in docs for w in ws), dtype=np.intp)
        starts = np.cumsum([0] + [len(ws) for ws in docs[:-1]], dtype=np.intp)
        values = np.minimum.reduceat(self.matrix[ids], starts, axis=0)
        return [LeanMinHash(seed=self.seed, hashvalues=v, scheme=self.scheme) for v in values]


class CompactBuckets:
    """A datasketch band table (the ``UnorderedStorage`` API of its in-memory ``DictSetStorage``)
    that holds a bucket's one key as itself and only a bucket of two or more keys as a list.

    Most band buckets hold one claim; datasketch's ``defaultdict(set)`` spends a 216-byte set
    on each (about 3.5 KB a claim at 16 bands). The keys returned are the same (the index's
    query collects them into a set), so the candidates are too (tested against the default
    storage).
    """

    def __init__(self) -> None:
        self._dict: dict[bytes, Any] = {}

    def keys(self):
        return self._dict.keys()

    def get(self, key: bytes) -> Any:
        found = self._dict.get(key)
        if found is None:
            return ()
        return found if type(found) is list else (found,)

    def insert(self, key: bytes, *vals: Any, **_kwargs: Any) -> None:
        for val in vals:
            found = self._dict.get(key)
            if found is None:
                self._dict[key] = val
            elif type(found) is list:
                if val not in found:
                    found.append(val)
            elif found != val:
                self._dict[key] = [found, val]

    def remove_val(self, key: bytes, val: Any, **_kwargs: Any) -> None:
        found = self._dict[key]
        if type(found) is list:
            found.remove(val)
            if len(found) == 1:
                self._dict[key] = found[0]
        elif found == val:
            del self._dict[key]
        else:
            raise KeyError(val)

    def remove(self, *keys: bytes, **_kwargs: Any) -> None:
        for key in keys:
            self._dict.pop(key, None)

    def size(self) -> int:
        return len(self._dict)

    def itemcounts(self, **_kwargs: Any) -> dict[bytes, int]:
        return {k: len(self.get(k)) for k in self._dict}

    def has_key(self, key: bytes) -> bool:
        return key in self._dict

    __contains__ = has_key
    __getitem__ = get
    __len__ = size

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._dict)


def compact_lsh(threshold: float, num_perm: int):
    """A ``datasketch.MinHashLSH`` whose band tables are :class:`CompactBuckets` (the same
    banding, keys and query results as the default in-memory storage, in less memory)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    lsh.hashtables = [CompactBuckets() for _ in range(lsh.b)]
    return lsh


class _Window:
    """One MinHashLSH index over the claims of the live time partitions; the claims of a
    partition are removed from it once the partition falls out of the window."""

    def __init__(self, options: BlockingOptions) -> None:
        self.lsh = compact_lsh(options.lsh_threshold, options.num_perm)
        self.options = options
        self.keep = max(1, math.ceil(options.window_days / options.partition_days))
        self.indexed: dict[int, list[int]] = {}  # partition -> the claims indexed in it
        self.partition_of: dict[int, int] = {}  # indexed claim -> its partition

    def bucket(self, claim: ClaimRef) -> int:
        if claim.published is None:
            return 10**9  # all undated claims share one partition
        return claim.published.toordinal() // self.options.partition_days

    def _drop_before(self, floor: int) -> None:
        for old in [b for b in self.indexed if b < floor]:
            for idx in self.indexed.pop(old):
                self.lsh.remove(idx)
                del self.partition_of[idx]

    def query_insert(self, bucket: int, idx: int, minhash: object) -> set[int]:
        """Candidates of ``minhash`` in the live partitions; then index it in ``bucket``."""
        self._drop_before(bucket - self.keep)
        hits = self.lsh.query(minhash)
        own = sum(1 for h in hits if self.partition_of[h] == bucket)
        # saturated in its own partition: not indexed (decided within the partition only, so a
        # partition replayed from ``keep`` partitions back gives the same candidates: Dask)
        if own < self.options.lsh_max:
            self.lsh.insert(idx, minhash, check_duplication=False)
            self.indexed.setdefault(bucket, []).append(idx)
            self.partition_of[idx] = bucket
        if len(hits) > self.options.lsh_max:
            return set(sorted(hits)[-self.options.lsh_max:])
        return set(hits)


class Blocker:
    """Streaming candidate generation over claims in publication order."""

    def __init__(self, df: DocumentFrequencies, options: BlockingOptions | None = None,
                 keep_claims: bool = True) -> None:
        self.df = df
        self.keep_claims = keep_claims  # False: live claims keep only their article (memory)
        self.options = options or BlockingOptions()
        self.window = _Window(self.options)
        self.sketches = WordSketches(self.options.num_perm)
        # key -> the most recent claims under it (a list: a deque allocates a 64-slot block
        # even for one item, and most keys are rare)
        self.blocks: dict[tuple[str, ...], list[int]] = {}
        # idx -> (article, bucket, claim or None, extra)
        self.live: dict[int, tuple[str, int, ClaimRef | None, Any]] = {}
        self.candidates = 0
        self._evicted_at: int | None = None  # the bucket the live claims were last pruned for

    def _evict(self, bucket: int) -> None:
        """Drop the claims (and blocks) that fell out of the window; only when the partition
        moves on (once per partition, not once per batch: a scan costs the live window)."""
        if bucket == self._evicted_at:
            return
        self._evicted_at = bucket
        floor = bucket - self.window.keep
        stale = [i for i, (_a, b, _c, _x) in self.live.items() if b < floor]
        for i in stale:
            del self.live[i]
        if stale:
            self.blocks = {k: d for k, d in self.blocks.items() if d and d[-1] in self.live}

    def add(self, items: list[tuple[int, ClaimRef]], extras: list[Any] | None = None
            ) -> Iterator[tuple[int, int]]:
        """Index a batch of (idx, claim) in publication order; yield (earlier, idx) candidate
        pairs (each pair once). ``extras``: one value per item, kept with the live claim
        (:meth:`extra`; the linker keeps what it scores)."""
        hashes = self.sketches.minhashes([c.words for _i, c in items])
        extras = extras if extras is not None else [None] * len(items)
        last_bucket = None
        for (idx, claim), minhash, extra in zip(items, hashes, extras, strict=True):
            bucket = self.window.bucket(claim)
            if bucket != last_bucket:
                self._evict(bucket)
                last_bucket = bucket
            found = self.window.query_insert(bucket, idx, minhash)
            for key in blocking_keys(claim, self.df, self.options.rare_names):
                block = self.blocks.get(key)
                if block is None:
                    block = self.blocks[key] = []
                found.update(block)
                block.append(idx)
                if len(block) > self.options.neighbours:
                    del block[0]
            self.live[idx] = (claim.article_id, bucket, claim if self.keep_claims else None,
                              extra)
            for other in sorted(found):
                if other != idx and other in self.live and \
                        self.live[other][0] != claim.article_id:
                    self.candidates += 1
                    yield other, idx

    def claim(self, idx: int) -> ClaimRef | None:
        """A live claim by index (None when the blocker does not keep claims)."""
        return self.live[idx][2]

    def article(self, idx: int) -> str:
        """The article of a live claim."""
        return self.live[idx][0]

    def extra(self, idx: int) -> Any:
        """The extra value a live claim was added with."""
        return self.live[idx][3]
