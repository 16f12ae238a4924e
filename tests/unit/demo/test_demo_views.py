"""The demo README's "Corpus views" promises, checked on a real ingest + link of corpus.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from allegedly.demo import corpus_path

README = Path(corpus_path()).with_name("README.md")
IDS = {json.loads(line)["id"]: json.loads(line) for line in
       corpus_path().read_text(encoding="utf-8").splitlines()}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    from allegedly.corpus.pipeline import run_link
    from allegedly.scale.run import ingest
    from allegedly.settings import Settings
    from allegedly.store import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    settings = Settings().with_(link_after_ingest=False)
    ingest([str(corpus_path())], store, settings=settings)
    run_link(store, settings)
    yield store
    store.close()


def _url(article_id: str) -> str:
    return IDS[article_id]["url"]


def _comparisons(store):
    from allegedly.corpus.views import iter_comparisons

    return list(iter_comparisons(store, kinds=()))


def _groups(store):
    from allegedly.corpus.views import iter_groups

    return list(iter_groups(store))


def _copies(store):
    from allegedly.corpus.views import iter_copies

    return list(iter_copies(store))


def _of(store, kind, *urls):
    return [c for c in _comparisons(store) if c["kind"] == kind
            and {c["a"]["url"], c["b"]["url"]} & set(urls)]


def check_exact_copy(store):
    (c,) = [c for c in _copies(store) if c["kind"] == "exact"
            and c["first"]["url"] == _url("cpa-0506")]
    assert c["first"]["outlet"] == "Continental Press Agency"
    assert any(m["url"] == _url("courier-0506-wire") for m in c["members"])


def check_near_copy(store):
    clusters = {c["first"]["url"]: c for c in _copies(store) if c["kind"] in ("near", "wire")}
    first = clusters[_url("cpa-0506")]
    assert _url("meridian-0506-wire") in {m["url"] for m in first["members"]}
    wire = clusters[_url("cpa-0507")]
    assert wire["kind"] == "wire" and wire["wire"] == "CPA"
    assert _url("ledger-0507-wire") in {m["url"] for m in wire["members"]}


def check_wire(store):
    wires = {r["url"]: r["wire"] for r in store.query("SELECT url, wire FROM articles")}
    for aid in ("cpa-0506", "cpa-0507", "ledger-0507-wire"):
        assert wires[_url(aid)] == "CPA", aid
    assert wires[_url("ledger-0508")] is None


def check_update(store):
    ups = {(c["a"]["value"], c["b"]["value"]) for c in _of(store, "update",
                                                          _url("valdoriatoday-0512"))}
    assert (41.0, 47.0) in ups
    # the ministry's 34 -> 41 is no conflict (the hospital's "more than 60 bodies" may be)
    assert not [c for c in _of(store, "conflict", _url("valdoriatoday-0508"))
                if {c["a"]["value"], c["b"]["value"]} <= {34.0, 41.0}]


def check_conflict(store):
    found = _of(store, "conflict", _url("sarnvoice-0507"))
    assert found and {found[0]["a"]["value"], found[0]["b"]["value"]} >= {9.0}
    assert found[0]["a"]["source"] != found[0]["b"]["source"]


def check_scope(store):
    found = _of(store, "scope", _url("valdoriatoday-0512"))
    assert any("casualties" in c["reason"] for c in found)


def check_revision(store):
    assert any(71.0 in (c["a"]["value"], c["b"]["value"])
               for c in _of(store, "revision", _url("ledger-0603")))
    assert not _of(store, "conflict", _url("ledger-0603"))


def check_one_origin(store):
    g = next(g for g in _groups(store) if any("1,2000 shells" in (m["text"] or "")
                                              for m in g["members"]))
    assert g["one_origin"] and g["reports"] == 3
    assert [o["name"] for o in g["origins"]] == ["Darko Liss"]


def check_inherited(store):
    g = next(g for g in _groups(store)
             if any(m["url"] == _url("valdoriatoday-0508") and "Forty-one" in (m["text"] or "")
                    for m in g["members"]))
    m = next(m for m in g["members"] if m["url"] == _url("valdoriatoday-0508"))
    assert m["inherited"] and all(o["inherited"] for o in m["origins"])
    assert any("Defence Ministry" in o["name"] for o in m["origins"])


def check_outlet_names(store):
    import networkx as nx

    from allegedly.corpus.graph import build_graph

    g = build_graph(store)
    assert not [n for n in g if n.lower() in ("outlet:the beacon", "outlet:beacon",
                                              "outlet:the daily beacon")]
    assert nx.has_path(g, "outlet:NewsPulse", "person:Darko Liss")
    pulse_docs = [d for _o, d in g.out_edges("outlet:NewsPulse")]
    assert any(g.has_edge(d, "outlet:Daily Beacon") for d in pulse_docs)
    assert g.has_edge("outlet:Daily Beacon", "outlet:The Northern Ledger") or any(
        g.has_edge(d, "outlet:The Northern Ledger")
        for _o, d in g.out_edges("outlet:Daily Beacon"))


def check_timeline(store):
    from allegedly.corpus.views import figure_timeline

    rows = figure_timeline(store, "people|fatal")
    assert {9.0, 41.0, 47.0, 71.0} <= {r["value"] for r in rows}
    days = [r["published"] for r in rows]
    assert days == sorted(days)


def check_claimreview(store):
    from allegedly.corpus.claimreview import iter_claimreviews

    drafts = list(iter_claimreviews(store))
    assert len(drafts) == len(_groups(store)) > 5
    assert all(d["@type"] == "ClaimReview" and d["reviewRating"] is None for d in drafts)
    assert all(d["itemReviewed"]["appearance"] for d in drafts)


CHECKS = {name[len("check_"):].replace("_", "-"): fn for name, fn in globals().items()
          if name.startswith("check_")}


def _promised() -> list[str]:
    table = README.read_text(encoding="utf-8").split("## Corpus views", 1)[1].split("\n## ")[0]
    return re.findall(r"^\| `view-([a-z-]+)` \|", table, re.M)


def test_every_promise_has_a_check():
    assert sorted(_promised()) == sorted(CHECKS)


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_promise_holds(key, demo_store):
    CHECKS[key](demo_store)


def test_the_cast_s_later_names_resolve(demo_store):
    """The README's cast table: later mentions of Darko Liss resolve to him -- "Mr Liss", "he",
    "the 29-year-old" and the "He" right after it, and "the soldier" (a sergeant is a soldier:
    lexicons/person_roles.tsv)."""
    rows = demo_store.query(
        "SELECT t.source_name AS name, t.source_text AS text, a.outlet FROM attributions t "
        "JOIN articles a ON a.id = t.article_id WHERE t.source_text IS NOT NULL")
    named = {(r["outlet"], r["text"].split(",")[0]): r["name"] for r in rows}
    assert named[("Daily Beacon", "Mr Liss")] == "Darko Liss"
    assert named[("Daily Beacon", "The 29-year-old")] == "Darko Liss"
    assert [r["name"] for r in rows if r["outlet"] == "The Northern Ledger"
            and r["text"].lower() == "he"] == ["Darko Liss"] * 4
    assert named[("NewsPulse", "the soldier")] == "Darko Liss"
    assert named[("Daily Beacon", "He")] == "Darko Liss"
