"""``allegedly link``: link a store's claims into groups, compare their figures, trace their
origins and find copies; write the corpus tables (one transaction for the derived ones).

A *full* run rescores every candidate pair; an *incremental* run (the end of ``allegedly
ingest``) scores only pairs with a claim of an article not linked before, keeps the stored
pairs, and rebuilds groups, comparisons, origins and copies from all of them. People's
decisions (``corrections``) are applied by every run and never changed.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from allegedly.corpus import compare, copies, provenance
from allegedly.corpus.blocking import BlockingOptions
from allegedly.corpus.events import events
from allegedly.corpus.groups import Decision, Group, build_groups, member_id
from allegedly.corpus.linker import Link, LinkStats, link_claims, prepare
from allegedly.corpus.records import ClaimRef, _article_claims, iter_claims, outlet_names
from allegedly.settings import Settings
from allegedly.store import links as store_links
from allegedly.store.db import Store


@dataclass
class LinkResult:
    """What a link run did."""

    run_id: int
    mode: str
    stats: LinkStats
    groups: int
    comparisons: int
    copies: int
    seconds: float
    embedding: str | None = None


def _decisions(store: Store) -> list[Decision]:
    return [Decision(claim=f"{r['article_id']}/{r['claim_id']}",
                     anchor=f"{r['anchor_article']}/{r['anchor_claim']}",
                     decision=r["decision"], by=r["by"], why=r["why"], time=r["time"],
                     id=r["id"]) for r in store_links.corrections(store)]


def _order(store: Store) -> dict[str, tuple]:
    return {f"{a}/{c}": (p or "9999", f"{a}/{c}") for a, c, p in store.conn.execute(
        "SELECT c.article_id, c.id, a.published FROM claims c "
        "JOIN articles a ON a.id = c.article_id")}


def _similarity(store: Store, settings: Settings, names) -> tuple[Any, str | None]:
    if not settings.link_embedding:
        return None, None
    from allegedly.corpus.embedding import VectorCache, default_embedder

    embedder = default_embedder()
    texts = {c.uid: c.text for c in iter_claims(store, names)}
    return VectorCache(embedder, texts).similarity, embedder.model_id


def _link_rows(new_links: list[Link], run_id: int) -> Iterator[dict[str, Any]]:
    for link in new_links:
        (aa, ac), (ba, bc) = link.a.split("/", 1), link.b.split("/", 1)
        yield {"a_article": aa, "a_claim": ac, "b_article": ba, "b_claim": bc,
               "score": link.score, "features": json.dumps(link.features),
               "method": link.method, "link_run": run_id}


def run_link(store: Store, settings: Settings | None = None, *, incremental: bool = False,
             engine: str = "local", jobs: int = 2, scheduler: str | None = None
             ) -> LinkResult:
    """Link the store (see the module docstring) and return what was done. ``engine="dask"``
    scores as one Dask task per time partition (:mod:`allegedly.scale.link_dask`) on
    ``jobs`` worker processes or the cluster at ``scheduler``; the result is the same."""
    settings = settings or Settings()
    started = time.perf_counter()
    names = outlet_names(store)
    linked = {r[0] for r in store.conn.execute("SELECT article_id FROM linked_articles")}
    analysed = {r[0] for r in store.conn.execute(
        "SELECT id FROM articles WHERE status = 'analysed'")}
    new = analysed - linked if incremental else analysed
    mode = "incremental" if incremental else "full"
    options = BlockingOptions(window_days=settings.link_window_days,
                              neighbours=settings.link_neighbours)
    run_id = store_links.start_link_run(store, mode, {
        "suggested": settings.link_suggested, "confirmed": settings.link_confirmed,
        **asdict(options), "embedding": settings.link_embedding})
    stats = LinkStats()
    similarity, model = _similarity(store, settings, names)
    if new:
        found = _score(store, names, settings, options, stats, similarity,
                       new if incremental else None, engine, jobs, scheduler)
        store_links.save_links(store, _link_rows(found, run_id), full=not incremental)
    all_links = [Link(f"{r['a_article']}/{r['a_claim']}", f"{r['b_article']}/{r['b_claim']}",
                      r["score"], method=r["method"]) for r in store_links.iter_links(store)]
    groups = build_groups(all_links, _order(store), suggested=settings.link_suggested,
                          confirmed=settings.link_confirmed, decisions=_decisions(store))
    clusters = find_copies(store, names, settings)
    rows = derived_rows(store, names, groups, clusters, settings, run_id)
    seconds = time.perf_counter() - started
    counters = {"claims": stats.claims, "linkable": stats.linkable,
                "candidates": stats.candidates, "scored": stats.scored, "links": stats.links,
                "groups": len(groups), "comparisons": len(rows["figure_comparisons"]),
                "copies": len(rows["article_copies"]), "embedding": model,
                "seconds": round(seconds, 3)}
    from allegedly.store.corpus_tables import create_corpus_tables

    create_corpus_tables(store.db)  # columns added since the store's migration (event_how)
    store_links.replace_derived(store, run_id, rows, new, counters)
    return LinkResult(run_id, mode, stats, len(groups), len(rows["figure_comparisons"]),
                      len(rows["article_copies"]), seconds, model)


def _score(store: Store, names, settings: Settings, options: BlockingOptions,
           stats: LinkStats, similarity, only: set[str] | None, engine: str, jobs: int,
           scheduler: str | None) -> list[Link]:
    """The scored pairs at or above the suggestion threshold (single process or Dask)."""
    prepared = prepare(iter_claims(store, names))
    if engine != "dask":
        return list(link_claims(iter_claims(store, names), prepared,
                                threshold=settings.link_suggested, options=options,
                                similarity=similarity, stats=stats, only_articles=only))
    from allegedly.scale.link_dask import add_stats, link_spans

    if similarity or only is not None:
        raise ValueError("--engine dask links in full and without the embedding")
    results = link_spans(StoreSource(store.path, options), prepared,
                         threshold=settings.link_suggested, options=options, jobs=jobs,
                         scheduler=scheduler)
    links: list[Link] = []
    for result in results:
        links.extend(result.links)
        add_stats(stats, result.stats)
    return links


class StoreSource:
    """The claims of a store by time partition, read by each Dask task from the store itself
    (:class:`allegedly.scale.link_dask.ClaimSource`; it pickles as the store's path), in the
    order of :func:`~allegedly.corpus.records.iter_claims`."""

    def __init__(self, path: str, options: BlockingOptions) -> None:
        self.path, self.options = path, options

    def _articles(self, store: Store) -> list[tuple]:
        """(id, outlet, url, published, wire) of the analysed articles, as iter_claims orders
        them."""
        has_wire = "wire" in {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
        return store.conn.execute(
            "SELECT id, outlet, url, published" + (", wire" if has_wire else ", NULL")
            + " FROM articles WHERE status = 'analysed' "
            "ORDER BY published IS NULL, published, id").fetchall()

    def _partition(self, published: str | None) -> int:
        from allegedly.corpus.records import _date
        from allegedly.scale.link_dask import UNDATED

        day = _date(published)
        return UNDATED if day is None else day.toordinal() // self.options.partition_days

    def sizes(self) -> dict[int, int]:
        from allegedly.store import open_store

        store = open_store(self.path, readonly=True)
        per_article = dict(store.conn.execute(
            "SELECT article_id, COUNT(*) FROM claims GROUP BY article_id").fetchall())
        out: dict[int, int] = {}
        for article_id, _o, _u, published, _w in self._articles(store):
            if per_article.get(article_id):
                part = self._partition(published)
                out[part] = out.get(part, 0) + per_article[article_id]
        return out

    def claims(self, parts) -> Iterator[ClaimRef]:
        from allegedly.store import open_store

        store = open_store(self.path, readonly=True)
        names = outlet_names(store)
        wanted = set(parts)
        for article_id, outlet, url, published, wire in self._articles(store):
            if self._partition(published) in wanted:
                yield from _article_claims(store, names, article_id, outlet, url, published,
                                           wire)


def _article_info(store: Store, names) -> dict[str, copies.ArticleInfo]:
    out = {}
    for r in store.query("SELECT rowid, id, text, outlet, url, published, wire, origin "
                         "FROM articles WHERE status = 'analysed'"):
        pub = dt.date.fromisoformat(r["published"][:10]) if r["published"] else None
        out[r["id"]] = copies.ArticleInfo(r["id"], r["text"] or "", names.canonical(r["outlet"]),
                                          r["url"], pub, r["wire"], r["origin"], r["rowid"])
    return out


def find_copies(store: Store, names, settings: Settings) -> list[copies.CopyCluster]:
    """Exact copies (other locations) and near-duplicate / wire clusters of the store."""
    from allegedly.corpus.outlets import lexicon_outlet
    from allegedly.lexicons import load

    info = _article_info(store, names)
    agencies = frozenset(r["name"] for r in load("outlets") if r["kind"] == "agency")
    agencies = agencies | {lexicon_outlet(a) or a for a in agencies}
    exact = copies.exact_clusters(info, store.query("SELECT * FROM article_locations"))
    near = copies.near_clusters(copies.near_duplicates(info.values(),
                                                       settings.copy_similarity), agencies)
    return exact + near


def _copy_rows(clusters: list[copies.CopyCluster]) -> list[dict[str, Any]]:
    rows = []
    for c in clusters:
        for m in c.members:
            rows.append({"cluster": c.id, "article_id": m.article.id, "kind": c.kind,
                         "first_article": c.first.id, "similarity": m.similarity,
                         "wire": c.wire, "location": m.location})
    return rows


def _copy_first(clusters: list[copies.CopyCluster]) -> dict[str, str | None]:
    """article id -> the first publisher's outlet, for near copies that are not first."""
    return {m.article.id: c.first.outlet for c in clusters if c.kind != "exact"
            for m in c.members if m.article.id != c.first.id}


def derived_rows(store: Store, names, groups: list[Group],
                 clusters: list[copies.CopyCluster], settings: Settings, run_id: int
                 ) -> dict[str, list[dict[str, Any]]]:
    """Rows of claim_groups, group_members, figure_comparisons and article_copies."""
    claims = _member_claims(store, names, groups)
    singles = _single_claims(store, names, {m.claim for g in groups for m in g.members})
    found = events(groups, claims, threshold=settings.event_threshold, singles=singles)
    event_of = found.event_of
    copy_first = _copy_first(clusters)
    corrections = {r["member_id"]: r["id"] for r in store_links.corrections(store)}
    kinds = provenance.majority_kinds(store.conn.execute(
        "SELECT source_name, source_kind FROM attributions WHERE source_name IS NOT NULL"))
    rows: dict[str, list[dict[str, Any]]] = {"claim_groups": [], "group_members": [],
                                             "figure_comparisons": [],
                                             "article_copies": _copy_rows(clusters)}
    by_event: dict[str, list[ClaimRef]] = {}
    for g in groups:
        live = [claims[m.claim] for m in g.members
                if m.status != "rejected" and m.claim in claims]
        by_event.setdefault(event_of[g.id], []).extend(live)
    for c in singles:
        if c.uid in event_of:  # a single claim that joined an event
            by_event.setdefault(event_of[c.uid], []).append(c)
    comps = []
    for event, members in by_event.items():
        comps.extend(compare.compare_group(event, _unique(members),
                                           revision_days=settings.revision_days))
    _comparison_rows(comps, rows)
    conflicts: dict[str, int] = {}
    for c in comps:
        if c.kind == "conflict":
            for uid in {c.a.claim.uid, c.b.claim.uid}:
                conflicts[uid] = conflicts.get(uid, 0) + 1
    for g in groups:
        _group_rows(g, claims, (copy_first, names.canonical, kinds), run_id, corrections,
                    (event_of[g.id], found.evidence.get(g.id, [])), conflicts, rows)
    return rows


def _unique(claims: list[ClaimRef]) -> list[ClaimRef]:
    seen: dict[str, ClaimRef] = {}
    for c in claims:
        seen.setdefault(c.uid, c)
    return list(seen.values())


def _single_claims(store: Store, names, grouped: set[str]) -> list[ClaimRef]:
    """Claims in no group that state a comparable figure (they may still belong to an event:
    a lone report weeks later revising a toll)."""
    articles = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT article_id FROM figures WHERE measure IS NOT NULL")]
    found = _load_claims(store, names, articles)
    return [c for uid, c in found.items() if uid not in grouped and any(
        f.family for f in c.figures)]


def _member_claims(store: Store, names, groups: list[Group]) -> dict[str, ClaimRef]:
    """The ClaimRefs of every member, loaded article by article."""
    return _load_claims(store, names, sorted({m.claim.split("/", 1)[0] for g in groups
                                              for m in g.members}))


def _load_claims(store: Store, names, articles: list[str]) -> dict[str, ClaimRef]:
    out: dict[str, ClaimRef] = {}
    for aid in articles:
        row = store.query("SELECT outlet, url, published, wire FROM articles WHERE id = ?",
                          (aid,))
        if row:
            r = row[0]
            out.update((c.uid, c) for c in _article_claims(
                store, names, aid, r["outlet"], r["url"], r["published"], r["wire"]))
    return out


def _comparison_rows(comps: list[compare.Comparison], rows: dict[str, list[dict[str, Any]]]
                     ) -> None:
    seq: dict[str, int] = {}
    for c in comps:
        n = seq[c.group] = seq.get(c.group, -1) + 1
        rows["figure_comparisons"].append({
            "group_id": c.group, "seq": n, "key": c.key, "kind": c.kind, "reason": c.reason,
            "a_article": c.a.article_id, "a_figure": c.a.figure.id, "a_claim": c.a.claim.claim_id,
            "a_origin": c.a.origin, "b_article": c.b.article_id, "b_figure": c.b.figure.id,
            "b_claim": c.b.claim.claim_id, "b_origin": c.b.origin})


def _group_rows(g: Group, claims: dict[str, ClaimRef], context, run_id: int,
                corrections: dict[str, int], event: tuple[str, list[dict]],
                conflicts: dict[str, int], rows: dict[str, list[dict[str, Any]]]) -> None:
    """The claim_groups row and group_members rows of one group. ``context``: (article ->
    first publisher of the copy it is, outlet-name canonicaliser, store-wide majority kind per
    source name); ``event``: (event id, the evidence that put the group in it)."""
    copy_first, canonical, kinds = context
    live = [claims[m.claim] for m in g.members if m.status != "rejected" and m.claim in claims]
    origins = provenance.group_origins(live, copy_first, canonical)
    ind = provenance.independence(live, origins, kinds)
    dates = sorted(c.published.isoformat() for c in live if c.published)
    seed = claims.get(g.seed)
    rows["claim_groups"].append({
        "id": g.id, "claim": seed.text if seed else None,
        "seed_article": g.seed.split("/", 1)[0], "seed_claim": g.seed.split("/", 1)[1],
        "reports": ind.reports, "outlets": len({c.outlet for c in live if c.outlet}),
        "outlet_names": json.dumps(sorted({c.outlet for c in live if c.outlet})),
        "independent_origins": ind.independent, "origins": json.dumps(ind.origins),
        "one_origin": int(ind.one_origin), "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None, "members": len(g.members),
        "conflicts": sum(conflicts.get(c.uid, 0) for c in live), "link_run": run_id,
        "event": event[0], "event_how": json.dumps(event[1])})
    for m in g.members:
        mid = member_id(g.id, m.claim)
        found = origins.get(m.claim, [])
        rows["group_members"].append({
            "id": mid, "group_id": g.id, "article_id": m.claim.split("/", 1)[0],
            "claim_id": m.claim.split("/", 1)[1], "status": m.status, "score": m.score,
            "method": m.method, "origins": json.dumps([asdict(o) for o in found]),
            "inherited": int(bool(found) and all(o.inherited for o in found)),
            "correction": m.decision.id if m.decision else corrections.get(mid)})
