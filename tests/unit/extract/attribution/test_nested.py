"""Inner links without a speech event of their own are dropped (attribution/nested.py); the
outermost links never change."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions


def _cues(nlp, text: str, disabled: tuple[str, ...] = ()) -> list[str]:
    doc = nlp(text)
    return [doc.text[m.cue[0]:m.cue[1]] for m in find_attributions(doc, disabled=disabled)
            if m.cue]


def test_an_inner_infinitive_cue_is_the_requested_action_not_a_statement(nlp):
    text = "The harbour master urged the ferry company to disclose the cost of the repairs."
    assert "to disclose" not in _cues(nlp, text)
    assert "urged" in _cues(nlp, text)
    assert "to disclose" in _cues(nlp, text, disabled=("verb.inner_infinitive",))


def test_an_infinitive_cue_outside_any_link_is_left_to_the_gate(nlp):
    text = "The minister went on to explain that the budget was cut."
    assert _cues(nlp, text) == ["to explain"]


def test_the_quoted_speakers_own_present_stance_is_not_a_second_link(nlp):
    text = ('"We deplore the closure of the fishing port. We repeat that the crews were '
            'unarmed," the union leader Mara Osk said.')
    cues = _cues(nlp, text)
    assert "said" in cues
    assert not {"deplore", "repeat"} & set(cues), cues
    off = _cues(nlp, text, disabled=("quote.own_voice", "quote.present_stance"))
    assert {"deplore", "repeat"} & set(off), off


def test_a_past_act_reported_inside_a_quote_stays_a_link(nlp):
    text = ('"Last week I warned that nobody wins if the dispute escalates," the minister said '
            'on Tuesday.')
    cues = _cues(nlp, text)
    assert "said" in cues and "warned" in cues, cues


def test_a_third_party_inside_a_quote_stays_a_link(nlp):
    text = ('"The harbour rules say that no ferry may leave after dark," the captain told '
            'reporters.')
    cues = _cues(nlp, text)
    assert "told" in cues and "say" in cues, cues


def test_a_present_stance_inside_a_quote_is_the_quoted_speakers_own(nlp):
    text = ('"The ministry opposes the closure of the port and urges both unions to resume '
            'talks," the spokeswoman Lena Varg said.')
    cues = _cues(nlp, text)
    assert "said" in cues
    assert not {"opposes", "urges"} & set(cues), cues
    off = _cues(nlp, text, disabled=("quote.present_stance",))
    assert {"opposes", "urges"} & set(off), off


def test_a_finding_inside_a_quote_stays_a_link(nlp):
    text = ('"The ferry report does conclude that the hull was weak," the inspector said.')
    cues = _cues(nlp, text)
    assert "said" in cues and "does conclude" in cues, cues


def test_an_inner_seem_is_the_outer_speakers_hedge(nlp):
    text = "The harbour master said the divers seem to have missed the second wreck."
    assert _cues(nlp, text) == ["said"]
    assert "seem" in _cues(nlp, text, disabled=("verb.inner_writer_judgement",))


def test_an_inner_agentless_tell_passive_has_the_outer_speaker_as_teller(nlp):
    text = "The ministry said the envoy was told that the shelling broke the truce."
    assert _cues(nlp, text) == ["said"]
    # verb.inner_unnamed drops every inner link without a speaker, this one too
    assert _cues(nlp, text, disabled=("verb.inner_addressee_passive",)) == ["said"]
    assert "was told" in _cues(nlp, text, disabled=("verb.inner_addressee_passive",
                                                     "verb.inner_unnamed"))
