"""Figure steps: each figure names what made it; steps switch off by name."""

from __future__ import annotations

import pytest

from allegedly.extract.figures import find_figures, switchable
from allegedly.extract.figures.steps import all_rules


def test_figures_name_what_made_them(nlp):
    doc = nlp("At least 1,500 soldiers and thousands of civilians died, between 30 and 50 "
              "tanks were lost and one in five units ran out of five days of fuel.")
    methods = {doc.text[f.start:f.end]: f.method for f in find_figures(doc)}
    assert methods["At least 1,500"] == "rule:figure.cardinal"
    assert methods["thousands of"] == "rule:figure.vague_plural"
    assert methods["between 30 and 50"] == "rule:figure.range"
    assert methods["one in five"] == "rule:figure.ratio"
    assert methods["five days"] == "rule:figure.number_words"


def test_a_switched_off_check_lets_the_number_through(nlp):
    doc = nlp("The plant opened in 2016 with 40 workers.")
    assert [doc.text[f.start:f.end] for f in find_figures(doc)] == ["40"]
    got = [doc.text[f.start:f.end] for f in find_figures(doc, disabled=["figure.not_year"])]
    assert got == ["2016", "40"]
    doc = nlp("Between 30 and 50 tanks were lost.")
    assert len(find_figures(doc, disabled=["figure.range"])) == 2


def test_unknown_and_unswitchable_names_are_refused(nlp):
    assert "figure.cardinal" not in switchable() and "figure.not_year" in switchable()
    with pytest.raises(ValueError, match="figure.cardinal"):
        find_figures(nlp("40 workers"), disabled=["figure.cardinal"])
    assert len({r.name for r in all_rules()}) == len(all_rules())
