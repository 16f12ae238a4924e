"""Long texts are analysed in windows: same records as one parse, nothing twice, pronouns
at a window start resolved through the carried context, progress per window."""

from __future__ import annotations

import pytest

from allegedly.extract.matches import AttributionMatch, FigureMatch, HedgeMatch, SourceMatch
from allegedly.ingest import article_from_text
from allegedly.nlp.convert import DocMatches
from allegedly.nlp.pipeline import Analyzer, own_matches, without_starts
from allegedly.nlp.prepass import Chunk, OffsetMap

PARAGRAPHS = [
    "Ukrainian journalist Roman Tsimbalyuk arrived at the front in March.",
    "He said 12 soldiers were wounded near the river and the commander was furious.",
    "The ministry reported that 40 tanks had been lost, officials said on Friday.",
    "“We will not give up,” the commander told reporters.",
    "Residents allegedly fled before the attack, according to local media.",
]


def _text(repeats: int) -> str:
    return "\n\n".join(p for _ in range(repeats) for p in PARAGRAPHS)


def _analyzer(analyzer, **changes) -> Analyzer:
    return Analyzer(analyzer.settings.with_(**changes), nlp=analyzer.nlp)


def _records(result):
    return {
        "claims": [(c.span.start, c.span.end, c.stance, len(c.chain)) for c in result.claims],
        "attributions": [(a.content.start, a.content.end, a.source.name if a.source else None)
                         for a in result.attributions],
        "figures": [(f.span.start, f.span.end, f.value) for f in result.figures],
    }


@pytest.mark.slow
def test_windows_give_the_records_of_one_parse(analyzer):
    article = article_from_text(_text(30), origin="long.txt")
    events = []
    whole = _analyzer(analyzer).analyze(article)
    windowed = next(_analyzer(analyzer, max_chars_per_doc=1500, window_context_chars=400)
                    .analyze_articles([article], on_progress=events.append))
    assert _records(windowed) == _records(whole)
    assert [e.done for e in events] == list(range(events[0].total + 1))
    assert events[0].total > 5 and events[-1].chars_done == len(article.text)


def test_a_pronoun_opening_a_window_is_resolved_through_the_context(analyzer):
    filler = "The roads out of the town were empty for most of that cold week. " * 4
    text = "\n\n".join([filler.strip(), PARAGRAPHS[0], PARAGRAPHS[1]])
    limit = len(filler.strip()) + 2 + len(PARAGRAPHS[0])  # "He said" opens window 2
    article = article_from_text(text, origin="three.txt")

    def he_said(context: int) -> str:
        result = _analyzer(analyzer, max_chars_per_doc=limit, window_context_chars=context,
                           prepass=False).analyze(article)
        (att,) = [a for a in result.attributions if a.cue and a.cue.span.text == "said"]
        return att.source.name

    assert he_said(len(PARAGRAPHS[0])) == "Roman Tsimbalyuk"  # the context: paragraph 1
    assert he_said(0) is None  # unresolved: no name, the mention stays (docs/contract.md#source)


# ---- the ownership rule, on plain matches ----------------------------------------------------

def _chunk(context: int, length: int = 100) -> Chunk:
    return Chunk("x" * length, OffsetMap(((0, 1000, length),)), context)


def _att(start: int, end: int) -> AttributionMatch:
    return AttributionMatch(cue=(end - 4, end), cue_lemma="say", cue_class="report",
                            content=((start, end - 5),), quote="indirect",
                            source=SourceMatch((start, start + 2), "He", "person"))


def test_matches_entirely_in_the_context_are_left_to_the_previous_window():
    found = DocMatches(attributions=(_att(5, 30), _att(35, 60)),
                       hedges=(HedgeMatch(3, 8, "may", "modal"), HedgeMatch(45, 50, "may", "modal")),
                       figures=(FigureMatch(10, 12, 12.0), FigureMatch(38, 44, 7.0)),
                       sentences=((0, 30), (32, 60)))
    own, starts = own_matches(found, _chunk(context=40))
    assert own.attributions == (_att(35, 60),)  # starts in the context, ends after it
    assert [h.start for h in own.hedges] == [45]
    assert [f.start for f in own.figures] == [38]
    assert own.sentences == ((32, 60),)
    assert starts == {"attribution": {1035}, "hedge": set(), "figure": {1038}}


def test_a_match_seen_whole_by_the_next_window_replaces_the_cut_one():
    previous = DocMatches(attributions=(_att(35, 50),), hedges=(),
                          figures=(FigureMatch(38, 40, 7.0), FigureMatch(20, 22, 3.0)),
                          sentences=())
    om = OffsetMap(((0, 1000, 100),))
    kept = without_starts(previous, om, {"attribution": {1035}, "hedge": set(),
                                         "figure": {1038}})
    assert kept.attributions == () and [f.start for f in kept.figures] == [20]


@pytest.mark.slow
def test_cli_reports_window_progress_and_writes_the_jsonl_record(tmp_path):
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "long.txt"
    path.write_text(_text(20), encoding="utf-8")
    env = dict(os.environ, ALLEGEDLY_MAX_CHARS_PER_DOC="2000",
               ALLEGEDLY_WINDOW_CONTEXT_CHARS="400")
    proc = subprocess.run([sys.executable, "-m", "allegedly", "analyze", str(path),
                           "--format", "jsonl"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if " window " in ln]
    total = int(lines[-1].split(" window ")[1].split("/")[1].split()[0])
    assert total > 3 and len(lines) == total and "(100%)" in lines[-1]
    (record,) = [json.loads(ln) for ln in proc.stdout.splitlines()]
    assert record["text"] == path.read_text(encoding="utf-8")
    assert len(record["claims"]) >= 5 * 20
