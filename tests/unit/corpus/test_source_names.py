"""One source, one origin: names of one source across articles (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from allegedly.corpus.source_names import name_key, same_sources


@pytest.mark.parametrize("a, b", [
    ("the Defence Ministry", "Defence Ministry"),
    ("the country's Defence Ministry", "the Defence Ministry"),  # the place the article names
    ("Ukraine's Defence Ministry", "the Ukrainian Ministry of Defence"),
    ("Russia’s Defense Ministry", "the Russian Ministry of Defence"),
    ("Mariupol city council", "the city council of Mariupol"),
    ("The Armed Forces of Ukraine", "Ukraine's armed forces"),
    ("Colonel Radu Belsky", "Radu Belsky"),
    ("the  Northern Ledger", "The Northern Ledger"),
])
def test_one_name_written_differently_has_one_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Ukraine's Defence Ministry", "Russia's Defence Ministry"),
    ("Mariupol city council", "Mariupol"),  # a council is not its city
    ("the Ministry of Health", "the Ministry of Defence"),
    ("the city's mayor", "the city's police"),
])
def test_different_sources_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_a_shorter_name_stands_for_the_one_longer_name_of_the_group():
    alias = same_sources([("the Defence Ministry", "government"),
                          ("the country's Defence Ministry", "government"),
                          ("Valdoria's Defence Ministry", "government"),
                          ("Mr Liss", "person"), ("Sergeant Darko Liss", "person")])
    full = name_key("Valdoria's Defence Ministry")
    assert alias[name_key("the Defence Ministry")] == full
    assert alias[name_key("the country's Defence Ministry")] == full
    assert alias[name_key("Mr Liss")] == name_key("Darko Liss")


def test_a_shorter_name_with_two_candidates_stays_apart():
    alias = same_sources([("the Defence Ministry", "government"),
                          ("Valdoria's Defence Ministry", "government"),
                          ("Teshan's Defence Ministry", "government")])
    assert alias[name_key("the Defence Ministry")] == name_key("the Defence Ministry")


def test_anonymous_sources_merge_only_by_the_same_name():
    alias = same_sources([("officials", "anonymous"), ("Valdorian officials", "anonymous")])
    assert alias[name_key("officials")] == name_key("officials")


def test_a_group_counts_one_source_named_three_ways_once():
    from allegedly.corpus.provenance import group_origins, independence
    from tests.unit.corpus.conftest import claim

    claims = [claim(x, "Shelling of the market killed 34 people", day=1, outlet=f"Paper {x}",
                    chain=[(name, "government")])
              for x, name in (("a", "the Defence Ministry"),
                              ("b", "the country's Defence Ministry"),
                              ("c", "Valdoria's Defence Ministry"))]
    claims.append(claim("d", "Shelling of the market killed 34 people", day=1,
                        outlet="Paper D", chain=[("Dr Mirela Kovanic", "person")]))
    ind = independence(claims, group_origins(claims))
    assert ind.reports == 4 and ind.independent == 2
    (ministry,) = [o for o in ind.origins if "Ministry" in o["name"]]
    assert ministry["name"] == "Valdoria's Defence Ministry" and ministry["reports"] == 3
    assert len(ministry["names"]) == 3


def test_an_origin_is_shown_under_its_name_as_most_often_written():
    from allegedly.corpus.provenance import group_origins, independence
    from tests.unit.corpus.conftest import claim

    names = ("the country's Defence Ministry", "the Defence Ministry", "the Defence Ministry")
    claims = [claim(x, "Shelling of the market killed 34 people", day=1, outlet=f"Paper {x}",
                    chain=[(name, "government")]) for x, name in zip("abc", names, strict=True)]
    ind = independence(claims, group_origins(claims))
    assert ind.independent == 1 and ind.one_origin
    assert ind.origins[0]["name"] == "the Defence Ministry"
    assert ind.origins[0]["names"] == ["the Defence Ministry", "the country's Defence Ministry"]
