"""verb.inner_unnamed: an inner link for which no speaker was found (agentless passive, gerund,
expletive) is dropped; the outer link carries the words. Sentences written for these tests."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions

TEXT = ("The paper reported that at least ten guards had been considered “security risks” and "
        "left the prison.")


def _cues(nlp, text: str, disabled=()):
    return [m.cue_lemma for m in find_attributions(nlp(text), disabled=disabled)]


def test_an_inner_link_without_a_speaker_is_dropped(nlp):
    assert _cues(nlp, TEXT) == ["report"]
    assert "consider" in _cues(nlp, TEXT, disabled=["verb.inner_unnamed"])


def test_an_outer_agentless_link_stays(nlp):
    assert _cues(nlp, "At least ten guards had been considered “security risks”.") == ["consider"]
