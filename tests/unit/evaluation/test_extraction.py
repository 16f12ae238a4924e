"""The extraction metrics equal the reference scorers on the same outputs."""

from __future__ import annotations

import importlib
import sys

import pytest
from click.testing import CliRunner

from allegedly.evaluation.extraction import command, doc_prf, segment_score, zyte_score
from tests.conftest import shared_path


def _reference(module: str):
    data = shared_path("data", "score_zyte.py").parent
    sys.path.insert(0, str(data))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(data))


def test_doc_prf_on_own_text() -> None:
    gold = "the minister said the talks would resume on monday in geneva"
    assert doc_prf(gold, gold) == (1.0, 1.0, 1.0)
    p, r, exact = doc_prf(gold, gold + " read more about the talks here today")
    assert r == 1.0 and 0 < p < 1 and exact == 0.0
    assert doc_prf(gold, "")[0] is None  # empty prediction leaves the precision mean


def test_zyte_score_equals_reference_on_published_outputs() -> None:
    ref = _reference("score_zyte")
    loader = _reference("load_zyte_aeb")
    docs = list(loader.iter_docs(with_predictions=True))
    systems = sorted(docs[0]["predictions"])
    assert "trafilatura" in systems
    for system in systems:
        pairs = [(d["gold_text"], d["predictions"].get(system, "")) for d in docs]
        assert zyte_score(pairs) == ref.score(pairs), system
    traf = [(d["gold_text"], d["predictions"]["trafilatura"]) for d in docs]
    assert zyte_score(traf)["f1"] == 0.958  # the published table


def test_segment_score_equals_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    ref = _reference("load_trafilatura_eval")
    docs = [{"html": "<p>alpha beta</p><nav>menu</nav>", "with": ["alpha beta", "gamma"],
             "without": ["menu", "footer"]},
            {"html": "<p>delta</p>", "with": ["delta"], "without": ["share"]}]
    monkeypatch.setattr(ref, "iter_docs", lambda: iter(docs))

    def extract(html: str) -> str:
        return html.replace("<p>", "").replace("</p>", " ").replace("<nav>", "")

    expected = {k: round(v, 3) for k, v in ref.score(extract).items()}
    got = segment_score((extract(d["html"]), d["with"], d["without"]) for d in docs)
    assert got == expected


def test_command_on_a_sample() -> None:
    root = shared_path("data", "zyte_aeb")
    result = CliRunner().invoke(command, [str(root), "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "allegedly" in result.output and "trafilatura" in result.output
    assert "P" in result.output and "F1" in result.output
