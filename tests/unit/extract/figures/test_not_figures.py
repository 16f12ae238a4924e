"""Numbers that are no figures (round 2): dates and stamps written in digits, dotted clock
times. Sentences written for these tests.

Uses the session ``nlp`` fixture of ``tests/unit/extract/conftest.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from allegedly.extract.figures import find_figures
from allegedly.extract.figures.candidates import numeric_date_spans


def values(nlp, text: str) -> list[float | None]:
    doc = nlp(text)
    return [f.value for f in find_figures(doc, published=date(2022, 3, 20))]


@pytest.mark.parametrize("text, expected", [
    ("Air defence shot down 12 drones on Monday (17.03.22 09:15).", [12]),
    ("Shelling of the city (17.03.22 09:15) « War | Site / 17.03.22 09:15 - Shelling.", []),
    ("Figures as of 24.06.2022: 31 settlements were shelled.", [31]),
    ("05-07-2015 Raids on the town killed 22 people.", [22]),
    ("Operational information as of 6:00 p.m. on 10/26/2022: 9 attacks repelled.", [9]),
    ("Transcript of the show, 4/4/22.", []),
])
def test_dates_written_in_digits_are_no_figures(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The ratio was 3/4 in the first round.",  # a fraction, no year
    "Prices rose 1.5.",
    "Scores of 10-12-14 were recorded.",  # hyphens need a four-digit year
])
def test_numeric_date_spans_leave_other_numbers(text):
    assert numeric_date_spans(text) == []


def test_numeric_date_spans_need_a_day_and_a_month():
    assert numeric_date_spans("It was 17.03.22 then 32.13.22.") == [(7, 15)]


@pytest.mark.parametrize("text, expected", [
    ("The General Staff gave figures as of 18.00 on April 5.", []),
    ("Shelling began at about 7.30 and went on until 16.00 local time.", []),
    ("The curfew runs from 22.00 to 06.00 in the region.", []),
    ("Shares closed at 12.50 on Friday.", [12.5]),
    ("Yields rose from 1.50 to 2.50 percent.", [None]),  # a range of percentages
    ("Inflation was 10.45 percent as of 2022.", [10.45]),
])
def test_clock_times_written_with_a_dot(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Photo gallery [1/5] Residents inspect the damage.", []),
    ("Thread (3/12): the vote was 2/3 in favour.", [pytest.approx(2 / 3)]),
])
def test_a_bracketed_counter_is_no_fraction(nlp, text, expected):
    assert values(nlp, text) == expected
