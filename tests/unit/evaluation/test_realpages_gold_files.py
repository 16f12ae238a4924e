"""The committed real-page gold files are well-formed (and, with ../shared/data, still fit)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegedly.evaluation.realpages import find_data_root, read_realpages
from allegedly.model import SOURCE_KINDS

GOLD_DIR = Path(__file__).resolve().parents[3] / "gold" / "realpages"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))
QUOTES = {"direct", "indirect", "mixed"}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_the_three_gold_files_are_there():
    assert {p.name for p in GOLD_FILES} >= {"report.jsonl", "tuning.jsonl", "tuning2.jsonl"}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_records_are_well_formed(path: Path):
    docs = [d["doc"] for d in _records(path)]
    assert len(docs) == len(set(docs)), "a page is annotated twice"
    for d in _records(path):
        assert d["page"].startswith("fundus_testdata/data/") and len(d["text_sha256"]) == 64
        links = d["attributions"]
        assert links, d["doc"]
        for i, a in enumerate(links):
            where = f"{d['doc']} link {i}"
            for field in ("source", "cue", "content"):
                for s, e in a.get(field) or []:
                    assert 0 <= s < e <= d["text_chars"], where
            assert a["content"], where
            assert a["source_kind"] in SOURCE_KINDS, where
            assert a["quote"] in QUOTES, where
            assert a["parent"] is None or 0 <= a["parent"] < len(links), where
            assert a["parent"] != i, where
            if a["source_name"] is None:
                assert a["source_kind"] == "vague" and not a["source"], where


def test_the_tuning_and_report_pages_do_not_overlap():
    by_file = {p.name: {d["doc"] for d in _records(p)} for p in GOLD_FILES}
    report = by_file.pop("report.jsonl")
    for name, docs in by_file.items():
        assert not report & docs, name


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_offsets_fit_the_text_allegedly_extracts(path: Path):
    root = find_data_root(path)
    if root is None:
        pytest.skip("../shared/data not found (set ALLEGEDLY_SHARED): page texts unavailable")
    gold = read_realpages(path, root)  # raises when a page's text changed since annotation
    assert not gold.skipped, gold.skipped
    for doc in gold.docs:
        text = doc["text"]
        for a in doc["attributions"]:
            for s, e in a["content"]:
                assert text[s:e].strip() == text[s:e], (doc["doc"], text[s:e][:40])
