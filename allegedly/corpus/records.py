"""The corpus layer's view of stored claims and figures: small frozen records.

:func:`iter_claims` streams a store's claims in publication order as :class:`ClaimRef` (with
the claim's chain of sources, its figures as :class:`FigureRef` and the words linking uses);
everything downstream (blocking, matching, groups, comparison, provenance) is pure functions of
these records, so the same code runs on a store, on synthetic claims (``bench/link.py``) and on
Dask partitions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from allegedly import keys
from allegedly.corpus import text as words
from allegedly.corpus.outlets import OutletNames

#: Source kinds that name nobody one could ask (they are not origins).
NOT_ORIGINS = frozenset({"vague", "publisher"})


@dataclass(frozen=True, slots=True)
class FigureRef:
    """A stored figure as the corpus compares it."""

    article_id: str
    id: str
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    bound: str
    measure: str | None
    counted: str | None
    actor: str | None
    as_of: str | None
    change: str | None = None
    source: str | None = None  # innermost attribution's source name (None: the publisher)
    source_kind: str | None = None
    family: str | None = None  # measure family (keys): fatal, wounded, ...
    group: str | None = None  # counted group; "*" when nothing counted is stated
    side: str | None = None  # whose losses, when the counted phrase says it ("Russian")
    scope: str | None = None  # keys.measure_scope: deaths, losses, casualties ...

    @property
    def key(self) -> str | None:
        """The corpus comparison key ``group|family[|side]`` (None: not comparable)."""
        if self.family is None:
            return None
        return "|".join(p for p in (self.group or "*", self.family, self.side) if p)


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A stored claim with what linking, comparison and provenance need."""

    article_id: str
    claim_id: str
    text: str
    start: int = 0
    end: int = 0
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    wire: str | None = None
    chain: tuple[tuple[str, str], ...] = ()  # (name, kind), outermost first
    stance: str = "asserted"
    figures: tuple[FigureRef, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    events: frozenset[str] = field(default_factory=frozenset)

    @property
    def uid(self) -> str:
        """``article_id/claim_id``."""
        return f"{self.article_id}/{self.claim_id}"

    @property
    def origin(self) -> tuple[str, str] | None:
        """The innermost source of the chain that names somebody (None: none stated)."""
        for name, kind in reversed(self.chain):
            if kind not in NOT_ORIGINS:
                return name, kind
        return None


def _measure_words() -> frozenset[str]:
    table = keys._table("measure")
    return frozenset(words.normalise_word(w) for w in table) | {"death", "casualty", "victim",
                                                                  "fatality"}


def figure_parts(measure: str | None, counted: str | None, actor: str | None
                 ) -> dict[str, str | None]:
    """Family, counted group, side and scope of a figure (see :class:`FigureRef`).

    The counted group is :func:`allegedly.keys.counted_group`, else the counted phrase's last
    content word, else ``"*"`` (nothing counted stated: "Estimated 300 dead"). The actor is a
    *side* only when the counted phrase contains it ("Russian soldiers"); otherwise it is
    usually a place ("Mariupol Drama Theater") and left out of the key.
    """
    family = keys._table("measure").get((measure or "").lower()) if measure else None
    if family is None:
        return {"family": None, "group": None, "side": None, "scope": None}
    group = keys.counted_group(counted) if counted else None
    if group is None and counted:
        content = sorted(words.content_words(counted), key=counted.lower().find)
        group = content[-1] if content else None
        if group in _measure_words():  # "180 casualties", "47 deaths": nothing else counted
            group = None
    side = None
    if actor and counted and actor.lower() in counted.lower():
        side = actor.lower()
    return {"family": family, "group": group or "*", "side": side,
            "scope": keys.measure_scope(measure)}


def make_claim(article_id: str, claim_id: str, text: str, *, chain=(), figures=(),
               **fields: Any) -> ClaimRef:
    """A :class:`ClaimRef` with its words, names (minus source names) and events computed."""
    content = words.content_words(text)
    sources = [name for name, _kind in chain]
    return ClaimRef(article_id=article_id, claim_id=claim_id, text=text, chain=tuple(chain),
                    figures=tuple(figures), words=content,
                    names=words.name_words(text, exclude=sources),
                    events=words.event_words(content), **fields)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _figure(row: dict[str, Any]) -> FigureRef:
    parts = figure_parts(row["measure"], row["counted"], row["actor"])
    return FigureRef(
        article_id=row["article_id"], id=row["id"], text=row["text"], start=row["start"],
        end=row["end"], value=row["value"], low=row["low"], high=row["high"],
        bound=row["bound"], measure=row["measure"], counted=row["counted"],
        actor=row["actor"], as_of=row["as_of"], change=row["change"],
        source=row["source_name"] if row["source_kind"] != "publisher" else None,
        source_kind=row["source_kind"] if row["source_kind"] != "publisher" else None,
        **parts)


def outlet_names(store: Any) -> OutletNames:
    """Canonical outlet names for the store's articles."""
    return OutletNames(r[0] for r in store.conn.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL"))


def iter_claims(store: Any, names: OutletNames | None = None) -> Iterator[ClaimRef]:
    """Every claim of every analysed article, in publication order (undated last)."""
    names = names or outlet_names(store)
    has_wire = "wire" in {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
    arts = store.conn.execute(
        "SELECT id, outlet, url, published" + (", wire" if has_wire else ", NULL")
        + " FROM articles WHERE status = 'analysed' "
        "ORDER BY published IS NULL, published, id").fetchall()
    for article_id, outlet, url, published, wire in arts:
        yield from _article_claims(store, names, article_id, outlet, url, published, wire)


def _article_claims(store: Any, names: OutletNames, article_id: str, outlet: str | None,
                    url: str | None, published: str | None, wire: str | None
                    ) -> Iterator[ClaimRef]:
    atts = {r["id"]: (r["source_name"], r["source_kind"]) for r in store.query(
        "SELECT id, source_name, source_kind FROM attributions WHERE article_id = ?",
        (article_id,))}
    figs = {r["id"]: _figure(r) for r in store.query(
        "SELECT * FROM figures WHERE article_id = ?", (article_id,))}
    canon = names.canonical(outlet)
    for row in store.query("SELECT id, text, start, end, chain, stance, figures FROM claims "
                           "WHERE article_id = ? ORDER BY start", (article_id,)):
        chain = tuple(atts[a] for a in json.loads(row["chain"] or "[]")
                      if a in atts and atts[a][0])
        chain = tuple((names.canonical(n) if k == "media" else n, k) for n, k in chain)
        yield make_claim(
            article_id, row["id"], row["text"] or "", chain=chain,
            figures=[figs[f] for f in json.loads(row["figures"] or "[]") if f in figs],
            start=row["start"], end=row["end"], outlet=canon, url=url,
            published=_date(published), wire=wire, stance=row["stance"] or "asserted")
