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
