"""allegedly link on a store: incremental runs, corrections kept, one transaction."""

from __future__ import annotations

import json

import pytest

from allegedly.demo import corpus_path


def _articles():
    from allegedly.ingest import iter_articles

    return [a for a in iter_articles([str(corpus_path())]) if not isinstance(a, Exception)]


def _store(path, articles):
    from allegedly.corpus.pipeline import run_link
    from allegedly.scale.run import ingest
    from allegedly.settings import Settings
    from allegedly.store import open_store

    settings = Settings().with_(link_after_ingest=False)
    store = open_store(path)
    ingest([], store, settings=settings, articles=articles)
    run_link(store, settings, incremental=True)
    return store, settings


def _membership(store):
    return sorted((r["group_id"], r["article_id"], r["claim_id"], r["status"]) for r in
                  store.query("SELECT group_id, article_id, claim_id, status FROM group_members"))


def test_incremental_runs_link_the_new_articles_and_a_full_run_catches_up(tmp_path):
    from allegedly.corpus.pipeline import run_link
    from allegedly.scale.run import ingest

    arts = sorted(_articles(), key=lambda a: a.published)
    whole, settings = _store(tmp_path / "whole.db", arts)
    parts, _ = _store(tmp_path / "parts.db", arts[:7])
    first = {r["id"] for r in parts.query("SELECT id FROM articles")}
    ingest([], parts, settings=settings, articles=arts[7:])
    result = run_link(parts, settings, incremental=True)
    assert result.mode == "incremental" and result.stats.scored > 0
    new_members = {a for _g, a, _c, _s in _membership(parts)} - first
    assert new_members  # the new articles joined groups
    assert parts.count("linked_articles") == whole.count("linked_articles")
    # earlier pairs keep the IDF weights of the run that scored them; a full run recomputes
    # every pair and gives exactly the one-go result
    full = run_link(parts, settings)
    assert full.mode == "full" and _membership(parts) == _membership(whole)


def test_a_failed_write_leaves_the_last_state(tmp_path, monkeypatch):
    from allegedly.corpus import pipeline
    from allegedly.errors import StoreError

    store, settings = _store(tmp_path / "s.db", _articles())
    before = _membership(store)

    def broken(*args, **kw):
        rows = original(*args, **kw)
        rows["group_members"].append({"id": None, "group_id": "nope"})  # violates the schema
        return rows

    original = pipeline.derived_rows
    monkeypatch.setattr(pipeline, "derived_rows", broken)
    with pytest.raises(StoreError):
        pipeline.run_link(store, settings)
    assert _membership(store) == before


def test_corrections_are_never_rewritten_by_runs(tmp_path):
    from allegedly.corpus.pipeline import run_link
    from allegedly.store import links as store_links

    store, settings = _store(tmp_path / "s.db", _articles())
    row = store.query("SELECT id FROM group_members WHERE method != 'seed' LIMIT 1")[0]
    member = store_links.member(store, row["id"])
    store_links.add_correction(store, member, "reject", "ana", "another claim")
    before = store.query("SELECT * FROM corrections")
    for _ in range(2):
        run_link(store, settings)
    assert store.query("SELECT * FROM corrections") == before
    status = store.query("SELECT status, method, correction FROM group_members WHERE id = ?",
                         (row["id"],))
    assert status == [{"status": "rejected", "method": "correction",
                       "correction": before[0]["id"]}]
    run = store.query("SELECT * FROM link_runs ORDER BY id DESC LIMIT 1")[0]
    assert run["finished"] and json.loads(run["settings"])["suggested"] == 0.4


def test_every_group_records_how_it_joined_its_event(tmp_path):
    from allegedly.corpus.views import iter_groups

    store, _settings = _store(tmp_path / "s.db", _articles())
    groups = list(iter_groups(store))
    assert groups and all(isinstance(g["event_how"], list) for g in groups)
    for g in groups:
        if g["event"] == g["group"]:
            continue  # the first group of its event (it may still have joined others' cores)
        assert g["event_how"], g["group"]  # joined an event: says how
        for step in g["event_how"]:
            assert step["step"] in ("link", "average", "anchor", "later") and step["to"]
    # a store migrated before the column existed gets it on the next run
    store.conn.execute("ALTER TABLE claim_groups DROP COLUMN event_how")
    from allegedly.corpus.pipeline import run_link

    run_link(store, _settings)
    assert all(isinstance(g["event_how"], list) for g in iter_groups(store))


def test_dask_tasks_read_the_partitions_of_the_store_as_the_store_iterates_its_claims(tmp_path):
    from allegedly.corpus.blocking import BlockingOptions
    from allegedly.corpus.pipeline import StoreSource
    from allegedly.corpus.records import iter_claims
    from allegedly.scale.link_dask import ListSource

    store, _settings = _store(tmp_path / "s.db", _articles())
    options = BlockingOptions(partition_days=2)  # the demo's days: several partitions
    held = ListSource.of(iter_claims(store), options)
    source = StoreSource(store.path, options)
    assert source.sizes() == held.sizes() and len(held.sizes()) > 2
    parts = sorted(held.sizes())
    for chosen in (parts[:1], parts[1:3], parts):
        assert [c.uid for c in source.claims(chosen)] == [c.uid for c in held.claims(chosen)]
    assert list(source.claims(parts)) == list(held.claims(parts))  # the same records
