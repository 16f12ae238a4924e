"""A question put to the main clause's subject ("Asked whether X, he said") is a sourceless link
of act ``question``, not the subject's words (verbs.asked_participle, act.question_put).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from allegedly.extract.attribution import find_attributions
from allegedly.extract.attribution.verbs import asked_participle


def _links(nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    return [(text[m.cue[0]:m.cue[1]],
             text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span else None,
             m.act)
            for m in find_attributions(doc)]


@pytest.mark.parametrize("text, asked", [
    ("Asked on Monday whether he would keep accepting gifts, the mayor said all councillors get "
     "gifts.", "Asked"),
    ("When asked whether the talks had failed, Jones said they had not.", "asked"),
])
def test_an_asked_participle_has_no_source_and_is_a_question(nlp, text, asked):
    links = _links(nlp, text)
    assert (asked, None, "question") in links
    assert ("said", text.split(", ")[1].split(" said")[0], "claim") in links


@pytest.mark.parametrize("text", [
    "Reporters asked the president whether he would resign.",
    "The senator asked whether the money had been spent.",
])
def test_a_question_with_its_own_asker_keeps_its_source(nlp, text):
    links = _links(nlp, text)
    assert any(cue == "asked" and source is not None for cue, source, _ in links)


def test_act_question_put_can_be_switched_off(nlp):
    doc = nlp("When asked whether the talks had failed, Jones said they had not.")
    acts = [m.act for m in find_attributions(doc, disabled=["act.question_put"])]
    assert "question" not in acts


def _parsed(nlp, tag: str):
    """'Asked whether he had resigned, Jones said no.' with the parse given, the participle
    tagged ``tag`` (the tagger reads a sentence-opening "Asked" as VBD now and then)."""
    words = ["Asked", "whether", "he", "had", "resigned", ",", "Jones", "said", "no", "."]
    tags = [tag, "IN", "PRP", "VBD", "VBN", ",", "NNP", "VBD", "DT", "."]
    pos = ["VERB", "SCONJ", "PRON", "AUX", "VERB", "PUNCT", "PROPN", "VERB", "DET", "PUNCT"]
    return Doc(nlp.vocab, words=words, tags=tags, pos=pos,
               heads=[7, 4, 4, 4, 0, 7, 7, 7, 7, 7],
               deps=["advcl", "mark", "nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "dobj",
                     "punct"], sent_starts=[True] + [False] * 9)


@pytest.mark.parametrize("tag", ["VBN", "VBD"])
def test_a_sentence_opening_asked_is_the_participle_whatever_its_tag(nlp, tag):
    assert asked_participle(_parsed(nlp, tag)[0])


def test_a_past_tense_asked_with_its_own_subject_is_no_participle(nlp):
    doc = Doc(nlp.vocab, words=["Jones", "asked", "whether", "he", "had", "resigned", "."],
              tags=["NNP", "VBD", "IN", "PRP", "VBD", "VBN", "."],
              pos=["PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
              heads=[1, 1, 5, 5, 5, 1, 1],
              deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"])
    assert not asked_participle(doc[1])
