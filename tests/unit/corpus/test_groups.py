from allegedly.corpus.groups import Decision, build_groups, group_id, member_id
from allegedly.corpus.linker import Link


def _order(*uids):
    return {u: (f"2025-05-{i + 1:02d}", u) for i, u in enumerate(uids)}


def test_center_clustering_does_not_chain_look_alikes():
    # a-b strong, b-c strong, c-d strong: single linkage would make one group of four
    links = [Link("a/c1", "b/c1", 0.9), Link("b/c1", "c/c1", 0.8), Link("c/c1", "d/c1", 0.9)]
    groups = build_groups(links, _order("a/c1", "b/c1", "c/c1", "d/c1"), suggested=0.4,
                          confirmed=0.55)
    sizes = sorted(len(g.members) for g in groups)
    assert sizes == [2, 3] or sizes == [2, 2]
    assert all(len(g.members) < 4 for g in groups)


def test_suggested_and_confirmed_members_and_stable_ids():
    links = [Link("a/c1", "b/c1", 0.8), Link("a/c1", "c/c1", 0.45), Link("x/c1", "y/c1", 0.3)]
    (g,) = build_groups(links, _order("a/c1", "b/c1", "c/c1", "x/c1", "y/c1"), suggested=0.4,
                        confirmed=0.55)
    assert g.seed == "a/c1" and g.id == group_id("a/c1")
    assert {m.claim: m.status for m in g.members} == {
        "a/c1": "confirmed", "b/c1": "confirmed", "c/c1": "suggested"}
    assert g.member("a/c1").method == "seed"
    assert member_id(g.id, "b/c1") == member_id(g.id, "b/c1") != member_id(g.id, "c/c1")


def test_groups_need_two_articles():
    assert build_groups([Link("a/c1", "a/c2", 0.9)], _order("a/c1", "a/c2"), suggested=0.4,
                        confirmed=0.55) == []


def test_people_decisions_win_over_scores():
    links = [Link("a/c1", "b/c1", 0.9), Link("a/c1", "c/c1", 0.45)]
    order = _order("a/c1", "b/c1", "c/c1", "z/c1")
    decisions = [
        Decision("b/c1", "a/c1", "reject", by="ana", why="another strike", time="t1", id=1),
        Decision("c/c1", "a/c1", "confirm", by="ana", time="t2", id=2),
        Decision("z/c1", "a/c1", "confirm", by="bo", time="t3", id=3),  # never linked at all
    ]
    (g,) = build_groups(links, order, suggested=0.4, confirmed=0.55, decisions=decisions)
    status = {m.claim: (m.status, m.method) for m in g.members}
    assert status["b/c1"] == ("rejected", "correction")
    assert status["c/c1"] == ("confirmed", "correction")
    assert status["z/c1"] == ("confirmed", "correction")
    assert g.member("c/c1").decision.by == "ana"
