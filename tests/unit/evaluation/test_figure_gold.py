"""The figure gold reader and scorer (allegedly/evaluation/figure_gold.py), on made-up text."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from allegedly.evaluation import figure_gold as fg
from allegedly.model import BOUNDS
from tests.conftest import REPO, SHARED

PARAGRAPHS = [
    "Shelling hit the river town of Dalmor overnight, the regional governor said on Tuesday.",
    "At least 14 people were killed and about 30 others wounded when 12 rockets struck the "
    "market square, the governor told reporters at 9:15 in the morning.",
    "Rescue crews worked for six hours to clear the rubble, and officials said dozens of homes "
    "were damaged across the district, one of the poorest in the region.",
    "The town, which had 8,000 residents before the war, lies 40 km from the front line. "
    "Its mayor, 57, has asked for two more ambulances.",
]
PAGE = ("<html><head><title>Rockets hit Dalmor market</title></head><body><article>"
        "<h1>Rockets hit Dalmor market</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
FAKES_TEXT = "12 March 2016 A car bomb killed 9 soldiers and wounded more than 20 people."
RUWA_ROW = {"": "0", "src": "https://example.org/a", "title": "Town council says 300 sheltered ",
            "desc": " 17.03.22 10:05 - Around 300 people sheltered in the basement. ",
            "Date": "03/17/2022", "Site": "example.org", "Event": "theatre"}


def _span(text: str, needle: str, nth: int = 1) -> list[int]:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


def _fig(text: str, needle: str, value: float | None, bound: str = "exact", *, nth: int = 1,
         counted: str | None = None, measure: str | None = None, unit: str | None = None,
         low: float | None = None, high: float | None = None) -> dict:
    span = _span(text, needle, nth)
    head = None
    if counted:
        at = text.index(counted, span[0])
        head = [at, at + len(counted)]
    return {"span": span, "value": value, "low": low, "high": high, "bound": bound, "unit": unit,
            "counted": head, "measure": measure, "note": None}


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A made-up ../shared/data: one fundus-style page, a FA-KES-style CSV, a RUWA-style zip."""
    root = tmp_path / "shared" / "data"
    page = root / "fundus_testdata" / "data" / "xx" / "Daily_2024_01_01.html.gz"
    page.parent.mkdir(parents=True)
    page.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    fakes = root / "fakes_syria" / "FA-KES-Dataset.csv"
    fakes.parent.mkdir(parents=True)
    with fakes.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["unit_id", "article_title", "article_content", "source", "date",
                                "location", "labels"])
        w.writeheader()
        w.writerow({"unit_id": "1", "article_title": "Car bomb", "article_content": FAKES_TEXT,
                    "source": "example", "date": "3/12/2016", "location": "x", "labels": "1"})
    buf = io.StringIO()
    w = csv.DictWriter(buf, list(RUWA_ROW))
    w.writeheader()
    w.writerow(RUWA_ROW)
    zpath = root / "ruwa" / "R.csv.zip"
    zpath.parent.mkdir(parents=True)
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("R.csv", buf.getvalue())
    return root


def _items(root: Path) -> list[dict]:
    """Gold records for the three made-up items, with offsets found in the texts allegedly reads."""
    refs = [
        {"item": "fundus:xx/Daily_2024_01_01", "source": "fundus", "doc": "xx/Daily_2024_01_01",
         "page": "fundus_testdata/data/xx/Daily_2024_01_01.html.gz"},
        {"item": "fakes:1", "source": "fakes", "file": "fakes_syria/FA-KES-Dataset.csv",
         "record": 1},
        {"item": "ruwa:1", "source": "ruwa", "file": "ruwa/R.csv.zip", "member": "R.csv",
         "record": 1},
    ]
    out = []
    for ref in refs:
        item = fg.load_record(dict(ref, text_sha256="", text_chars=0, figures=[], negatives=[]))
        text = fg.read_article(item, root).text
        out.append(dict(ref, text_sha256=fg.text_sha256(text), text_chars=len(text),
                        **_annotate(ref["source"], text)))
    return out


def _annotate(source: str, t: str) -> dict:
    if source == "fundus":
        return {"figures": [
            _fig(t, "At least 14", 14, "at_least", counted="people", measure="killed"),
            _fig(t, "about 30", 30, "approx", counted="others", measure="wounded"),
            _fig(t, "12", 12, counted="rockets"),
            _fig(t, "six hours", 6, unit="hour"),
            _fig(t, "dozens", None, "approx", low=12, high=120, counted="homes"),
            _fig(t, "8,000", 8000, counted="residents"),
            _fig(t, "40 km", 40, unit="kilometre"),
            _fig(t, "two", 2, counted="ambulances")],
            "negatives": [{"span": _span(t, "9:15"), "class": "time"},
                          {"span": _span(t, "one", 1), "class": "reference"},
                          {"span": _span(t, "57"), "class": "age"}]}
    if source == "fakes":
        return {"figures": [_fig(t, "9", 9, counted="soldiers", measure="killed"),
                            _fig(t, "more than 20", 20, "more_than", counted="people",
                                 measure="wounded")],
                "negatives": [{"span": _span(t, "12 March 2016"), "class": "date"}]}
    return {"figures": [_fig(t, "300", 300, nth=1), _fig(t, "Around 300", 300, "approx",
                                                         counted="people")],
            "negatives": [{"span": _span(t, "17.03.22 10:05"), "class": "stamp"}]}


def _write_gold(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _pred(text: str, needle: str, value: float | None, bound: str = "exact", nth: int = 1,
          **kw: object) -> fg.PredFigure:
    s, e = _span(text, needle, nth)
    return fg.PredFigure(s, e, value, bound=bound, **kw)  # type: ignore[arg-type]


# ---- reading -------------------------------------------------------------------------------------


def test_ruwa_text_joins_headline_and_lead_stripped() -> None:
    assert fg.ruwa_text(RUWA_ROW) == ("Town council says 300 sheltered\n\n17.03.22 10:05 - "
                                      "Around 300 people sheltered in the basement.")
    assert fg.ruwa_text({"title": "", "desc": "Only a lead."}) == "Only a lead."


def test_each_source_is_read_through_allegedlys_readers(data_root: Path) -> None:
    records = _items(data_root)
    texts = [fg.read_article(fg.load_record(r), data_root).text for r in records]
    assert "At least 14 people were killed" in texts[0]
    assert texts[1] == FAKES_TEXT  # the CSV reader keeps the content field unchanged
    assert texts[2] == fg.ruwa_text(RUWA_ROW)


def test_load_rejects_a_record_without_figures(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"item": "fakes:1", "source": "fakes", "text_sha256": "x"}\n', "utf-8")
    with pytest.raises(fg.click.ClickException, match="line 1: not a figure gold record"):
        fg.load(bad)


def test_is_figure_gold_tells_our_jsonl_from_newsquant(tmp_path: Path) -> None:
    ours = _write_gold(tmp_path / "g.jsonl", [{"figures": [], "text_sha256": "x"}])
    theirs = tmp_path / "n.json"
    theirs.write_text('[{"text": "x", "quantities": []}]', "utf-8")
    assert fg.is_figure_gold(ours) and not fg.is_figure_gold(theirs)


# ---- matching ------------------------------------------------------------------------------------


def test_value_match_points_ranges_and_shares() -> None:
    g = fg.GoldFigure(0, 5, 50.0, None, None, "approx", unit="percent")
    assert fg.value_match(g, fg.PredFigure(0, 5, 0.5))  # "about half" as a fraction
    assert not fg.value_match(g, fg.PredFigure(0, 5, 0.5, unit="USD"))
    assert fg.unit_match(g, fg.PredFigure(0, 5, 0.5)) and not fg.unit_match(
        g, fg.PredFigure(0, 5, 50.0, unit="USD"))
    rng = fg.GoldFigure(0, 9, None, 30.0, 40.0, "range")
    assert fg.value_match(rng, fg.PredFigure(0, 9, None, 40.0, 30.0, "range"))
    assert not fg.value_match(rng, fg.PredFigure(0, 9, 30.0))


def test_align_needs_overlap_and_prefers_the_same_bound() -> None:
    gold = [fg.GoldFigure(10, 20, 5.0, None, None, "at_least"),
            fg.GoldFigure(40, 45, 5.0, None, None, "exact")]
    preds = [fg.PredFigure(41, 42, 5.0, bound="exact"), fg.PredFigure(13, 14, 5.0, bound="at_least"),
             fg.PredFigure(60, 61, 5.0)]
    assert fg.align(gold, preds) == [(0, 1), (1, 0)]


def test_phrase_head_and_singulars() -> None:
    assert fg.phrase_head("air, sea and ground-launched missiles") == "air"
    assert not fg.head_match("missiles", "air")  # "90 air, sea and ground-launched missiles"
    assert fg.phrase_head("Ukrainian prisoners of war") == "prisoners"
    assert fg.phrase_head("people dead") == "people"
    assert fg.head_match("casualties", "civilian casualty")
    assert fg.head_match("children", "child") and not fg.head_match("rounds", "mm")


# ---- scoring -------------------------------------------------------------------------------------


def test_scores_value_bound_head_measure_and_false_positive_classes(data_root: Path,
                                                                    tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "g.jsonl", _items(data_root))
    texts = [fg.read_article(it, data_root).text for it in fg.load(gold)]
    t0, t1, t2 = texts

    def predictor(articles: list) -> list:
        assert [a.text for a in articles] == texts
        return [
            [_pred(t0, "At least 14", 14.0, "at_least", counted="people", measure="killed"),
             _pred(t0, "about 30", 30.0, "exact", counted="others", measure="killed"),
             _pred(t0, "12 rockets", 12.0, counted="rockets"),
             _pred(t0, "9:15", 9.15),  # a clock time read as a number
             _pred(t0, "57", 57.0),  # an age
             _pred(t0, "40 km", 4.0, unit="kilometre")],  # wrong value on a gold figure
            [_pred(t1, "9 soldiers", 9.0, counted="soldiers", measure="killed")],
            [_pred(t2, "17.03", 17.03), _pred(t2, "300", 300.0, nth=1)],
        ]

    errors: list = []
    r = fg.run(gold, data_root, predictor, errors)
    assert (r["gold"], r["predicted"], r["matched"]) == (12, 9, 5)
    assert r["value"]["p"] == pytest.approx(5 / 9) and r["value"]["r"] == pytest.approx(5 / 12)
    assert r["value_bound"]["p"] == pytest.approx(4 / 9)  # "about 30" predicted exact
    assert r["counted_head"] == {"accuracy": 1.0, "n": 4}
    assert r["measure"]["n"] == 3 and r["measure"]["accuracy"] == pytest.approx(2 / 3)
    assert r["false_positives"] == {"time": 1, "age": 1, "wrong_value": 1, "stamp": 1}
    assert r["by_source"]["fakes"]["value"]["r"] == 0.5
    assert any(e["item"] == "fundus:xx/Daily_2024_01_01" and e["missed"] for e in errors)
    assert "false positives by class: " in fg.format_report(r)


def test_a_failed_analysis_is_reported_and_scored_empty(data_root: Path, tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "g.jsonl", _items(data_root))
    r = fg.run(gold, data_root, lambda arts: ["E202 boom"] + [[] for _ in arts[1:]])
    assert r["analysis_failed"] == {"fundus:xx/Daily_2024_01_01": "E202 boom"}
    assert r["matched"] == 0 and r["gold"] == 12


def test_missing_item_file_is_reported_not_fatal(data_root: Path, tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "g.jsonl", _items(data_root))
    (data_root / "ruwa" / "R.csv.zip").unlink()
    r = fg.run(gold, data_root, lambda arts: [[] for _ in arts])
    assert list(r["unreadable"]) == ["ruwa:1"] and r["items"] == 2


def test_a_changed_text_is_refused(data_root: Path, tmp_path: Path) -> None:
    records = _items(data_root)
    records[1]["text_sha256"] = "0" * 64
    gold = _write_gold(tmp_path / "g.jsonl", records)
    with pytest.raises(fg.GoldTextChanged, match="refusing to score.*fakes:1"):
        fg.run(gold, data_root, lambda arts: [[] for _ in arts])


def test_allegedly_itself_on_the_made_up_items(data_root: Path, tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "g.jsonl", _items(data_root))
    r = fg.run(gold, data_root)
    assert not r["unreadable"] and not r["analysis_failed"]
    assert r["matched"] >= 8 and r["value"]["f1"] > 0.6  # plain counts in plain sentences


# ---- the command ---------------------------------------------------------------------------------


def _cli(args: list[str], cwd: Path, shared: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ALLEGEDLY_SHARED=str(shared), PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "allegedly", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_skips_with_the_reason_when_the_data_is_absent(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "g.jsonl", [{"item": "fakes:1", "source": "fakes",
                                               "file": "fakes_syria/F.csv", "record": 1,
                                               "text_sha256": "x", "text_chars": 1,
                                               "figures": [], "negatives": []}])
    out = _cli(["eval", "figures", str(gold)], tmp_path, tmp_path / "nowhere")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("skipped: third-party data not found at")
    js = _cli(["eval", "figures", str(gold), "--json"], tmp_path, tmp_path / "nowhere")
    assert "third-party data not found" in json.loads(js.stdout)["skipped"]


def test_cli_refuses_a_changed_text(data_root: Path, tmp_path: Path) -> None:
    records = _items(data_root)
    records[0]["text_sha256"] = "f" * 64
    gold = _write_gold(tmp_path / "g.jsonl", records)
    out = _cli(["eval", "figures", str(gold)], tmp_path, data_root.parent)
    assert out.returncode == 1 and "refusing to score" in out.stderr


# ---- the committed gold --------------------------------------------------------------------------

GOLD = REPO / "gold" / "figures" / "war-politics.jsonl"
NUMBER_LIKE = re.compile(
    r"\d[\d.,:/]*\d|\d|(?i:\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|"
    r"dozens?|tens|half)\b)")
CLASSES = {"date", "stamp", "time", "score", "ordinal", "name", "address", "counter", "age",
           "time_window", "reference", "idiom", "clutter", "other"}
MEASURES = {"killed", "died", "dead", "wounded", "injured", "lost", "captured", "missing",
            "displaced", "arrested", "evacuated", "casualties", "destroyed"}


def test_committed_gold_is_well_formed() -> None:
    items = fg.load(GOLD)
    assert len(items) >= 80 and {it.source for it in items} == set(fg.SOURCES)
    for it in items:
        spans = [(f.start, f.end) for f in it.figures] + [(n.start, n.end) for n in it.negatives]
        assert all(0 <= s < e <= it.text_chars for s, e in spans), it.item
        ordered = sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False)), it.item
        for f in it.figures:
            assert f.bound in BOUNDS and (f.measure is None or f.measure in MEASURES), it.item
            assert (f.value is not None) != (f.low is not None and f.high is not None), it.item
            assert f.counted is None or 0 <= f.counted[0] < f.counted[1] <= it.text_chars
        assert {n.cls for n in it.negatives} <= CLASSES, it.item


def test_committed_gold_still_fits_the_texts_allegedly_reads() -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"third-party data not available: {SHARED / 'data'} (CI provides ../shared)")
    items = fg.load(GOLD)
    arts, failed = fg.read_all(items, SHARED / "data")  # raises when a text changed
    assert not failed and all(a is not None for a in arts)
    for it, art in zip(items, arts, strict=True):  # every number-looking token is annotated
        assert art is not None
        spans = [(f.start, f.end) for f in it.figures] + [(n.start, n.end) for n in it.negatives]
        for m in NUMBER_LIKE.finditer(art.text):
            assert any(s <= m.start() and m.end() <= e for s, e in spans), (it.item, m.group())
