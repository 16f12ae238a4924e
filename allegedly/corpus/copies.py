"""Copies: the same story at several places (exact), near-duplicates (syndication, copy-paste,
light edits) by MinHash of word shingles, and wire reprints, each cluster with its first
publisher.

Near-duplicates are found with datasketch's ``MinHashLSH`` over word 5-shingles of the
normalised text (candidates at a lower Jaccard), verified by the exact *containment* of the
shorter text's shingles in the longer one's (a reprint of the first five paragraphs of a wire
story is a copy even though its Jaccard is 0.5), and clustered (union-find);
the first publisher is the earliest published article (on one day: one crediting the wire,
then the first stored). A cluster
whose articles credit a wire (``articles.wire``) or whose first publisher is an agency is a
``wire`` cluster. A text found again at a location with the same URL and outlet is a re-read of
the same file, not a copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from networkx.utils import UnionFind

from allegedly.model import normalise_for_identity

SHINGLE = 5


@dataclass(frozen=True)
class ArticleInfo:
    """What copy detection needs of an article."""

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    wire: str | None = None
    origin: str | None = None
    stored: int = 0  # store order (rowid): the tie-break after the date and the wire credit


@dataclass
class CopyMember:
    """One article (or one extra location of it) in a copy cluster."""

    article: ArticleInfo
    similarity: float
    location: str = ""  # origin of an exact copy's extra location; "" for the article itself
    outlet: str | None = None
    url: str | None = None


@dataclass
class CopyCluster:
    """Articles that are copies of one another, first publisher first."""

    id: str
    kind: str  # exact | near | wire
    first: ArticleInfo
    members: list[CopyMember] = field(default_factory=list)
    wire: str | None = None


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles of the identity-normalised text (whole text if shorter)."""
    words = normalise_for_identity(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set's shingles found in the other set."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _order(a: ArticleInfo) -> tuple:
    """First publisher first: the earliest date; on one day, an article crediting the wire
    before one that does not (the credited copy is the closer to the original); then the
    store order."""
    return (a.published or dt.date.max, a.wire is None, a.stored, a.id)


def near_duplicates(articles: Iterable[ArticleInfo], threshold: float = 0.8,
                    num_perm: int = 128, min_words: int = 30
                    ) -> list[tuple[ArticleInfo, ArticleInfo, float]]:
    """Pairs of articles (earlier, later) whose shingle containment is at least ``threshold``.
    Texts under ``min_words`` words are left out (a headline is not a copy of a story)."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=max(0.3, threshold / 2), num_perm=num_perm)
    kept: dict[str, tuple[ArticleInfo, set[str]]] = {}
    pairs = []
    for art in sorted(articles, key=_order):
        if len(art.text.split()) < min_words:
            continue
        sh = shingles(art.text)
        m = MinHash(num_perm=num_perm)
        m.update_batch([s.encode("utf-8") for s in sh])
        lean = LeanMinHash(m)
        for other_id in lsh.query(lean):
            other, other_sh = kept[other_id]
            sim = containment(sh, other_sh)
            if sim >= threshold:
                pairs.append((other, art, round(sim, 4)))
        lsh.insert(art.id, lean, check_duplication=False)
        kept[art.id] = (art, sh)
    return pairs


def cluster_id(first: ArticleInfo) -> str:
    """Stable id of a copy cluster (from its first publisher)."""
    return "k" + hashlib.sha1(first.id.encode()).hexdigest()[:10]


def near_clusters(pairs: list[tuple[ArticleInfo, ArticleInfo, float]],
                  agencies: frozenset[str] = frozenset()) -> list[CopyCluster]:
    """Clusters of near-duplicate pairs, first publisher first."""
    uf = UnionFind()
    info: dict[str, ArticleInfo] = {}
    for a, b, _sim in pairs:
        uf.union(a.id, b.id)
        info[a.id], info[b.id] = a, b
    sims = {(a.id, b.id): s for a, b, s in pairs}
    out = []
    for ids in uf.to_sets():
        arts = sorted((info[i] for i in ids), key=_order)
        first = arts[0]
        wires = {a.wire for a in arts if a.wire}
        wire = sorted(wires)[0] if wires else (first.outlet if first.outlet in agencies
                                               else None)
        members = [CopyMember(a, 1.0 if a is first else sims.get(
            (first.id, a.id), max(s for (x, y), s in sims.items() if a.id in (x, y))),
            outlet=a.outlet, url=a.url) for a in arts]
        out.append(CopyCluster(cluster_id(first), "wire" if wire else "near", first, members,
                               wire))
    out.sort(key=lambda c: _order(c.first))
    return out


def exact_clusters(articles: dict[str, ArticleInfo],
                   locations: Iterable[dict]) -> list[CopyCluster]:
    """Articles stored from more than one location whose URL or outlet differs from the
    first location's (a re-read of the same file is not a copy)."""
    by_article: dict[str, list[dict]] = {}
    for loc in locations:
        by_article.setdefault(loc["article_id"], []).append(loc)
    out = []
    for aid, locs in sorted(by_article.items()):
        art = articles.get(aid)
        if art is None:
            continue
        first = next((x for x in locs if x["origin"] == art.origin), locs[0])
        extra = [x for x in locs if x is not first and
                 (x.get("url"), x.get("outlet")) != (first.get("url"), first.get("outlet"))]
        if not extra:
            continue
        members = [CopyMember(art, 1.0, "", art.outlet, art.url)]
        members += [CopyMember(art, 1.0, x["origin"], x.get("outlet"), x.get("url"))
                    for x in extra]
        out.append(CopyCluster("x" + cluster_id(art)[1:], "exact", art, members, art.wire))
    return out
