"""Quote pairing (``allegedly.extract.quotes``): quotes are ordered, nested spans in bounds."""

from __future__ import annotations

from hypothesis import assume, given, settings

from allegedly.extract.quotes import CLOSE_MARKS, OPEN_MARKS, STRAIGHT, find_quotes, quote_at

from .conftest import AUXILIARY, examples
from .strategies import news_text

MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT + "'`"


@settings(max_examples=examples(60))
@given(news_text())
def test_quotes_are_ordered_and_their_segments_lie_inside(text: str) -> None:
    quotes = find_quotes(text)
    previous_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous_end  # quotes do not overlap
        previous_end = q.end
        assert text[q.start] in MARKS
        last = q.start
        for s, e in q.segments:
            assert last <= s <= e <= q.end
            last = e
        assert any(e > s for s, e in q.segments)
        if q.closed:
            assert text[q.end - 1] in MARKS
        s, e = q.inner
        assert quote_at(quotes, s, max(e, s + 1)) is q


@settings(max_examples=examples(40, AUXILIARY))
@given(news_text(max_paragraphs=4))
def test_a_quote_opened_and_closed_in_one_paragraph_is_found(text: str) -> None:
    body = "".join(c for c in text if c not in MARKS and c != "\n")
    assume(body.strip())
    wrapped = f"“{body}” he said."
    quotes = find_quotes(wrapped)
    assert any(q.start == 0 and q.closed for q in quotes)
