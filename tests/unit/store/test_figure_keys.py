"""figures.figure_key is the corpus report's comparison key (allegedly.keys), with measure_scope
and figure_key_exact beside it; schema migration 3 recomputes them in stores written before."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlite_utils

from allegedly.corpus.report import figure_conflicts
from allegedly.store import SCHEMA_VERSION, open_store
from allegedly.store import schema as schema_mod
from allegedly.store.datasette import datasette_metadata
from allegedly.store.schema import MIGRATIONS, current_version, migrate
from allegedly.store.tables import COLUMNS, analysis_rows, figure_key_exact

DOCS = Path(__file__).resolve().parents[3] / "docs" / "store.md"
NEW_COLUMNS = ("measure_scope", "figure_key_exact")


@pytest.fixture
def three_reports(make_figure_analysis):
    """Three articles, three sources, one week: killed, died (same scope), lost (other scope)."""
    return [
        make_figure_analysis("Kyiv Daily", "The general staff",
                             "498 Russian soldiers were killed near Kharkiv.", "498", 498,
                             counted="Russian soldiers", measure="killed", actor="Russian",
                             origin="k.txt", published=date(2022, 3, 20)),
        make_figure_analysis("Express", "A Western official",
                             "over 7,000 troops died in the first three weeks.", "7,000", 7000,
                             bound="more_than", counted="troops", measure="died",
                             actor="Russian", origin="e.txt", published=date(2022, 3, 21)),
        make_figure_analysis("Mirror", "NATO", "Russian forces have lost 15,000 men.", "15,000",
                             15000, counted="men", measure="lost", actor="Russian",
                             origin="m.txt", published=date(2022, 3, 23)),
    ]


def _figures(db: sqlite_utils.Database) -> dict[str, dict]:
    rows = db.query("SELECT f.*, a.outlet FROM figures f JOIN articles a ON a.id = f.article_id")
    return {r["outlet"]: r for r in rows}


def test_killed_and_died_share_key_and_scope_lost_has_another_scope(tmp_path, three_reports):
    with open_store(tmp_path / "c.db") as s:
        run = s.start_run(inputs=[], options={}, engine="local", jobs=1)
        s.write(run, three_reports)
        figs = _figures(s.db)
    killed, died, lost = figs["Kyiv Daily"], figs["Express"], figs["Mirror"]
    assert (killed["text"], died["text"], lost["text"]) == ("498", "7,000", "15,000")
    assert killed["figure_key"] == died["figure_key"] == lost["figure_key"] \
        == "russian|troops|fatal"
    assert killed["measure_scope"] == died["measure_scope"] == "deaths"
    assert lost["measure_scope"] == "losses"
    # the stricter grouping is kept: all three differ there
    assert killed["figure_key_exact"] == "killed|russian soldiers|russian|"
    assert died["figure_key_exact"] == "died|troops|russian|"
    assert len({f["figure_key_exact"] for f in figs.values()}) == 3


def test_figure_without_a_known_group_or_family_has_no_key(make_figure_analysis):
    an = make_figure_analysis("Express", "Officials", "12 ships were seized.", "12", 12,
                              counted="ships", measure="seized", origin="s.txt")
    (fig,) = analysis_rows(an, run_id=1)["figures"]
    assert fig["figure_key"] is None  # not comparable: keys.figure_key returns None
    assert fig["measure_scope"] == "seized"
    assert fig["figure_key_exact"] == "seized|ships||"


# ---- migration 3 ---------------------------------------------------------------------------

def _store_at(path: Path, version: int) -> sqlite_utils.Database:
    """A store built by the registered migrations up to ``version`` (as migrate() does)."""
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    for v in range(1, version + 1):
        MIGRATIONS[v](db)
        db["schema_version"].insert({"version": v, "applied": datetime.now(UTC).isoformat()},
                                    pk="version", replace=True)
    return db


def _write_old_way(db: sqlite_utils.Database, analyses: list) -> None:
    """Rows as schema version 2 wrote them: no new columns, figure_key = the exact key."""
    for an in analyses:
        rows = analysis_rows(an, run_id=None)
        for fig in rows["figures"]:
            fig["figure_key"] = fig["figure_key_exact"]
            for col in NEW_COLUMNS:
                del fig[col]
        for art in rows["articles"]:
            del art["analysis"]  # added by migration 4
        for table in ("sources", "articles", "article_locations", "attributions", "figures",
                      "claims", "relations"):
            have = set(db[table].columns_dict)
            if rows[table]:  # columns of later migrations (articles.wire) are not there yet
                db[table].insert_all([{k: v for k, v in r.items() if k in have}
                                      for r in rows[table]], ignore=True)


def _dump(db: sqlite_utils.Database) -> list[tuple]:
    return db.execute("SELECT * FROM figures ORDER BY article_id, id").fetchall()


def test_migration_3_recomputes_stored_figures_and_runs_once(tmp_path, three_reports):
    path = tmp_path / "old.db"
    old = _store_at(path, 2)
    assert current_version(old) == 2
    assert list(old["figures"].columns_dict)[-1] == "warnings"  # the version-2 table
    assert not set(NEW_COLUMNS) & set(old["figures"].columns_dict)
    _write_old_way(old, three_reports)
    assert {r["figure_key"] for r in old.query("SELECT figure_key FROM figures")} \
        == {"killed|russian soldiers|russian|", "died|troops|russian|", "lost|men|russian|"}
    old.conn.close()

    with open_store(path) as s:  # opening migrates
        assert s.version_before == 2
        assert current_version(s.db) == SCHEMA_VERSION
        assert list(s.db["figures"].columns_dict) == list(COLUMNS["figures"])
        indexed = {tuple(i.columns) for i in s.db["figures"].indexes}
        assert {("figure_key",), ("measure_scope",), ("figure_key_exact",)} <= indexed
        figs = _figures(s.db)
        assert figs["Kyiv Daily"]["figure_key"] == figs["Mirror"]["figure_key"] \
            == "russian|troops|fatal"
        assert [figs[o]["measure_scope"] for o in ("Kyiv Daily", "Express", "Mirror")] \
            == ["deaths", "deaths", "losses"]
        assert figs["Express"]["figure_key_exact"] == "died|troops|russian|"
        # migrated rows equal the rows a new store writes for the same articles
        with open_store(tmp_path / "new.db") as fresh:
            fresh.write(fresh.start_run(inputs=[], options={}, engine="local", jobs=1),
                        three_reports)
            assert _dump(fresh.db) == _dump(s.db)
        before, applied = _dump(s.db), s.query("SELECT * FROM schema_version")
        indexes = sorted(i.name for i in s.db["figures"].indexes)
        assert migrate(s.db) == SCHEMA_VERSION  # a second migrate is a no-op
        MIGRATIONS[3](s.db)  # and so is running the migration itself again
        assert _dump(s.db) == before
        assert s.query("SELECT * FROM schema_version") == applied
        assert sorted(i.name for i in s.db["figures"].indexes) == indexes


def test_migration_3_is_one_transaction(tmp_path, three_reports, monkeypatch):
    path = tmp_path / "old.db"
    old = _store_at(path, 2)
    _write_old_way(old, three_reports)
    before = _dump(old)
    calls = []

    def failing(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return {"figure_key": "x", "measure_scope": "x", "figure_key_exact": "x"}

    monkeypatch.setattr(schema_mod, "figure_key_columns", failing)
    with pytest.raises(RuntimeError):
        migrate(old)
    assert len(calls) == 2  # it failed half-way through the rows ...
    assert not old.conn.in_transaction
    assert not set(NEW_COLUMNS) & set(old["figures"].columns_dict)  # ... columns rolled back
    assert _dump(old) == before and current_version(old) == 2


def test_new_store_has_the_columns_in_declared_order(tmp_path):
    with open_store(tmp_path / "c.db") as s:
        assert list(s.db["figures"].columns_dict) == list(COLUMNS["figures"])
    assert figure_key_exact("Killed", " Russian  soldiers", "Russian", "2022-03") \
        == "killed|russian soldiers|russian|2022-03"


# ---- the documented SQL groups figures like `allegedly report` ------------------------------

def _docs_sql() -> str:
    blocks = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    (sql,) = [b for b in blocks if "measure_scope" in b]
    return sql


def test_documented_query_is_the_datasette_canned_query():
    canned = datasette_metadata("c")["databases"]["c"]["queries"]["figure_conflicts"]["sql"]
    code = [ln for ln in _docs_sql().strip().split("\n") if not ln.lstrip().startswith("--")]
    assert canned == "\n".join(code)


def test_documented_query_finds_the_report_conflicts(tmp_path, three_reports,
                                                     make_figure_analysis):
    more = [
        # same key and scope as killed/died, chained within 7-day steps: one window
        make_figure_analysis("Pravda", "The defence ministry",
                             "1,351 Russian servicemen were killed.", "1,351", 1351,
                             counted="Russian servicemen", measure="killed", actor="Russian",
                             origin="p.txt", published=date(2022, 3, 25)),
        # months later: another window, with its own conflict
        make_figure_analysis("Kyiv Daily", "The general staff",
                             "30,000 Russian soldiers were killed.", "30,000", 30000,
                             counted="Russian soldiers", measure="killed", actor="Russian",
                             origin="k2.txt", published=date(2022, 6, 1)),
        make_figure_analysis("Express", "A Western official", "20,000 troops died.", "20,000",
                             20000, counted="troops", measure="died", actor="Russian",
                             origin="e2.txt", published=date(2022, 6, 6)),
        # a lone "lost" figure a week later, one source: no conflict
        make_figure_analysis("Mirror", "NATO", "Russian forces have lost 16,000 men.", "16,000",
                             16000, counted="men", measure="lost", actor="Russian",
                             origin="m2.txt", as_of="2022-03-27", published=date(2022, 4, 2)),
        # undated figures form a window of their own
        make_figure_analysis("Blog A", "Source A", "40 civilians died.", "40", 40,
                             counted="civilians", measure="died", origin="u1.txt",
                             published=None),
        make_figure_analysis("Blog B", "Source B", "45 civilians were killed.", "45", 45,
                             counted="civilians", measure="killed", origin="u2.txt",
                             published=None),
    ]
    with open_store(tmp_path / "c.db") as s:
        s.write(s.start_run(inputs=[], options={}, engine="local", jobs=1), three_reports + more)
        report = figure_conflicts(s, limit=100)
        rows = s.query(_docs_sql())
    assert len(report) == len(rows) == 3

    def from_report(g: dict) -> tuple:
        first, last = g["as_of"].split("/") if g["as_of"] else (None, None)
        return (g["actor"] or "", g["counted"], g["measure"], first, last, len(g["values"]),
                g["sources"], g["articles"], sorted(f["text"] for f in g["figures"]))

    def from_sql(r: dict) -> tuple:
        actor, group, _family = r["figure_key"].split("|")
        texts = sorted(t.split(" ")[0] for t in r["figures"].split("; "))
        return (actor, group, r["measure_scope"], r["first_day"], r["last_day"], r["n_values"],
                r["n_sources"], r["n_articles"], texts)

    assert sorted(map(from_report, report), key=repr) == sorted(map(from_sql, rows), key=repr)
    march = next(r for r in rows if r["first_day"] == "2022-03-20")
    assert (march["measure_scope"], march["last_day"], march["n_articles"]) \
        == ("deaths", "2022-03-25", 3)
    json.dumps(rows)
