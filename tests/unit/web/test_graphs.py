"""Provenance graphs from group and source records (pure functions, records of our own)."""

from __future__ import annotations

from allegedly.web.graphs import group_graph, source_graph


def _member(mid, article, outlet, status="confirmed", origins=()):
    return {"id": mid, "article": article, "claim": "c1", "status": status, "outlet": outlet,
            "published": "2025-05-0" + mid[-1], "origins": list(origins)}


def _origin(name, kind, via, how="source", inherited=False):
    return {"name": name, "kind": kind, "via": via, "how": how, "inherited": inherited}


GROUP = {
    "group": "g1", "independent_origins": 1, "one_origin": True,
    "origins": [{"name": "Roman Tsimbalyuk", "kind": "person", "via": ["Express", "The Sun"],
                 "reports": 3, "inherited": False}],
    "members": [
        _member("m1", "a1", "Express", origins=[
            _origin("Roman Tsimbalyuk", "person", ["Express", "The Sun"])]),
        _member("m2", "a2", "The Sun", origins=[
            _origin("Roman Tsimbalyuk", "person", ["The Sun"])]),
        _member("m3", "a3", "Daily Bugle", status="suggested", origins=[
            _origin("Roman Tsimbalyuk", "person", ["Daily Bugle", "Express", "The Sun"],
                    how="inherited", inherited=True)]),
        _member("m4", "a4", "Gazette", status="rejected", origins=[
            _origin("Someone Else", "person", ["Gazette"])]),
    ],
}


def _edges(graph):
    return {(e["source"], e["target"], e["kind"]) for e in graph["edges"]}


def test_group_graph_chains_origins_and_statuses() -> None:
    g = group_graph(GROUP)
    nodes = {n["id"]: n for n in g["nodes"]}
    assert g["independent_origins"] == 1 and g["one_origin"] and g["reports"] == 3
    edges = _edges(g)
    # Express's report cites The Sun (an outlet with reports here; "the" is ignored in ids),
    # which cites the origin
    assert ("doc:a1", "outlet:sun", "cites") in edges
    assert ("outlet:sun", "source:roman tsimbalyuk", "cites") in edges
    assert ("doc:a2", "source:roman tsimbalyuk", "cites") in edges
    assert ("outlet:express", "doc:a1", "published") in edges
    # the suggested report names nobody: its origin is inherited (dashed), through Express
    assert ("doc:a3", "outlet:express", "inherited") in edges
    assert nodes["doc:a3"]["status"] == "suggested"
    # a rejected member is drawn, faded by the page, but adds no origin
    assert nodes["doc:a4"]["status"] == "rejected"
    assert "source:someone else" not in nodes
    assert nodes["source:roman tsimbalyuk"]["origin"] == "independent"
    ids = set(nodes)
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])


def test_own_reporting_and_wire() -> None:
    group = {**GROUP, "origins": [], "members": [
        _member("m1", "a1", "Gazette", origins=[_origin("Gazette", "media", ["Gazette"],
                                                        how="own")]),
        _member("m2", "a2", "Courier", origins=[_origin("CPA", "media", ["Courier"],
                                                        how="wire")])]}
    g = group_graph(group)
    edges = _edges(g)
    assert [e for e in edges if e[0] == "doc:a1"] == []  # own reporting: the outlet is it
    assert ("doc:a2", "outlet:cpa", "wire") in edges


def test_source_graph_routes_and_weights() -> None:
    src = {"id": "s1", "name": "Roman Tsimbalyuk", "kind": "person",
           "cited_through": [{"route": ["Express", "The Sun"], "count": 2},
                             {"route": ["The Sun"], "count": 1}],
           "cites": [{"id": "s2", "name": "a soldier", "kind": "anonymous", "count": 1}]}
    g = source_graph(src)
    weights = {(e["source"], e["target"]): e["weight"] for e in g["edges"]}
    assert weights[("outlet:express", "outlet:sun")] == 2
    assert weights[("outlet:sun", "source:s1")] == 3  # The Sun: a publisher and a hop
    assert weights[("source:s1", "source:s2")] == 1
    assert g["outlets"] == 2 and g["routes"] == 2
    assert next(n for n in g["nodes"] if n["id"] == "source:s1")["focus"] is True
