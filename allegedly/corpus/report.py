"""Cross-article queries over a store: the corpus report.

Every function takes an open :class:`~allegedly.store.db.Store` and returns plain dicts, so the
same data renders in the terminal (:mod:`allegedly.corpus.render`) or as JSON.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

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
    the citing article's own outlet."""
    return store.query(
        "SELECT t.source_name AS name, COUNT(*) AS citations, "
        "COUNT(DISTINCT t.article_id) AS articles, "
        "COUNT(DISTINCT a.outlet) AS citing_outlets, "
        "group_concat(DISTINCT a.outlet) AS cited_by "
        "FROM attributions t JOIN articles a ON a.id = t.article_id "
        "WHERE t.source_kind = 'media' "
        "AND lower(t.source_name) != lower(coalesce(a.outlet, '')) "
        "GROUP BY t.source_id ORDER BY citations DESC, articles DESC, name LIMIT :limit",
        {"limit": limit})


def figure_conflicts(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Figures with the same key (measure | counted | actor | as-of) stated with different
    values by different sources, across articles; each with the article, outlet and source
    of every figure (evidence, never a verdict).

    Only keys that pin the figure down (an actor or an as-of date besides the measure) are
    compared: "killed | people" alone would pair unrelated events.
    """
    rows = store.query(
        "SELECT f.figure_key AS key, f.article_id, f.id AS figure_id, f.text, f.start, f.end, "
        "f.value, f.low, f.high, f.bound, f.unit, "
        "coalesce(f.source_name, a.outlet) AS source, f.source_kind, "
        "a.outlet, a.url, a.published "
        "FROM figures f JOIN articles a ON a.id = f.article_id "
        "WHERE f.figure_key IS NOT NULL AND f.figure_key IN ("
        "  SELECT g.figure_key FROM figures g JOIN articles b ON b.id = g.article_id "
        "  WHERE g.figure_key IS NOT NULL "
        "  AND (coalesce(g.actor, '') != '' OR coalesce(g.as_of, '') != '') "
        "  GROUP BY g.figure_key "
        "  HAVING COUNT(DISTINCT coalesce(g.value, g.low || '-' || g.high)) > 1 "
        "  AND COUNT(DISTINCT coalesce(g.source_id, b.outlet)) > 1 "
        "  AND COUNT(DISTINCT g.article_id) > 1) "
        "ORDER BY f.figure_key, f.value, a.published")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r.pop("key")].append(r)
    out = []
    for key, figs in groups.items():
        values = sorted({f["value"] if f["value"] is not None else (f["low"] or 0) for f in figs})
        measure, counted, actor, as_of = (key.split("|") + ["", "", "", ""])[:4]
        out.append({"key": key, "measure": measure, "counted": counted or None,
                    "actor": actor or None, "as_of": as_of or None,
                    "values": values, "sources": len({f["source"] for f in figs}),
                    "articles": len({f["article_id"] for f in figs}), "figures": figs})
    out.sort(key=lambda g: (-g["sources"], -g["articles"], g["key"]))
    return out[:limit]


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


def corpus_report(store: Store, limit: int = 15) -> dict[str, Any]:
    """Everything ``allegedly report`` shows, as one JSON-able dict."""
    return {
        "db": store.path,
        "totals": totals(store),
        "top_sources": top_sources(store, limit),
        "cited_outlets": cited_outlets(store, limit),
        "figure_conflicts": figure_conflicts(store, limit),
        "copies": copies(store, limit),
        "errors_by_code": errors_by_code(store),
        "not_analysed": not_analysed(store),
    }
