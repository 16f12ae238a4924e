"""Hand-built analysis records (no spaCy model needed) for the store, scale and corpus tests."""

from __future__ import annotations

from datetime import date

import pytest

from allegedly.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    Cue,
    Figure,
    Hedge,
    Relation,
    Source,
    Span,
)


def _span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def build_analysis(outlet: str, reporter: str, figure: float, *, origin: str,
                   url: str | None = None, extra: str = "") -> ArticleAnalysis:
    """An article in which ``reporter`` (a media source) relays a journalist's loss figure.

    Text (written for these tests): "<reporter> reported that journalist Ivan Petrenko has
    alleged that <figure> soldiers were killed, which may be exaggerated."
    """
    num = f"{figure:,.0f}"
    text = (f"{reporter} reported that journalist Ivan Petrenko has alleged that {num} Russian "
            f"soldiers were killed in March, which may be exaggerated.{extra}")
    outer_content = Span.of(text, text.index("journalist"), len(text) - len(extra))
    inner_content = Span.of(text, text.index(num), len(text) - len(extra))
    may = Hedge(_span(text, "may"), "may", "modal")
    a1 = Attribution("a1", None, Source(_span(text, reporter), reporter, "media", None),
                     Cue(_span(text, "reported"), "report", "report"), outer_content,
                     "indirect")
    a2 = Attribution("a2", "a1", Source(_span(text, "Ivan Petrenko"), "Ivan Petrenko", "person",
                                        "journalist"),
                     Cue(_span(text, "has alleged"), "allege", "allegation"), inner_content,
                     "indirect", (may,))
    f1 = Figure("f1", _span(text, num), figure, None, None, "exact", counted="Russian soldiers",
                measure="killed", actor="Russian", as_of="2022-03", attribution="a2")
    c1 = Claim("c1", inner_content, ("a1", "a2"), "alleged", (may,), ("f1",))
    rel = Relation("scope", "f1", "f1", key="russian|killed|soldiers", note="self-test")
    art = Article(text=text, url=url, outlet=outlet, title=f"{outlet} on losses",
                  published=date(2022, 3, 20), language="en", origin=origin,
                  input_format="text")
    return ArticleAnalysis(art, (a1, a2), (f1,), (c1,), (rel,))


@pytest.fixture
def make_analysis():
    return build_analysis


def build_figure_analysis(outlet: str, source: str, sentence: str, number: str, value: float,
                          *, counted: str, measure: str, actor: str | None = None,
                          as_of: str | None = None, bound: str = "exact", origin: str,
                          published: date | None = date(2022, 3, 20)) -> ArticleAnalysis:
    """An article "<source> said <sentence>" with one figure (``number`` as written in
    ``sentence``) attributed to ``source`` (a government source)."""
    text = f"{source} said {sentence}"
    content = Span.of(text, len(source) + len(" said "), len(text))
    att = Attribution("a1", None, Source(_span(text, source), source, "government", None),
                      Cue(_span(text, "said"), "say", "report"), content, "indirect")
    low = value if bound in ("at_least", "more_than") else None
    fig = Figure("f1", _span(text, number), None if low is not None else value, low, None,
                 bound, counted=counted, measure=measure, actor=actor, as_of=as_of,
                 attribution="a1")
    claim = Claim("c1", content, ("a1",), "reported", (), ("f1",))
    art = Article(text=text, outlet=outlet, title=f"{outlet}: {sentence}", published=published,
                  language="en", origin=origin, input_format="text")
    return ArticleAnalysis(art, (att,), (fig,), (claim,), ())


@pytest.fixture
def make_figure_analysis():
    return build_figure_analysis
