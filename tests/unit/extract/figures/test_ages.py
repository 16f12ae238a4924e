"""Ages are figures of an age unit, never counts (``figure.age``, allegedly.extract.figures.ages).

Sentences written for these tests; the ``nlp`` fixture is tests/unit/extract/conftest.py's.
"""

from __future__ import annotations

import pytest

from allegedly.extract.figures import find_figures


def _figs(nlp, text, **kw):
    return [(text[f.start:f.end], f) for f in find_figures(nlp(text), **kw)]


@pytest.mark.parametrize("text, surface, unit, counted", [
    ("The boy, aged 12, was hurt when the roof fell in.", "12", "year of age", "boy"),
    ("A 15-year-old girl was killed in the blast.", "15-year-old", "year of age", "girl"),
    ("An 18-month-old baby was rescued on Sunday.", "18-month-old", "month of age", "baby"),
    ("The farmer is 70 years old.", "70 years old", "year of age", None),
    ("He died at the age of 87 in the capital.", "87", "year of age", None),
])
def test_ages_have_an_age_unit_and_no_measure(nlp, text, surface, unit, counted):
    got = {s: f for s, f in _figs(nlp, text)}
    f = got[surface]
    assert f.unit == unit and f.measure is None and f.actor is None
    assert counted is None or f.counted == counted


def test_a_list_of_ages_is_three_ages_of_the_children(nlp):
    text = "Three children, aged 4, 7 and 9, were wounded in the shelling."
    got = {s: f for s, f in _figs(nlp, text)}
    assert got["Three"].unit is None and got["Three"].measure == "wounded"
    for age in ("4", "7", "9"):
        assert (got[age].unit, got[age].counted, got[age].measure) == ("year of age", "children",
                                                                       None)


def test_an_age_range(nlp):
    got = {s: f for s, f in _figs(nlp, "Men aged between 18 and 60 may not leave the country.")}
    f = got["between 18 and 60"]
    assert (f.low, f.high, f.unit) == (18, 60, "year of age")


@pytest.mark.parametrize("text, surface", [
    ("Some 12 people were hurt in the crash.", "Some 12"),
    ("The ministry said 40 soldiers were killed.", "40"),
    ("The plant employs 130 workers.", "130"),
])
def test_counts_stay_counts(nlp, text, surface):
    got = {s: f for s, f in _figs(nlp, text)}
    assert got[surface].unit is None


def test_figure_age_can_be_switched_off(nlp):
    text = "The boy, aged 12, was hurt when the roof fell in."
    off = {s: f for s, f in _figs(nlp, text, disabled=["figure.age"])}
    assert off["12"].unit is None


@pytest.mark.parametrize("text, kept", [
    ("Two years later, the court allowed the appeal.", []),
    ("Less than two hours later, the rescuers reached her.", []),
    ("A week later she heard his voice again.", []),
    ("Three days earlier, 40 people were killed in the town.", ["40"]),
    ("He served 20 years in prison.", ["20 years"]),
    ("The talks lasted two days.", ["two days"]),
])
def test_a_relative_time_is_no_figure(nlp, text, kept):
    assert [s for s, _ in _figs(nlp, text)] == kept


def test_the_newsquant_news_view_leaves_relative_times_out():
    from allegedly.evaluation.figures import GoldQuantity, GoldSentence, not_a_news_figure

    s = GoldSentence("Two years later, the agency named 311 square miles as a site.", ())
    assert not_a_news_figure(s, GoldQuantity(2.0, 2.0, 2.0, "=", "year", None)) \
        == "relative_time"
    assert not_a_news_figure(s, GoldQuantity(311.0, 311.0, 311.0, "=", "square mile",
                                             None)) is None
