"""Exports (JSONL/CSV/Parquet, claims view) and the Datasette metadata."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from allegedly.store import open_store
from allegedly.store.datasette import datasette_metadata
from allegedly.store.export import export_all, export_claims, export_table


@pytest.fixture
def store(tmp_path, make_analysis):
    s = open_store(tmp_path / "corpus.db")
    run = s.start_run(inputs=[], options={}, engine="local", jobs=1)
    s.write(run, [make_analysis("Express", "The Sun", 750, origin="a.txt"),
                  make_analysis("Mirror", "Reuters", 800, origin="b.txt")])
    s.finish_run(run)
    yield s
    s.close()


def test_claims_view_joins_chain_sources_figures_and_article(store):
    out = io.StringIO()
    assert export_claims(store, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    by_outlet = {r["outlet"]: r for r in rows}
    r = by_outlet["Express"]
    assert r["chain"] == "The Sun <- Ivan Petrenko"
    assert [s["name"] for s in json.loads(r["chain_sources"])] == ["The Sun", "Ivan Petrenko"]
    figs = json.loads(r["figures"])
    assert figs[0]["value"] == 750 and figs[0]["measure"] == "killed"
    assert r["published"] == "2022-03-20" and r["stance"] == "alleged"


def test_csv_table_to_stream(store):
    out = io.StringIO()
    n = export_table(store, "figures", "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 2
    assert {r["value"] for r in rows} == {"750.0", "800.0"}


def test_all_tables_as_parquet(store, tmp_path):
    counts = export_all(store, "parquet", tmp_path / "out")
    assert counts["articles"] == 2 and counts["claims"] == 2
    t = pq.read_table(tmp_path / "out" / "claims.parquet")
    assert t.num_rows == 2 and "chain_text" in t.column_names


def test_datasette_metadata_names_only_existing_tables_and_columns(store):
    meta = datasette_metadata("corpus")
    json.loads(json.dumps(meta))  # valid JSON
    tables = meta["databases"]["corpus"]["tables"]
    existing = set(store.db.table_names()) | set(store.db.view_names())
    for name, spec in tables.items():
        assert name in existing, name
        cols = set(store.db[name].columns_dict)
        assert set(spec.get("columns", {})) <= cols, (name, set(spec["columns"]) - cols)
        assert set(spec.get("facets", [])) <= cols, name
    for facet_table, facet in (("articles", "outlet"), ("articles", "published"),
                               ("sources", "kind")):
        assert facet in tables[facet_table]["facets"]
    # every content table and column is described
    for name in ("articles", "sources", "attributions", "figures", "claims", "errors",
                 "claims_view"):
        assert set(tables[name]["columns"]) == set(store.db[name].columns_dict), name
