"""Speaker steps: who speaks for a cue verb (``allegedly.extract.attribution.speakers``)."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions

FRONTED = ("At a rally this weekend in Ohio, Ana Weiss, the mayor of the town, forcefully told "
           "reporters that the plan had failed.")


def _sources(nlp, text, disabled=()):
    return [(m.source.name, m.source.method) for m in find_attributions(nlp(text),
                                                                       disabled=disabled)]


def test_a_speaker_hung_inside_a_fronted_adjunct_speaks(nlp):
    assert _sources(nlp, FRONTED) == [("Ana Weiss", "rule:source.fronted_subject")]
    assert _sources(nlp, "At a briefing in Kyiv, Gen. Oleh Petrenko, the army chief, said the "
                         "troops had left the town.") == [
        ("Oleh Petrenko", "rule:source.fronted_subject")]
    off = _sources(nlp, FRONTED, disabled=["source.fronted_subject"])
    assert off and off[0][1] != "rule:source.fronted_subject"


def test_a_fronted_adjunct_without_a_speaker_changes_nothing(nlp):
    got = _sources(nlp, "In Kyiv on Monday, the minister said the troops had left the town.")
    assert got == [("the minister", "rule:source.subject")]


def test_a_noun_cue_without_a_possessor_has_the_author_that_issued_it(nlp):
    assert _sources(nlp, "The ministry made the claim that 40 soldiers died.") == [
        ("The ministry", "rule:source.noun_author")]
    off = _sources(nlp, "The ministry made the claim that 40 soldiers died.",
                   disabled=["source.noun_author"])
    assert off and off[0][1] == "rule:source.vague"


def test_a_noun_cue_the_subject_only_answers_keeps_a_vague_source(nlp):
    got = _sources(nlp, "The mayor responded on Sunday to accusations that she lied.")
    assert ("The mayor", "rule:source.noun_author") not in got
