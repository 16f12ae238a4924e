"""Minimal reproductions of the bugs the property suites found in ``allegedly/extract/``
(see ``known_bugs.py``). Strict xfail: each test fails the suite once its bug is fixed, so
the tolerance for it in the property tests is removed too."""

from __future__ import annotations

import math

import pytest

from allegedly.extract.figures.numbers import find_numbers
from allegedly.extract.figures.timex import find_times
from allegedly.extract.quotes import find_quotes


@pytest.mark.xfail(strict=True, reason="extract/quotes.py: an open quote 'continues' into a "
                   "whitespace-only line and gets an inverted segment (5, 4)")
def test_open_quote_before_a_blank_line_has_ordered_segments():
    (quote,) = find_quotes("“.\n \n")
    assert all(s <= e for s, e in quote.segments), quote.segments


@pytest.mark.xfail(strict=True, reason="extract/numbers.py: a 309+ digit literal is read as "
                   "inf, written to JSON as Infinity")
def test_a_huge_digit_literal_is_not_infinite():
    (number,) = find_numbers("They counted " + "9" * 400 + " people.")
    assert number.value is None or math.isfinite(number.value)


@pytest.mark.xfail(strict=True, raises=OverflowError, reason="extract/numbers.py: '1e912' "
                   "raises OverflowError in _digit_numbers (value * 10 ** int(exp)), which "
                   "fails the figures component and the article")
def test_a_huge_exponent_does_not_raise():
    find_numbers("about 1e912 people")


@pytest.mark.xfail(strict=True, reason="extract/timex.py: find_times keeps two partially "
                   "overlapping expressions, 'In early March' (4, 18) and 'March 12' (13, 21)")
def test_time_expressions_do_not_overlap():
    times = find_times("He. In early March 12 people")
    assert all(a.end <= b.start for a, b in zip(times, times[1:], strict=False)), times
