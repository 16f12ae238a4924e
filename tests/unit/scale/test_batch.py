"""The engine-neutral batch function, on sentences written for these tests."""

from __future__ import annotations

import pickle

import pytest

from allegedly.model import Article, ArticleAnalysis
from allegedly.scale.batch import Batch, process_batch
from allegedly.store.tables import Copy, Failure

TEXTS = [
    "The regional governor said 14 people were killed in the overnight shelling.",
    "According to the ministry, at least 300 soldiers have surrendered since Monday.",
]


class ExplodingAnalyzer:
    """An analyser whose batch crashes: the batch must degrade to per-article failures."""

    def analyze_articles(self, articles):
        raise RuntimeError("parser crashed")


def test_results_keep_input_order_and_pass_copies_and_failures_through(analyzer):
    a, b = (Article(text=t, origin=f"t{i}.txt", outlet="Example News")
            for i, t in enumerate(TEXTS))
    copy = Copy(Article(text=TEXTS[0], origin="copy.txt"))
    fail = Failure("E101", "empty.txt", "empty.txt: E101 empty")
    out = process_batch([a, copy, fail, b], analyzer)
    assert [type(x) for x in out] == [ArticleAnalysis, Copy, Failure, ArticleAnalysis]
    assert out[0].article == a and out[3].article == b
    assert out[1] is copy and out[2] is fail
    # what crosses process boundaries must pickle (records, never Docs)
    assert pickle.loads(pickle.dumps(out)) == out
    assert any(f.value == 14 for f in out[0].figures)


def test_a_crashing_batch_becomes_failures_that_keep_the_article():
    arts = [Article(text=t, origin=f"t{i}.txt") for i, t in enumerate(TEXTS)]
    out = process_batch(arts, ExplodingAnalyzer())
    assert [f.code for f in out] == ["E202", "E202"]
    assert [f.article for f in out] == arts
    assert "parser crashed" in out[0].message and out[0].message.startswith("t0.txt: E202")


def test_batch_without_articles_needs_no_model():
    batch = Batch(0, (Failure("E102", "x.bin", "binary"),), read=1)
    assert batch.n_analyse == 0
    assert process_batch(batch.items, ExplodingAnalyzer()) == list(batch.items)


@pytest.mark.parametrize("n", [0, 3])
def test_n_analyse_counts_articles(n):
    items = tuple(Article(text=f"Text {i}.", origin=str(i)) for i in range(n))
    assert Batch(0, items + (Copy(Article(text="x")),)).n_analyse == n
