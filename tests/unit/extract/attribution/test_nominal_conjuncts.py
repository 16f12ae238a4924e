"""clauses.with_nominal_conjuncts: a noun the parser conjoined to the cue verb is a further
conjunct of a noun-phrase content (sentences written for the test)."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions


def _content(nlp, text: str, cue: str) -> str:
    ms = [m for m in find_attributions(nlp(text)) if m.cue and text[m.cue[0]:m.cue[1]] == cue]
    assert ms, f"no link with cue {cue!r}"
    return " | ".join(text[s:e] for s, e in ms[0].content)


def test_noun_conjoined_to_the_verb_above_the_cue_joins_the_content(nlp):
    text = "She started off by emphasizing rural broadband, and a need to raise teacher pay."
    assert _content(nlp, text, "emphasizing") == \
        "rural broadband, and a need to raise teacher pay"


def test_noun_conjoined_to_the_cue_verb_joins_the_list(nlp):
    text = "Author Mara Quist will discuss her new memoir, and the council's budget fight."
    assert "the council's budget fight" in _content(nlp, text, "will discuss")


def test_a_conjoined_clause_is_not_taken_in(nlp):
    text = "The governor praised the firefighters, and the council approved a new station."
    assert "council" not in _content(nlp, text, "praised")


def test_content_cut_before_a_conjoined_cue_does_not_end_on_the_conjunction(nlp):
    text = ("More than half said the economy was weak, and four in 10 said Smith would handle "
            "it best.")
    assert _content(nlp, text, "said") == "the economy was weak"
