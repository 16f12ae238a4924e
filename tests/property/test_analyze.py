"""The whole ``allegedly.analyze`` on generated text: no exception, every span exact."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from allegedly.errors import InputError

from .conftest import examples
from .strategies import check_spans, news_text


@pytest.fixture(scope="module")
def analyze(analyzer):  # one loaded model for the whole session (tests/conftest.py)
    def run(text: str):
        return analyzer.analyze_text(text, outlet="Example News", published="2022-03-21")

    return run


@settings(max_examples=examples(10))
@given(text=news_text(max_paragraphs=3))
def test_analysis_of_hostile_text_keeps_every_span_exact(analyze, text: str) -> None:
    try:
        result = analyze(text)
    except InputError as exc:  # empty, binary-looking or HTML without an article
        assert exc.code in {"E101", "E102", "E105"}, exc
        return
    d = result.to_dict()
    assert check_spans(d, d["text"]) >= len(d["claims"])
    json.dumps(d, ensure_ascii=False, allow_nan=False).encode("utf-8")  # never Infinity/NaN
