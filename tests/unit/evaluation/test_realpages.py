"""Real-page attribution gold: the reader (hash check, missing data), the name matcher, the
scorer on hand-made predictions and the ``allegedly eval attribution`` hook. All text here is
made up for the tests."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegedly.evaluation.attrib_metrics import tokenize
from allegedly.evaluation.attribution import command
from allegedly.evaluation.realpages import (
    RealPagesError,
    analysis_records,
    find_data_root,
    is_realpages_file,
    name_verdict,
    names_match,
    read_realpages,
    score_page,
    score_pages,
    token_f1,
)
from allegedly.ingest import article_from_html
from allegedly.model import Article, ArticleAnalysis, Attribution, Cue, Source, Span

PARAGRAPHS = [
    "The old harbour bridge in the town of Westmere will close for three weeks in June, "
    "the county council said on Tuesday.",
    "Council engineer Mara Lindqvist told reporters that the steel deck had corroded faster "
    'than expected. "We cannot wait another winter," she said.',
    "Local shop owners are expected to lose trade during the works.",
    "Lindqvist added that a temporary ferry would run every twenty minutes while the bridge "
    "is shut.",
]
PAGE = ('<html lang="en"><head><title>Harbour bridge to close for repairs</title></head><body>'
        "<article><h1>Harbour bridge to close for repairs</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
PAGE_PATH = "pages/westmere.html.gz"


def _span(text: str, sub: str, after: int = 0) -> tuple[int, int]:
    start = text.index(sub, after)
    return start, start + len(sub)


def _link(text: str, source: str | None, name: str | None, kind: str, cue: str,
          content: list[str], quote: str = "indirect", after: int = 0) -> dict:
    return {"source": [_span(text, source, after)] if source else None, "source_name": name,
            "source_kind": kind, "cue": [_span(text, cue, after)],
            "content": [_span(text, c, after) for c in content], "quote": quote,
            "parent": None, "via": None, "note": None}


def _links(text: str) -> list[dict]:
    q = text.index('"We')
    return [
        _link(text, "the county council", "Westmere County Council", "government", "said",
              ["The old harbour bridge in the town of Westmere will close for three weeks in "
               "June"]),
        _link(text, "Council engineer Mara Lindqvist", "Mara Lindqvist", "person", "told",
              ["that the steel deck had corroded faster than expected"]),
        _link(text, "she", "Mara Lindqvist", "person", "said",
              ['"We cannot wait another winter,"'], "direct", after=q),
        _link(text, None, "unstated", "vague", "are expected",
              ["Local shop owners", "to lose trade during the works"]),
        _link(text, "Lindqvist", "Mara Lindqvist", "person", "added",
              ["that a temporary ferry would run every twenty minutes while the bridge is shut"],
              after=text.index("Lindqvist added")),
    ]


@pytest.fixture()
def gold_setup(tmp_path: Path) -> tuple[Path, Path, str]:
    """A project with one gold file and a ``shared/data`` holding the made-up page."""
    data = tmp_path / "shared" / "data"
    (data / "pages").mkdir(parents=True)
    (data / PAGE_PATH).write_bytes(gzip.compress(PAGE.encode("utf-8")))
    text = article_from_html(PAGE).text
    gold = tmp_path / "project" / "gold" / "realpages" / "test.jsonl"
    gold.parent.mkdir(parents=True)
    rec = {"doc": "test/westmere", "page": PAGE_PATH,
           "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
           "text_chars": len(text), "attributions": _links(text)}
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return gold, data, text


def test_is_realpages_file(gold_setup, tmp_path):
    gold, _, _ = gold_setup
    assert is_realpages_file(gold)
    inline = tmp_path / "inline.jsonl"
    inline.write_text(json.dumps({"doc": "a", "text": "Ann said hi.", "attributions": []}) + "\n")
    assert not is_realpages_file(inline)
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json\n")
    assert not is_realpages_file(junk)
    assert not is_realpages_file(tmp_path)


def test_reader_gives_text_spans_and_labels(gold_setup):
    gold, data, text = gold_setup
    gs = read_realpages(gold, data)
    assert gs.skipped == []
    [doc] = gs.docs
    assert doc["doc"] == "test/westmere" and doc["text"] == text
    atts = doc["attributions"]
    assert len(atts) == 5
    assert text[slice(*atts[0]["source"][0])] == "the county council"
    assert atts[2]["content"] == [_span(text, '"We cannot wait another winter,"')]
    assert atts[3]["source"] == [] and atts[3]["source_name"] is None  # "unstated" = sourceless
    assert len(atts[3]["content"]) == 2


def test_reader_refuses_changed_text(gold_setup):
    gold, data, _ = gold_setup
    rec = json.loads(gold.read_text())
    rec["text_sha256"] = "0" * 64
    gold.write_text(json.dumps(rec) + "\n")
    with pytest.raises(RealPagesError, match=r"(?s)changed since they were annotated.*test/westmere"):
        read_realpages(gold, data)


def test_reader_skips_missing_data_and_pages(gold_setup, tmp_path):
    gold, _, _ = gold_setup
    gs = read_realpages(gold, None)
    assert gs.docs == [] and "ALLEGEDLY_SHARED" in gs.skipped[0][1]
    empty = tmp_path / "empty-data"
    empty.mkdir()
    gs = read_realpages(gold, empty)
    assert gs.docs == [] and "not found" in gs.skipped[0][1]


def test_find_data_root_from_env_and_project(gold_setup, monkeypatch, tmp_path):
    gold, data, _ = gold_setup
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLEGEDLY_SHARED", raising=False)
    assert find_data_root(gold) == data  # <project>/../shared/data
    monkeypatch.setenv("ALLEGEDLY_SHARED", str(tmp_path / "nowhere"))
    assert find_data_root(gold) == data
    assert find_data_root(None) is None


@pytest.mark.parametrize(("gold", "pred", "kind", "expected"), [
    ("Mara Lindqvist", "Lindqvist", "person", True),          # surname
    ("Mara Lindqvist", "Ms Lindqvist", "person", True),       # title dropped
    ("Mara Lindqvist", "LINDQVIST.", "person", True),         # case and punctuation
    ("Mara Lindqvist", "Council engineer Mara Lindqvist", "person", True),
    ("Mara Lindqvist", "Mara", "person", False),              # a first name is not enough
    ("Mara Lindqvist", "Tomas Lindqvist", "person", False),   # another person
    ("Mara Lindqvist", "Lindquist", "person", True),          # one letter away
    ("Mara Lindqvist", "Lindgren", "person", False),
    ("Mara Lindqvist", "she", "person", False),
    ("Jörg Åberg", "Jorg Aberg", "person", True),             # accents
    ("Westmere Harbour Authority", "WHA", "government", True),     # acronym
    ("Westmere Harbour Authority", "the harbour authority", "government", True),  # short form
    ("Westmere Harbour Authority", "the authority", "government", False),  # generic only
    ("Westmere County Council (Westmere)", "Westmere", "government", True),  # alternative
    ("Westmere Ferry Workers' Union", "the ferry workers", "organisation", True),
    ("some shop owners", "shop owners", "anonymous", True),
    ("some shop owners", "residents", "anonymous", False),
    (None, None, "vague", True),
    ("unstated", None, "vague", True),
    (None, "Mara Lindqvist", "vague", False),
])
def test_names_match(gold, pred, kind, expected):
    assert names_match(gold, pred, kind) is expected


def test_sourceless_gold_accepts_a_vague_prediction():
    assert names_match(None, "reports", "vague", pred_kind="vague")
    assert not names_match(None, "reports", "vague", pred_kind="media")


def test_name_verdict_separates_unresolved_from_wrong():
    text = "The agency said so."
    gold = {"source": [(0, 10)], "source_name": "Westmere Harbour Authority",
            "source_kind": "government"}
    assert name_verdict(text, gold, {"source_name": "Westmere Harbour Authority"}) == "right"
    assert name_verdict(text, gold, {"source_name": "the agency"}) == "unresolved"
    assert name_verdict(text, gold, {"source_name": "it"}) == "unresolved"
    assert name_verdict(text, gold, {"source_name": None}) == "unresolved"
    assert name_verdict(text, gold, {"source_name": "Mara Lindqvist"}) == "wrong"
    assert name_verdict(text, gold, {"source_name": "unnamed (said)", "source_kind": "vague",
                                     "source": []}) == "unresolved"
    role = {"source": [(0, 26)], "source_name": "Mara Lindqvist", "source_kind": "person"}
    assert name_verdict("The expert, Mara Lindqvist, said so.", role,
                        {"source_name": "The expert"}) == "unresolved"


def _pred(text: str, source: str | None, name: str | None, cue: str, content: str,
          after: int = 0) -> dict:
    return {"source": [_span(text, source, after)] if source else [],
            "cue": [_span(text, cue, after)], "content": [_span(text, content, after)],
            "source_name": name, "source_kind": "person", "quote": "indirect", "nested": False,
            "cue_class": "report"}


def test_score_page_on_hand_made_predictions(gold_setup):
    gold, data, text = gold_setup
    [doc] = read_realpages(gold, data).docs
    q = text.index('"We')
    preds = [
        # gold link 1 copied, with the right name
        _pred(text, "Council engineer Mara Lindqvist", "Mara Lindqvist", "told",
              "that the steel deck had corroded faster than expected"),
        # gold link 0 found with the wrong speaker and a content a little short
        _pred(text, "the county council", "Mara Lindqvist", "said",
              "harbour bridge in the town of Westmere will close for three weeks in June"),
        # gold link 2 found, its pronoun left unresolved
        _pred(text, "she", "she", "said", '"We cannot wait another winter,"', after=q),
        # spurious: shares no word with any gold content
        _pred(text, None, None, "close", "repairs"),
        # a boundary miss on gold link 4 (overlap, Jaccard < 0.5)
        _pred(text, "Lindqvist", "Mara Lindqvist", "added", "a temporary ferry",
              after=text.index("Lindqvist added")),
    ]
    sc, items = score_page(doc, preds)
    c = sc.counts
    assert (c["pred"], c["gold"], c["matched"]) == (5, 5, 3)
    assert (c["right"], c["wrong"], c["unresolved"]) == (1, 1, 1)
    assert (c["spurious"], c["boundary_pred"], c["boundary_gold"], c["missed"]) == (1, 1, 1, 1)
    m = sc.metrics()
    assert m["links"]["precision"] == pytest.approx(3 / 5)
    assert m["links"]["recall"] == pytest.approx(3 / 5)
    assert m["wrong_speaker_rate"] == pytest.approx(1 / 3)
    assert m["unresolved_rate"] == pytest.approx(1 / 3)
    assert m["source|content"] == pytest.approx(1 / 3)
    assert m["content_exact"] == pytest.approx(2 / 3)
    assert m["content_token_f1"] == pytest.approx((1 + 2 * 14 / 30 + 1) / 3)
    assert m["by_class"]["missed"] == {"kind=vague": 1, "quote=indirect": 1, "top-level": 1}
    assert m["by_class"]["spurious"] == {"cue=report": 1, "quote=indirect": 1, "top-level": 1}
    assert m["by_class"]["wrong speaker"] == {"gold kind=government": 1,
                                              "mention=name or noun": 1}
    assert sorted(i["type"] for i in items) == ["FN", "FN", "FP", "FP", "UNRESOLVED", "WRONG"]
    total, pages, _ = score_pages([doc], [preds])
    assert total["links"] == m["links"] and pages[0]["right"] == 1


def test_token_f1():
    text = "one two three four"
    toks = tokenize(text)
    assert token_f1(text, toks, [(0, 18)], [(0, 18)]) == 1.0
    assert token_f1(text, toks, [(0, 7)], [(4, 13)]) == pytest.approx(0.5)
    assert token_f1(text, toks, [], []) == 1.0


def test_analysis_records_keep_nested_links():
    text = 'The Sun reported that Ann had said "rain is coming".'
    outer = Attribution("a1", None, Source(Span.of(text, 0, 7), "The Sun", "media"),
                        Cue(Span.of(text, 8, 16), "report", "report"), Span.of(text, 17, 51),
                        "mixed")
    inner = Attribution("a2", "a1", Source(Span.of(text, 22, 25), "Ann", "person"),
                        Cue(Span.of(text, 26, 34), "say", "report"), Span.of(text, 35, 51),
                        "direct")
    analysis = ArticleAnalysis(article=Article(text=text), attributions=(outer, inner))
    recs = analysis_records(analysis)
    assert [r["nested"] for r in recs] == [False, True]
    assert recs[1]["source_name"] == "Ann" and recs[1]["content"] == [(35, 51)]


def test_cli_skips_without_shared_data(gold_setup, tmp_path, monkeypatch):
    gold, data, _ = gold_setup
    moved = tmp_path / "elsewhere"
    data.parent.rename(moved)
    monkeypatch.chdir(gold.parent)
    monkeypatch.delenv("ALLEGEDLY_SHARED", raising=False)
    res = CliRunner().invoke(command, [str(gold)])
    assert res.exit_code == 0, res.output
    assert "skipped" in res.output and "ALLEGEDLY_SHARED" in res.output


def test_cli_refuses_changed_text(gold_setup, monkeypatch):
    gold, data, _ = gold_setup
    rec = json.loads(gold.read_text())
    rec["text_sha256"] = "f" * 64
    gold.write_text(json.dumps(rec) + "\n")
    monkeypatch.setenv("ALLEGEDLY_SHARED", str(data.parent))
    res = CliRunner().invoke(command, [str(gold)])
    assert res.exit_code != 0
    assert "refusing to score" in res.output and "test/westmere" in res.output


def test_cli_direct_flag_is_refused(gold_setup, monkeypatch):
    gold, data, _ = gold_setup
    monkeypatch.setenv("ALLEGEDLY_SHARED", str(data.parent))
    res = CliRunner().invoke(command, [str(gold), "--direct"])
    assert res.exit_code != 0 and "--direct" in res.output


def test_cli_scores_the_full_analysis(gold_setup, monkeypatch):
    gold, data, _ = gold_setup
    monkeypatch.setenv("ALLEGEDLY_SHARED", str(data.parent))
    res = CliRunner().invoke(command, [str(gold), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output.strip().splitlines()[-1])
    links = out["metrics"]["links"]
    assert out["docs"] == 1 and links["gold"] == 5
    assert links["pred"] >= links["matched"] >= 1  # the engine finds at least one of the five
    assert set(out["metrics"]["errors"]) == {"spurious", "boundary_pred", "wrong", "unresolved",
                                             "boundary_gold", "missed"}
    text_res = CliRunner().invoke(command, [str(gold)])
    assert "source|content" in text_res.output and "wrong_speaker_rate" in text_res.output


def test_a_link_nested_in_a_matched_quote_is_spurious_not_boundary(gold_setup):
    gold, data, text = gold_setup
    [doc] = read_realpages(gold, data).docs
    q = text.index('"We')
    preds = [_pred(text, "she", "Mara Lindqvist", "said", '"We cannot wait another winter,"',
                   after=q),
             _pred(text, "We", "We", "cannot", "wait another winter", after=q)]
    sc, _ = score_page(doc, preds)
    assert sc.counts["matched"] == 1 and sc.counts["right"] == 1
    assert sc.counts["spurious"] == 1 and sc.counts["boundary_pred"] == 0
