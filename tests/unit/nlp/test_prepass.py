"""The pre-pass keeps offsets exact and skips only paragraphs that cannot hold a claim link."""

from __future__ import annotations

import re

from allegedly.model import Removed
from allegedly.nlp.prepass import mask, needs_parse, paragraphs, select

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


# ---- windows of long texts -------------------------------------------------------------------

def _long_text(n: int = 120) -> str:
    return "\n\n".join(f"Paragraph {i} says that {i * 3} people were counted there, "
                       f"officials said on day {i}." for i in range(n))


def test_a_text_that_fits_is_one_window_without_context():
    (chunk,) = select(TEXT, None, max_chars=len(TEXT), context_chars=500)
    assert chunk.context == 0 and chunk == select(TEXT, None)[0]


def test_long_text_windows_stay_within_the_limit_and_cover_every_paragraph_once():
    text = _long_text()
    windows = select(text, None, max_chars=2000, context_chars=400)
    assert len(windows) > 5
    owned = []
    for w in windows:
        assert len(w.text) <= 2000
        for chunk_start, start, length in w.offsets.pieces:
            assert w.text[chunk_start:chunk_start + length] == text[start:start + length]
            (owned if chunk_start >= w.context else []).append((start, start + length))
    assert windows[0].context == 0 and all(0 < w.context <= 400 for w in windows[1:])
    assert owned == paragraphs(text)  # every paragraph in exactly one window's own part


def test_context_repeats_the_end_of_the_previous_window():
    windows = select(_long_text(), None, max_chars=2000, context_chars=400)
    for before, after in zip(windows, windows[1:], strict=False):
        assert before.text.endswith(after.text[:after.context])


def test_a_huge_paragraph_is_cut_after_a_sentence_with_context():
    text = "Officials said 12 people died. " * 3000
    windows = select(text, None, max_chars=5000, context_chars=1000)
    for w in windows:
        assert len(w.text) <= 5000
        for _, start, length in w.offsets.pieces:  # pieces end after a full stop
            assert text[start + length - 1] == "." and text[start:start + 9] == "Officials"


def test_every_real_article_is_a_single_window(tmp_path):
    """Windows change nothing for real articles (PolNeAR, fundus): each is one window, the
    same chunk as with no window limit at all."""
    import json

    from allegedly.nlp.pipeline import trigger_forms
    from allegedly.settings import Settings

    from ...conftest import shared_path

    data = shared_path("data")
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.glob("polnear/*/text/*.txt"))]
    for jpath in sorted(data.glob("fundus_testdata/data/*/*.json")):
        for version in json.loads(jpath.read_text(encoding="utf-8")).values():
            body = version.get("body") or {}
            parts = list(body.get("summary", []))
            for sec in body.get("sections", []):
                parts += sec.get("headline", []) + sec.get("paragraphs", [])
            texts.append("\n\n".join(parts))
    settings = Settings()
    assert len(texts) > 1000
    for text in texts:
        windowed = select(text, trigger_forms(), settings.max_chars_per_doc,
                          settings.window_context_chars)
        assert windowed == select(text, trigger_forms(), 10**9)
        assert len(windowed) <= 1


def test_a_trigger_inside_a_hyphenated_word_makes_the_paragraph_parsed():
    """The tokenizer splits "two-year-old"; the pre-pass must see its "two" too."""
    triggers = frozenset({"two"})
    assert needs_parse("A two-year-old boy was among the dead.", triggers)
    assert not needs_parse("A well-known boy was among the dead.", triggers)
