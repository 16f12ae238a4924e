"""Read-only queries over a store: what the web app and the REST API show.

:class:`StoreReader` wraps a store opened read-only and answers with plain dicts (JSON-ready):
pages of articles (full-text search, outlet, date range, source kind, measure), one article's
exact analysis, pages of sources, one source with what it claimed and who cites it through
whom, and figures by comparison key. Nothing here writes.

An article stored since schema version 4 carries its exact ``allegedly/1`` analysis in
``articles.analysis``; for older rows the analysis is rebuilt from the tables, with warning
``W601`` saying what is missing.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from allegedly.errors import message
from allegedly.model import ArticleAnalysis
from allegedly.store.db import Store

#: Columns of an ``articles`` row listed in pages (the text and analysis only in one article).
ARTICLE_LIST_COLUMNS = ("id", "url", "outlet", "title", "author", "published", "language",
                        "origin", "input_format", "status", "status_reason", "n_attributions",
                        "n_figures", "n_claims", "run_id")
#: Columns holding JSON text, decoded in every row handed out.
JSON_COLUMNS = ("hedges", "warnings", "chain", "figures", "removed")
#: Source names that say nothing about who speaks (left out of "top sources").
UNRESOLVED = ("i", "me", "we", "us", "you", "he", "she", "it", "they", "them", "this", "that",
              "who", "one", "someone")
MAX_LIMIT = 500
#: Markers around matched words in search snippets (never found in article text).
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True)
class Page:
    """One page of a listing: ``items`` of ``total``, starting at ``offset``."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleFilter:
    """Filters of :meth:`StoreReader.articles` (all optional, combined with AND).

    ``q`` is a full-text search over title and text (every word must occur); dates are
    ``YYYY-MM-DD`` and inclusive; ``source_kind`` and ``measure`` keep articles with at least
    one attribution of that source kind / one figure of that measure.
    """

    q: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source_kind: str | None = None
    measure: str | None = None


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word of ``text`` quoted (so no word is an operator)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.split())


def decode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``row`` with its JSON text columns decoded."""
    out = dict(row)
    for col in JSON_COLUMNS:
        if isinstance(out.get(col), str):
            with contextlib.suppress(ValueError):  # else left as text: written by hand
                out[col] = json.loads(out[col])
    return out


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


class StoreReader:
    """Read-only queries over an open :class:`~allegedly.store.db.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        tables = set(store.db.table_names())
        self.has_fts = "articles_fts" in tables
        cols = {r[1] for r in self.conn.execute("PRAGMA table_info([articles])")}
        self.has_analysis_column = "analysis" in cols

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cur.description]
        return [decode_row(dict(zip(names, r, strict=True))) for r in cur]

    def _scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params)).fetchone()[0]

    # ---- the corpus at a glance ------------------------------------------------------------

    def totals(self) -> dict[str, int]:
        """Row counts: articles (analysed / not), outlets, sources, attributions, … runs."""
        q = self.store.count
        return {
            "articles": q("articles"), "analysed": q("articles", "status = 'analysed'"),
            "not_analysed": q("articles", "status != 'analysed'"),
            "outlets": self._scalar("SELECT COUNT(DISTINCT outlet) FROM articles"),
            "sources": q("sources"), "attributions": q("attributions"), "claims": q("claims"),
            "figures": q("figures"), "errors": q("errors"), "runs": q("runs"),
        }

    def top_sources(self, limit: int = 10) -> list[dict[str, Any]]:
        """Named sources by the number of attributions they speak in (vague ones and
        unresolved pronouns left out: nobody one could check)."""
        marks = ", ".join("?" for _ in UNRESOLVED)
        return self._rows(
            "SELECT source_id AS id, source_name AS name, source_kind AS kind, "
            "COUNT(*) AS attributions, COUNT(DISTINCT article_id) AS articles "
            "FROM attributions WHERE source_id IS NOT NULL AND source_kind != 'vague' "
            f"AND lower(trim(source_name)) NOT IN ({marks}) GROUP BY source_id "
            "ORDER BY attributions DESC, articles DESC, name LIMIT ?", (*UNRESOLVED, limit))

    def top_outlets(self, limit: int = 10) -> list[dict[str, Any]]:
        """Outlets by the number of stored articles."""
        return self._rows(
            "SELECT outlet, COUNT(*) AS articles, SUM(n_claims) AS claims FROM articles "
            "WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet LIMIT ?",
            (limit,))

    def last_run(self, errors: int = 50) -> dict[str, Any] | None:
        """The latest run with (up to ``errors``) of its errors, or None if there is none."""
        runs = self._rows("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
        if not runs:
            return None
        run = runs[0]
        run["error_rows"] = self._rows(
            "SELECT origin, code, message, time FROM errors WHERE run_id = ? ORDER BY id "
            "LIMIT ?", (run["id"], errors))
        return run

    def overview(self) -> dict[str, Any]:
        """Everything the front page shows."""
        return {"totals": self.totals(), "top_sources": self.top_sources(),
                "top_outlets": self.top_outlets(), "last_run": self.last_run(),
                "figure_keys": self.figure_keys(limit=10)}

    def facets(self) -> dict[str, list[str]]:
        """Values the article filters can take: outlets, source kinds, measures."""
        def column(sql: str) -> list[str]:
            return [r[0] for r in self.conn.execute(sql) if r[0]]

        return {
            "outlets": column("SELECT DISTINCT outlet FROM articles ORDER BY outlet"),
            "source_kinds": column("SELECT DISTINCT source_kind FROM attributions "
                                   "ORDER BY source_kind"),
            "measures": column("SELECT DISTINCT measure FROM figures ORDER BY measure"),
        }

    # ---- articles --------------------------------------------------------------------------

    def articles(self, filt: ArticleFilter | None = None, *, limit: int = 20,
                 offset: int = 0) -> Page:
        """A page of articles (newest first; best match first when searching)."""
        filt = filt or ArticleFilter()
        limit, offset = _clamp(limit, offset)
        where, params = self._article_where(filt)
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        total = self._scalar(f"SELECT COUNT(*) FROM articles a{sql_where}", params)
        cols = ", ".join(f"a.[{c}]" for c in ARTICLE_LIST_COLUMNS)
        searching = bool(filt.q and filt.q.split() and self.has_fts)
        if searching:
            sql = (f"SELECT {cols}, snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet "
                   f"FROM articles a JOIN articles_fts ON articles_fts.rowid = a.rowid"
                   f"{sql_where} AND articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?")
            args = [MATCH_START, MATCH_END, *params, fts_query(filt.q or ""), limit, offset]
        else:
            sql = (f"SELECT {cols} FROM articles a{sql_where} "
                   "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?")
            args = [*params, limit, offset]
        return Page(self._rows(sql, args), int(total), limit, offset)

    def _article_where(self, filt: ArticleFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if filt.q and filt.q.split():
            if self.has_fts:
                where.append("a.rowid IN (SELECT rowid FROM articles_fts "
                             "WHERE articles_fts MATCH ?)")
                params.append(fts_query(filt.q))
            else:  # a store without the FTS table: plain substring search
                where.append("(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
                like = "%" + filt.q.replace("\\", "\\\\").replace("%", "\\%") \
                    .replace("_", "\\_") + "%"
                params += [like, like]
        for cond, value in (("a.outlet = ?", filt.outlet),
                            ("substr(a.published, 1, 10) >= ?", filt.date_from),
                            ("substr(a.published, 1, 10) <= ?", filt.date_to)):
            if value:
                where.append(cond)
                params.append(value)
        if filt.source_kind:
            where.append("EXISTS (SELECT 1 FROM attributions t WHERE t.article_id = a.id "
                         "AND t.source_kind = ?)")
            params.append(filt.source_kind)
        if filt.measure:
            where.append("EXISTS (SELECT 1 FROM figures f WHERE f.article_id = a.id "
                         "AND f.measure = ?)")
            params.append(filt.measure)
        return where, params

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One ``articles`` row (decoded; without the ``analysis`` column) or None."""
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        rows[0].pop("analysis", None)
        return rows[0]

    def locations(self, article_id: str) -> list[dict[str, Any]]:
        """Every place the article's text was found (more than one: copies)."""
        return self._rows("SELECT origin, url, outlet, run_id FROM article_locations "
                          "WHERE article_id = ? ORDER BY run_id, origin", (article_id,))

    def analysis_dict(self, article_id: str) -> dict[str, Any] | None:
        """The article's ``allegedly/1`` dict, as ``allegedly analyze --format json`` prints
        it; rebuilt from the tables (with warning W601) for rows stored before schema 4."""
        col = "analysis" if self.has_analysis_column else "NULL AS analysis"
        rows = self._rows(f"SELECT *, {col} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        row = rows[0]
        if row.get("analysis"):
            stored = json.loads(row["analysis"])
            out: dict[str, Any] = {}
            for key, value in stored.items():
                if key == "removed":  # the text goes where to_dict puts it: before "removed"
                    out["text"] = row["text"]
                out[key] = value
            out.setdefault("text", row["text"])
            return out
        return self._rebuilt(row)

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The article's analysis as records (see :meth:`analysis_dict`)."""
        data = self.analysis_dict(article_id)
        return ArticleAnalysis.from_dict(data) if data is not None else None

    def _rebuilt(self, row: dict[str, Any]) -> dict[str, Any]:
        """An ``allegedly/1`` dict from the tables (what they keep of the analysis)."""
        aid = row["id"]
        atts = self._rows("SELECT * FROM attributions WHERE article_id = ? ORDER BY rowid",
                          (aid,))
        figs = self._rows("SELECT * FROM figures WHERE article_id = ? ORDER BY rowid", (aid,))
        claims = self._rows("SELECT * FROM claims WHERE article_id = ? ORDER BY rowid", (aid,))
        rels = self._rows("SELECT * FROM relations WHERE article_id = ? ORDER BY seq", (aid,))
        warnings = list(row.get("warnings") or [])
        if row.get("status") != "analysed" and row.get("status_reason") and not warnings:
            warnings.append({"code": row["status_reason"].split(":", 1)[0],
                             "message": row["status_reason"], "span": None})
        warnings.append({"code": "W601", "message": message("W601"), "span": None})
        return {
            "schema": "allegedly/1", "id": aid,
            **{k: row.get(k) for k in ("url", "outlet", "title", "author", "published",
                                       "language", "origin", "wire", "text")},
            "removed": row.get("removed") or [],
            "attributions": [_attribution_dict(a) for a in atts],
            "figures": [_figure_dict(f) for f in figs],
            "claims": [{"id": c["id"], **_span(c, ""), "chain": c["chain"],
                        "stance": c["stance"], "hedges": c["hedges"], "figures": c["figures"]}
                       for c in claims],
            "relations": [{"kind": r["kind"], "a": r["a"], "b": r["b"], "key": r["key"],
                           "evidence": _span(r, "evidence_") if r["evidence_text"] is not None
                           else None, "note": r["note"]} for r in rels],
            "warnings": warnings,
        }

    # ---- sources ---------------------------------------------------------------------------

    def sources(self, *, q: str | None = None, kind: str | None = None, limit: int = 50,
                offset: int = 0) -> Page:
        """A page of sources with how often they speak, most quoted first."""
        limit, offset = _clamp(limit, offset)
        where, params = [], []
        if q and q.strip():
            where.append("s.name LIKE ? ESCAPE '\\'")
            params.append("%" + q.strip().replace("\\", "\\\\").replace("%", "\\%")
                          .replace("_", "\\_") + "%")
        if kind:
            where.append("s.kind = ?")
            params.append(kind)
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        total = self._scalar(f"SELECT COUNT(*) FROM sources s{sql_where}", params)
        items = self._rows(
            "SELECT s.id, s.name, s.kind, s.description, "
            "(SELECT COUNT(*) FROM attributions t WHERE t.source_id = s.id) AS attributions, "
            "(SELECT COUNT(DISTINCT t.article_id) FROM attributions t "
            " WHERE t.source_id = s.id) AS articles, "
            "(SELECT COUNT(*) FROM figures f WHERE f.source_id = s.id) AS figures "
            f"FROM sources s{sql_where} ORDER BY attributions DESC, figures DESC, s.name "
            "LIMIT ? OFFSET ?", (*params, limit, offset))
        return Page(items, int(total), limit, offset)

    def source(self, source_id: str, *, limit: int = 200) -> dict[str, Any] | None:
        """One source: what it claimed (with the chain above each statement), through whom
        it is cited (routes: publisher ← … ← this source, counted), whom it cites, and the
        figures it stated. None when there is no such source."""
        rows = self._rows("SELECT * FROM sources WHERE id = ?", (source_id,))
        if not rows:
            return None
        src = rows[0]
        statements = self._rows(
            "SELECT t.article_id, t.id, t.parent, t.source_text, t.cue_text, t.cue_lemma, "
            "t.cue_class, t.content_text, t.content_start, t.content_end, t.quote_type, "
            "t.hedges, a.outlet, a.title, a.published, a.url FROM attributions t "
            "JOIN articles a ON a.id = t.article_id WHERE t.source_id = ? "
            "ORDER BY a.published, t.article_id, t.rowid LIMIT ?", (source_id, limit))
        total = self._scalar("SELECT COUNT(*) FROM attributions WHERE source_id = ?",
                             (source_id,))
        links = self._links({s["article_id"] for s in statements})
        routes: Counter[tuple[str, ...]] = Counter()
        cites: Counter[tuple[str | None, str | None, str | None]] = Counter()
        for s in statements:
            chain = _ancestors(links, s["article_id"], s["parent"])
            s["via"] = [{"id": a["source_id"], "name": a["source_name"]} for a in chain]
            routes[(s["outlet"] or "(unknown outlet)",
                    *(a["source_name"] or "(unnamed)" for a in chain))] += 1
        for (art, _), link in links.items():
            parent = links.get((art, link["parent"])) if link["parent"] else None
            if parent is not None and parent["source_id"] == source_id:
                cites[(link["source_id"], link["source_name"], link["source_kind"])] += 1
        figures = self._rows(
            "SELECT f.*, a.outlet, a.published, a.title FROM figures f JOIN articles a "
            "ON a.id = f.article_id WHERE f.source_id = ? ORDER BY f.as_of, a.published "
            "LIMIT ?", (source_id, limit))
        src.update(
            statements=statements, total_statements=int(total),
            cited_through=[{"route": list(r), "count": n} for r, n in routes.most_common()],
            cites=[{"id": i, "name": n, "kind": k, "count": c}
                   for (i, n, k), c in cites.most_common()],
            figures=figures)
        return src

    def _links(self, article_ids: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """Every attribution of these articles, by (article id, attribution id)."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        ids = sorted(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for r in self._rows("SELECT article_id, id, parent, source_id, source_name, "
                                f"source_kind FROM attributions WHERE article_id IN ({marks})",
                                chunk):
                out[(r["article_id"], r["id"])] = r
        return out

    # ---- figures ---------------------------------------------------------------------------

    def figure_keys(self, *, limit: int = 200) -> list[dict[str, Any]]:
        """Comparison keys (``figures.figure_key``) with how many figures, sources and
        articles state one, most stated first."""
        return self._rows(
            "SELECT figure_key AS key, COUNT(*) AS figures, "
            "COUNT(DISTINCT coalesce(source_id, source_name)) AS sources, "
            "COUNT(DISTINCT article_id) AS articles, group_concat(DISTINCT measure) AS measures "
            "FROM figures WHERE figure_key IS NOT NULL GROUP BY figure_key "
            "ORDER BY figures DESC, key LIMIT ?", (limit,))

    def figures(self, *, key: str | None = None, measure: str | None = None,
                outlet: str | None = None, source_id: str | None = None,
                date_from: str | None = None, date_to: str | None = None,
                limit: int = 100, offset: int = 0) -> Page:
        """A page of figures with their article's outlet, date and title, ordered by as-of
        date (the publication date when the figure has none). Dates filter that day."""
        limit, offset = _clamp(limit, offset)
        day = "substr(coalesce(f.as_of, a.published), 1, 10)"
        where, params = [], []
        for cond, value in (("f.figure_key = ?", key), ("f.measure = ?", measure),
                            ("a.outlet = ?", outlet), ("f.source_id = ?", source_id),
                            (f"{day} >= ?", date_from), (f"{day} <= ?", date_to)):
            if value:
                where.append(cond)
                params.append(value)
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM figures f JOIN articles a ON a.id = f.article_id{sql_where}"
        total = self._scalar(f"SELECT COUNT(*) {base}", params)
        items = self._rows(f"SELECT f.*, a.outlet, a.published, a.title {base} "
                           f"ORDER BY {day}, a.id, f.rowid LIMIT ? OFFSET ?",
                           (*params, limit, offset))
        return Page(items, int(total), limit, offset)


# ---- helpers ---------------------------------------------------------------------------------


def _ancestors(links: Mapping[tuple[str, str], dict[str, Any]], article_id: str,
               parent: str | None) -> list[dict[str, Any]]:
    """The attributions above one (outermost first), following ``parent`` (cycle-safe)."""
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    while parent is not None and parent not in seen and (article_id, parent) in links:
        seen.add(parent)
        link = links[(article_id, parent)]
        chain.append(link)
        parent = link["parent"]
    return chain[::-1]


def _span(row: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {"start": row[f"{prefix}start"], "end": row[f"{prefix}end"],
            "text": row[f"{prefix}text"]}


def _attribution_dict(a: Mapping[str, Any]) -> dict[str, Any]:
    source = None if a["source_kind"] is None else {
        **_span(a, "source_"), "name": a["source_name"], "kind": a["source_kind"],
        "description": a["source_description"], "resolved_from": None}
    cue = None if a["cue_text"] is None else {
        **_span(a, "cue_"), "lemma": a["cue_lemma"], "class": a["cue_class"]}
    act = {"act": a["act"], "act_method": a.get("act_method")} if a.get("act") else {}
    via = {"via": {**_span(a, "via_"), "name": a["via_name"], "kind": "media"}} \
        if a.get("via_name") else {}
    return {"id": a["id"], "parent": a["parent"], "source": source, "cue": cue,
            "content": _span(a, "content_"), "quote": a["quote_type"], "hedges": a["hedges"],
            **act, **via}


def _figure_dict(f: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("value", "low", "high", "bound", "change", "unit", "counted", "measure", "actor")
    return {**_span(f, ""), "id": f["id"], **{k: f[k] for k in keys}, "time": None,
            "as_of": f["as_of"], "attribution": f["attribution"], "warnings": f["warnings"]}
