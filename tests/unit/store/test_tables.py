"""Rows built from hand-made analyses: every column declared, offsets kept, chain readable."""

from __future__ import annotations

import json

from allegedly.errors import InputError
from allegedly.model import Article
from allegedly.store.tables import (
    COLUMNS,
    Copy,
    Failure,
    analysis_rows,
    figure_key_exact,
    result_rows,
    source_id,
)


def test_rows_have_exactly_the_declared_columns(make_analysis):
    rows = analysis_rows(make_analysis("Express", "The Sun", 750, origin="a.txt"), run_id=1)
    for table, table_rows in rows.items():
        for row in table_rows:
            assert set(row) == set(COLUMNS[table]), table


def test_offsets_point_into_the_article_text(make_analysis):
    an = make_analysis("Express", "The Sun", 750, origin="a.txt")
    rows = analysis_rows(an, run_id=1)
    text = rows["articles"][0]["text"]
    for att in rows["attributions"]:
        for part in ("source_", "cue_", "content_"):
            assert text[att[part + "start"]:att[part + "end"]] == att[part + "text"]
    for fig in rows["figures"]:
        assert text[fig["start"]:fig["end"]] == fig["text"] == "750"


def test_chain_text_outermost_first_and_direct_source(make_analysis):
    rows = analysis_rows(make_analysis("Express", "The Sun", 750, origin="a.txt"), run_id=1)
    claim = rows["claims"][0]
    assert claim["chain_text"] == "The Sun <- Ivan Petrenko"
    assert json.loads(claim["chain"]) == ["a1", "a2"]
    assert claim["source_name"] == "Ivan Petrenko"
    assert claim["n_hedges"] == 1
    depths = {a["id"]: a["depth"] for a in rows["attributions"]}
    assert depths == {"a1": 0, "a2": 1}


def test_figure_takes_the_source_of_its_attribution(make_analysis):
    rows = analysis_rows(make_analysis("Express", "The Sun", 750, origin="a.txt"), run_id=1)
    fig = rows["figures"][0]
    assert fig["source_name"] == "Ivan Petrenko"
    assert fig["source_id"] == source_id("Ivan  petrenko", "person")  # normalised
    assert fig["figure_key"] == "russian|troops|fatal"  # allegedly.keys: actor|group|family
    assert fig["measure_scope"] == "deaths"
    assert fig["figure_key_exact"] == "killed|russian soldiers|russian|2022-03"


def test_exact_figure_key_needs_a_measure():
    assert figure_key_exact(None, "soldiers", "Russian", None) is None
    assert figure_key_exact("Killed", "Russian  Soldiers", None, None) \
        == "killed|russian soldiers||"


def test_failures_and_copies():
    art = Article(text="Officials said 12 people died.", origin="b.txt")
    err = InputError("E101", origin="c.txt")
    rows, counts = result_rows([Failure.from_error(err), Failure.from_error(ValueError("x"), art),
                                Copy(art)], run_id=3, time="t")
    assert [e["code"] for e in rows["errors"]] == ["E101", "E202"]
    assert rows["errors"][0]["message"].startswith("c.txt: E101")
    assert "ValueError" in rows["errors"][1]["message"]
    assert rows["articles"][0]["status"] == "not_analysed"
    assert len(rows["article_locations"]) == 2
    assert counts == {"articles_analysed": 0, "articles_not_analysed": 1, "duplicates": 1,
                      "errors": 2}


def test_no_stored_source_is_a_bare_pronoun_or_a_number(analyzer):
    from allegedly.lexicons import word_list

    text = ("Election\n\nI think the count was wrong, one voter said. They said the polls closed "
            "early. About 3 in 10 independents say the economy is improving, while 2 in 10 say "
            "it is worse.")
    an = next(iter(analyzer.analyze_articles([Article(text=text, origin="t.txt")])))
    rows = analysis_rows(an, run_id=1)
    names = [r["name"].casefold() for r in rows["sources"]]
    pronouns = word_list("personal_pronouns")
    filler = {"in", "of", "out", "about", "less", "more", "than", "nearly"}
    assert names and not any(n in pronouns for n in names), names
    assert all(any(w.isalpha() and w not in filler for w in n.split()) for n in names), names
    they = [a for a in rows["attributions"] if a["source_text"] == "They"]
    assert they and they[0]["source_name"] is None and they[0]["source_id"] is None
    assert any(a["source_name"] == "2 in 10 independents" for a in rows["attributions"])
