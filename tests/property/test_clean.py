"""Clutter removal (``allegedly.ingest.clean``): regions are exact slices, text untouched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from allegedly.ingest.clean import find_clutter, without

from .conftest import examples
from .strategies import news_text

CLUTTER = ["Source: Read Full Article", "Share this article", "Related: Putin’s mutiny",
           "We use cookies to improve your experience. Accept all", "Click here to subscribe",
           "READ MORE: Russia news", "Follow us on Twitter", "Advertisement",
           "Sign up for our newsletter"]
texts = st.one_of(news_text(), st.lists(st.one_of(news_text(max_paragraphs=2),
                                                  st.sampled_from(CLUTTER)),
                                        min_size=1, max_size=8).map("\n".join))


@settings(max_examples=examples(50))
@given(texts)
def test_removed_regions_are_exact_ordered_slices(text: str) -> None:
    found = find_clutter(text)
    last_end = 0
    for r in found:
        assert 0 <= r.start < r.end <= len(text)
        assert r.text == text[r.start:r.end]
        assert r.text == r.text.strip() and "\n" not in r.text
        assert r.start >= last_end  # one region per line, in text order
        last_end = r.end
        assert r.reason
    rest = without(text, found)
    assert len(rest) <= len(text)
    for r in found:
        assert r.text not in rest or r.text in text.replace(r.text, "", 1)
