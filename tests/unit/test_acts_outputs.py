"""One act decision drives every output: claims, the terminal report, the store, both scorers."""

from __future__ import annotations

import io

from rich.console import Console

from allegedly.evaluation import attribution as polnear_adapter
from allegedly.evaluation import realpages
from allegedly.model import ArticleAnalysis
from allegedly.report.terminal import other_acts, render
from allegedly.store import open_store

TEXT = ("Pakistan's prime minister condemned the strikes on the border.\n\n"
        "The defence minister said that 26 people were killed in the attacks.\n\n"
        "Residents heard several loud explosions.")


def _analysis(analyzer) -> ArticleAnalysis:
    return analyzer.analyze_text(TEXT, outlet="Gazette", published="2024-01-05")


def test_only_claim_links_carry_sentence_claims(analyzer) -> None:
    a = _analysis(analyzer)
    acts = {x.cue.lemma: x.act for x in a.attributions if x.cue}
    assert acts == {"condemn": "stance", "say": "claim", "hear": "perception"}
    by_id = {x.id: x for x in a.attributions}
    chained = {by_id[c.chain[-1]].cue.lemma for c in a.claims if c.chain}
    assert chained == {"say"}
    condemn = next(c for c in a.claims if "condemned" in c.span.text)
    assert condemn.chain == () and condemn.stance == "asserted"  # the publisher's sentence


def test_the_contract_carries_the_act_and_reads_it_back(analyzer) -> None:
    a = _analysis(analyzer)
    d = a.to_dict()
    assert {x["act"] for x in d["attributions"]} == {"claim", "stance", "perception"}
    assert {x["act_method"] for x in d["attributions"]} == {
        None, "rule:act.np_evaluation_target", "rule:act.perceived_event"}
    assert ArticleAnalysis.from_dict(d) == a


def test_the_terminal_report_lists_other_acts_apart_in_words(analyzer) -> None:
    a = _analysis(analyzer)
    out = io.StringIO()
    render(a, Console(file=out, width=100, color_system=None))
    text = out.getvalue()
    claims, _, rest = text.partition("Stances, plans and other acts")
    assert rest, text
    assert "[stance] Pakistan's prime minister (condemn): the strikes" in rest
    assert "[perception] Residents (hear): several loud explosions" in rest
    assert "[stance]" not in claims and "said that 26 people" in claims
    assert [x.act for x in other_acts(a)] == ["stance", "perception"]


def test_the_store_keeps_the_act_of_every_link(analyzer, tmp_path) -> None:
    a = _analysis(analyzer)
    with open_store(tmp_path / "s.db") as s:
        s.write(s.start_run(inputs=[], options={}, engine="local", jobs=1), [a])
        rows = s.query("SELECT cue_lemma, act, act_method FROM attributions ORDER BY rowid")
    assert {r["cue_lemma"]: r["act"] for r in rows} == {
        "condemn": "stance", "say": "claim", "hear": "perception"}


def test_real_pages_score_claims_and_polnear_scores_every_act(analyzer) -> None:
    a = _analysis(analyzer)
    scored = realpages.analysis_records(a)
    assert len(scored) == 1 and a.article.text[scored[0]["cue"][0][0]:].startswith("said")
    assert realpages.set_aside(a) == {"stance": 1, "perception": 1}
    assert len(polnear_adapter.analysis_records(a)) == len(a.attributions) == 3


def test_the_html_report_lists_other_acts_apart_and_escaped(analyzer) -> None:
    from allegedly.report.html import standalone_html

    a = analyzer.analyze_text("The mayor condemned the raids on the A&B <depots>.\n\n"
                              "The police said that two men were arrested.")
    assert [x.act for x in a.attributions if x.cue and x.cue.lemma == "condemn"] == ["stance"]
    page = standalone_html(a)
    section = page.split('class="alg-section alg-acts"', 1)[1].split("</section>", 1)[0]
    assert "<td>stance</td>" in section and "rule:act.np_evaluation_target" in section
    assert "A&amp;B &lt;depots" in section and "<depots" not in page
