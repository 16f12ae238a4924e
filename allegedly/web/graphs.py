"""Provenance graphs as plain JSON (``GET /api/graph``), drawn by cytoscape.js in the pages.

A **claim group's** graph: each report (``doc:ARTICLE``) is published by its outlet
(``outlet:NAME``) and cites, hop by hop, the sources its chain goes through (the ``via`` of
each of its origins, outermost first) down to the origin; wire credits and copies point at the
wire or the first publisher; an origin a report only *inherits* (it names nobody itself) is
linked by a dashed ``inherited`` edge. Origin nodes say whether they are independent (``origin``: independent | inherited).
A **source's** graph: the routes it is cited through (publisher ← … ← the source) and the
sources it cites, with how often each was seen (the source itself has ``focus``).

Shape: ``{"nodes": [{"id", "label", "kind", ...}], "edges": [{"id", "source", "target",
"kind", "weight"}], "independent_origins", "reports", ...}``. Labels are plain text (the page
draws them on a canvas, never as HTML).
"""

from __future__ import annotations

from typing import Any


class _Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, node_id: str, label: str, kind: str, **attrs: Any) -> str:
        node = self.nodes.setdefault(node_id, {"id": node_id, "label": label, "kind": kind})
        for k, v in attrs.items():
            if v is not None and (k not in node or k == "origin"):
                node[k] = v
        return node_id

    def edge(self, a: str, b: str, kind: str, times: int = 1) -> None:
        if a == b:
            return
        e = self.edges.setdefault((a, b, kind), {"id": f"e{len(self.edges)}", "source": a,
                                                 "target": b, "kind": kind, "weight": 0})
        e["weight"] += times

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values()),
                **extra}


def _ident(name: str) -> str:
    """Origins are told apart as provenance does: case and a leading 'the' ignored."""
    name = " ".join(name.casefold().split())
    return name[4:] if name.startswith("the ") else name


def _source_id(name: str, kind: str | None, outlets: set[str]) -> str:
    if kind in ("media", "publisher", "outlet") or _ident(name) in outlets:
        return f"outlet:{_ident(name)}"
    return f"source:{_ident(name)}"


def group_graph(group: dict[str, Any]) -> dict[str, Any]:
    """The provenance graph of one group record (:func:`allegedly.corpus.views.group_record`)."""
    g = _Graph()
    outlets = {_ident(m["outlet"]) for m in group["members"] if m.get("outlet")}
    independent = {_ident(o["name"]): not o["inherited"] for o in group["origins"]}
    for m in group["members"]:
        doc = g.node(f"doc:{m['article']}", f"{m.get('outlet') or '?'} · "
                     f"{m.get('published') or 'undated'}", "document", status=m["status"],
                     article=m["article"], claim=m["claim"], member=m["id"])
        if m.get("outlet"):
            g.edge(g.node(f"outlet:{_ident(m['outlet'])}", m["outlet"], "outlet"), doc,
                   "published")
        if m["status"] == "rejected":
            continue
        for o in m["origins"]:
            _add_origin(g, doc, m, o, outlets, independent)
    reports = len({m["article"] for m in group["members"] if m["status"] != "rejected"})
    return g.to_dict(group=group["group"], reports=reports,
                     independent_origins=group["independent_origins"],
                     one_origin=group["one_origin"])


def _add_origin(g: _Graph, doc: str, member: dict[str, Any], o: dict[str, Any],
                outlets: set[str], independent: dict[str, bool]) -> None:
    target = g.node(_source_id(o["name"], o["kind"], outlets), o["name"], o["kind"],
                    origin="independent" if independent.get(_ident(o["name"])) else
                    "inherited")
    if o.get("how") == "own":
        return  # the outlet's own reporting: the outlet node is the origin
    hops = [h for h in (o.get("via") or [])[1:] if _ident(h) != _ident(o["name"])]
    prev, kind = doc, {"wire": "wire", "copy": "copy_of"}.get(o.get("how"), "cites")
    if o.get("inherited"):
        kind = "inherited"
    for hop in hops:
        if member.get("outlet") and _ident(hop) == _ident(member["outlet"]):
            continue
        node = g.node(_source_id(hop, None, outlets), hop, "outlet" if _ident(hop) in outlets
                      else "source")
        g.edge(prev, node, kind)
        prev = node
    g.edge(prev, target, kind)


def source_graph(src: dict[str, Any]) -> dict[str, Any]:
    """The graph of one source (:meth:`allegedly.store.read.StoreReader.source`): the routes
    it is cited through and whom it cites."""
    g = _Graph()
    me = g.node(f"source:{src['id']}", src["name"], src["kind"], focus=True,
                source=src["id"])
    outlets = {_ident(r["route"][0]) for r in src["cited_through"]}
    for r in src["cited_through"]:
        route = list(r["route"])
        prev = g.node(f"outlet:{_ident(route[0])}", route[0], "outlet")
        for hop in route[1:]:  # a hop that is also a publisher here is that outlet's node
            node = g.node(f"outlet:{_ident(hop)}", hop, "outlet") if _ident(hop) in outlets \
                else g.node(f"hop:{_ident(hop)}", hop, "source")
            g.edge(prev, node, "cites", r["count"])
            prev = node
        g.edge(prev, me, "cites", r["count"])
    for c in src["cites"]:
        node = g.node(f"source:{c['id']}" if c["id"] else f"hop:{_ident(c['name'] or '?')}",
                      c["name"] or "(unnamed)", c["kind"] or "source", source=c["id"])
        g.edge(me, node, "cites", c["count"])
    return g.to_dict(source=src["id"], routes=len(src["cited_through"]),
                     outlets=len({r["route"][0] for r in src["cited_through"]}))


__all__ = ["group_graph", "source_graph"]
