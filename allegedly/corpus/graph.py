"""The source graph of a store (networkx): people, organisations, outlets and documents.

Nodes: ``outlet:NAME`` (outlets and wire services), ``doc:ID`` (articles), ``KIND:NAME`` for
the other sources (person, organisation, government, anonymous, evidence), with one kind per
name across the store (the majority kind its attributions give it; a node given several
kinds lists them in ``kinds``: "organisation 1, person 3"); media sources are outlet nodes, so "the Daily Express cites The Sun" and The Sun's own articles meet. Edges
(``kind``): ``published`` (outlet -> doc), ``cites`` (doc -> the source of a top-level
attribution; source -> source for a nested one: The Sun -> Tsimbalyuk), ``copy_of`` (a later
near-duplicate or exact copy -> its first publisher's doc), ``wire`` (doc -> the wire it
credits). Every edge counts how often it was seen (``weight``) and keeps one example article.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from allegedly.corpus.provenance import majority_kinds, name_ident

FORMATS = ("gexf", "graphml", "json")


def _source_node(name: str, kind: str, canonical, kinds: dict[str, str]
                 ) -> tuple[str, dict[str, Any]]:
    if kind in ("media", "publisher"):
        name = canonical(name) or name
        return f"outlet:{name}", {"kind": "outlet", "label": name}
    kind = kinds.get(name_ident(name), kind)  # one kind per name across the store
    return f"{kind}:{name}", {"kind": kind, "label": name}


def _edge(g, a: str, b: str, kind: str, article: str, **attrs: Any) -> None:
    if g.has_edge(a, b) and g[a][b]["kind"] == kind:
        g[a][b]["weight"] += 1
        return
    g.add_edge(a, b, kind=kind, weight=1, article=article, **attrs)


def build_graph(store: Any):
    """A ``networkx.DiGraph`` of the store (see the module docstring)."""
    import networkx as nx

    from allegedly.corpus.records import outlet_names

    names = outlet_names(store)
    g = nx.DiGraph()
    for r in store.query("SELECT id, outlet, url, title, published, wire FROM articles"):
        doc = f"doc:{r['id']}"
        g.add_node(doc, kind="document", label=r["title"] or r["id"], url=r["url"] or "",
                   published=r["published"] or "")
        outlet = names.canonical(r["outlet"])
        if outlet:
            g.add_node(f"outlet:{outlet}", kind="outlet", label=outlet)
            _edge(g, f"outlet:{outlet}", doc, "published", r["id"])
        if r["wire"]:
            g.add_node(f"outlet:{r['wire']}", kind="outlet", label=r["wire"], wire=1)
            _edge(g, doc, f"outlet:{r['wire']}", "wire", r["id"])
    _add_citations(g, store, names.canonical)
    _add_copies(g, store)
    return g


def _add_citations(g, store: Any, canonical) -> None:
    atts = store.query("SELECT article_id, id, parent, source_name, source_kind "
                       "FROM attributions WHERE source_name IS NOT NULL "
                       "ORDER BY article_id, id")
    kinds = majority_kinds((a["source_name"], a["source_kind"]) for a in atts)
    seen: dict[str, Counter] = defaultdict(Counter)  # node -> the kinds articles gave it
    nodes = {}
    for a in atts:
        node, attrs = nodes[(a["article_id"], a["id"])] = _source_node(
            a["source_name"], a["source_kind"], canonical, kinds)
        if not g.has_node(node):
            g.add_node(node, **attrs)
        if attrs["kind"] != "outlet":
            seen[node][a["source_kind"]] += 1
    for node, counts in seen.items():
        if len(counts) > 1:  # the evidence behind the majority kind
            g.nodes[node]["kinds"] = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    for a in atts:
        node, _attrs = nodes[(a["article_id"], a["id"])]
        parent = nodes.get((a["article_id"], a["parent"])) if a["parent"] else None
        start = parent[0] if parent else f"doc:{a['article_id']}"
        if start != node:
            _edge(g, start, node, "cites", a["article_id"])


def _add_copies(g, store: Any) -> None:
    if "article_copies" not in store.tables():
        return
    for r in store.query("SELECT article_id, first_article, kind, similarity FROM "
                         "article_copies WHERE article_id != first_article"):
        _edge(g, f"doc:{r['article_id']}", f"doc:{r['first_article']}", "copy_of",
              r["article_id"], copy_kind=r["kind"], similarity=r["similarity"] or 0.0)


def write_graph(g, fmt: str, out) -> None:
    """Write the graph as GEXF (Gephi), GraphML or node-link JSON to a path or text stream."""
    import networkx as nx

    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; choose {', '.join(FORMATS)}")
    if fmt == "json":
        text = json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1)
    else:
        writer = nx.generate_gexf if fmt == "gexf" else nx.generate_graphml
        text = "\n".join(writer(g))
    if hasattr(out, "write"):
        out.write(text + "\n")
    else:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
