"""The issue's "must show" list for the motivating article, as explicit assertions.

The golden file pins the whole output; these tests say what a fact-checker must see, so a
regeneration of the golden file can never silently drop one of them.
"""

from __future__ import annotations

import pytest

from tests.golden.test_golden import read_case


@pytest.fixture(scope="module")
def seed(analyzer):
    return analyzer.analyze(read_case("tank-mutiny"))


def links(an, cue_lemma=None, source_contains=None):
    out = []
    for a in an.attributions:
        if cue_lemma and (not a.cue or a.cue.lemma != cue_lemma):
            continue
        if source_contains and (not a.source or source_contains.lower()
                                not in (a.source.name + " " + a.source.span.text
                                        if a.source.span else a.source.name).lower()):
            continue
        out.append(a)
    return out


def figure(an, text):
    return next(f for f in an.figures if f.span.text == text)


def source_chain(an, att):
    return [x.source.name if x.source else None for x in an.chain(att.id)]


def test_clutter_lines_removed(seed):
    reasons = {r.text.split()[0]: r.reason for r in seed.article.removed}
    removed = " ".join(r.text for r in seed.article.removed)
    assert "We use your sign-up" in removed
    assert "[INSIGHT]" in removed and "[BREAKING]" in removed and "[LATEST]" in removed
    assert "Source: Read Full Article" in removed
    assert "Colonel Medvedev was hospitalised" not in removed
    assert len(reasons) >= 4


def test_chain_the_sun_then_tsimbalyuk(seed):
    inner = next(a for a in links(seed, "allege") if a.source and "Tsimbalyuk" in a.source.name)
    assert source_chain(seed, inner)[-2:] == [seed.attribution(inner.parent).source.name,
                                              "Roman Tsimbalyuk"]
    outer = seed.attribution(inner.parent)
    assert outer.source.kind == "media" and "Sun" in outer.source.name
    assert inner.source.kind == "person"
    assert "journalist" in (inner.source.description or "")
    assert inner.content.text.removeprefix("that ").startswith(
        "his injuries were caused by a Kremlin soldier")


def test_pronoun_and_short_name_resolved(seed):
    he = next(a for a in seed.attributions if a.source and a.source.span
              and a.source.span.text == "He")
    assert he.source.name == "Roman Tsimbalyuk"
    assert "750 out of 1,5000" in he.content.text
    mr = [a for a in seed.attributions if a.source and a.source.span
          and a.source.span.text == "Mr Tsimbalyuk"]
    assert mr and all(a.source.name == "Roman Tsimbalyuk" for a in mr)


def test_two_paragraph_direct_quote(seed):
    quote = next(a for a in seed.attributions if a.quote == "direct" and a.source
                 and a.source.name == "Roman Tsimbalyuk")
    assert "A military officer of the tank battalion" in seed.article.text[
        quote.content.start:quote.content.end]
    assert "injuring both his legs" in seed.article.text[quote.content.start:quote.content.end]


def test_there_are_claims_is_a_vague_counter_claim(seed):
    att = next(a for a in seed.attributions if a.cue and seed.article.text[
        a.cue.span.start - 10:a.cue.span.end].lower().find("there are claims") >= 0
        or (a.source and a.source.span and a.source.span.text.lower() == "there are claims"))
    assert att.source is None or att.source.kind in {"vague", "anonymous"}
    claim = next(c for c in seed.claims if c.span.text.startswith("There are claims"))
    assert any(r.kind == "disputes" and r.a == claim.id for r in seed.relations)


def test_figures_with_sources_and_measures(seed):
    f498 = figure(seed, "498")
    assert (f498.value, f498.measure) == (498, "killed")
    assert seed.attribution(f498.attribution).cue.cls == "admission"
    assert "defence ministry" in seed.attribution(f498.attribution).source.name.lower()
    f1500 = figure(seed, "1,500")
    assert (f1500.value, f1500.measure) == (1500, "wounded")
    f7000 = figure(seed, "over 7,000")
    assert (f7000.value, f7000.bound, f7000.measure) == (7000, "more_than", "killed")
    us = seed.attribution(f7000.attribution)
    assert us.cue.cls == "estimate" and "intelligence" in us.source.name.lower()
    f15000 = figure(seed, "over 15,000")
    assert (f15000.bound, f15000.measure) == ("more_than", "lost")
    assert "ukrainian government" in seed.attribution(
        seed.chain(f15000.attribution)[0].id).source.name.lower()
    five = figure(seed, "At least five")
    assert (five.value, five.bound) == (5, "at_least") and "generals" in five.counted
    f17 = figure(seed, "up to 17")
    assert (f17.value, f17.bound) == (17, "at_most")
    assert seed.attribution(f17.attribution).source.kind == "vague"


def test_malformed_number_warning(seed):
    bad = figure(seed, "1,5000")
    assert any(w.startswith("W101") for w in bad.warnings)
    assert any(w.code == "W101" for w in seed.warnings)


def test_conflicting_figures_side_by_side(seed):
    f498, f7000, f15000 = (figure(seed, t).id for t in ("498", "over 7,000", "over 15,000"))
    rel = {(r.a, r.b): r.kind for r in seed.relations}
    assert rel.get((f498, f7000)) == "differs"
    assert rel.get((f7000, f15000)) == "scope"  # killed vs lost
    dispute = next(c for c in seed.claims if "scepticism" in c.span.text)
    target = next(r.b for r in seed.relations if r.kind == "disputes" and r.a == dispute.id)
    assert f498 in next(c for c in seed.claims if c.id == target).figures


def test_hedges(seed):
    cues = [h.cue.lower() for c in seed.claims for h in c.hedges]
    assert cues.count("allegedly") == 2
    assert cues.count("reportedly") == 3
    assert "it is not known" in cues
    assert any(c in cues for c in ("may", "may have been"))
