"""What a figure measures and counts (round 2): coordinated verbs, equipment destroyed, death
tolls, measure words after the counted noun, the head of the counted phrase. Sentences
written for these tests.

Uses the session ``nlp`` fixture of ``tests/unit/extract/conftest.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from allegedly.extract.figures import find_figures


def described(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    """(surface, counted, measure) of each figure of ``text``."""
    doc = nlp(text)
    return [(text[f.start:f.end], f.counted, f.measure)
            for f in find_figures(doc, published=date(2022, 3, 20))]


def measures(nlp, text: str) -> list[str | None]:
    return [m for _, _, m in described(nlp, text)]


@pytest.mark.parametrize("text, expected", [
    ("Soldiers killed two civilians and wounded six others.", ["killed", "wounded"]),
    ("The strike killed at least 44 people and wounded more than 100.", ["killed", "wounded"]),
    ("The army hit six towns, killing eight people and injuring 38 others.",
     [None, "killed", "injured"]),
    ("Two people were killed and 11 more were injured in the shelling.", ["killed", "injured"]),
    ("Shelling killed or wounded 30 people in the town.", ["casualties"]),
])
def test_a_coordinated_verb_with_its_own_object_measures_only_its_own(nlp, text, expected):
    assert measures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Its air force shot down five fighter jets on Monday.", ["destroyed"]),
    ("Two cruise missiles were shot down over the port.", ["destroyed"]),
    ("The army said five aircraft were downed after the raid.", ["destroyed"]),
    ("Air defences destroyed 549 drones overnight.", ["destroyed"]),
    ("The brigade eliminated three enemy tanks near the river.", ["destroyed"]),
    ("The brigade destroyed more than 30 invaders in the south.", ["killed"]),
    ("The army eliminated about 370 enemy troops over the past day.", ["killed"]),
    ("Gunmen shot three people in the market.", ["killed"]),
    ("The fire destroyed 40 houses.", [None]),  # neither people nor equipment: no measure
])
def test_destroyed_or_killed_by_what_is_counted(nlp, text, expected):
    assert measures(nlp, text) == expected


def test_counted_kind_reads_the_lexicon_and_nationalities(nlp):
    from allegedly.extract.figures.measuring import counted_kind

    doc = nlp("The drones hit 30 Russians and two soldiers near the villages.")
    by_word = {t.text: counted_kind(t) for t in doc}
    assert (by_word["drones"], by_word["soldiers"], by_word["Russians"], by_word["villages"]) \
        == ("things", "people", "people", None)


@pytest.mark.parametrize("text, expected", [
    ("Medics carried 12 wounded soldiers to the bus.", ["wounded"]),
    ("Staff found at least one destroyed incubator in the ward.", ["destroyed"]),
    ("The town has 12 new schools.", [None]),
])
def test_measure_adjective_between_number_and_noun(nlp, text, expected):
    assert measures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The death toll from the strike had risen to 21, officials said.", ["dead"]),
    ("The toll at the market jumped to 13, bringing the overall death toll to 19.",
     ["dead", "dead"]),
    ("The death toll reached 25 on Monday.", ["dead"]),
    ("The number of children killed in the war grew to 348.", ["killed"]),
    ("Sales rose to 300 units.", [None]),
    ("The number of schools built grew to 40.", [None]),
])
def test_the_level_a_death_toll_reaches(nlp, text, expected):
    assert measures(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Cross-border fire has claimed 21 lives.", ["killed"]),
    ("Rockets hit the city, claiming the lives of 8 people.", ["killed"]),
    ("The fighting cost the lives of at least 63 rebels.", ["killed"]),
    ("Doctors saved 30 lives last week.", [None]),
    ("Rescuers found more than 60 bodies in the rubble.", ["dead"]),
])
def test_lives_claimed_and_bodies_found(nlp, text, expected):
    assert measures(nlp, text) == expected


def test_bodies_count_people_on_the_comparison_key():
    from allegedly.keys import counted_group, figure_key

    assert counted_group("bodies") == counted_group("people") == "people"
    assert figure_key("dead", "bodies", None) == figure_key("killed", "people", None)


@pytest.mark.parametrize("text, expected", [
    ("At least 18 people were reported killed in the raid.", ["killed"]),
    ("Police said 17 were found dead in the building.", ["dead"]),
    ("Medics said nine soldiers were left wounded after the blast.", ["wounded"]),
    ("At least 40 people were left homeless by the storm.", ["displaced"]),
    ("Four people were found in the building.", [None]),
])
def test_measure_of_the_verbs_complement(nlp, text, expected):
    assert measures(nlp, text) == expected


@pytest.mark.parametrize("text, surface, counted", [
    ("The barrage included 90 air, sea and ground-launched missiles.", "90",
     "air, sea and ground-launched missiles"),
    ("He said the two tank rounds came from the hill.", "two", "tank rounds"),
    ("Rebels fired 14 mortar shells at the base.", "14", "mortar shells"),
    ("She wrote a 70-page report on the raid.", "70", "page"),
    ("Police arrested two 19-year-old soldiers.", "two", "19-year-old soldiers"),
    ("A tank fired two 120 mm rounds at the crew.", "two", "120 mm rounds"),
])
def test_a_number_on_a_premodifier_counts_the_phrase_head(nlp, text, surface, counted):
    """The parse may hang the number on a pre-modifier ("90 air, ..."); the counted thing is
    the noun phrase's head; a hyphenated "70-page report" still counts pages."""
    assert (surface, counted) in [(s, c) for s, c, _ in described(nlp, text)]
