"""The seed article through the corpus layer: the Russian-losses figures of three or more
sources side by side with their as-of dates, and The Sun's report traced through the Express
copy (read from ../shared/examples, skipped when absent)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    from allegedly.corpus.pipeline import run_link
    from allegedly.ingest import article_from_text
    from allegedly.scale.run import ingest
    from allegedly.settings import Settings
    from allegedly.store import open_store

    text = shared_path("examples", "tank-mutiny.txt").read_text(encoding="utf-8")
    settings = Settings().with_(link_after_ingest=False)
    art = article_from_text(text, outlet="Express", published=dt.date(2022, 3, 21),
                            origin="tank-mutiny.txt", settings=settings)
    store = open_store(tmp_path_factory.mktemp("seed") / "seed.db")
    ingest([], store, settings=settings, articles=[art])
    run_link(store, settings)
    yield store
    store.close()


def test_russian_losses_side_by_side_with_as_of_dates(seed_store):
    from allegedly.corpus.views import figure_timeline

    rows = figure_timeline(seed_store, "troops|fatal")
    dated = [r for r in rows if r["as_of"]]
    assert len({r["source_name"] for r in dated}) >= 3, rows
    assert {498.0, 15000.0, 7000.0} <= {r["value"] for r in rows}
    for r in rows:  # evidence: the words at their offsets
        text = seed_store.query("SELECT text FROM articles WHERE id = ?", (r["article"],))[0]
        assert text["text"][r["start"]:r["end"]] == r["text"]


def test_the_suns_report_is_traced_through_the_express_copy(seed_store):
    import networkx as nx

    from allegedly.corpus.graph import build_graph
    from allegedly.corpus.provenance import own_origins
    from allegedly.corpus.records import iter_claims

    g = build_graph(seed_store)
    assert nx.has_path(g, "outlet:Daily Express", "person:Roman Tsimbalyuk")
    assert g.has_edge("outlet:The Sun", "person:Roman Tsimbalyuk")
    traced = [o for c in iter_claims(seed_store) for o in own_origins(c)
              if o.name == "Roman Tsimbalyuk" and "The Sun" in o.via]
    assert traced and traced[0].via[0] == "Daily Express"
