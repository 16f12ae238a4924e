"""Schema of the SQLite store, built by numbered migrations.

A migration is a function registered with ``@migration(N)``; :func:`migrate` applies, in order,
every migration above the version recorded in the ``schema_version`` table (the pattern of
sqlite-utils' and datasette's migration helpers). Opening a store whose version is newer than
:data:`SCHEMA_VERSION` raises :class:`~allegedly.errors.StoreError` ``E301``.

To change the schema: add ``@migration(N + 1)`` below; never edit a released migration. Columns
a migration adds to a table of :data:`~allegedly.store.tables.COLUMNS` go last there and into
:data:`ADDED_LATER`, so migration 1 keeps creating the version-1 tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

from allegedly.errors import StoreError
from allegedly.store.tables import COLUMNS, PKS, figure_key_columns

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register ``fn`` as the migration that brings a store to ``version``."""

    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} registered twice")
        MIGRATIONS[version] = fn
        return fn

    return register


def current_version(db: sqlite_utils.Database) -> int:
    """The store's schema version (0 for a new, empty database)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database, path: str = "") -> int:
    """Bring ``db`` up to :data:`SCHEMA_VERSION`; return the version it had before.

    Raises StoreError E301 when the store was written by a newer allegedly.
    """
    found = current_version(db)
    if found > SCHEMA_VERSION:
        raise StoreError("E301", detail=path or "(database)", found=found,
                         expected=SCHEMA_VERSION)
    for version in sorted(v for v in MIGRATIONS if v > found):
        MIGRATIONS[version](db)
        db["schema_version"].insert(
            {"version": version, "applied": datetime.now(UTC).isoformat(timespec="seconds")},
            pk="version", replace=True)
    return found


#: Columns of :data:`COLUMNS` that a later migration adds: migration 1 creates its tables
#: without them, so it still builds the version-1 schema, and new and migrated stores get the
#: same columns in the same order.
ADDED_LATER: dict[str, tuple[str, ...]] = {"figures": ("measure_scope", "figure_key_exact"),
                                           "articles": ("analysis", "wire"),
                                           "attributions": ("act", "act_method", "via_name",
                                                            "via_text", "via_start", "via_end")}


def _create(db: sqlite_utils.Database, table: str, **kw: object) -> None:
    later = ADDED_LATER.get(table, ())
    columns = {c: t for c, t in COLUMNS[table].items() if c not in later}
    db[table].create(columns, pk=PKS.get(table), if_not_exists=True, **kw)


@migration(1)
def _initial(db: sqlite_utils.Database) -> None:
    db["schema_version"].create({"version": int, "applied": str}, pk="version",
                                if_not_exists=True)
    db["runs"].create({
        "id": int, "started": str, "finished": str, "status": str, "engine": str, "jobs": int,
        "inputs": str, "options": str, "version": str, "articles_read": int,
        "articles_analysed": int, "articles_not_analysed": int, "duplicates": int,
        "already_stored": int, "errors": int,
    }, pk="id", if_not_exists=True)
    _create(db, "articles", foreign_keys=[("run_id", "runs", "id")])
    _create(db, "article_locations",
            foreign_keys=[("article_id", "articles", "id"), ("run_id", "runs", "id")])
    _create(db, "sources")
    _create(db, "attributions", foreign_keys=[("article_id", "articles", "id"),
                                              ("source_id", "sources", "id")])
    _create(db, "figures", foreign_keys=[("article_id", "articles", "id"),
                                         ("source_id", "sources", "id")])
    _create(db, "claims", foreign_keys=[("article_id", "articles", "id"),
                                        ("source_id", "sources", "id")])
    _create(db, "relations", foreign_keys=[("article_id", "articles", "id")])
    db["errors"].create({"id": int, **COLUMNS["errors"]}, pk="id", if_not_exists=True,
                        foreign_keys=[("run_id", "runs", "id")])
    indexes = [
        ("articles", ["outlet"]), ("articles", ["published"]), ("articles", ["origin"]),
        ("articles", ["status"]), ("article_locations", ["origin"]),
        ("sources", ["name"]), ("sources", ["kind"]),
        ("attributions", ["source_id"]), ("attributions", ["source_name"]),
        ("attributions", ["source_kind"]), ("attributions", ["cue_class"]),
        ("figures", ["measure"]), ("figures", ["figure_key"]), ("figures", ["source_id"]),
        ("claims", ["source_id"]), ("claims", ["source_name"]), ("claims", ["source_kind"]),
        ("claims", ["stance"]), ("errors", ["code"]), ("errors", ["origin"]),
    ]
    for table, cols in indexes:
        db[table].create_index(cols, if_not_exists=True)
    # one row per (run, item, code): re-reading a bad input on --resume records it once
    db["errors"].create_index(["run_id", "origin", "code"], unique=True, if_not_exists=True)
    for table, cols in (("claims", ["text", "chain_text", "source_name"]),
                        ("articles", ["title", "text"])):
        if f"{table}_fts" not in db.table_names():
            db[table].enable_fts(cols, create_triggers=True, tokenize="porter")


#: One row per claim with its chain, sources, figures and article (the ``claims_view`` view and
#: ``allegedly export --claims``).
CLAIMS_VIEW_SQL = """
SELECT c.article_id, c.id AS claim_id, c.text AS claim, c.start, c.end, c.stance,
       c.chain_text AS chain, c.source_name, c.source_kind, c.n_hedges, c.hedges,
       (SELECT json_group_array(json_object('name', t.source_name, 'kind', t.source_kind))
          FROM json_each(c.chain) j
          JOIN attributions t ON t.article_id = c.article_id AND t.id = j.value) AS chain_sources,
       (SELECT json_group_array(json_object('text', f.text, 'value', f.value, 'low', f.low,
                                            'high', f.high, 'bound', f.bound, 'unit', f.unit,
                                            'counted', f.counted, 'measure', f.measure,
                                            'actor', f.actor, 'as_of', f.as_of))
          FROM json_each(c.figures) j
          JOIN figures f ON f.article_id = c.article_id AND f.id = j.value) AS figures,
       a.outlet, a.url, a.published, a.title
FROM claims c JOIN articles a ON a.id = c.article_id
"""


@migration(2)
def _claims_view(db: sqlite_utils.Database) -> None:
    db.create_view("claims_view", CLAIMS_VIEW_SQL.strip(), replace=True)


_FIGURE_KEY_BATCH = 5000


@migration(3)
def _shared_figure_key(db: sqlite_utils.Database) -> None:
    """``figures.figure_key`` becomes the key the corpus report compares figures on
    (:func:`allegedly.keys.figure_key`, ``actor|group|family``); new columns ``measure_scope``
    and ``figure_key_exact`` (the former ``measure|counted|actor|as_of`` key).

    Every stored row is recomputed from its ``measure``, ``counted``, ``actor`` and ``as_of``
    with :func:`~allegedly.store.tables.figure_key_columns` (the function new rows use), in
    one transaction. Idempotent: columns and indexes are only added when missing and the
    values only depend on the row's own columns.
    """
    conn = db.conn
    conn.execute("SAVEPOINT figure_key_v3")  # a transaction, also inside an open one
    try:
        have = {r[1] for r in conn.execute("PRAGMA table_info([figures])")}
        for column in ADDED_LATER["figures"]:
            if column not in have:
                conn.execute(f"ALTER TABLE [figures] ADD COLUMN [{column}] TEXT")
        for column in ("figure_key", "measure_scope", "figure_key_exact"):
            conn.execute(f"CREATE INDEX IF NOT EXISTS [idx_figures_{column}] "
                         f"ON [figures] ([{column}])")
        last = -1
        while True:
            batch = conn.execute(
                "SELECT rowid, measure, counted, actor, as_of FROM figures WHERE rowid > ? "
                "ORDER BY rowid LIMIT ?", (last, _FIGURE_KEY_BATCH)).fetchall()
            if not batch:
                break
            updates = []
            for rowid, measure, counted, actor, as_of in batch:
                cols = figure_key_columns(measure, counted, actor, as_of)
                updates.append((cols["figure_key"], cols["measure_scope"],
                                cols["figure_key_exact"], rowid))
            conn.executemany("UPDATE figures SET figure_key = ?, measure_scope = ?, "
                             "figure_key_exact = ? WHERE rowid = ?", updates)
            last = batch[-1][0]
    except BaseException:
        conn.execute("ROLLBACK TO figure_key_v3")
        conn.execute("RELEASE figure_key_v3")
        raise
    conn.execute("RELEASE figure_key_v3")


@migration(4)
def _analysis_json(db: sqlite_utils.Database) -> None:
    """``articles.analysis``: the exact ``allegedly/1`` JSON of each analysis (without the
    text, which is ``articles.text``), written for every article stored from now on.

    Rows stored before stay NULL: :mod:`allegedly.store.read` rebuilds their analysis from the
    tables and says so (W601). Idempotent: the column is only added when missing.
    """
    have = {r[1] for r in db.conn.execute("PRAGMA table_info([articles])")}
    if "analysis" not in have:
        db.conn.execute("ALTER TABLE [articles] ADD COLUMN [analysis] TEXT")


_WIRE_BATCH = 2000


@migration(5)
def _corpus_layer(db: sqlite_utils.Database) -> None:
    """The corpus layer: ``articles.wire`` (the wire credit, :mod:`allegedly.ingest.wires`,
    filled in for stored articles from their text and author) and the tables of
    :mod:`allegedly.store.corpus_tables` (claim groups and members, links, figure
    comparisons, copies, corrections, link runs). One transaction; idempotent."""
    from allegedly.ingest.wires import wire_of
    from allegedly.store.corpus_tables import create_corpus_tables

    conn = db.conn
    conn.execute("SAVEPOINT corpus_v5")  # (also re-run by Store for missing corpus columns)
    try:
        if "wire" not in {r[1] for r in conn.execute("PRAGMA table_info([articles])")}:
            conn.execute("ALTER TABLE [articles] ADD COLUMN [wire] TEXT")
        conn.execute("CREATE INDEX IF NOT EXISTS [idx_articles_wire] ON [articles] ([wire])")
        last = ""
        while True:
            batch = conn.execute("SELECT id, text, author FROM articles WHERE id > ? "
                                 "ORDER BY id LIMIT ?", (last, _WIRE_BATCH)).fetchall()
            if not batch:
                break
            conn.executemany("UPDATE articles SET wire = ? WHERE id = ?",
                             [(wire_of(text or "", author), aid) for aid, text, author in batch])
            last = batch[-1][0]
        create_corpus_tables(db)
    except BaseException:
        conn.execute("ROLLBACK TO corpus_v5")
        conn.execute("RELEASE corpus_v5")
        raise
    conn.execute("RELEASE corpus_v5")


@migration(6)
def _attribution_acts(db: sqlite_utils.Database) -> None:
    """``attributions.act`` (``claim``, ``stance``, ``plan``, ``perception``, ``writer``; since
    then also ``question``:
    docs/contract.md#acts) and ``attributions.act_method`` (the act rule that decided it), with
    an index on ``act``. Rows stored before stay NULL (unknown, not ``claim``): the act needs
    the parse, so only analysing the article again fills them (ingest it into a new store); the
    claims stored with them were built from every link, as allegedly did then. Idempotent."""
    have = {r[1] for r in db.conn.execute("PRAGMA table_info([attributions])")}
    for column in ADDED_LATER["attributions"][:2]:
        if column not in have:
            db.conn.execute(f"ALTER TABLE [attributions] ADD COLUMN [{column}] TEXT")
    db.conn.execute("CREATE INDEX IF NOT EXISTS [idx_attributions_act] "
                    "ON [attributions] ([act])")


@migration(7)
def _attribution_via(db: sqlite_utils.Database) -> None:
    """``attributions.via_name``, ``via_text``, ``via_start``, ``via_end``: the outlet the
    source spoke to ("X told the AP that …", docs/contract.md#attribution-one-link-of-a-chain).
    Rows stored before stay NULL (no via known). Idempotent."""
    have = {r[1] for r in db.conn.execute("PRAGMA table_info([attributions])")}
    types = {"via_name": "TEXT", "via_text": "TEXT", "via_start": "INTEGER", "via_end": "INTEGER"}
    for column, kind in types.items():
        if column not in have:
            db.conn.execute(f"ALTER TABLE [attributions] ADD COLUMN [{column}] {kind}")


#: Versions registered on another branch and not merged yet (none).
RESERVED_VERSIONS: frozenset[int] = frozenset()

#: The schema version this code writes (the highest registered migration).
SCHEMA_VERSION = max(MIGRATIONS)
