"""Minimal reproductions of the bugs the property suites found in ``allegedly/extract/``, now
fixed; the property tests no longer tolerate any of them."""

from __future__ import annotations

import json
import math

from allegedly.extract.figures.numbers import find_numbers
from allegedly.extract.figures.timex import find_times
from allegedly.extract.quotes import find_quotes


def test_open_quote_before_a_blank_line_has_ordered_segments():
    # an open quote does not "continue" into a whitespace-only line ("" in OPEN_MARKS)
    (quote,) = find_quotes("“.\n \n")
    assert quote.segments == ((1, 2),) and not quote.closed


def test_a_quote_runs_on_across_a_whitespace_only_line_as_across_a_blank_one():
    text = "“The first part.\n \n“The second part.”"
    (quote,) = find_quotes(text)
    assert [text[s:e] for s, e in quote.segments] == ["The first part.", "The second part."]


def test_a_huge_digit_literal_is_not_infinite():
    (number,) = find_numbers("They counted " + "9" * 400 + " people.")
    assert number.value is None and (number.start, number.end) == (13, 413)


def test_a_literal_just_inside_the_float_range_keeps_its_value():
    (number,) = find_numbers("They counted " + "9" * 300 + " people.")
    assert math.isclose(number.value, 10.0 ** 300)


def test_a_huge_exponent_does_not_raise_and_gives_no_value():
    (number,) = find_numbers("about 1e912 people")
    assert number.value is None and (number.start, number.end) == (6, 11)
    small, tiny = find_numbers("a 2.48×10−5 m wire, 1e-400 g")
    assert math.isclose(small.value, 2.48e-05) and tiny.value == 0.0
    assert all(n.value is None or math.isfinite(n.value)
               for n in find_numbers("3x2^99999 and 7e99999999999 and 9.9e307 billion"))


def test_no_number_makes_the_json_invalid():
    numbers = find_numbers(" ".join(["9" * 400, "1e912", "2.48×10^999", "x9^99999"]))
    json.dumps([n.__dict__ for n in numbers], allow_nan=False)


def test_time_expressions_do_not_overlap():
    times = find_times("He. In early March 12 people")
    assert [(t.start, t.end, t.text) for t in times] == [(4, 18, "In early March")]


def test_of_two_overlapping_time_expressions_the_longer_is_kept():
    times = find_times("polls started later: last Friday, January 29. Then")
    assert [t.text for t in times] == ["Friday, January 29"]
