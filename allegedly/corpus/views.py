"""Read the corpus tables back as JSON-able dicts: what ``allegedly groups``, ``conflicts``,
``figures KEY``, ``copies`` and the web app show (one function per view)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from allegedly.errors import AllegedlyError
from allegedly.store.db import Store

_FIGURE_FIELDS = ("value", "low", "high", "bound", "measure", "counted", "as_of", "text",
                  "start", "end")


def require_linked(store: Store) -> None:
    """E503 when the store has no corpus tables or was never linked."""
    if "link_runs" not in store.tables() or not store.count("link_runs", "finished IS NOT NULL"):
        raise AllegedlyError("E503", detail=store.path)


def _names(store: Store):
    from allegedly.corpus.records import outlet_names

    cached = getattr(store, "_outlet_names", None)
    if cached is None:
        cached = outlet_names(store)
        store._outlet_names = cached
    return cached


def _members(store: Store, group_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT m.id, m.article_id AS article, m.claim_id AS claim, m.status, m.score, "
        "m.method, m.origins, m.inherited, a.url, a.outlet, a.published, c.text, "
        "c.chain_text AS chain FROM group_members m "
        "JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN claims c ON c.article_id = m.article_id AND c.id = m.claim_id "
        "WHERE m.group_id = ? ORDER BY a.published, m.article_id, m.claim_id", (group_id,))
    names = _names(store)
    for r in rows:
        r["outlet"] = names.canonical(r["outlet"])
        r["origins"] = json.loads(r["origins"] or "[]")
        r["inherited"] = bool(r["inherited"])
    return rows


def iter_groups(store: Store, *, min_reports: int = 2, one_origin: bool = False,
                limit: int | None = None) -> Iterator[dict[str, Any]]:
    """One dict per claim group, most reported first (see docs/corpus.md for the fields)."""
    require_linked(store)
    sql = ("SELECT * FROM claim_groups WHERE reports >= ?" + (" AND one_origin = 1"
           if one_origin else "") + " ORDER BY reports DESC, first_seen, id")
    params: tuple = (min_reports,)
    if limit:
        sql += " LIMIT ?"
        params += (limit,)
    for g in store.query(sql, params):
        yield group_record(store, g)


def group_record(store: Store, g: dict[str, Any]) -> dict[str, Any]:
    """The view of one ``claim_groups`` row (what ``iter_groups`` yields for it)."""
    return {"group": g["id"], "claim": g["claim"], "reports": g["reports"],
            "outlets": json.loads(g["outlet_names"] or "[]"),
            "independent_origins": g["independent_origins"],
            "origins": json.loads(g["origins"] or "[]"),
            "one_origin": bool(g["one_origin"]), "first_seen": g["first_seen"],
            "last_seen": g["last_seen"], "conflicts": g["conflicts"], "event": g["event"],
            "event_how": json.loads(g.get("event_how") or "[]"),
            "members": _members(store, g["id"])}


def _figure(store: Store, article: str, figure: str, claim: str, origin: str
            ) -> dict[str, Any]:
    rows = store.query(
        "SELECT f.*, a.outlet, a.url, a.published FROM figures f "
        "JOIN articles a ON a.id = f.article_id WHERE f.article_id = ? AND f.id = ?",
        (article, figure))
    f = rows[0] if rows else {}
    out = {k: f.get(k) for k in _FIGURE_FIELDS}
    out.update(source=origin, source_name=f.get("source_name"),
               outlet=_names(store).canonical(f.get("outlet")),
               article=article, figure=figure, claim=claim, url=f.get("url"),
               published=f.get("published"))
    return out


def iter_comparisons(store: Store, *, kinds: tuple[str, ...] = ("conflict",),
                     group: str | None = None, key: str | None = None
                     ) -> Iterator[dict[str, Any]]:
    """One dict per classified figure comparison of the given kinds."""
    require_linked(store)
    where, params = [], []
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params += list(kinds)
    if group:  # the comparisons of the group's event
        where.append("group_id = (SELECT coalesce(event, id) FROM claim_groups WHERE id = ?)")
        params.append(group)
    if key:
        where.append("key = ?")
        params.append(key)
    sql = "SELECT * FROM figure_comparisons" + (" WHERE " + " AND ".join(where)
                                                 if where else "") + " ORDER BY group_id, seq"
    for c in store.query(sql, params):
        yield {"event": c["group_id"], "key": c["key"], "kind": c["kind"],
               "reason": c["reason"],
               "a": _figure(store, c["a_article"], c["a_figure"], c["a_claim"], c["a_origin"]),
               "b": _figure(store, c["b_article"], c["b_figure"], c["b_claim"], c["b_origin"])}


def figure_timeline(store: Store, key: str) -> list[dict[str, Any]]:
    """Every stored figure on ``key`` — a corpus key as in ``allegedly conflicts``
    (``troops|fatal``, ``people|fatal|russian``) or a ``figures.figure_key``
    (``russian|troops|fatal``) — by publication date, as-of date and source, each with its
    article, outlet and offsets (the Russian-losses figures of the seed article side by side).
    A figure that states no counted thing (``*``) is listed under every counted group of its
    family, and a key without a side lists the figures of every side."""
    from allegedly.corpus.records import FigureRef, figure_parts

    rows = []
    for f in store.query("SELECT article_id, id, measure, counted, actor, figure_key "
                         "FROM figures WHERE measure IS NOT NULL"):
        parts = figure_parts(f["measure"], f["counted"], f["actor"])
        probe = FigureRef("", "", "", 0, 0, None, None, None, "exact", None, None, None, None,
                          **parts)
        wild = probe.key and probe.group == "*" and key.split("|")[1:2] == [parts["family"]]
        sided = bool(probe.key) and probe.key.startswith(key + "|")  # any side
        if key in (probe.key, f["figure_key"]) or wild or sided:
            rows.append(_figure(store, f["article_id"], f["id"], "", f.get("source_name") or ""))
    return sorted(rows, key=lambda f: (f["published"] or "", f["as_of"] or "",
                                       f["source_name"] or "", f["article"], f["start"] or 0))


def iter_copies(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per copy cluster, first publisher first."""
    require_linked(store)
    clusters: dict[str, list[dict[str, Any]]] = {}
    for r in store.query(
            "SELECT k.*, coalesce(l.outlet, a.outlet) AS outlet, coalesce(l.url, a.url) AS url, "
            "a.published, a.title FROM article_copies k JOIN articles a ON a.id = k.article_id "
            "LEFT JOIN article_locations l ON l.article_id = k.article_id "
            "AND l.origin = k.location ORDER BY k.cluster, a.published, k.location"):
        clusters.setdefault(r["cluster"], []).append(r)
    for cid, rows in clusters.items():
        first = next(r for r in rows if r["article_id"] == r["first_article"]
                     and not r["location"])
        yield {"cluster": cid, "kind": rows[0]["kind"], "wire": rows[0]["wire"],
               "first": {"article": first["article_id"], "outlet": first["outlet"],
                         "url": first["url"], "published": first["published"],
                         "title": first["title"]},
               "members": [{"article": r["article_id"], "outlet": _names(store).canonical(
                   r["outlet"]), "url": r["url"],
                            "published": r["published"], "similarity": r["similarity"],
                            "location": r["location"] or None} for r in rows]}
