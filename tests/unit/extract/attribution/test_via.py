"""The outlet a speaker spoke to is the link's ``via`` (attribution/via.py); the source stays
the speaker."""

from __future__ import annotations

import pytest

from allegedly.extract.attribution import find_attributions


def _vias(nlp, text: str, disabled: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    out = []
    for m in find_attributions(doc, disabled=disabled):
        src = doc.text[m.source.span[0]:m.source.span[1]] if m.source and m.source.span else ""
        out.append((src, m.via.name if m.via else None))
    return out


@pytest.mark.parametrize("text, speaker, outlet", [
    ("Mara Lindqvist told the AP that the harbour would reopen in May.",
     "Mara Lindqvist", "Associated Press"),
    ("The minister said in an interview with Al Arabiya that the talks had stalled.",
     "The minister", "Al Arabiya"),
    ("Speaking to Reuters, the mayor said the bridge would reopen next week.",
     "the mayor", "Reuters"),
    ('Tomas Erde told The Associated Press: "We heard the sirens all night."',
     "Tomas Erde", "Associated Press"),
])
def test_the_outlet_spoken_to_is_the_via_and_the_speaker_the_source(nlp, text, speaker, outlet):
    assert (speaker, outlet) in _vias(nlp, text)
    via = next(m.via for m in find_attributions(nlp(text)) if m.via)
    assert via.kind == "media" and via.method == "rule:via.addressee"
    assert text[via.span[0]:via.span[1]].lower().endswith(outlet.split()[-1].lower()) \
        or outlet == "Associated Press"


@pytest.mark.parametrize("text", [
    "The general told reporters that the strike had hit its target.",
    "The council said on Telegram that the roads were closed.",
    "The mayor told the council that the bridge would reopen.",
])
def test_no_via_for_reporters_a_platform_or_an_audience_that_is_no_outlet(nlp, text):
    assert all(via is None for _, via in _vias(nlp, text))


def test_the_rule_can_be_switched_off(nlp):
    text = "Mara Lindqvist told the AP that the harbour would reopen in May."
    assert all(via is None for _, via in _vias(nlp, text, disabled=("via.addressee",)))


def test_the_publisher_itself_is_no_via():
    from allegedly import analyze

    text = "Mara Lindqvist told Reuters that the harbour would reopen in May."
    (att,) = analyze(text, outlet="Reuters").attributions
    assert att.via is None
    (att,) = analyze(text, outlet="Gazette").attributions
    assert att.via is not None and att.via.name == "Reuters"


def test_the_html_report_shows_the_outlet_hop_escaped():
    from allegedly import analyze
    from allegedly.report.html import article_fragment

    text = "Mara Lindqvist told the AP that the harbour would reopen in May."
    page = str(article_fragment(analyze(text, outlet="<b>Post</b>")))
    assert "&lt;b&gt;Post&lt;/b&gt; ← Associated Press ← Mara Lindqvist" in page
    assert "<b>Post</b>" not in page and "spoke to" in page


@pytest.mark.parametrize("text, outlet", [
    ("The colonel told the Saudi state-owned Al-Arabiya television that the front had held.",
     "Al Arabiya"),
    ("The minister told Pakistan's Geo news channel that the border would stay closed.",
     "Geo News"),
])
def test_an_outlet_name_inside_a_longer_mention_is_found(nlp, text, outlet):
    assert outlet in [via for _, via in _vias(nlp, text)]


@pytest.mark.parametrize("text, outlet", [
    ("A memo seen by Reuters says that the depot was emptied in March.", "Reuters"),
    ("The senator said on CNN that the bill would pass.", "CNN"),
    ("The governor said in a statement to the BBC that the schools would reopen.", "BBC"),
    ("The delay was a likely factor, prison officials wrote in documents obtained by The "
     "Associated Press.", "Associated Press"),
])
def test_documents_obtained_by_and_broadcasts_on_an_outlet(nlp, text, outlet):
    assert outlet in [via for _, via in _vias(nlp, text)]
