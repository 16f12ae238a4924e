"""Claims and within-article relations, on hand-built records (no model needed)."""

from __future__ import annotations

from allegedly.claims import build_claims, build_relations, figure_key, measure_scope
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
