"""Number parsing (``allegedly.extract.figures.numbers``): literals in bounds, values right."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from allegedly.extract.figures.numbers import find_numbers, parse_digits, words_to_number

from .conftest import AUXILIARY, examples
from .strategies import news_text

WORDS = ["one", "two", "three", "ten", "twelve", "twenty", "hundred", "thousand", "million",
         "and", "a", "half", "dozen", "fifty-five", "billion", "of", "tens"]


@settings(max_examples=examples(60))
@given(news_text())
def test_numbers_are_ordered_disjoint_slices(text: str) -> None:
    last_end = 0
    for n in find_numbers(text):
        assert last_end <= n.start < n.end <= len(text)
        last_end = n.end
        if n.value is None:  # a vague plural, or a digit literal read as no value
            assert (n.vague and n.low is not None) or (not n.words and n.low is None)
        for v in (n.value, n.low, n.high):
            assert v is None or math.isfinite(v), n
        for w in n.warnings:
            assert w[:1] == "W" and w[1:4].isdigit()


@settings(max_examples=examples(100, AUXILIARY))
@given(st.integers(0, 10**15), st.sampled_from([",", ""]), st.integers(0, 999))
def test_grouped_digits_read_as_their_value(value: int, sep: str, frac: int) -> None:
    literal = f"{value:,}".replace(",", sep) + (f".{frac:03d}" if frac else "")
    parsed, warnings = parse_digits(literal)
    assert warnings == ()
    assert math.isclose(parsed, value + frac / 1000, rel_tol=1e-12)
    (found,) = [n for n in find_numbers(f"They counted {literal} of them.")]
    assert math.isclose(found.value, parsed, rel_tol=1e-12)


@settings(max_examples=examples(100, AUXILIARY))
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_number_words_never_raise(words: list[str]) -> None:
    value = words_to_number(words)
    assert value is None or value >= 0
