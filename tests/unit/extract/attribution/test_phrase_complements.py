"""'make clear' / 'make the case' phrase cues, verb.for_infinitive ("called for X to Y") and verb.about_object ("asked about X")."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions


def _links(nlp, text: str) -> list[tuple[str | None, str, str, str]]:
    out = []
    for m in find_attributions(nlp(text)):
        src = text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span else None
        cue = text[m.cue[0]:m.cue[1]] if m.cue else ""
        out.append((src, cue, " | ".join(text[s:e] for s, e in m.content), m.method))
    return out


def test_made_clear_that_reports_the_clause(nlp):
    text = "The council has now made clear that the library will reopen in June."
    assert ("The council", "has now made clear", "that the library will reopen in June",
            "rule:verb.ccomp") in _links(nlp, text)


def test_made_it_clear_takes_the_clause_hung_on_clear(nlp):
    text = "The coach made it clear that she would not resign this season."
    assert ("The coach", "made it clear", "that she would not resign this season",
            "rule:verb.ccomp") in _links(nlp, text)


def test_made_clear_without_a_clause_is_no_link(nlp):
    assert _links(nlp, "The storm made the roads clear of traffic.") == []


def test_made_the_case_that(nlp):
    text = "They have made the case that the bridge is too old to repair."
    assert ("They", "have made the case", "that the bridge is too old to repair",
            "rule:verb.embedded_that") in _links(nlp, text)


def test_made_the_case_worse_is_no_link(nlp):
    assert _links(nlp, "He made the case worse by lying.") == []


def test_called_for_object_to_infinitive(nlp):
    text = "The senator has called for the director to release the full report."
    assert ("The senator", "has called for", "the director to release the full report",
            "rule:verb.for_infinitive") in _links(nlp, text)


def test_called_for_a_noun_phrase_stays_np_object(nlp):
    text = "The mayor called for more police on the streets."
    assert ("The mayor", "called for", "more police on the streets", "rule:verb.np_object") \
        in _links(nlp, text)


def test_asked_about_takes_the_about_object_without_a_source(nlp):
    text = "Asked about the new stadium, the mayor said the city could not pay for it."
    assert (None, "Asked about", "the new stadium", "rule:verb.about_object") \
        in _links(nlp, text)


def test_asked_someone_about_skips_the_one_asked(nlp):
    links = _links(nlp, "The host asks her about the leaked memo.")
    assert ("The host", "asks", "the leaked memo", "rule:verb.about_object") in links
