"""store/read.py over real stores: migration 4, the exact analysis, the rebuilt fallback."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import sqlite_utils

from allegedly.store import SCHEMA_VERSION, open_store
from allegedly.store.read import StoreReader, fts_query
from allegedly.store.schema import MIGRATIONS, current_version

TEXT = ("Officials said 12 people were killed, the Daily Bugle reported.\n\n"
        "\"We will rebuild,\" the mayor said, \"whatever it takes.\"")


def _store(path, analyzer, version=None):
    analysis = analyzer.analyze_text(TEXT, outlet="Gazette", published="2024-01-05")
    if version is None:
        with open_store(path) as s:
            s.write(s.start_run(inputs=[], options={}, engine="local", jobs=1), [analysis])
        return analysis
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    for v in range(1, version + 1):
        MIGRATIONS[v](db)
        db["schema_version"].insert({"version": v, "applied": datetime.now(UTC).isoformat()},
                                    pk="version", replace=True)
    from allegedly.store.tables import analysis_rows

    rows = analysis_rows(analysis, run_id=None)
    for art in rows["articles"]:
        if version < 5:
            del art["analysis"], art["wire"]  # a version-3 row (both columns came later)
    for att in rows["attributions"]:
        if version < 6:
            del att["act"], att["act_method"]  # migration 6 added them
        if version < 7:
            for col in ("via_name", "via_text", "via_start", "via_end"):
                del att[col]  # migration 7 added them
    for table in ("sources", "articles", "article_locations", "attributions", "figures",
                  "claims", "relations"):
        if rows[table]:
            db[table].insert_all(rows[table], ignore=True)
    db.conn.close()
    return analysis


def test_new_rows_carry_the_exact_analysis(tmp_path, analyzer) -> None:
    analysis = _store(tmp_path / "s.db", analyzer)
    with open_store(tmp_path / "s.db", readonly=True) as s:
        r = StoreReader(s)
        assert r.analysis_dict(analysis.id) == analysis.to_dict()
        assert r.analysis(analysis.id) == analysis
        assert r.analysis_dict("nope") is None


def test_old_rows_are_rebuilt_from_the_tables(tmp_path, analyzer) -> None:
    path = tmp_path / "v3.db"
    analysis = _store(path, analyzer, version=3)
    with open_store(path, readonly=True) as s:  # read-only: no migration, no column
        r = StoreReader(s)
        assert not r.has_analysis_column
        rebuilt = r.analysis_dict(analysis.id)
    want = analysis.to_dict()
    assert rebuilt["warnings"][-1]["code"] == "W601"
    assert [c["chain"] for c in rebuilt["claims"]] == [c["chain"] for c in want["claims"]]
    assert [a["source"]["name"] for a in rebuilt["attributions"] if a["source"]] == \
        [a["source"]["name"] for a in want["attributions"] if a["source"]]
    assert [(f["text"], f["value"]) for f in rebuilt["figures"]] == \
        [(f["text"], f["value"]) for f in want["figures"]]
    with open_store(path) as s:  # opening for writing migrates: column added, row left NULL
        assert current_version(s.db) == SCHEMA_VERSION
        assert s.query("SELECT analysis FROM articles") == [{"analysis": None}]
        assert StoreReader(s).analysis_dict(analysis.id)["warnings"][-1]["code"] == "W601"
        MIGRATIONS[4](s.db)  # idempotent


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('toll AND "x') == '"toll" "AND" """x"'


def test_migration_6_adds_the_act_columns_and_new_rows_fill_them(tmp_path, analyzer) -> None:
    path = tmp_path / "v5.db"
    _store(path, analyzer, version=5)
    with open_store(path) as s:  # opening for writing migrates to 6: columns added, rows NULL
        assert current_version(s.db) == SCHEMA_VERSION
        cols = {r[1] for r in s.conn.execute("PRAGMA table_info([attributions])")}
        assert {"act", "act_method"} <= cols
        assert {r["act"] for r in s.query("SELECT act FROM attributions")} == {None}
        assert any(i.columns == ["act"] for i in s.db["attributions"].indexes)
        MIGRATIONS[6](s.db)  # idempotent
    fresh = tmp_path / "new.db"
    analysis = _store(fresh, analyzer)
    with open_store(fresh, readonly=True) as s:
        stored = {r["id"]: (r["act"], r["act_method"])
                  for r in s.query("SELECT id, act, act_method FROM attributions")}
    assert stored == {a.id: (a.act, a.act_method) for a in analysis.attributions}
    assert set(stored.values()) == {("claim", None)}


VIA_TEXT = "Mara Lindqvist told the AP that the harbour would reopen in May."


def test_migration_7_adds_the_via_columns_and_new_rows_fill_them(tmp_path, analyzer) -> None:
    path = tmp_path / "v6.db"
    _store(path, analyzer, version=6)
    with open_store(path) as s:  # opening for writing migrates to 7: columns added, rows NULL
        assert current_version(s.db) == SCHEMA_VERSION
        cols = {r[1] for r in s.conn.execute("PRAGMA table_info([attributions])")}
        assert {"via_name", "via_text", "via_start", "via_end"} <= cols
        assert {r["via_name"] for r in s.query("SELECT via_name FROM attributions")} == {None}
        MIGRATIONS[7](s.db)  # idempotent
    fresh = tmp_path / "new.db"
    analysis = analyzer.analyze_text(VIA_TEXT, outlet="Gazette")
    with open_store(fresh) as s:
        s.write(s.start_run(inputs=[], options={}, engine="local", jobs=1), [analysis])
    with open_store(fresh, readonly=True) as s:
        rows = s.query("SELECT via_name, via_text, via_start, via_end FROM attributions")
    assert rows == [{"via_name": "Associated Press", "via_text": "the AP",
                     "via_start": 20, "via_end": 26}]
