"""Cross-article report queries on a store filled with hand-built analyses."""

from __future__ import annotations

import pytest

from allegedly.corpus.report import (
    cited_outlets,
    copies,
    corpus_report,
    errors_by_code,
    figure_conflicts,
    top_sources,
    totals,
)
from allegedly.store import Failure, open_store
from allegedly.store.tables import Copy
from tests.unit.store.conftest import build_analysis


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "c.db")
    run = s.start_run(inputs=[], options={}, engine="local", jobs=1)
    a = build_analysis("Express", "The Sun", 750, origin="a.txt", url="https://express.example/a")
    b = build_analysis("Mirror", "The Sun", 900, origin="b.txt")
    c = build_analysis("The Sun", "Reuters", 750, origin="c.txt", extra=" More later.")
    dup = Copy(a.article.__class__(text=a.article.text, origin="a2.txt",
                                   url="https://copy.example/a", outlet="Daily Copy"))
    s.write(run, [a, b, c, dup, Failure("E102", "x.bin", "x.bin: E102 binary"),
                  Failure("E102", "y.bin", "y.bin: E102 binary"),
                  Failure("E101", "z.txt", "z.txt: E101 empty")])
    s.finish_run(run)
    yield s
    s.close()


def test_totals(store):
    t = totals(store)
    assert (t["articles"], t["copies"], t["claims"], t["errors"], t["outlets"]) == (3, 1, 3, 3, 3)


def test_top_sources_by_claims(store):
    top = top_sources(store)
    assert top[0]["name"] == "Ivan Petrenko" and top[0]["claims"] == 3


def test_top_sources_leave_out_vague_and_unresolved_pronouns(store):
    run = store.start_run(inputs=[], options={}, engine="local", jobs=1)
    an = build_analysis("Express", "The Sun", 750, origin="p.txt", extra=" Again.")
    att = an.attributions[1]
    for i, (name, kind) in enumerate((("they", "anonymous"), ("", "vague"))):
        src = att.source.__class__(att.source.span, name, kind)
        other = an.__class__(an.article.__class__(text=an.article.text + str(i),
                                                  origin=f"p{i}.txt"),
                             (an.attributions[0], att.__class__(att.id, att.parent, src, att.cue,
                                                                att.content, att.quote)),
                             an.figures, an.claims)
        store.write(run, [other] * 3)
    names = [r["name"] for r in top_sources(store)]
    assert "they" not in names and "" not in names and names[0] == "Ivan Petrenko"


def test_cited_outlets_excludes_self_citation(store):
    rows = {r["name"]: r for r in cited_outlets(store)}
    assert rows["The Sun"]["citations"] == 2 and rows["The Sun"]["citing_outlets"] == 2
    assert rows["Reuters"]["citations"] == 1


def test_figure_conflicts_list_every_figure_with_its_evidence(store):
    conflicts = figure_conflicts(store)
    # the same source (Ivan Petrenko) gives 750 and 900: one source -> no conflict yet
    assert conflicts == []
    s2 = store
    run = s2.start_run(inputs=[], options={}, engine="local", jobs=1)
    other = build_analysis("Kyiv Daily", "Ukrinform", 15000, origin="d.txt")
    # a different direct source for the same key
    art = other.article
    att = other.attributions[1]
    new_src = att.source.__class__(att.source.span, att.source.name, "government", None)
    other = other.__class__(art, (other.attributions[0], att.__class__(
        att.id, att.parent, new_src.__class__(new_src.span, "Olena Koval", "government"),
        att.cue, att.content, att.quote, att.hedges)), other.figures, other.claims)
    s2.write(run, [other])
    conflicts = figure_conflicts(s2)
    assert len(conflicts) == 1
    g = conflicts[0]
    assert g["measure"] == "deaths" and g["measures"] == ["killed"]
    assert g["values"] == [750.0, 900.0, 15000.0]
    assert g["sources"] == 2 and g["articles"] == 4
    for f in g["figures"]:
        assert f["text"] in {"750", "900", "15,000"} and f["end"] > f["start"]


def test_copies_and_errors(store):
    (c,) = copies(store)
    assert c["locations"] == 2
    assert {x["url"] for x in c["at"]} == {"https://express.example/a", "https://copy.example/a"}
    assert [(e["code"], e["count"]) for e in errors_by_code(store)] == [("E102", 2), ("E101", 1)]


def test_whole_report_is_json_serialisable(store):
    import json

    json.dumps(corpus_report(store))


def test_cited_outlets_fold_short_names_and_skip_bare_nouns(tmp_path):
    with open_store(tmp_path / "o.db") as s:
        run = s.start_run(inputs=[], options={}, engine="local", jobs=1)
        s.write(run, [build_analysis("Daily Beacon", "Reuters", 10, origin="b.txt"),
                      build_analysis("Mirror", "Beacon", 20, origin="m1.txt"),
                      build_analysis("Express", "the Daily Beacon", 30, origin="e.txt"),
                      build_analysis("Express", "paper", 40, origin="e2.txt")])
        rows = {r["name"]: r for r in cited_outlets(s)}
    assert rows["Daily Beacon"]["citations"] == 2
    assert rows["Daily Beacon"]["cited_by"] == "Express,Mirror"
    assert "Beacon" not in rows and "paper" not in rows and "Reuters" in rows


def test_render_says_none_when_no_errors(store):
    from io import StringIO

    from rich.console import Console

    from allegedly.report.corpus import render_report

    report = corpus_report(store)
    clean = {**report, "errors_by_code": [], "not_analysed": []}
    out = StringIO()
    render_report(clean, Console(file=out, width=100))
    assert "Errors by code: none" in out.getvalue()
    out = StringIO()
    render_report(report, Console(file=out, width=100))
    assert "E102" in out.getvalue() and "Errors by code: none" not in out.getvalue()
