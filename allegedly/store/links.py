"""Reading and writing the corpus tables (:mod:`allegedly.store.corpus_tables`).

:func:`replace_derived` rewrites the derived tables of one link run in ONE transaction;
:func:`add_correction` appends a person's decision (the only writer of ``corrections``, which no
run ever changes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from allegedly.errors import StoreError
from allegedly.store.corpus_tables import CORPUS_COLUMNS, DERIVED
from allegedly.store.db import Store, now


def _insert(store: Store, table: str, rows: Iterable[Mapping[str, Any]],
            replace: bool = False) -> int:
    cols = list(CORPUS_COLUMNS[table])
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    sql = (f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
           f"VALUES ({', '.join('?' for _ in cols)})")
    cur = store.conn.executemany(sql, [tuple(r.get(c) for c in cols) for r in rows])
    return max(cur.rowcount, 0)


def start_link_run(store: Store, mode: str, settings: Mapping[str, Any]) -> int:
    """Record a link run; return its id."""
    cur = store.conn.execute("INSERT INTO link_runs (started, mode, settings) VALUES (?, ?, ?)",
                             (now(), mode, json.dumps(dict(settings))))
    return int(cur.lastrowid)


def save_links(store: Store, links: Iterable[Mapping[str, Any]], *, full: bool) -> int:
    """Store scored pairs (a full run first drops the old ones); one transaction."""
    try:
        store.conn.execute("BEGIN IMMEDIATE")
        if full:
            store.conn.execute("DELETE FROM claim_links WHERE method = 'score'")
        n = _insert(store, "claim_links", links, replace=True)
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise
    return n


def iter_links(store: Store) -> Iterable[dict[str, Any]]:
    """Every stored pair."""
    yield from store.db.query("SELECT * FROM claim_links")


def replace_derived(store: Store, run_id: int, rows: Mapping[str, list[dict[str, Any]]],
                    linked: Iterable[str], counters: Mapping[str, Any]) -> None:
    """Replace groups, members, comparisons and copies with ``rows``; mark ``linked``
    articles; finish the run row. ONE transaction: readers see the old or the new state."""
    try:
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            for table in DERIVED:
                store.conn.execute(f"DELETE FROM [{table}]")
            for table in reversed(DERIVED):
                _insert(store, table, rows.get(table) or [])
            _insert(store, "linked_articles",
                    [{"article_id": a, "link_run": run_id} for a in linked])
            sets = ", ".join(f"[{k}] = ?" for k in counters)
            store.conn.execute(f"UPDATE link_runs SET finished = ?, {sets} WHERE id = ?",
                               (now(), *counters.values(), run_id))
            store.conn.execute("COMMIT")
        except BaseException:
            store.conn.execute("ROLLBACK")
            raise
    except Exception as exc:
        if isinstance(exc, StoreError):
            raise
        raise StoreError("E302", detail=f"{store.path}: {exc}") from exc


def corrections(store: Store) -> list[dict[str, Any]]:
    """Every decision, oldest first."""
    return store.query("SELECT * FROM corrections ORDER BY time, id")


def member(store: Store, member_id: str) -> dict[str, Any] | None:
    """A group member row joined with its group's seed (None if unknown)."""
    rows = store.query(
        "SELECT m.*, g.seed_article, g.seed_claim FROM group_members m "
        "JOIN claim_groups g ON g.id = m.group_id WHERE m.id = ?", (member_id,))
    return rows[0] if rows else None


def add_correction(store: Store, member_row: Mapping[str, Any], decision: str,
                   by: str | None, why: str | None) -> int:
    """Append a decision about a member (anchored on its group's seed); return its id."""
    if decision not in ("confirm", "reject"):
        raise ValueError(f"decision must be confirm or reject, not {decision!r}")
    cur = store.conn.execute(
        "INSERT INTO corrections (member_id, group_id, article_id, claim_id, anchor_article, "
        "anchor_claim, decision, by, why, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (member_row["id"], member_row["group_id"], member_row["article_id"],
         member_row["claim_id"], member_row["seed_article"], member_row["seed_claim"],
         decision, by, why, now()))
    return int(cur.lastrowid)
