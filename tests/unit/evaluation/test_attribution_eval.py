"""Attribution evaluation: brat/JSONL readers, the metric (identical to the reference scorer in
../shared/data/attrib_score.py), top-level filtering and the ``allegedly eval attribution`` command."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegedly.evaluation.attrib_metrics import normalise, score
from allegedly.evaluation.attribution import command, gold_quote_type, top_level
from allegedly.evaluation.polnear import parse_ann, read_jsonl, read_polnear
from allegedly.extract.matches import AttributionMatch, SourceMatch

SHARED = Path(os.environ.get("ALLEGEDLY_SHARED",
                             Path(__file__).resolve().parents[3].parent / "shared"))
DATA = SHARED / "data"


def _polnear_dev() -> Path:
    path = DATA / "polnear" / "dev"
    if not path.is_dir():
        pytest.skip(f"PolNeAR not available at {path}")
    return path


def _reference_scorer():
    path = DATA / "attrib_score.py"
    if not path.exists():
        pytest.skip(f"reference scorer not available at {path}")
    sys.path.insert(0, str(DATA))
    try:
        spec = importlib.util.spec_from_file_location("attrib_score_reference", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(DATA))
    return mod


def test_parse_ann_handles_discontinuous_spans_and_wrapped_text():
    ann = ("T1\tSource 0 5\tAnn B\nT2\tCue 6 10;12 14\tsaid … it\nT3\tContent 15 30\tfirst line\n"
           "continued text of the span\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
           "E2\tAttribution-no-source:T2 Cue:T2 Content:T3\n")
    recs = parse_ann(ann)
    assert recs[0] == {"source": [(0, 5)], "cue": [(6, 10), (12, 14)], "content": [(15, 30)]}
    assert recs[1]["source"] == []


def test_jsonl_reader(tmp_path):
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps({"doc": "a", "text": "Ann said hi.", "attributions": [
        {"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 11]]}]}) + "\n")
    docs = read_jsonl(p)
    assert docs[0]["attributions"][0]["content"] == [(9, 11)]


def test_normalise_trims_quotes_and_punctuation():
    text = ' "Hello, world." '
    assert normalise(text, [(0, len(text))]) == ((2, 14),)


def test_metric_matches_reference_scorer_on_perturbed_predictions():
    ref = _reference_scorer()
    gold = read_polnear(_polnear_dev(), limit=12)
    rng = random.Random(7)
    preds = []
    for d in gold:
        atts = []
        for a in d["attributions"]:
            r = rng.random()
            if r < 0.2:
                continue  # a miss
            b = {f: list(a[f]) for f in ("source", "cue", "content")}
            if r < 0.4 and b["content"]:
                s, e = b["content"][0]
                b["content"][0] = (s, max(s + 1, e - rng.randint(0, 40)))  # a shorter content
            if r > 0.9:
                b["source"] = []
            atts.append(b)
        preds.append({"doc": d["doc"], "text": d["text"], "attributions": atts})
    mine = score(gold, preds)
    theirs = ref.score(gold, preds)
    assert set(mine) == set(theirs)
    for k in theirs:
        assert mine[k] == pytest.approx(theirs[k]), k
    assert mine["_counts"][0] < mine["_counts"][1]  # the perturbation did remove links


def test_gold_vs_gold_is_perfect():
    gold = read_polnear(_polnear_dev(), limit=5)
    r = score(gold, gold)
    assert r["content linked (J>=0.5) P/R/F"][2] == pytest.approx(1.0)
    assert r["triple strict P/R/F"][2] == pytest.approx(1.0)


def test_top_level_keeps_only_outer_links():
    outer = AttributionMatch((40, 48), "report", "report", ((0, 38),), "indirect",
                             SourceMatch((49, 55), "X", "media"))
    inner = AttributionMatch((10, 14), "say", "report", ((15, 38),), "indirect")
    assert top_level([outer, inner]) == [outer]


def test_gold_quote_type():
    text = '"All of it," she said. He said it was "odd" today.'
    assert gold_quote_type(text, {"content": [(0, 12)]}) == "direct"
    assert gold_quote_type(text, {"content": [(31, 49)]}) == "mixed"
    assert gold_quote_type(text, {"content": [(23, 30)]}) == "indirect"


@pytest.mark.slow
def test_command_on_a_few_polnear_documents(tmp_path):
    dev = _polnear_dev()
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(command, [str(dev), "--limit", "3", "--by-kind", "--errors",
                                          str(errors)])
    assert result.exit_code == 0, result.output
    assert "content linked" in result.output and "quote=" in result.output
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {r["type"] for r in rows} <= {"FN", "FP", "WRONG_SOURCE", "WRONG_CUE"}
    result = CliRunner().invoke(command, [str(dev), "--limit", "3", "--json"])
    metrics = json.loads(result.output)["metrics"]
    assert 0.3 < metrics["content linked (J>=0.5) P/R/F"][2] <= 1.0


def test_breakdown_by_cue_counts_precision_per_lemma():
    from allegedly.evaluation.attribution import breakdown

    text = "The mayor said the bridge will reopen. Critics denounced the plan as wasteful."
    gold = [{"doc": "d", "text": text, "attributions": [
        {"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 38)]}]}]
    pred = [{"doc": "d", "text": text, "attributions": [
        {"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 38)], "quote": "indirect",
         "cue_class": "report", "cue_lemma": "say"},
        {"source": [(39, 46)], "cue": [(47, 56)], "content": [(57, 77)], "quote": "indirect",
         "cue_class": "dispute", "cue_lemma": "denounce"}]}]
    plain = breakdown(gold, pred)
    assert not any(k.startswith("lemma=") for k in plain)
    by_cue = breakdown(gold, pred, by_cue=True)
    assert by_cue["lemma=say"]["pred"] == 1 and by_cue["lemma=say"]["correct"] == 1
    assert by_cue["lemma=denounce"]["pred"] == 1 and by_cue["lemma=denounce"].get("correct", 0) == 0


def test_command_without_a_rule_and_on_a_docs_list(tmp_path):
    dev = _polnear_dev()
    names = sorted(p.stem for p in (dev / "text").glob("*.txt"))[:2]
    docs = tmp_path / "docs.txt"
    docs.write_text("# two documents\n" + "\n".join(names) + "\n")
    base = CliRunner().invoke(command, [str(dev), "--docs", str(docs), "--json"])
    assert base.exit_code == 0, base.output
    got = json.loads(base.output)
    assert got["docs"] == 2 and got["without"] == []
    off = CliRunner().invoke(command, [str(dev), "--docs", str(docs), "--json",
                                       "--without", "verb", "--without", "quote.follow_on"])
    assert off.exit_code == 0, off.output
    got_off = json.loads(off.output)
    assert got_off["without"] == ["quote.follow_on", "verb"]
    assert got_off["metrics"]["_counts"][0] < got["metrics"]["_counts"][0]  # fewer links


def test_command_refuses_unknown_rules_and_documents(tmp_path):
    dev = _polnear_dev()
    bad = CliRunner().invoke(command, [str(dev), "--without", "verb.no_such_rule"])
    assert bad.exit_code != 0 and "verb.no_such_rule" in bad.output
    docs = tmp_path / "docs.txt"
    docs.write_text("not-a-document\n")
    missing = CliRunner().invoke(command, [str(dev), "--docs", str(docs)])
    assert missing.exit_code != 0 and "not-a-document" in missing.output


def test_polnear_adapter_writes_relative_words_as_the_pronoun():
    from allegedly.evaluation.polnear import polnear_source

    rel = "rule:source.relative"
    text = "The colonel, who commanded the brigade, said so."
    cue = (text.index("said"), text.index("said") + 4)
    assert polnear_source(text, (0, 11), cue, rel) == (13, 16)  # "who"
    text = "The ministry, which runs the prisons, said so."
    cue = (text.index("said"), text.index("said") + 4)
    assert polnear_source(text, (0, 12), cue, rel) == (14, 19)  # ", which" -> "which"
    text = "A program that allows it has said so."  # restrictive: the pronoun as well
    cue = (text.index("said"), text.index("said") + 4)
    assert polnear_source(text, (0, 9), cue, rel) == (10, 14)
    assert polnear_source(text, (0, 9), cue, "rule:source.subject") == (0, 9)
    assert polnear_source(text, None, cue, rel) is None


def test_polnear_adapter_gives_unnamed_sources_no_span():
    from allegedly.evaluation.polnear import STAND_INS, polnear_source
    from allegedly.extract.attribution.sources import STAND_INS as PRODUCT_STAND_INS

    assert STAND_INS == PRODUCT_STAND_INS
    text = "There are claims that the tanks were lost."
    assert polnear_source(text, (0, 16), (10, 16), "rule:source.vague") is None
    assert polnear_source(text, (0, 16), (10, 16), "rule:source.subject") == (0, 16)


def test_polnear_adapter_writes_a_coordinated_pronoun_speaker_whole():
    from allegedly.evaluation.polnear import polnear_source

    subj = "rule:source.subject"

    def source(text: str, src: str, cue: str) -> str:
        s, c = text.index(src), text.index(cue)
        got = polnear_source(text, (s, s + len(src)), (c, c + len(cue)), subj)
        assert got is not None
        return text[got[0]:got[1]]

    assert source("She and her aides have vowed to appeal.", "She", "have vowed") == \
        "She and her aides"
    assert source("Later they and Danish officers argued it was safe.", "they", "argued") == \
        "they and Danish officers"
    assert source("They and their allies, conceding the loss, left.", "They", "conceding") == \
        "They and their allies"
    # an auxiliary left out of the cue span is no part of the conjunct
    assert source("She and her aides have vowed to appeal.", "She", "vowed") == "She"
    # no coordination right before the cue
    assert source("The coach met them and she said no.", "she", "said") == "she"
    assert source("She and running the club were hard, he said.", "he", "said") == "he"
