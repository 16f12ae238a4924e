from allegedly.corpus.provenance import group_origins, independence, own_origins
from tests.unit.corpus.conftest import claim


def test_chain_origin_with_the_outlets_it_came_through():
    express = claim("e", "Russia lost 15,000 men, Tsimbalyuk alleged", day=21,
                    outlet="Daily Express",
                    chain=[("The Sun", "media"), ("Roman Tsimbalyuk", "person")])
    (o,) = own_origins(express)
    assert (o.name, o.kind, o.via) == ("Roman Tsimbalyuk", "person",
                                      ("Daily Express", "The Sun"))


def test_unattributed_member_inherits_a_suggested_origin():
    bbc = claim("bbc", "Estimated 300 dead in the theatre strike", day=25, outlet="BBC")
    reuters = claim("reu", "The city estimates 300 were killed", day=25, outlet="Reuters",
                    chain=[("Mariupol city council", "government")])
    censor = claim("cen", "Eyewitnesses reported 300 killed", day=25, outlet="Censor.net",
                   chain=[("Mariupol city council", "government"), ("Eyewitnesses",
                                                                   "anonymous")])
    origins = group_origins([bbc, reuters, censor])
    assert all(o.inherited and o.how == "inherited" for o in origins[bbc.uid])
    assert {o.name for o in origins[bbc.uid]} == {"Mariupol city council", "Eyewitnesses"}
    ind = independence([bbc, reuters, censor], origins)
    assert ind.reports == 3 and ind.independent == 2 < ind.reports
    assert not ind.one_origin


def test_n_reports_one_origin_through_outlets_citing_outlets():
    ledger = claim("l", "Liss alleged the army stored 1,200 shells", day=8,
                   outlet="The Northern Ledger", chain=[("Darko Liss", "person")])
    beacon = claim("b", "Liss alleged the army stored shells, the Ledger reported", day=9,
                   outlet="Daily Beacon", chain=[("The Northern Ledger", "media"),
                                                 ("Darko Liss", "person")])
    pulse = claim("p", "The army stored shells, according to the Daily Beacon", day=10,
                  outlet="NewsPulse", chain=[("Daily Beacon", "media")])
    origins = group_origins([ledger, beacon, pulse])
    ind = independence([ledger, beacon, pulse], origins)
    assert ind.one_origin and ind.independent == 1
    (o,) = origins[pulse.uid]  # the Beacon resolves to the Beacon's own origin
    assert o.name == "Darko Liss" and o.via[-1] == "Daily Beacon"


def test_wire_reprints_are_one_origin_and_own_reporting_counts_per_outlet():
    a = claim("a", "Storm kills 12", day=1, outlet="Paper A", wire="AP")
    b = claim("b", "Storm kills 12", day=1, outlet="Paper B", wire="AP")
    assert independence([a, b], group_origins([a, b])).one_origin
    c = claim("c", "Storm kills 12", day=1, outlet="Paper C")
    d = claim("d", "Storm kills 12", day=1, outlet="Paper D")
    ind = independence([c, d], group_origins([c, d]))
    assert ind.independent == 2 and not ind.one_origin


def test_one_kind_per_source_name_across_the_store():
    from allegedly.corpus.provenance import majority_kinds, name_ident

    kinds = majority_kinds([("Joe Biden", "person"), ("Joe Biden", "person"),
                            ("joe  Biden", "organisation"), ("The Pentagon", "government"),
                            ("Pentagon", "organisation"), ("The Sun", "media"), (None, "person")])
    # tie: alphabetical
    assert kinds == {name_ident("Joe Biden"): "person", name_ident("Pentagon"): "government"}
    a = claim("a", "Biden says aid will follow", day=2, outlet="A",
              chain=[("Joe Biden", "organisation")])
    b = claim("b", "Biden said aid would follow", day=2, outlet="B",
              chain=[("Joe Biden", "person")])
    origins = group_origins([a, b])
    assert independence([a, b], origins).origins[0]["kind"] == "organisation"
    (row,) = independence([a, b], origins, kinds).origins
    assert (row["name"], row["kind"], row["reports"]) == ("Joe Biden", "person", 2)


def test_graph_gives_a_name_one_node_and_lists_the_kinds_seen():
    import networkx as nx

    from allegedly.corpus.graph import _add_citations

    class Atts:  # the attributions table, as the graph reads it
        rows = [{"article_id": a, "id": "a1", "parent": None, "source_name": "Joe Biden",
                 "source_kind": k} for a, k in (("x", "person"), ("y", "person"),
                                                ("z", "organisation"))]

        def query(self, _sql):
            return self.rows

    g = nx.DiGraph()
    _add_citations(g, Atts(), lambda n: n)
    assert [n for n in g if not n.startswith("doc:")] == ["person:Joe Biden"]
    assert g.nodes["person:Joe Biden"]["kinds"] == "organisation 1, person 2"
    assert {a for a, _b in g.in_edges("person:Joe Biden")} == {"doc:x", "doc:y", "doc:z"}
