"""verb.parenthetical refuses a cue clause opened by a subordinator (``subordinators``): a
condition or concession is no report set off inside the clause it reports. Sentences written
for these tests."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions


def _links(nlp, text: str):
    return [(m.cue_lemma, text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span
             else None) for m in find_attributions(nlp(text))]


def test_a_cue_in_a_concessive_or_conditional_clause_is_no_parenthetical(nlp):
    text = "He said that though he offered a probe into the fire, the council did not respond."
    assert [lem for lem, _ in _links(nlp, text)] == ["say"]


def test_a_cue_set_off_inside_its_clause_still_is(nlp):
    assert _links(nlp, "The bridge, the mayor said, would reopen in May.") == [
        ("say", "the mayor")]
