"""A question put to the main clause's subject ("Asked whether X, he said") is a sourceless link
of act ``question``, not the subject's words (verbs.asked_participle, act.question_put).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from allegedly.extract.attribution import find_attributions


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
