"""Blocking: which pairs of claims are worth scoring, in near-linear time.

Claims arrive in publication order. Two sources of candidates, both bounded per claim:

- **MinHash/LSH** (datasketch's MinHashes and banding) of the claim's content words: one
  band index (:class:`BandIndex`) over the time partitions of the last ``window_days`` (the
  claims of older partitions are removed from it, so memory is bounded by the claims of one
  window); a claim is queried against it and keeps the
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

    def values(self, word_sets: list[frozenset[str]]) -> Any:
        """The MinHash values of each word set, one row each (an empty set hashes as
        :attr:`EMPTY`): the ``hashvalues`` of datasketch's MinHash of the same words."""
        import numpy as np

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
        return np.minimum.reduceat(self.matrix[ids], starts, axis=0)

    def minhashes(self, word_sets: list[frozenset[str]]) -> list:
        """One ``LeanMinHash`` per word set (:meth:`values` as datasketch objects)."""
        from datasketch import LeanMinHash

        return [LeanMinHash(seed=self.seed, hashvalues=v, scheme=self.scheme)
                for v in self.values(word_sets)]


class BandIndex:
    """MinHash LSH band tables with datasketch's banding: the bands ``b`` x rows ``r`` that
    ``datasketch.MinHashLSH`` chooses for the threshold and permutations, and its band keys
    (the bytes of the byte-swapped hash values of each band), so the same claims collide and a
    query returns the keys ``MinHashLSH.query`` returns (tested against it).

    What differs is how they are computed and held: the band keys of a whole batch are cut
    from one byte-swapped matrix (datasketch swaps each band of each MinHash apart: 32 small
    numpy calls per claim to query and insert it), a claim's keys are computed once for its
    query and its insertion, and a bucket holding one claim holds the claim number itself
    (datasketch's in-memory storage spends a 216-byte set on every bucket, about 3.5 KB a
    claim at 16 bands; most buckets hold one claim).
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r = lsh.b, lsh.r
        self.hashranges: list[tuple[int, int]] = list(lsh.hashranges)
        self.tables: list[dict[bytes, Any]] = [{} for _ in self.hashranges]
        self.bands: dict[int, tuple[bytes, ...]] = {}  # indexed key -> its band keys

    def band_keys(self, values: Any) -> list[tuple[bytes, ...]]:
        """The band keys of each row of a matrix of MinHash values (one row a MinHash)."""
        import numpy as np

        values = np.asarray(values)  # datasketch's dtype (the band keys are its bytes)
        width = values.dtype.itemsize
        ranges = [(start * width, end * width) for start, end in self.hashranges]
        raws = [row.tobytes() for row in values.byteswap()]
        return [tuple(raw[start:end] for start, end in ranges) for raw in raws]

    def query(self, bands: tuple[bytes, ...]) -> set[int]:
        """The indexed keys sharing a band with ``bands``."""
        out: set[int] = set()
        for band, table in zip(bands, self.tables, strict=True):
            found = table.get(band)
            if found is not None:
                if type(found) is list:
                    out.update(found)
                else:
                    out.add(found)
        return out

    def insert(self, key: int, bands: tuple[bytes, ...]) -> None:
        """Index ``key`` under its band keys (``key`` must not be indexed already)."""
        self.bands[key] = bands
        for band, table in zip(bands, self.tables, strict=True):
            found = table.get(band)
            if found is None:
                table[band] = key
            elif type(found) is list:
                found.append(key)
            else:
                table[band] = [found, key]

    def remove(self, key: int) -> None:
        """Take ``key`` out of the index."""
        for band, table in zip(self.bands.pop(key), self.tables, strict=True):
            found = table[band]
            if type(found) is list:
                found.remove(key)
                if len(found) == 1:
                    table[band] = found[0]
            else:
                del table[band]

    def __len__(self) -> int:
        return len(self.bands)


class _Window:
    """One LSH band index over the claims of the live time partitions; the claims of a
    partition are removed from it once the partition falls out of the window."""

    def __init__(self, options: BlockingOptions) -> None:
        self.index = BandIndex(options.lsh_threshold, options.num_perm)
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
                self.index.remove(idx)
                del self.partition_of[idx]

    def query_insert(self, bucket: int, idx: int, bands: tuple[bytes, ...]) -> set[int]:
        """Candidates of a claim (its band keys) in the live partitions; then index it in
        ``bucket``."""
        self._drop_before(bucket - self.keep)
        hits = self.index.query(bands)
        own = sum(1 for h in hits if self.partition_of[h] == bucket)
        # saturated in its own partition: not indexed (decided within the partition only, so a
        # partition replayed from ``keep`` partitions back gives the same candidates: Dask)
        if own < self.options.lsh_max:
            self.index.insert(idx, bands)
            self.indexed.setdefault(bucket, []).append(idx)
            self.partition_of[idx] = bucket
        if len(hits) > self.options.lsh_max:
            return set(sorted(hits)[-self.options.lsh_max:])
        return hits


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
        bands = self.window.index.band_keys(self.sketches.values([c.words for _i, c in items]))
        extras = extras if extras is not None else [None] * len(items)
        last_bucket = None
        for (idx, claim), claim_bands, extra in zip(items, bands, extras, strict=True):
            bucket = self.window.bucket(claim)
            if bucket != last_bucket:
                self._evict(bucket)
                last_bucket = bucket
            found = self.window.query_insert(bucket, idx, claim_bands)
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
