"""Time parsing (``allegedly.extract.figures.timex``): expressions in bounds, resolution total."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from allegedly.extract.figures.timex import find_times, resolve

from .conftest import examples
from .strategies import news_text

ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?")
published = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max,
                                                              date(2022, 3, 21)]))


@settings(max_examples=examples(60))
@given(news_text(), published, st.data())
def test_times_are_disjoint_slices_and_resolve_to_iso_or_none(text: str, pub: date | None,
                                                             data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    last = (start, start)
    for t in find_times(text, start, end):
        assert start <= t.start < t.end <= end
        assert last[1] <= t.start  # disjoint: of overlapping expressions, the longest
        assert t.text == text[t.start:t.end]
        assert t.kind in {"point", "span"}
        last = (t.start, t.end)
        value = resolve(t, pub)
        assert value is None or ISO.fullmatch(value), value
        if pub is None:
            assert value is None
