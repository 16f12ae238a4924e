"""The SQLite store: migrations, WAL, one-transaction batches, idempotence, readers."""

from __future__ import annotations

import sqlite3

import pytest

from allegedly.errors import StoreError
from allegedly.store import SCHEMA_VERSION, Failure, open_store
from allegedly.store.tables import Copy


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "c.db") as s:
        yield s


def test_new_store_is_migrated_in_wal_mode(store):
    assert store.version_before == 0
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] \
        == SCHEMA_VERSION
    for t in ("runs", "articles", "article_locations", "sources", "attributions", "figures",
              "claims", "relations", "errors", "claims_fts", "articles_fts"):
        assert t in store.db.table_names()
    fks = {fk.other_table for fk in store.db["claims"].foreign_keys}
    assert fks == {"articles", "sources"}


def test_reopening_does_not_migrate_again(tmp_path):
    open_store(tmp_path / "c.db").close()
    with open_store(tmp_path / "c.db") as s:
        assert s.version_before == SCHEMA_VERSION


def test_an_older_store_gets_the_missing_migrations(tmp_path, make_analysis):
    with open_store(tmp_path / "c.db") as s:  # make it a version-1 store with data
        run = s.start_run(inputs=[], options={}, engine="local", jobs=1)
        s.write(run, [make_analysis("Express", "The Sun", 750, origin="a.txt")])
        s.conn.execute("DROP VIEW claims_view")
        s.conn.execute("DELETE FROM schema_version WHERE version > 1")
    with open_store(tmp_path / "c.db") as s:
        assert s.version_before == 1
        rows = s.query("SELECT chain, outlet FROM claims_view")
        assert rows == [{"chain": "The Sun <- Ivan Petrenko", "outlet": "Express"}]


def test_migrations_are_numbered_from_one_without_gaps():
    from allegedly.store.schema import MIGRATIONS, RESERVED_VERSIONS, migration

    assert sorted(set(MIGRATIONS) | RESERVED_VERSIONS) == list(range(1, SCHEMA_VERSION + 1))
    assert not set(MIGRATIONS) & RESERVED_VERSIONS
    with pytest.raises(ValueError):
        migration(1)(lambda db: None)


def test_newer_store_is_refused_with_e301(tmp_path):
    open_store(tmp_path / "c.db").close()
    conn = sqlite3.connect(tmp_path / "c.db")
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as exc:
        open_store(tmp_path / "c.db")
    assert exc.value.code == "E301"
    assert "upgrade allegedly" in str(exc.value)
    with pytest.raises(StoreError):
        open_store(tmp_path / "c.db", readonly=True)


def test_write_batch_and_counts(store, make_analysis):
    run = store.start_run(inputs=["x"], options={}, engine="local", jobs=1)
    a = make_analysis("Express", "The Sun", 750, origin="a.txt", url="https://e.example/1")
    b = make_analysis("Mirror", "Reuters", 800, origin="b.txt")
    copy_of_a = Copy(a.article.__class__(text=a.article.text, origin="a-copy.txt",
                                         url="https://m.example/2", outlet="Mirror"))
    added = store.write(run, [a, b, copy_of_a, Failure("E101", "e.txt", "e.txt: E101 empty")],
                        read=4)
    assert added["articles"] == 2 and added["article_locations"] == 3
    row = store.finish_run(run)
    assert (row["articles_read"], row["articles_analysed"], row["duplicates"], row["errors"]) \
        == (4, 2, 1, 1)
    assert store.count("sources") == 3  # The Sun, Reuters (media), Ivan Petrenko (shared)
    assert store.origins() == {"a.txt", "b.txt", "a-copy.txt"}
    assert store.article_ids() == {a.id, b.id}
    hits = store.query("SELECT c.article_id FROM claims_fts f JOIN claims c ON c.rowid = f.rowid "
                       "WHERE claims_fts MATCH 'soldier'")  # porter stemming
    assert len(hits) == 2


def test_rewriting_the_same_articles_adds_nothing(store, make_analysis):
    run = store.start_run(inputs=[], options={}, engine="local", jobs=1)
    batch = [make_analysis("Express", "The Sun", 750, origin="a.txt"),
             Failure("E101", "e.txt", "empty")]
    store.write(run, batch)
    before = store.counts()
    added = store.write(run, batch)
    assert store.counts() == before
    assert sum(added.values()) == 0


def test_a_failing_batch_leaves_nothing_behind(store, make_analysis):
    run = store.start_run(inputs=[], options={}, engine="local", jobs=1)
    good = make_analysis("Express", "The Sun", 750, origin="a.txt")
    rows_before = store.counts()

    class Boom(dict):
        def get(self, key, default=None):
            if key == "claims":
                raise RuntimeError("disk full")
            return super().get(key, default)

    from allegedly.store.tables import result_rows

    rows, counts = result_rows([good], run, "t")
    with pytest.raises(RuntimeError):
        store.write_rows(run, Boom(rows), counts)
    assert store.counts() == rows_before  # the article rows written before the failure rolled back
    assert store.run(run)["articles_analysed"] == 0


def test_source_description_is_filled_later(store, make_analysis):
    run = store.start_run(inputs=[], options={}, engine="local", jobs=1)
    store.write(run, [make_analysis("Express", "The Sun", 750, origin="a.txt")])
    desc = store.query("SELECT description FROM sources WHERE name = 'Ivan Petrenko'")
    assert desc == [{"description": "journalist"}]


def test_unfinished_run_is_found(store):
    r1 = store.start_run(inputs=["a"], options={}, engine="local", jobs=1)
    store.finish_run(r1)
    r2 = store.start_run(inputs=["b"], options={}, engine="local", jobs=1)
    assert store.unfinished_run()["id"] == r2
    store.finish_run(r2, "interrupted")
    assert store.unfinished_run()["id"] == r2
    store.resume_run(r2)
    store.finish_run(r2)
    assert store.unfinished_run() is None


def test_readonly_store_must_exist(tmp_path):
    with pytest.raises(StoreError) as exc:
        open_store(tmp_path / "missing.db", readonly=True)
    assert exc.value.code == "E303" and "allegedly ingest" in str(exc.value)
