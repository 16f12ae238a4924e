"""Claims and within-article relations, on hand-built records (no model needed)."""

from __future__ import annotations

from allegedly.claims import (
    MAX_KEY_NEIGHBOURS,
    build_claims,
    build_relations,
    figure_key,
    measure_scope,
)
from allegedly.model import Attribution, Cue, Figure, Source, Span

TEXT = ("The ministry admitted that 498 soldiers had been killed. "
        "The United States has said this number should be treated with scepticism. "
        "Intelligence officials estimated that over 7,000 troops have died. "
        "The government claimed that over 15,000 soldiers have been lost. "
        "He said 750 soldiers in his unit were killed.")


def sp(sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return Span(i, i + len(sub), sub)


def att(aid: str, who: str, kind: str, cue: str, cls: str, content: str) -> Attribution:
    return Attribution(aid, None, Source(sp(who), who, kind), Cue(sp(cue), cue, cls),
                       sp(content), "indirect")


ATTS = [
    att("a1", "The ministry", "government", "admitted", "admission",
        "498 soldiers had been killed"),
    att("a2", "The United States", "government", "said", "report",
        "this number should be treated with scepticism"),
    att("a3", "Intelligence officials", "government", "estimated", "estimate",
        "over 7,000 troops have died"),
    att("a4", "The government", "government", "claimed", "allegation",
        "over 15,000 soldiers have been lost"),
    att("a5", "He", "person", "said", "report", "750 soldiers in his unit were killed"),
]


def fig(fid: str, text: str, value: float, bound: str, measure: str, counted: str,
        owner: str) -> Figure:
    return Figure(fid, sp(text), value, value, None, bound, counted=counted, measure=measure,
                  actor="russian" if fid != "f2" else None, attribution=owner)


FIGS = [
    fig("f1", "498", 498, "exact", "killed", "soldiers", "a1"),
    fig("f2", "over 7,000", 7000, "more_than", "died", "troops", "a3"),
    fig("f3", "over 15,000", 15000, "more_than", "lost", "soldiers", "a4"),
    fig("f4", "750", 750, "exact", "killed", "soldiers", "a5"),
]


def sentences() -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in TEXT.split(". "):
        end = pos + len(part) + (0 if part.endswith(".") else 1)
        out.append((pos, min(end, len(TEXT))))
        pos = end + 1
    return out


def test_every_sentence_is_a_claim_with_its_chain_and_stance():
    claims = build_claims(TEXT, sentences(), ATTS, [], FIGS)
    assert len(claims) == 5
    assert [c.stance for c in claims] == ["admitted", "reported", "estimated", "alleged",
                                          "reported"]
    assert claims[0].chain == ("a1",) and claims[0].figures == ("f1",)


def test_figure_keys_group_synonyms_and_measure_scopes():
    assert figure_key(FIGS[0])[1:] == figure_key(FIGS[1])[1:] == ("troops", "fatal")
    assert measure_scope("died") == measure_scope("killed") == "deaths"
    assert measure_scope("lost") == "losses"


def test_relations_differs_scope_and_part():
    claims = build_claims(TEXT, sentences(), ATTS, [], FIGS)
    rel = {(r.a, r.b): r for r in build_relations(TEXT, claims, ATTS, FIGS)}
    assert rel[("f1", "f2")].kind == "differs"  # killed vs died: same scope, two sources
    assert rel[("f1", "f3")].kind == "scope"  # killed vs lost
    assert rel[("f1", "f4")].kind == "scope"  # "in his unit" counts only a part
    assert "part" in rel[("f1", "f4")].note


def test_dispute_points_back_to_the_claim_with_the_figure():
    claims = build_claims(TEXT, sentences(), ATTS, [], FIGS)
    disputes = [r for r in build_relations(TEXT, claims, ATTS, FIGS) if r.kind == "disputes"]
    assert [(r.a, r.b) for r in disputes] == [("c2", "c1")]
    assert disputes[0].evidence.text == "treated with scepticism"
    assert TEXT[disputes[0].evidence.start:disputes[0].evidence.end] == "treated with scepticism"


def _one_key_dump(n: int) -> tuple[str, list[Attribution], list[Figure], list]:
    """``n`` sentences, each a different source giving a different toll on one key."""
    line = "Officials in town {i:05d} said {v} soldiers were killed. "
    parts, atts, figs, sents, pos = [], [], [], [], 0
    for i in range(n):
        s = line.format(i=i, v=100 + i)
        who, val = s.index("Officials"), s.index(str(100 + i))
        cue = s.index("said")
        content = Span(pos + val, pos + len(s) - 2, s[val:len(s) - 2])
        atts.append(Attribution(f"a{i + 1}", None,
                                Source(Span(pos + who, pos + who + 9, "Officials"),
                                       f"Officials {i}", "government"),
                                Cue(Span(pos + cue, pos + cue + 4, "said"), "say", "report"),
                                content, "indirect"))
        figs.append(Figure(f"f{i + 1}", Span(pos + val, pos + val + 3, str(100 + i)),
                           100 + i, 100 + i, None, "exact", counted="soldiers",
                           measure="killed", attribution=f"a{i + 1}"))
        sents.append((pos, pos + len(s) - 1))
        parts.append(s)
        pos += len(s)
    return "".join(parts), atts, figs, sents


def test_relations_on_one_key_grow_linearly_with_a_bounded_neighbourhood():
    counts = {}
    for n in (2000, 4000):
        text, atts, figs, sents = _one_key_dump(n)
        claims = build_claims(text, sents, atts, [], figs)
        rels = build_relations(text, claims, atts, figs)
        assert all(r.kind == "differs" and r.key == "|troops|fatal" for r in rels)
        counts[n] = len(rels)
        # each figure is compared with the next MAX_KEY_NEIGHBOURS of its group, in order
        firsts = [(r.a, r.b) for r in rels[:MAX_KEY_NEIGHBOURS + 1]]
        assert firsts[:2] == [("f1", "f2"), ("f1", "f3")]
        assert firsts[-1] == ("f2", "f3")
    k = MAX_KEY_NEIGHBOURS
    assert counts[2000] == sum(min(k, 2000 - 1 - i) for i in range(2000))
    assert counts[4000] == sum(min(k, 4000 - 1 - i) for i in range(4000))  # not ~4x


def test_a_small_key_group_keeps_every_pair():
    text, atts, figs, sents = _one_key_dump(MAX_KEY_NEIGHBOURS + 1)
    rels = build_relations(text, build_claims(text, sents, atts, [], figs), atts, figs)
    n = MAX_KEY_NEIGHBOURS + 1
    assert len(rels) == n * (n - 1) // 2


def test_counter_account_points_at_the_nearest_claim_sharing_a_word():
    text = ("The convoy was hit by artillery. Officials counted the damage. "
            "The governor said it burned because of a fire instead of artillery.")
    s = [(0, 32), (33, 62), (63, len(text))]
    cue = text.index("said")
    gov = Attribution("a1", None, Source(Span(63, 75, "The governor"), "The governor",
                                         "government"),
                      Cue(Span(cue, cue + 4, "said"), "say", "report"),
                      Span(cue + 5, len(text) - 1, text[cue + 5:len(text) - 1]), "indirect")
    claims = build_claims(text, s, [gov], [], [])
    rels = build_relations(text, claims, [gov], [])
    assert [(r.kind, r.a, r.b, r.evidence.text) for r in rels] == [
        ("disputes", "c3", "c1", "instead of")]
