"""The SQLite store: opening (WAL, foreign keys, migrations), the single writer, readers.

There is exactly one writer per store: the process that runs ``allegedly ingest``. Each call of
:meth:`Store.write` is ONE transaction holding whole articles (the article, its locations,
sources, attributions, figures, claims, relations), the errors of the batch and the run's
progress counters, so a killed ingest never leaves half an article behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from allegedly import __version__
from allegedly.errors import StoreError
from allegedly.model import ArticleAnalysis
from allegedly.store.schema import SCHEMA_VERSION, migrate
from allegedly.store.tables import (
    COLUMNS,
    Copy,
    Failure,
    result_rows,
)

# tables written with INSERT OR IGNORE, in foreign-key order
_WRITE_ORDER = ("sources", "articles", "article_locations", "attributions", "figures",
                "claims", "relations", "errors")
_COUNTERS = ("articles_read", "articles_analysed", "articles_not_analysed", "duplicates",
             "already_stored", "errors")


def now() -> str:
    """UTC timestamp used in the store (ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An allegedly corpus store (one SQLite file). Use :func:`open_store` to get one."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError("E303", detail=self.path)
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       isolation_level=None, check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=30,
                                       check_same_thread=False)
            self.conn = conn
            self.db = sqlite_utils.Database(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            found = migrate(self.db, self.path) if not readonly else None
            if readonly:
                from allegedly.store.schema import current_version

                found = current_version(self.db)
                if found > SCHEMA_VERSION:
                    raise StoreError("E301", detail=self.path, found=found,
                                     expected=SCHEMA_VERSION)
            self.version_before = found
        except sqlite3.DatabaseError as exc:
            raise StoreError("E302", detail=f"{self.path}: {exc}") from exc
        self._insert_sql = {
            t: "INSERT OR IGNORE INTO [{}] ({}) VALUES ({})".format(
                t, ", ".join(f"[{c}]" for c in COLUMNS[t]), ", ".join("?" for _ in COLUMNS[t]))
            for t in _WRITE_ORDER
        }

    # ---- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- runs ------------------------------------------------------------------------------

    def start_run(self, *, inputs: Iterable[str], options: Mapping[str, Any], engine: str,
                  jobs: int) -> int:
        """Record a new run (status ``running``) and return its id."""
        cur = self.conn.execute(
            "INSERT INTO runs (started, status, engine, jobs, inputs, options, version, "
            + ", ".join(_COUNTERS) + ") VALUES (?, 'running', ?, ?, ?, ?, ?"
            + ", 0" * len(_COUNTERS) + ")",
            (now(), engine, jobs, json.dumps(list(inputs)), json.dumps(dict(options)),
             __version__))
        return int(cur.lastrowid)

    def unfinished_run(self) -> dict[str, Any] | None:
        """The most recent run that did not finish (killed or interrupted), if any."""
        rows = list(self.db.query(
            "SELECT * FROM runs WHERE status != 'finished' ORDER BY id DESC LIMIT 1"))
        return rows[0] if rows else None

    def resume_run(self, run_id: int) -> None:
        """Mark an unfinished run as running again."""
        self.conn.execute("UPDATE runs SET status = 'running', finished = NULL WHERE id = ?",
                          (run_id,))

    def finish_run(self, run_id: int, status: str = "finished") -> dict[str, Any]:
        """Recount the run's totals from the tables, set its status and return the row."""
        q = self.conn.execute
        analysed = q("SELECT COUNT(*) FROM articles WHERE run_id = ? AND status = 'analysed'",
                     (run_id,)).fetchone()[0]
        not_analysed = q("SELECT COUNT(*) FROM articles WHERE run_id = ? "
                         "AND status != 'analysed'", (run_id,)).fetchone()[0]
        dups = q("SELECT COUNT(*) FROM article_locations l JOIN articles a "
                 "ON a.id = l.article_id WHERE l.run_id = ? AND l.origin != a.origin",
                 (run_id,)).fetchone()[0]
        errors = q("SELECT COUNT(*) FROM errors WHERE run_id = ?", (run_id,)).fetchone()[0]
        q("UPDATE runs SET status = ?, finished = ?, articles_analysed = ?, "
          "articles_not_analysed = ?, duplicates = ?, errors = ? WHERE id = ?",
          (status, now(), analysed, not_analysed, dups, errors, run_id))
        return self.run(run_id)

    def run(self, run_id: int) -> dict[str, Any]:
        """The ``runs`` row of ``run_id``."""
        return self.db["runs"].get(run_id)

    # ---- the writer ------------------------------------------------------------------------

    def write(self, run_id: int, items: Iterable[ArticleAnalysis | Failure | Copy], *,
              read: int = 0, already_stored: int = 0) -> dict[str, int]:
        """Write a batch in ONE transaction and return the rows it added per table.

        ``items``: analyses (stored ``analysed``, or ``not_analysed`` when the analyser said
        so), failures (an ``errors`` row, plus the article as ``not_analysed`` when it was
        read) and copies of stored articles (a location row only). ``read`` and
        ``already_stored`` are added to the run's progress counters in the same transaction.
        """
        rows, counts = result_rows(items, run_id, now())
        counts.update(articles_read=read, already_stored=already_stored)
        return self.write_rows(run_id, rows, counts)

    def write_rows(self, run_id: int | None, rows: Mapping[str, list[dict[str, Any]]],
                   counts: Mapping[str, int] | None = None) -> dict[str, int]:
        """Insert prepared table rows (see :mod:`allegedly.store.tables`) in ONE transaction."""
        added: dict[str, int] = {}
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for table in _WRITE_ORDER:
                    batch = rows.get(table) or []
                    if not batch:
                        continue
                    cols = list(COLUMNS[table])
                    cur = self.conn.executemany(self._insert_sql[table],
                                                [tuple(r.get(c) for c in cols) for r in batch])
                    added[table] = max(cur.rowcount, 0)
                described = [(r["description"], r["id"]) for r in rows.get("sources") or []
                             if r.get("description")]
                if described:
                    self.conn.executemany("UPDATE sources SET description = ? "
                                          "WHERE id = ? AND description IS NULL", described)
                if counts and run_id is not None:
                    sets = ", ".join(f"{c} = {c} + ?" for c in _COUNTERS)
                    self.conn.execute(f"UPDATE runs SET {sets} WHERE id = ?",
                                      (*(int(counts.get(c, 0)) for c in _COUNTERS), run_id))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise StoreError("E302", detail=f"{self.path}: {exc}") from exc
        return added

    # ---- readers ---------------------------------------------------------------------------

    def article_ids(self) -> set[str]:
        """Ids of all stored articles."""
        return {r[0] for r in self.conn.execute("SELECT id FROM articles")}

    def origins(self) -> set[str]:
        """Every origin (file, URL, record) an article was stored from."""
        return {r[0] for r in self.conn.execute("SELECT origin FROM article_locations")}

    def count(self, table: str, where: str = "", params: Iterable[Any] = ()) -> int:
        """Row count of ``table`` (optionally filtered by a SQL ``where`` clause)."""
        sql = f"SELECT COUNT(*) FROM [{table}]" + (f" WHERE {where}" if where else "")
        return int(self.conn.execute(sql, tuple(params)).fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Row counts of every content table."""
        return {t: self.count(t) for t in (*COLUMNS, "runs")}

    def rows(self, table: str, order_by: str | None = None) -> Iterator[dict[str, Any]]:
        """All rows of a table as dicts."""
        if table not in self.db.table_names():
            raise StoreError("E302", detail=f"no table {table!r} in {self.path}; tables: "
                             + ", ".join(sorted(self.tables())))
        yield from self.db[table].rows_where(order_by=order_by)

    def tables(self) -> list[str]:
        """The data tables of the store (no FTS shadow tables)."""
        return [t for t in self.db.table_names() if "_fts" not in t]

    def query(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
              ) -> list[dict[str, Any]]:
        """Rows of a read-only SQL query as dicts."""
        return list(self.db.query(sql, params))


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at ``path``.

    ``readonly`` opens an existing store without migrating or writing. Raises StoreError
    (E301 for a store written by a newer allegedly, E302 when it cannot be opened).
    """
    return Store(path, readonly=readonly)
