"""Time expressions and their resolution against the publication date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from allegedly.extract.figures.timex import find_times, resolve

PUBLISHED = date(2022, 3, 20)  # a Sunday


def _only(text: str):
    found = find_times(text)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize("text, expr, kind, as_of", [
    ("Officials said last week that", "last week", "point", "2022-03-07/2022-03-13"),
    ("In early March, the ministry admitted", "In early March", "point", "2022-03-01/2022-03-10"),
    ("killed since 24 February.", "since 24 February", "span", "2022-02-24/2022-03-20"),
    ("killed since Putin launched his invasion on 24 February.",
     "since Putin launched his invasion on 24 February", "span", "2022-02-24/2022-03-20"),
    ("footage released two weeks ago showed", "two weeks ago", "point", "2022-03-06"),
    ("lost in less than four weeks of fighting.", "in less than four weeks of fighting", "span",
     "2022-02-20/2022-03-20"),
    ("It happened on Monday.", "on Monday", "point", "2022-03-14"),
    ("She died on September 8 in Dar", "on September 8", "point", "2021-09-08"),
    ("sales in 2019 fell", "in 2019", "point", "2019-01-01/2019-12-31"),
    ("prices rose this year", "this year", "point", "2022-01-01/2022-03-20"),
])
def test_find_and_resolve(text, expr, kind, as_of):
    t = _only(text)
    assert t.text == expr
    assert text[t.start:t.end] == expr
    assert t.kind == kind
    assert resolve(t, PUBLISHED) == as_of


def test_month_without_year_is_the_latest_one_before_publication():
    t = _only("fighting in late November")
    assert resolve(t, PUBLISHED) == "2021-11-21/2021-11-30"


def test_unresolved_without_publication_date():
    t = _only("Officials said last week that")
    assert resolve(t, None) is None


def test_bare_month_and_bare_durations_are_not_time_expressions():
    assert find_times("May I ask?") == []
    assert find_times("four weeks is a long time") == []


# ---- scope: a time expression belongs to its own clause and the clauses below it -------------


@pytest.mark.parametrize("text, figure, expr, applies", [
    ("In early March, the ministry admitted that 498 soldiers had been killed.", "498",
     "In early March", True),
    ("The reporter, who visited Kyiv in January, said 20 soldiers were killed.", "20",
     "in January", False),
    ("Officials said 900 soldiers were lost in less than three weeks of fighting.", "900",
     "in less than three weeks of fighting", True),
])
def test_in_scope(nlp, text, figure, expr, applies):
    from allegedly.extract.figures.timex import in_scope

    doc = nlp(text)
    t = next(t for t in find_times(text) if t.text == expr)
    assert in_scope(doc, t, text.index(figure)) is applies
