"""Read the corpus layer for the web app: claim groups, figure comparisons, corrections.

The records are those of :mod:`allegedly.corpus.views` (what ``allegedly groups`` and
``allegedly conflicts --format jsonl`` print); this module adds what a web page needs on top:
filtering and paging in SQL, the claim sentence around each compared figure (its evidence in
context), the groups a source speaks in, and the corrections layer (who decided what, when,
why). A store that was never linked raises ``AllegedlyError("E503")`` (answered as a 503).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allegedly.corpus import views
from allegedly.errors import AllegedlyError
from allegedly.store.db import Store
from allegedly.store.read import MAX_LIMIT, Page

KINDS = ("consistent", "update", "revision", "scope", "conflict")
#: How far around a compared figure its claim sentence is shown (characters each side).
CONTEXT_CHARS = 240


@dataclass(frozen=True)
class GroupFilter:
    """What ``/groups`` and ``GET /api/groups`` filter on (every field optional)."""

    q: str | None = None  # words in the group's claim or a member's text
    outlet: str | None = None  # an outlet among the group's reports
    one_origin: bool = False  # only "N reports, 1 origin"
    min_reports: int = 2


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


class CorpusReader:
    """Corpus queries over an open store (read-only: :func:`decide` is the one writer)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def linked(self) -> bool:
        """Whether ``allegedly link`` has finished on this store at least once."""
        try:
            views.require_linked(self.store)
        except AllegedlyError:
            return False
        return True

    def require_linked(self) -> None:
        views.require_linked(self.store)

    def overview(self) -> dict[str, Any]:
        """What ``/`` shows of the corpus layer (``linked`` False and nothing else when the
        store was never linked)."""
        if not self.linked:
            return {"linked": False, "conflicts": [], "groups": [], "kinds": {}}
        return {"linked": True, "conflicts": self.recent_conflicts(5),
                "groups": self.groups(GroupFilter(), limit=5).items,
                "kinds": self.kind_counts(),
                "one_origin": self.groups(GroupFilter(one_origin=True), limit=1).total}

    def _group_where(self, filt: GroupFilter) -> tuple[str, list[Any]]:
        where, params = ["g.reports >= ?"], [filt.min_reports]
        if filt.one_origin:
            where.append("g.one_origin = 1")
        if filt.outlet:
            where.append("EXISTS (SELECT 1 FROM json_each(g.outlet_names) o "
                         "WHERE o.value = ?)")
            params.append(filt.outlet)
        for word in (filt.q or "").split():
            like = f"%{word}%"
            where.append("(g.claim LIKE ? OR EXISTS (SELECT 1 FROM group_members m JOIN claims c"
                         " ON c.article_id = m.article_id AND c.id = m.claim_id "
                         "WHERE m.group_id = g.id AND c.text LIKE ?))")
            params += [like, like]
        return " WHERE " + " AND ".join(where), params

    def groups(self, filt: GroupFilter | None = None, *, limit: int = 20, offset: int = 0
               ) -> Page:
        """A page of group records, most reported first (``allegedly groups`` order)."""
        self.require_linked()
        filt = filt or GroupFilter()
        limit, offset = _clamp(limit, offset)
        where, params = self._group_where(filt)
        total = self.store.conn.execute(f"SELECT COUNT(*) FROM claim_groups g{where}",
                                        params).fetchone()[0]
        rows = self.store.query(f"SELECT g.* FROM claim_groups g{where} ORDER BY g.reports "
                                "DESC, g.first_seen, g.id LIMIT ? OFFSET ?",
                                (*params, limit, offset))
        return Page([views.group_record(self.store, g) for g in rows], int(total), limit,
                    offset)

    def group(self, group_id: str) -> dict[str, Any] | None:
        """One group record with the decisions about its members (None if unknown)."""
        self.require_linked()
        rows = self.store.query("SELECT * FROM claim_groups WHERE id = ?", (group_id,))
        if not rows:
            return None
        record = views.group_record(self.store, rows[0])
        decisions = self.corrections(member_ids=[m["id"] for m in record["members"]])
        for m in record["members"]:
            m["decisions"] = [d for d in decisions if d["member_id"] == m["id"]]
        return record

    def _comparison_where(self, kinds: Iterable[str], key: str | None, group: str | None
                          ) -> tuple[str, list[Any]]:
        where, params = [], []
        kinds = tuple(kinds)
        if kinds:
            where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
            params += list(kinds)
        if group:
            where.append("group_id = (SELECT coalesce(event, id) FROM claim_groups "
                         "WHERE id = ?)")
            params.append(group)
        if key:
            where.append("key = ?")
            params.append(key)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def comparisons(self, *, kinds: Iterable[str] = (), key: str | None = None,
                    group: str | None = None, limit: int = 50, offset: int = 0,
                    context: bool = False) -> Page:
        """A page of comparison records (``allegedly conflicts`` order); with ``context``
        each side gains ``context``: its claim sentence split around the figure."""
        self.require_linked()
        kinds = tuple(kinds)
        limit, offset = _clamp(limit, offset)
        where, params = self._comparison_where(kinds, key, group)
        total = self.store.conn.execute(f"SELECT COUNT(*) FROM figure_comparisons{where}",
                                        params).fetchone()[0]
        items = list(itertools.islice(
            views.iter_comparisons(self.store, kinds=kinds, group=group, key=key),
            offset, offset + limit))
        if context:
            for c in items:
                c["a"]["context"] = self.figure_context(c["a"])
                c["b"]["context"] = self.figure_context(c["b"])
        return Page(items, int(total), limit, offset)

    def kind_counts(self, key: str | None = None, group: str | None = None
                    ) -> dict[str, int]:
        """How many comparisons of each kind (every kind listed, zeros too)."""
        self.require_linked()
        where, params = self._comparison_where((), key, group)
        found = dict(self.store.conn.execute(
            f"SELECT kind, COUNT(*) FROM figure_comparisons{where} GROUP BY kind",
            params).fetchall())
        return {k: int(found.get(k, 0)) for k in KINDS}

    def comparison_keys(self) -> list[str]:
        self.require_linked()
        return [r[0] for r in self.store.conn.execute(
            "SELECT key FROM figure_comparisons GROUP BY key ORDER BY COUNT(*) DESC, key")]

    def recent_conflicts(self, limit: int = 5) -> list[dict[str, Any]]:
        """The conflicts whose later figure was published last (with context)."""
        rows = self.store.conn.execute(
            "SELECT c.group_id, c.key, c.a_article, c.a_figure, c.b_article, c.b_figure "
            "FROM figure_comparisons c LEFT JOIN articles a ON a.id = c.a_article "
            "LEFT JOIN articles b ON b.id = c.b_article WHERE c.kind = 'conflict' ORDER BY "
            "max(coalesce(a.published, ''), coalesce(b.published, '')) DESC, c.group_id, "
            "c.seq LIMIT ?", (limit,)).fetchall()
        return self._records([((g, k), (aa, af, ba, bf)) for g, k, aa, af, ba, bf in rows],
                             kinds=("conflict",))

    def comparisons_of_figures(self, figures: Iterable[tuple[str, str]]
                               ) -> list[dict[str, Any]]:
        """Every comparison (any kind) one of whose sides is one of these
        ``(article_id, figure_id)`` pairs, with context."""
        wanted = set(figures)
        if not wanted or not self.linked:
            return []
        rows = [((g, k), (aa, af, ba, bf)) for g, k, aa, af, ba, bf in self.store.conn.execute(
            "SELECT group_id, key, a_article, a_figure, b_article, b_figure "
            "FROM figure_comparisons ORDER BY group_id, seq")
            if (aa, af) in wanted or (ba, bf) in wanted]
        return self._records(rows, kinds=())

    def _records(self, rows: list[tuple[tuple[str, str], tuple[str, str, str, str]]],
                 kinds: tuple[str, ...]) -> list[dict[str, Any]]:
        """The view records of these comparison rows (``((event, key), (a_article,
        a_figure, b_article, b_figure))``), in the rows' order, each side with context.
        Read per (event, key) through :func:`views.iter_comparisons`, so only those rows'
        figures are looked up."""
        found: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for event, key in dict.fromkeys(r[0] for r in rows):
            for c in views.iter_comparisons(self.store, kinds=kinds, group=event, key=key):
                found.setdefault((c["a"]["article"], c["a"]["figure"], c["b"]["article"],
                                  c["b"]["figure"]), c)
        out = [found[sides] for _, sides in rows if sides in found]
        for c in out:
            c["a"]["context"] = self.figure_context(c["a"])
            c["b"]["context"] = self.figure_context(c["b"])
        return out

    def figure_context(self, side: dict[str, Any]) -> dict[str, str]:
        """``{"before", "figure", "after"}``: the figure's claim sentence (else the text
        around it) split at the figure's offsets, so a page can mark the evidence span."""
        start, end = side.get("start"), side.get("end")
        if start is None or end is None:
            return {"before": "", "figure": side.get("text") or "", "after": ""}
        rows = self.store.query("SELECT text, start, end FROM claims WHERE article_id = ? "
                                "AND start <= ? AND end >= ? ORDER BY end - start LIMIT 1",
                                (side["article"], start, end))
        if rows and rows[0]["text"] and rows[0]["start"] is not None:
            text, base = rows[0]["text"], rows[0]["start"]
        else:
            text = self._article_text(side["article"])
            base = max(0, start - CONTEXT_CHARS)
            text = text[base:end + CONTEXT_CHARS]
        i, j = start - base, end - base
        if not (0 <= i <= j <= len(text)):
            return {"before": "", "figure": side.get("text") or "", "after": ""}
        return {"before": text[:i], "figure": text[i:j], "after": text[j:]}

    def _article_text(self, article_id: str) -> str:
        rows = self.store.query("SELECT text FROM articles WHERE id = ?", (article_id,))
        return (rows[0]["text"] or "") if rows else ""

    def source_groups(self, source_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """Groups (summary rows) with a member claim this source made."""
        if not self.linked:
            return []
        return self.store.query(
            "SELECT g.id, g.claim, g.reports, g.independent_origins, g.one_origin, "
            "g.conflicts, COUNT(DISTINCT m.id) AS statements FROM claim_groups g "
            "JOIN group_members m ON m.group_id = g.id JOIN claims c ON c.article_id = "
            "m.article_id AND c.id = m.claim_id WHERE c.source_id = ? AND m.status != "
            "'rejected' GROUP BY g.id ORDER BY g.reports DESC, g.id LIMIT ?",
            (source_id, limit))

    def corrections(self, *, member_ids: Iterable[str] | None = None, limit: int = 500
                    ) -> list[dict[str, Any]]:
        """People's decisions, newest first (only these members' when given)."""
        if "corrections" not in self.store.tables():
            return []
        if member_ids is None:
            return self.store.query("SELECT * FROM corrections ORDER BY time DESC, id DESC "
                                    "LIMIT ?", (limit,))
        ids = list(member_ids)
        if not ids:
            return []
        return self.store.query(
            f"SELECT * FROM corrections WHERE member_id IN ({', '.join('?' for _ in ids)}) "
            "ORDER BY time DESC, id DESC", ids)


__all__ = ["KINDS", "CorpusReader", "GroupFilter"]
