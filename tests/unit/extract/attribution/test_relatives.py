"""verb.relative_clause: a cue inside a relative clause (sentences written for these tests)."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions


def _links(nlp, text: str, method: str = "rule:verb.relative_clause"):
    doc = nlp(text)
    return [([text[s:e] for s, e in m.content], text[m.cue[0]:m.cue[1]],
             text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span else None)
            for m in find_attributions(doc) if m.method == method]


def test_relative_subject_of_the_reported_clause(nlp):
    text = "The new rules, which officials said will take effect in the spring, will not cover ferries."
    assert _links(nlp, text) == [(["which", "will take effect in the spring"], "said",
                                  "officials")]


def test_relative_object_with_an_as_predicate(nlp):
    text = "The mayor won Dunmore, which she describes as her second home."
    assert _links(nlp, text) == [(["which", "as her second home"], "describes", "she")]


def test_free_relative_object_of_a_naming_verb_is_what_and_the_name(nlp):
    # verb.free_relative_naming: "attacked what he calls X" -> the naming link "what … X" (the
    # gold's convention); the outer "attacked what …" evaluates a target (a stance)
    text = "The senator attacked what he calls the harbour cartel."
    assert _links(nlp, text) == [(["what", "the harbour cartel"], "calls", "he")]
    outer = [m for m in find_attributions(nlp(text)) if text[m.cue[0]:m.cue[1]] == "attacked"]
    assert [m.act for m in outer] in ([], ["stance"])
    off = find_attributions(nlp(text), disabled=("verb.free_relative_naming",))
    assert not any(m.method == "rule:verb.relative_clause" for m in off)


def test_belief_verb_in_a_relative_clause_is_no_report(nlp):
    text = "It is a tariff that he thought would protect local mills."
    assert _links(nlp, text) == []


def test_plain_relative_without_a_speaker_is_untouched(nlp):
    text = "The council approved the bridge, which will reopen in May."
    assert _links(nlp, text) == []
