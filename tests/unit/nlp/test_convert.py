"""Records from plain matches: nesting by containment, figure/hedge ownership, claims."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from allegedly.extract.matches import AttributionMatch, FigureMatch, HedgeMatch, SourceMatch
from allegedly.model import Article, Attribution, Cue, Hedge, Span
from allegedly.nlp.convert import (
    DocMatches,
    _attach_hedges,
    _ContentIndex,
    build_analysis,
    split_sentences,
)
from allegedly.nlp.prepass import OffsetMap

TEXT = ("However, Ukrainian journalist Roman Tsimbalyuk has alleged that his injuries were "
        "caused by a Kremlin soldier, the Sun reported. It is allegedly true that 12 died.")


def off(sub: str) -> tuple[int, int]:
    i = TEXT.index(sub)
    return i, i + len(sub)


def matches() -> DocMatches:
    inner = AttributionMatch(
        cue=off("has alleged"), cue_lemma="allege", cue_class="allegation",
        content=(off("his injuries were caused by a Kremlin soldier"),), quote="indirect",
        source=SourceMatch(off("Ukrainian journalist Roman Tsimbalyuk"), "Roman Tsimbalyuk",
                           "person", "Ukrainian journalist"))
    outer = AttributionMatch(
        cue=off("reported"), cue_lemma="report", cue_class="report",
        content=(off("Ukrainian journalist Roman Tsimbalyuk has alleged that his injuries were "
                     "caused by a Kremlin soldier"),), quote="indirect",
        source=SourceMatch(off("the Sun"), "The Sun", "media"))
    s1 = (0, TEXT.index(" It is"))
    s2 = (TEXT.index("It is"), len(TEXT))
    return DocMatches(
        attributions=(inner, outer),
        hedges=(HedgeMatch(*off("allegedly"), "allegedly", "adverb"),),
        figures=(FigureMatch(*off("12"), value=12.0, low=12.0, high=12.0, measure="died"),),
        sentences=(s1, s2))


def analysis():
    article = Article(TEXT, outlet="Express")
    return build_analysis(article, TEXT, [(OffsetMap(((0, 0, len(TEXT)),)), matches())])


def test_outer_link_is_parent_of_inner_link():
    an = analysis()
    sun = next(a for a in an.attributions if a.source.name == "The Sun")
    tsim = next(a for a in an.attributions if a.source.name == "Roman Tsimbalyuk")
    assert sun.parent is None
    assert tsim.parent == sun.id
    assert [a.source.name for a in an.chain(tsim.id)] == ["The Sun", "Roman Tsimbalyuk"]


def test_every_span_text_matches_the_article_text():
    d = analysis().to_dict()

    def walk(o):
        if isinstance(o, dict):
            if {"start", "end", "text"} <= o.keys() and o["start"] is not None:
                assert d["text"][o["start"]:o["end"]] == o["text"]
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(d)


def test_claims_take_the_deepest_chain_and_hedge_stance():
    an = analysis()
    first, second = an.claims
    assert [an.attribution(x).source.name for x in first.chain] == ["The Sun", "Roman Tsimbalyuk"]
    assert first.stance == "alleged"
    assert second.chain == () and second.stance == "alleged"  # "allegedly", publisher's own
    assert second.figures == (an.figures[0].id,)


def test_split_sentences_for_unparsed_paragraphs():
    text = "One sentence here. Another one! “Quoted start.” Last"
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["One sentence here.", "Another one!",
                                             "“Quoted start.”", "Last"]


def test_rule_failures_become_coded_warnings_with_their_token():
    from allegedly.extract.matches import RuleFailure

    text = "Officials said that 12 people died."
    om = OffsetMap(((0, 0, len(text)),))
    failure = RuleFailure("verb.ccomp", 10, 14, "IndexError('x')")
    dm = DocMatches(attributions=(), hedges=(), figures=(), sentences=((0, len(text)),),
                    failures=(failure,))
    result = build_analysis(Article(text=text), text, [(om, dm)])
    (w,) = [w for w in result.warnings if w.code == "W202"]
    assert w.span.text == "said" and "verb.ccomp" in w.message and "IndexError" in w.message
    assert result.to_dict()["warnings"][0]["code"] == "W202"


@given(st.lists(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)),
                         min_size=1, max_size=3), max_size=25),
       st.lists(st.tuples(st.integers(0, 80), st.integers(0, 10)), max_size=25))
def test_content_index_finds_the_contents_around_each_query_as_a_full_scan(segs, queries):
    segments = [[(a, a + n) for a, n in s] for s in segs]
    queries = [(s, s + n) for s, n in queries]
    extent = [(min(a for a, _ in s), max(b for _, b in s)) for s in segments]
    expected = [[k for k, (lo, hi) in enumerate(extent) if lo <= s and hi >= e]
                for s, e in queries]
    assert _ContentIndex(segments).around_each(queries) == expected


def test_a_hedge_on_the_cue_belongs_to_the_first_link_with_that_cue():
    text = "Officials reportedly said a dozen died, and reportedly said more."
    def link(aid: str, cue_at: int, content: str) -> Attribution:
        c = text.index(content)
        return Attribution(aid, None, None, Cue(Span(cue_at, cue_at + 4, "said"), "say",
                                                "report"), Span(c, c + len(content), content),
                           "indirect")
    first, second = text.index("said"), text.index("said", text.index("said") + 1)
    atts = [link("a1", first, "a dozen died"), link("a2", second, "more"),
            link("a3", first, "a dozen")]
    hedges = [Hedge(Span(i, i + 10, "reportedly"), "reportedly", "adverb")
              for i in (text.index("reportedly"), text.index("reportedly", 20))]
    out = {a.id: [h.span.start for h in a.hedges] for a in _attach_hedges(atts, hedges)}
    assert out == {"a1": [hedges[0].span.start], "a2": [hedges[1].span.start], "a3": []}
