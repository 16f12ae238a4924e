"""Link claims across articles: blocking, then scoring, streamed in publication order.

Two passes over the claims: :func:`prepare` counts document frequencies (IDF weights) and
finds boilerplate (the same text in three or more articles of one outlet: "View news.",
"— Ukrinform."); :func:`link_claims` then blocks (:mod:`allegedly.corpus.blocking`) and scores
(:mod:`allegedly.corpus.matching`) and yields every pair at or above the suggestion threshold.
Memory is bounded by the claims of one time window; time grows linearly with the claims.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field

from allegedly.corpus.blocking import Blocker, BlockingOptions
from allegedly.corpus.matching import (
    DEFAULT_WEIGHTS,
    Weights,
    profile,
    profile_score,
    score_profiles,
)
from allegedly.corpus.records import ClaimRef
from allegedly.corpus.text import DocumentFrequencies

Similarity = Callable[[ClaimRef, ClaimRef], float | None]
_NO_EVIDENCE: dict[str, float] = {}  # shared by links made with evidence=False (never mutated)


@dataclass(frozen=True, slots=True)
class Link:
    """Two claims scored as statements of the same claim."""

    a: str  # uid of the earlier claim
    b: str
    score: float
    features: dict[str, float] = field(default_factory=dict, compare=False)
    method: str = "score"  # score | correction


@dataclass
class LinkStats:
    """Counters of one linking pass."""

    claims: int = 0
    linkable: int = 0
    candidates: int = 0
    scored: int = 0
    links: int = 0


@dataclass
class Prepared:
    """What the first pass learns: word frequencies and boilerplate texts."""

    df: DocumentFrequencies
    boilerplate: frozenset[int]
    claims: int = 0


def _text_hash(claim: ClaimRef) -> int:
    """The outlet and the claim's content words (so "Shelling of the Donetsk region
    (07.10.22 11:09)" and "(22.09.22 10:40)" are the same text)."""
    norm = " ".join(sorted(claim.words)) or " ".join(claim.text.lower().split())
    digest = hashlib.blake2b(f"{claim.outlet}\x1f{norm}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass
class Counts:
    """What the first pass counts: word document frequencies and, per text hash, the articles
    it appears in. Counts of disjoint runs of whole articles add up (:meth:`merge`), so the
    first pass can run in parallel (:mod:`allegedly.scale.link_dask`)."""

    df: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    texts: Counter[int] = field(default_factory=Counter)
    claims: int = 0

    def merge(self, other: Counts) -> Counts:
        """Add ``other``'s counts to these; return self."""
        self.df.merge(other.df)
        self.texts.update(other.texts)
        self.claims += other.claims
        return self


def count(claims: Iterable[ClaimRef]) -> Counts:
    """First pass over ``claims`` (whole articles, each article's claims together)."""
    out = Counts()
    last_article: dict[int, str] = {}
    for claim in claims:
        out.claims += 1
        out.df.add(claim.words | claim.names)
        h = _text_hash(claim)
        if last_article.get(h) != claim.article_id:
            out.texts[h] += 1
            last_article[h] = claim.article_id
    return out


def prepared_from(counts: Counts, boilerplate_articles: int = 3) -> Prepared:
    """The :class:`Prepared` of the counts of all claims."""
    boiler = frozenset(h for h, k in counts.texts.items() if k >= boilerplate_articles)
    return Prepared(df=counts.df, boilerplate=boiler, claims=counts.claims)


def prepare(claims: Iterable[ClaimRef], boilerplate_articles: int = 3) -> Prepared:
    """First pass: document frequencies of content and name words; texts repeated in
    ``boilerplate_articles`` or more articles of one outlet."""
    return prepared_from(count(claims), boilerplate_articles)


def is_linkable(claim: ClaimRef, prepared: Prepared, min_words: int = 3) -> bool:
    """Worth linking: enough content words (or a comparable figure), not boilerplate."""
    if len(claim.words) < min_words and not any(f.family for f in claim.figures):
        return False
    return _text_hash(claim) not in prepared.boilerplate


def link_claims(claims: Iterable[ClaimRef], prepared: Prepared, *, threshold: float,
                options: BlockingOptions | None = None, weights: Weights = DEFAULT_WEIGHTS,
                similarity: Similarity | None = None, only_articles: Container[str] | None = None,
                stats: LinkStats | None = None, batch: int = 512,
                keep: dict[str, ClaimRef] | None = None, evidence: bool = True
                ) -> Iterator[Link]:
    """Second pass: candidate pairs by blocking, scored; yield those scoring ``threshold`` or
    more. ``only_articles``: score only pairs with at least one claim of these articles (an
    incremental run). ``claims`` must come in publication order (undated last). ``keep``:
    a dict that receives the claims of every link (to compare their figures later without
    reading the claims again). ``evidence=False`` leaves the features out of the links
    (memory, for millions of links that are not stored)."""
    stats = stats if stats is not None else LinkStats()
    # the live window keeps whole claims only when something needs them after blocking
    blocker = Blocker(prepared.df, options, keep_claims=similarity is not None or keep is not None)
    counter = itertools.count()
    linkable = (c for c in claims if _count(stats, c) and is_linkable(c, prepared))
    while True:
        chunk = [(next(counter), c) for c in itertools.islice(linkable, batch)]
        if not chunk:
            break
        stats.linkable += len(chunk)
        profiles = [profile(c, prepared.df) for _i, c in chunk]
        for i, j in blocker.add(chunk, profiles):
            stats.candidates += 1
            if only_articles is not None and blocker.article(i) not in only_articles \
                    and blocker.article(j) not in only_articles:
                continue
            pa, pb = blocker.extra(i), blocker.extra(j)
            if evidence or similarity:
                sim = similarity(blocker.claim(i), blocker.claim(j)) if similarity else None
                score, feats = score_profiles(pa, pb, prepared.df, weights=weights,
                                              similarity=sim)
            else:  # the same score, without the features dict
                score, feats = profile_score(pa, pb, prepared.df, weights=weights), _NO_EVIDENCE
            stats.scored += 1
            if score >= threshold:
                stats.links += 1
                if keep is not None:
                    keep[pa.uid], keep[pb.uid] = blocker.claim(i), blocker.claim(j)
                yield Link(pa.uid, pb.uid, round(score, 4),
                           {k: round(v, 3) for k, v in feats.items()} if evidence
                           else _NO_EVIDENCE)


def _count(stats: LinkStats, _claim: ClaimRef) -> bool:
    stats.claims += 1
    return True
