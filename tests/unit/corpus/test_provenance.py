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
