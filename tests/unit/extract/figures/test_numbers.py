"""Number literals and number words (no model needed)."""

from __future__ import annotations

import pytest

from allegedly.extract.figures.numbers import (
    find_numbers,
    parse_digits,
    trigger_forms,
    words_to_number,
)


def _one(text: str):
    found = find_numbers(text)
    assert len(found) == 1, [text[n.start:n.end] for n in found]
    n = found[0]
    return text[n.start:n.end], n


@pytest.mark.parametrize("text, surface, value", [
    ("We saw 1,500 of them", "1,500", 1500),
    ("worth 1.5 million", "1.5 million", 1_500_000),
    ("it cost $13.6M", "13.6M", 13_600_000),
    ("a 2.8bn km trip", "2.8bn", 2_800_000_000),
    ("I walked 0.5k miles", "0.5k", 500),
    ("There were 4 hundred million people", "4 hundred million", 400_000_000),
    ("a rate of .001 per cent", ".001", 0.001),
    ("The door is 2 1/2 in thick", "2 1/2", 2.5),
    ("a ⅓ cup", "⅓", 1 / 3),
    ("a factor of 2.48×10−5 only", "2.48×10−5", 2.48e-5),
    ("it fell to minus 233 Celsius", "minus 233", -233),
    ("valued at 10 000 dollars", "10 000", 10_000),
    ("a grant of 1 250 000 euros", "1 250 000", 1_250_000),
])
def test_digit_literals(text, surface, value):
    got, n = _one(text)
    assert got == surface
    assert n.value == pytest.approx(value)


def test_lower_case_m_is_metre_without_money_but_million_with_it():
    assert find_numbers("a 37m skeleton")[0].value == 37
    assert find_numbers("it cost PS2.7m")[0].value == pytest.approx(2_700_000)


def test_malformed_grouping_is_read_and_flagged():
    value, warnings = parse_digits("1,5000")
    assert value == 15000
    assert warnings and warnings[0].startswith("W101")
    assert "15,000 or 1,500" in warnings[0]
    assert parse_digits("1,500,000") == (1_500_000, ())


@pytest.mark.parametrize("text, surface, value", [
    ("I want a hundred and two of those", "a hundred and two", 102),
    ("three million, two hundred & forty, you say?", "three million, two hundred & forty", 3_000_240),
    ("two and a half miles", "two and a half", 2.5),
    ("approximately one-half miles east", "one-half", 0.5),
    ("I'd like two thirds of the cake.", "two thirds", 2 / 3),
    ("half a million people fled", "half a million", 500_000),
    ("they bought a dozen eggs", "a dozen", 12),
    ("we have two dozen left", "two dozen", 24),
    ("twenty-one years later", "twenty-one", 21),
    ("A third of the population", "A third", 1 / 3),
])
def test_number_words(text, surface, value):
    got, n = _one(text)
    assert got == surface
    assert n.words
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize("text, surface, low, high", [
    ("the loss of thousands of his comrades", "thousands of", 1000, 10000),
    ("tens of thousands of students", "tens of thousands of", 10_000, 100_000),
    ("dozens of people were hurt", "dozens of", 12, 120),
])
def test_vague_plurals_give_bounds_not_a_value(text, surface, low, high):
    got, n = _one(text)
    assert got == surface
    assert n.vague and n.value is None
    assert (n.low, n.high) == (low, high)


def test_words_that_are_not_numbers():
    assert find_numbers("the baker's dozen") == []
    assert find_numbers("in the second half") == []
    assert words_to_number(["banana"]) is None


def test_trigger_forms_come_from_the_lexicon():
    forms = trigger_forms()
    for word in ("five", "dozen", "thousands", "hundreds", "million", "half"):
        assert word in forms
    assert "category" not in forms  # labels are not triggers
    assert "bn" not in forms  # abbreviations only count after digits


def test_space_grouping_needs_groups_of_three():
    assert [n.value for n in find_numbers("codes 245 23 and 12 100-metre races")] == [245, 23, 12, 100]


@pytest.mark.parametrize("text", ["He tabled the 2025/2026 budget.", "in the 1999/2000 season",
                                  "the 2023/24 financial year"])
def test_a_pair_of_years_is_no_fraction(text):
    """"2025/2026" is a financial year or season, never the fraction 0.9995."""
    assert all(n.value is None for n in find_numbers(text))
