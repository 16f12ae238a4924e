"""The terminal report of a hand-built analysis: fitted to the width, hedges marked in words."""

from __future__ import annotations

import io
import re

from rich.cells import cell_len
from rich.console import Console

from allegedly.model import (
    AnalysisWarning,
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    Cue,
    Figure,
    Hedge,
    Source,
    Span,
)
from allegedly.report.terminal import claim_marks, render

TEXT = ("Oleksandra Kovalenko-Hrytsenko, a Ukrainian journalist, has alleged that the colonel was "
        "allegedly run over by one of his own soldiers, the Daily Example reported. The ministry "
        "admitted that 498 soldiers had been killed.")


def analysis() -> ArticleAnalysis:
    def span(s: str, start: int = 0) -> Span:
        i = TEXT.index(s, start)
        return Span.of(TEXT, i, i + len(s))

    outer = Attribution("a1", None, Source(span("the Daily Example"), "the Daily Example", "media"),
                        Cue(span("reported"), "report", "report"), span(TEXT[:TEXT.index(",")]),
                        "indirect")
    inner = Attribution(
        "a2", "a1", Source(span("Oleksandra Kovalenko-Hrytsenko"),
                           "Oleksandra Kovalenko-Hrytsenko", "person", "Ukrainian journalist"),
        Cue(span("has alleged"), "allege", "allegation"),
        span("the colonel was allegedly run over by one of his own soldiers"), "indirect")
    hedge = Hedge(span("allegedly", TEXT.index("was")), "allegedly", "adverb")
    ministry = Attribution("a3", None, Source(span("The ministry"), "the ministry", "government"),
                           Cue(span("admitted"), "admit", "admission"),
                           span("498 soldiers had been killed"), "indirect")
    fig = Figure("f1", span("498"), 498, 498, 498, "exact", counted="soldiers", measure="killed",
                 attribution="a3", as_of="2022-03-01/2022-03-10")
    first = TEXT.index(" The ministry")
    claims = (Claim("c1", Span.of(TEXT, 0, first), ("a1", "a2"), "alleged", (hedge,)),
              Claim("c2", Span.of(TEXT, first + 1, len(TEXT)), ("a3",), "admitted",
                    figures=("f1",)))
    article = Article(TEXT, outlet="Example Express", title="Colonel run over, journalist says",
                      origin="/a/very/long/path/to/an/input/file/that/goes/on/and/on/story.txt")
    return ArticleAnalysis(article, (outer, inner, ministry), (fig,), claims,
                           warnings=(AnalysisWarning("W331", "Suspected clutter kept."),))


def rendered(width: int) -> list[str]:
    out = io.StringIO()
    render(analysis(), Console(file=out, width=width, color_system=None))
    return out.getvalue().splitlines()


def test_every_line_fits_and_no_word_of_the_article_is_split() -> None:
    words = set(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", TEXT))
    for width in (40, 60, 80, 120):
        lines = rendered(width)
        assert all(cell_len(ln) <= width for ln in lines), width
        tokens = [re.findall(r"[A-Za-z]+", ln.strip("│ ")) for ln in lines]
        for prev, nxt in zip(tokens, tokens[1:], strict=False):
            if prev and nxt:
                assert prev[-1] + nxt[0] not in words, (width, prev[-1], nxt[0])
        text = "\n".join(lines)
        assert "Kovalenko-Hrytsenko" in text


def test_hedges_are_marked_in_words_and_stances_written_out() -> None:
    text = "\n".join(rendered(80))
    assert "[hedged: allegedly]" in text
    assert "· alleged" in text and "· admitted" in text
    assert "W331" in text


def test_claim_marks() -> None:
    an = analysis()
    assert claim_marks(an.claims[0], "alleged").plain == "[hedged: allegedly]"
    assert claim_marks(an.claims[0], "reported").plain == "[alleged; hedged: allegedly]"
    assert claim_marks(an.claims[1], "admitted") is None
