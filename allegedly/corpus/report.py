"""Cross-article queries over a store: the corpus report.

Every function takes an open :class:`~allegedly.store.db.Store` and returns plain dicts, so the
same data renders in the terminal (:mod:`allegedly.report.corpus`) or as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from allegedly import keys
from allegedly.store.db import Store


def totals(store: Store) -> dict[str, int]:
    """Corpus size: articles (analysed / not), locations, copies, records, errors, runs."""
    q = store.count
    return {
        "articles": q("articles"),
        "analysed": q("articles", "status = 'analysed'"),
        "not_analysed": q("articles", "status != 'analysed'"),
        "locations": q("article_locations"),
        "copies": store.conn.execute(
            "SELECT COUNT(*) FROM article_locations l JOIN articles a ON a.id = l.article_id "
            "WHERE l.origin != a.origin").fetchone()[0],
        "outlets": store.conn.execute(
            "SELECT COUNT(DISTINCT outlet) FROM articles").fetchone()[0],
        "sources": q("sources"),
        "attributions": q("attributions"),
        "claims": q("claims"),
        "figures": q("figures"),
        "errors": q("errors"),
        "runs": q("runs"),
    }


# Source names that say nothing about who speaks when the extractor left them unresolved.
UNRESOLVED = ("i", "me", "we", "us", "you", "he", "she", "it", "they", "them", "this", "that",
              "who", "one", "someone")


def top_sources(store: Store, limit: int = 15) -> list[dict[str, Any]]:
    """Named sources by the number of claims they are the direct source of.

    Vague sources ("there are claims") and unresolved pronouns ("I", "they") are left out:
    they are not somebody one could check.
    """
    marks = ", ".join("?" for _ in UNRESOLVED)
    return store.query(
        "SELECT source_name AS name, source_kind AS kind, COUNT(*) AS claims, "
        "COUNT(DISTINCT article_id) AS articles FROM claims WHERE source_id IS NOT NULL "
        "AND source_kind != 'vague' AND length(trim(source_name)) > 1 "
        f"AND lower(trim(source_name)) NOT IN ({marks}) "
        "GROUP BY source_id ORDER BY claims DESC, articles DESC, name LIMIT ?",
        (*UNRESOLVED, limit))


def cited_outlets(store: Store, limit: int = 15) -> list[dict[str, Any]]:
    """Media sources cited by other outlets: attributions whose source is a medium that is not
    the citing article's own outlet.

    Names are folded into one per outlet (:class:`~allegedly.corpus.outlets.OutletNames`:
    "Beacon" and "the Daily Beacon" are one row when the corpus has that outlet), and bare
    common nouns the extractor left unresolved ("paper", "tabloid") are left out: they name no
    outlet one could check.
    """
    from allegedly.corpus.outlets import OutletNames

    names = OutletNames(r["outlet"] for r in store.query("SELECT DISTINCT outlet FROM articles"))
    rows = store.query(
        "SELECT t.source_name AS name, t.article_id, a.outlet "
        "FROM attributions t JOIN articles a ON a.id = t.article_id "
        "WHERE t.source_kind = 'media' AND t.source_name IS NOT NULL")
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        name = names.canonical(r["name"])
        if not name or name.islower() or name == names.canonical(r["outlet"]):
            continue
        row = found.setdefault(name, {"name": name, "citations": 0, "articles": set(),
                                      "cited_by": set()})
        row["citations"] += 1
        row["articles"].add(r["article_id"])
        row["cited_by"].add(r["outlet"] or "-")
    out = [{"name": r["name"], "citations": r["citations"], "articles": len(r["articles"]),
            "citing_outlets": len(r["cited_by"]), "cited_by": ",".join(sorted(r["cited_by"]))}
           for r in found.values()]
    out.sort(key=lambda r: (-r["citations"], -r["articles"], r["name"]))
    return out[:limit]


def figure_conflicts(store: Store, limit: int = 20, window_days: int = 7,
                     ) -> list[dict[str, Any]]:
    """Figures counting the same thing (:mod:`allegedly.keys`: counted group, measure scope,
    actor) around the same time, stated with different values by different sources in
    different articles; each with the article, outlet, source and offsets of every figure
    (evidence, never a verdict).

    "Around the same time": figures are placed at their as-of date (else the article's
    publication date) and split wherever two consecutive dates are more than ``window_days``
    apart, so the same key in unrelated events months apart is not compared.
    """
    rows = store.query(
        "SELECT f.article_id, f.id AS figure_id, f.text, f.start, f.end, f.value, f.low, "
        "f.high, f.bound, f.unit, f.counted, f.measure, f.actor, f.as_of, f.source_id, "
        "coalesce(f.source_name, a.outlet) AS source, f.source_kind, "
        "a.outlet, a.url, a.published "
        "FROM figures f JOIN articles a ON a.id = f.article_id "
        "WHERE f.measure IS NOT NULL AND f.counted IS NOT NULL "
        "ORDER BY a.published, f.article_id, f.start")
    buckets: dict[tuple[str, str, str], list[tuple[dt.date | None, dict[str, Any]]]] = \
        defaultdict(list)
    for r in rows:
        key = keys.figure_key(r["measure"], r["counted"], r["actor"])
        if key is None:
            continue
        actor, group, _family = key
        scope = keys.measure_scope(r["measure"]) or ""
        buckets[(scope, group, actor)].append((_day(r["as_of"]) or _day(r["published"]), r))
    out = []
    for (scope, group, actor), items in buckets.items():
        for cluster in _time_clusters(items, window_days):
            values = {f["value"] if f["value"] is not None else f["low"] for f in cluster}
            sources = {f["source_id"] or f["source"] for f in cluster}
            articles = {f["article_id"] for f in cluster}
            if len(values) < 2 or len(sources) < 2 or len(articles) < 2:
                continue
            days = sorted(str(d) for d in {_day(f["as_of"]) or _day(f["published"])
                                           for f in cluster} if d)
            out.append({
                "key": "|".join((scope, group, actor)) + (f" @{days[0]}" if days else ""),
                "measure": scope, "measures": sorted({f["measure"] for f in cluster}),
                "counted": group, "actor": actor or None,
                "as_of": f"{days[0]}/{days[-1]}" if days else None,
                "values": sorted(v for v in values if v is not None),
                "sources": len(sources), "articles": len(articles),
                "figures": sorted(cluster, key=lambda f: (f["value"] or f["low"] or 0)),
            })
    out.sort(key=lambda g: (-g["sources"], -g["articles"], g["key"]))
    return out[:limit]


def _day(value: str | None) -> dt.date | None:
    """The first day of an ISO date or ``start/end`` window (None if absent or unreadable)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).split("/")[0][:10])
    except ValueError:
        return None


def _time_clusters(items: list[tuple[dt.date | None, dict[str, Any]]], window_days: int,
                   ) -> list[list[dict[str, Any]]]:
    """Split figures into runs of dates no more than ``window_days`` apart; undated figures
    form a run of their own."""
    undated = [r for d, r in items if d is None]
    dated = sorted(((d, r) for d, r in items if d is not None), key=lambda x: x[0])
    clusters: list[list[dict[str, Any]]] = [undated] if undated else []
    last: dt.date | None = None
    for d, r in dated:
        if last is None or (d - last).days > window_days:
            clusters.append([])
        clusters[-1].append(r)
        last = d
    return clusters


def copies(store: Store, limit: int = 15) -> list[dict[str, Any]]:
    """Articles found at more than one location (the same text, re-published)."""
    rows = store.query(
        "SELECT a.id, a.title, a.outlet, COUNT(*) AS locations, "
        "json_group_array(json_object('origin', l.origin, 'url', l.url, 'outlet', l.outlet)) "
        "AS at FROM article_locations l JOIN articles a ON a.id = l.article_id "
        "GROUP BY a.id HAVING COUNT(*) > 1 ORDER BY locations DESC, a.id LIMIT :limit",
        {"limit": limit})
    for r in rows:
        r["at"] = json.loads(r["at"])
    return rows


def errors_by_code(store: Store) -> list[dict[str, Any]]:
    """Errors per code, with an example origin and message."""
    return store.query(
        "SELECT code, COUNT(*) AS count, MIN(origin) AS example_origin, "
        "MIN(message) AS example_message FROM errors GROUP BY code ORDER BY count DESC, code")


def not_analysed(store: Store) -> list[dict[str, Any]]:
    """Articles stored but not analysed, grouped by reason code."""
    return store.query(
        "SELECT substr(coalesce(status_reason, '?'), 1, 4) AS code, COUNT(*) AS count "
        "FROM articles WHERE status != 'analysed' GROUP BY code ORDER BY count DESC")


def linked(store: Store) -> bool:
    """Has ``allegedly link`` run on this store?"""
    return "link_runs" in store.tables() and bool(
        store.count("link_runs", "finished IS NOT NULL"))


def independence_summary(store: Store) -> dict[str, Any]:
    """Claim groups, reports, independent origins, "N reports, 1 origin" groups, comparisons
    by kind (from the corpus tables of the last link run)."""
    row = store.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(reports), 0), COALESCE(SUM(independent_origins), 0), "
        "COALESCE(SUM(one_origin), 0) FROM claim_groups").fetchone()
    kinds = dict(store.conn.execute(
        "SELECT kind, COUNT(*) FROM figure_comparisons GROUP BY kind").fetchall())
    return {"groups": row[0], "reports": row[1], "independent_origins": row[2],
            "one_origin_groups": row[3], "comparisons": kinds}


def corpus_report(store: Store, limit: int = 15) -> dict[str, Any]:
    """Everything ``allegedly report`` shows, as one JSON-able dict.

    On a linked store (``allegedly link``) the figure section holds the classified conflicts
    within claim groups and the report adds the claim groups and their independence; on an
    unlinked one, ``figure_conflicts`` is the same-key-within-7-days grouping of
    :func:`figure_conflicts`.
    """
    out: dict[str, Any] = {
        "db": store.path,
        "totals": totals(store),
        "top_sources": top_sources(store, limit),
        "cited_outlets": cited_outlets(store, limit),
        "linked": linked(store),
    }
    if out["linked"]:
        from allegedly.corpus.views import iter_comparisons, iter_groups

        out["independence"] = independence_summary(store)
        out["claim_groups"] = list(iter_groups(store, limit=limit))
        out["conflicts"] = list(iter_comparisons(store, kinds=("conflict",)))[:limit]
    else:
        out["figure_conflicts"] = figure_conflicts(store, limit)
    out.update(copies=copies(store, limit), errors_by_code=errors_by_code(store),
               not_analysed=not_analysed(store))
    return out
