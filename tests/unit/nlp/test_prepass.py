"""The pre-pass keeps offsets exact and skips only paragraphs that cannot hold a claim link."""

from __future__ import annotations

import re

from allegedly.model import Removed
from allegedly.nlp.prepass import mask, paragraphs, select

TEXT = ("Putin mutiny headline\n\n"
        "Colonel Medvedev was hospitalised with severe leg injuries.\n\n"
        "He said the soldier was furious after 750 soldiers were hurt.\n\n"
        "Intense fighting has persisted on the ground.\n\n"
        "Officials said the talks failed.")
TRIGGERS = frozenset({"said", "says"})


def test_paragraphs_split_on_blank_lines_and_trim():
    paras = paragraphs("  First one.\n\n\n Second one.  \n")
    assert [p for p in paras] == [(2, 12), (16, 27)]


def test_paragraphs_fall_back_to_lines_without_blank_lines():
    assert len(paragraphs("one\ntwo\nthree")) == 3


def test_select_keeps_trigger_paragraphs_and_pronoun_context():
    (chunk,) = select(TEXT, TRIGGERS)
    assert "He said the soldier" in chunk.text
    assert "Officials said" in chunk.text
    # the paragraph before "He said" is kept as context for the pronoun
    assert "Colonel Medvedev was hospitalised" in chunk.text
    assert "Intense fighting" not in chunk.text


def test_offsets_map_back_to_the_article_text():
    (chunk,) = select(TEXT, TRIGGERS)
    for m in re.finditer(r"\S+", chunk.text):
        s, e = chunk.offsets.span(m.start(), m.end())
        assert TEXT[s:e] == m.group()


def test_no_triggers_means_everything_is_parsed():
    (chunk,) = select(TEXT, None)
    assert chunk.text.count("\n\n") == len(paragraphs(TEXT)) - 1


def test_mask_blanks_removed_regions_but_keeps_length_and_newlines():
    text = "Keep this.\nDROP THIS LINE\nKeep that."
    start = text.index("DROP")
    masked = mask(text, [Removed(start, start + 14, "DROP THIS LINE", "test")])
    assert len(masked) == len(text)
    assert "DROP" not in masked and masked.count("\n") == 2


def test_huge_paragraph_is_cut_into_parseable_chunks():
    text = "word " * 30000
    chunks = select(text, None, max_chars=20000)
    assert len(chunks) >= 7
    assert all(len(c.text) <= 20000 for c in chunks)
