"""The WordNet verb.communication rows of reporting_verbs.tsv (sentences written for these tests)."""

from __future__ import annotations

import pytest

from allegedly.extract.attribution import find_attributions


def _links(nlp, text: str):
    doc = nlp(text)
    return [(text[m.cue[0]:m.cue[1]], [text[s:e] for s, e in m.content])
            for m in find_attributions(doc)]


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The mayor vouched for the new harbour chief.", "vouched for", "the new harbour chief"),
    ("The minister downplayed the risk of a strike.", "downplayed", "the risk of a strike"),
    ("The council disavowed the remarks of its clerk.", "disavowed", "the remarks of its clerk"),
    ("She recited the names of the missing sailors.", "recited", "the names of the missing sailors"),
])
def test_communication_verb_is_a_cue(nlp, text, cue, content):
    assert (cue, [content]) in _links(nlp, text)


def test_utter_with_a_noun_phrase(nlp):
    text = "He had hardly uttered a word about the ferry."
    assert ("had hardly uttered", ["a word about the ferry"]) in _links(nlp, text)
