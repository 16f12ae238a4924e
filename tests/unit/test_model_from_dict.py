"""ArticleAnalysis.from_dict reads the allegedly/1 contract back, field by field."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from allegedly.demo import corpus_path
from allegedly.model import ArticleAnalysis, Span, _record
from tests.conftest import shared_path


def _demo_analyses(analyzer) -> list[ArticleAnalysis]:
    from allegedly.ingest import article_from_text

    records = [json.loads(line) for line in corpus_path().read_text("utf-8").splitlines()]
    return [analyzer.analyze(article_from_text(r["text"], outlet=r["outlet"], title=r["title"],
                                               published=r["published"], url=r["url"]))
            for r in records]


def test_round_trip_on_real_analyses(analyzer) -> None:
    analyses = _demo_analyses(analyzer)
    assert sum(len(a.attributions) for a in analyses) > 50
    for a in analyses:
        data = a.to_dict()
        assert ArticleAnalysis.from_dict(data).to_dict() == data
        through_json = json.loads(json.dumps(data))
        assert ArticleAnalysis.from_dict(through_json).to_dict() == data
        assert ArticleAnalysis.from_dict(data) == a  # the records themselves are equal


def test_round_trip_on_the_seed_article(analyzer) -> None:
    text = shared_path("examples", "tank-mutiny.txt").read_text("utf-8")
    a = analyzer.analyze_text(text, outlet="Express", published="2022-03-21")
    assert ArticleAnalysis.from_dict(a.to_dict()).to_dict() == a.to_dict()
    assert any(f.time is not None for f in ArticleAnalysis.from_dict(a.to_dict()).figures)


def test_unknown_keys_are_ignored_and_new_fields_are_carried() -> None:
    data = {"schema": "allegedly/1", "text": "He said so.", "attributions": [{
        "id": "a1", "parent": None, "method": "rule:verb.ccomp", "future": [1],
        "source": {"start": 0, "end": 2, "text": "He", "name": "He", "kind": "person",
                   "description": None, "resolved_from": None, "method": "rule:pronoun"},
        "cue": {"start": 3, "end": 7, "text": "said", "lemma": "say", "class": "report"},
        "content": {"start": 8, "end": 10, "text": "so"}, "quote": "indirect",
        "hedges": []}]}
    a = ArticleAnalysis.from_dict(data)
    assert a.attributions[0].cue.cls == "report" and a.attributions[0].source.span.end == 2

    @dataclass(frozen=True)
    class WithMethod:  # a record that gained a field, as `method` is being added
        span: Span
        name: str
        method: str | None = None

    rec = _record(WithMethod, data["attributions"][0]["source"])
    assert rec.method == "rule:pronoun" and rec.span == Span(0, 2, "He")


def test_other_schema_or_missing_text_is_refused() -> None:
    with pytest.raises(ValueError, match="schema"):
        ArticleAnalysis.from_dict({"schema": "allegedly/2", "text": "x"})
    with pytest.raises(ValueError, match="text"):
        ArticleAnalysis.from_dict({"schema": "allegedly/1"})
