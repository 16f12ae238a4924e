"""verb.as_clause and the "put it" phrase cue: "As X noted, A", "A, as X put it"."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions
from allegedly.extract.matches import AttributionMatch


def _links(nlp, text: str) -> list[tuple[str | None, str, str]]:
    out = []
    for m in find_attributions(nlp(text)):
        src = text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span else None
        cue = text[m.cue[0]:m.cue[1]] if m.cue else ""
        out.append((src, cue, " | ".join(text[s:e] for s, e in m.content)))
    return out


def _method(nlp, text: str, cue: str) -> AttributionMatch:
    return next(m for m in find_attributions(nlp(text)) if m.cue and text[m.cue[0]:m.cue[1]] == cue)


def test_opening_as_clause_reports_the_main_clause(nlp):
    text = "As the Daily Ledger noted, the harbour bridge will stay shut until spring."
    assert ("the Daily Ledger", "noted", "the harbour bridge will stay shut until spring") \
        in _links(nlp, text)
    assert _method(nlp, text, "noted").method == "rule:verb.as_clause"


def test_closing_as_put_it(nlp):
    text = "The main test is a clean record of income, as a ministry memo put it."
    assert ("a ministry memo", "put it", "The main test is a clean record of income") \
        in _links(nlp, text)


def test_put_it_before_a_quote(nlp):
    text = "As the critic put it, “Hello, the band is back.”"
    assert ("the critic", "put it", "“Hello, the band is back.”") in _links(nlp, text)


def test_put_as_a_deed_is_no_cue(nlp):
    assert _links(nlp, "He put it in the drawer before lunch.") == []


def test_temporal_as_clause_with_its_own_object_is_no_report(nlp):
    text = "As voters responded to the new rules, the county flipped to the other party."
    assert not any(cue == "responded" and "county" in content
                   for _, cue, content in _links(nlp, text))


def test_as_clause_with_a_cue_preposition_object_is_no_report(nlp):
    text = "The port has stayed closed for weeks, as the minister insists on keeping the ban."
    assert not any(cue.startswith("insists") and "port" in content
                   for _, cue, content in _links(nlp, text))
