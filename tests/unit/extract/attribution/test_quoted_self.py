"""A first-person source inside a quote is the quoted speaker (quotes.quoted_first_person,
``source.quoted_first_person``; gold/README.md: "A first-person pronoun inside a quote is the
quoted speaker"). Sentences written for these tests."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions

TEXT = ("Health Minister Ana Weiss spoke on Tuesday. She said the clinic “has served the town for "
        "decades. I have made clear to the council that if it closes, everyone loses.”")


def _inner(nlp, text: str, disabled=()):
    links = find_attributions(nlp(text), disabled=disabled)
    return next(m for m in links if m.source and m.source.span
                and text[m.source.span[0]:m.source.span[1]] == "I")


def test_a_quoted_i_is_named_for_the_quoted_speaker(nlp):
    m = _inner(nlp, TEXT)
    assert m.source.name == "Ana Weiss"
    assert m.source.method == "rule:source.quoted_first_person"
    assert TEXT[m.source.span[0]:m.source.span[1]] == "I"  # the mention stays as written


def test_the_rule_can_be_switched_off(nlp):
    assert _inner(nlp, TEXT, disabled=["source.quoted_first_person"]).source.name is None


def test_an_i_outside_quotes_stays_unnamed(nlp):
    links = find_attributions(nlp("I have made clear to the council that the clinic matters."))
    assert all(m.source is None or m.source.name is None for m in links)


def test_a_quoted_we_is_named_for_the_quoted_speaker(nlp):
    text = "Police spokesman Ben Lo led the search. “We found nothing,” said Mr Lo."
    links = find_attributions(nlp(text))
    inner = [m for m in links if m.source and m.source.span
             and text[m.source.span[0]:m.source.span[1]] == "We"]
    assert inner and inner[0].source.name == "Ben Lo"
