"""``allegedly eval attribution PATH``: attribution accuracy on gold data (PolNeAR or JSONL).

Only *top-level* predicted links are compared (links whose cue lies in no other link's content),
and sources are compared as the mention written in the text, because that is what PolNeAR
annotates (the outermost link of each chain; pronoun sources unresolved). Links of every act are
scored (:data:`COUNTED_ACTS`): PolNeAR counts evaluations ("condemned the strikes"), plans
("wants to") and the writer's judgements ("seems to") as attributions, which allegedly shows as
stances, plans and the writer's voice, apart from its claims (``docs/contract.md#acts``).
Scoring against a PolNeAR folder maps predicted sources to PolNeAR's conventions first
(:func:`allegedly.evaluation.polnear.polnear_source`); JSONL gold is compared with allegedly's
own output as it is.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from allegedly.evaluation.attrib_metrics import FIELDS, align, prf, score
from allegedly.evaluation.polnear import polnear_source, read_gold
from allegedly.evaluation.realpages import is_realpages_file, run_realpages
from allegedly.extract.matches import AttributionMatch
from allegedly.model import ACTS

Record = dict[str, Any]
COUNTED_ACTS: frozenset[str] = frozenset(ACTS)
"""Acts this adapter scores as attributions: all of them, PolNeAR's convention (the real-page
gold scores claims only: ``realpages.SCORED_ACTS``)."""


def load_nlp() -> Any:
    """The spaCy model of the settings (``load_settings()``: the config file and ALLEGEDLY_*
    variables, as the CLI reads them) with lazy lemmas, for ``--direct``."""
    import spacy

    from allegedly.extract.lemmas import register_lemmatizer
    from allegedly.settings import load_settings

    nlp = spacy.load(load_settings().model, disable=["lemmatizer"])
    register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
    return nlp


def top_level(matches: list[AttributionMatch]) -> list[AttributionMatch]:
    """Links whose cue (or content start when cueless) lies in no other link's content."""
    out = []
    for m in matches:
        anchor = m.cue or m.content[0]
        nested = any(o is not m and any(s <= anchor[0] and anchor[1] <= e for s, e in o.content)
                     for o in matches)
        if not nested:
            out.append(m)
    return out


def as_record(m: AttributionMatch, text: str | None = None) -> Record:
    """A match in the metric's record format (source = the mention as written; with ``text``,
    in PolNeAR's convention: :func:`polnear_source`)."""
    span = m.source.span if m.source is not None else None
    if text is not None and m.source is not None:
        span = polnear_source(text, span, m.cue, m.source.method)
    return {"source": [span] if span is not None else [], "cue": [m.cue] if m.cue else [],
            "content": list(m.content), "quote": m.quote, "cue_class": m.cue_class,
            "cue_lemma": m.cue_lemma}


def predict(texts: Iterable[str], nlp: Any | None = None,
            extractor: Callable[[Any], list[AttributionMatch]] | None = None,
            disabled: Iterable[str] = (), polnear: bool = False) -> list[list[Record]]:
    """Top-level predicted records for each text (``disabled``: attribution rules switched off
    in the default extractor; ``polnear``: sources in PolNeAR's convention)."""
    from allegedly.extract.attribution import find_attributions

    nlp = nlp or load_nlp()
    off = frozenset(disabled)
    extractor = extractor or (lambda doc: find_attributions(doc, disabled=off))
    out = []
    for doc in nlp.pipe(texts, batch_size=8):
        text = doc.text if polnear else None
        out.append([as_record(m, text) for m in top_level(extractor(doc))
                    if m.act in COUNTED_ACTS])
    return out


def predict_analyzed(texts: Iterable[str], settings: Any | None = None, polnear: bool = False
                     ) -> list[list[Record]]:
    """Top-level records (``parent is None``) from the real analysis output, as users get it
    (``settings``: a :class:`~allegedly.settings.Settings`, e.g. with ``disabled_rules``;
    ``polnear``: sources in PolNeAR's convention)."""
    from allegedly.model import Article
    from allegedly.nlp.pipeline import get_analyzer

    analyzer = get_analyzer(settings)
    articles = [Article(text=t, origin=f"eval#{i}") for i, t in enumerate(texts)]
    return [analysis_records(result, polnear)
            for result in analyzer.analyze_articles(articles)]


def analysis_records(result: Any, polnear: bool = False) -> list[Record]:
    """The top-level links (``parent is None``) of one analysis in the metric's record format
    (none for a failed article); ``polnear``: sources in PolNeAR's convention."""
    recs: list[Record] = []
    for a in getattr(result, "attributions", ()):
        if a.parent is not None or a.act not in COUNTED_ACTS:
            continue
        src = (a.source.span.start, a.source.span.end) \
            if a.source is not None and a.source.span is not None else None
        if polnear and a.source is not None:
            cue = (a.cue.span.start, a.cue.span.end) if a.cue else None
            src = polnear_source(result.article.text, src, cue, a.source.method)
        content = list(a.content.segments or [(a.content.start, a.content.end)])
        recs.append({"source": [src] if src else [],
                     "cue": [(a.cue.span.start, a.cue.span.end)] if a.cue else [],
                     "content": content, "quote": a.quote,
                     "cue_class": a.cue.cls if a.cue else "none",
                     "cue_lemma": a.cue.lemma if a.cue else "none"})
    return recs


def select_docs(gold: list[Record], docs_file: Path) -> list[Record]:
    """The documents of ``gold`` named in ``docs_file`` (one id per line, ``#`` comments), in
    gold order; a click error naming the ids not found."""
    wanted = [line.strip() for line in docs_file.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.lstrip().startswith("#")]
    have = {d["doc"] for d in gold}
    missing = [d for d in wanted if d not in have]
    if missing:
        raise click.UsageError(f"{len(missing)} document(s) of {docs_file} are not in the gold "
                               f"data (first: {missing[:3]}); pass the split folder holding them")
    keep = set(wanted)
    return [d for d in gold if d["doc"] in keep]


def gold_quote_type(text: str, rec: Record) -> str:
    """direct / mixed / indirect from the quote marks inside a gold content span."""
    body = " ".join(text[s:e] for s, e in rec["content"]).strip()
    marks = sum(body.count(q) for q in '"“”')
    if body[:1] in '"“' or (marks and body[-1:] in '"”' and marks <= 2 and body[:1] in '"“'):
        return "direct"
    return "mixed" if marks else "indirect"


def breakdown(gold_docs: list[Record], pred_docs: list[Record], by_cue: bool = False
              ) -> dict[str, dict[str, Any]]:
    """Recall per gold quote type, precision per predicted quote type and cue class (and per
    predicted cue lemma with ``by_cue``)."""
    preds = {d["doc"]: d["attributions"] for d in pred_docs}
    c: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold_docs:
        pred = preds.get(g["doc"], [])
        al = align(g["text"], g["attributions"], pred)
        matched_g = {i for i, _ in al.pairs}
        src_ok = {j: ok["source"] for (_, j), ok in zip(al.pairs, al.lenient, strict=True)}
        for i, a in enumerate(g["attributions"]):
            k = "quote=" + gold_quote_type(g["text"], a)
            c[k]["gold"] += 1
            c[k]["found"] += i in matched_g
        for j, a in enumerate(pred):
            keys = ["quote=" + a.get("quote", "?"), "class=" + a.get("cue_class", "?")]
            if by_cue:
                keys.append("lemma=" + a.get("cue_lemma", "?"))
            for k in keys:
                c[k]["pred"] += 1
                c[k]["correct"] += j in src_ok
                c[k]["source_ok"] += src_ok.get(j, False)
    return {k: dict(v) for k, v in sorted(c.items())}


def errors(gold_docs: list[Record], pred_docs: list[Record]) -> Iterable[Record]:
    """Every unmatched gold (FN) and predicted (FP) link, and matched ones with a wrong source."""
    preds = {d["doc"]: d["attributions"] for d in pred_docs}
    for g in gold_docs:
        text = g["text"]
        pred = preds.get(g["doc"], [])
        al = align(text, g["attributions"], pred)
        mg = {i for i, _ in al.pairs}
        mp = {j for _, j in al.pairs}

        def show(rec: Record, text: str = text) -> dict[str, str]:
            return {f: " … ".join(text[s:e] for s, e in rec[f]) for f in FIELDS}

        for i, a in enumerate(g["attributions"]):
            if i not in mg:
                yield {"doc": g["doc"], "type": "FN", "sentence": _context(text, a), **show(a)}
        for j, a in enumerate(pred):
            if j not in mp:
                yield {"doc": g["doc"], "type": "FP", "sentence": _context(text, a), **show(a)}
        for (i, j), ok in zip(al.pairs, al.lenient, strict=True):
            if not (ok["source"] and ok["cue"]):
                yield {"doc": g["doc"], "type": "WRONG_SOURCE" if not ok["source"] else "WRONG_CUE",
                       "sentence": _context(text, g["attributions"][i]),
                       "gold": show(g["attributions"][i]), "pred": show(pred[j])}


def _context(text: str, rec: Record) -> str:
    segs = [s for f in FIELDS for s in rec[f]]
    if not segs:
        return ""
    s, e = min(a for a, _ in segs), max(b for _, b in segs)
    m = re.search(r"[.!?]\s", text[max(0, s - 300):s][::-1])
    start = s - m.start() if m else max(0, s - 150)
    return text[start:e + 60].replace("\n", " ").strip()


def print_table(r: dict[str, Any], title: str) -> None:
    """The metrics as a plain table (percentages)."""
    click.echo(f"== {title}")
    for k, v in r.items():
        if k.startswith("_"):
            click.echo(f"  {'#pred, #gold, #content-matched':38s} {v}")
        else:
            click.echo(f"  {k:38s} " + " ".join(f"{x * 100:5.1f}" for x in v))


@click.command("attribution")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option("--errors", "errors_file", type=click.Path(path_type=Path), default=None,
              help="Write every FP / FN / wrong-source link with its sentence (JSONL).")
@click.option("--by-kind", is_flag=True, help="Break results down by quote type and cue class.")
@click.option("--by-cue", is_flag=True,
              help="With --by-kind, also give precision per predicted cue lemma.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--direct", is_flag=True,
              help="Score find_attributions() on bare spaCy Docs instead of the full analysis "
                   "(no pre-pass, no clutter removal): isolates the extractor.")
@click.option("--without", "without", multiple=True, metavar="RULE",
              help="Switch a rule off by name (repeatable; names in docs/contract.md#methods, "
                   "`verb` for the whole verb family): measures what it does.")
@click.option("--docs", "docs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Only the documents named in this file (one id per line, "
                                 "# comments), e.g. gold/splits/polnear-report-only.txt.")
def command(path: Path, limit: int | None, errors_file: Path | None, by_kind: bool,
            by_cue: bool, as_json: bool, direct: bool, without: tuple[str, ...],
            docs_file: Path | None) -> None:
    """Score attribution extraction against gold attributions at PATH.

    PATH is a PolNeAR split folder (``<split>/text/*.txt`` + ``<split>/attributions/*.ann``,
    brat standoff) or a JSONL file with one document per line:

    \b
      {"doc": "id", "text": "...",
       "attributions": [{"source": [[s, e]], "cue": [[s, e]], "content": [[s, e], ...]}]}

    (character offsets into "text"; "source" may be [] for sourceless attributions). Only the
    outermost predicted links are compared, with sources as written (PolNeAR's convention).
    By default the full analysis (``allegedly.analyze``: pre-pass, clutter removal, conversion)
    is scored, top-level = attributions without a parent; --direct scores the extractor alone.
    Metrics: per-field exact/overlap P/R/F, content-linked F1 (token Jaccard >= 0.5),
    source|content and cue|content accuracy, lenient and strict triple F1.
    """
    from allegedly.nlp.pipeline import check_rule_names

    try:
        disabled = check_rule_names(without)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--without") from exc
    if is_realpages_file(path):  # gold/realpages/*.jsonl: pages in ../shared/data, all links
        run_realpages(path, limit=limit, errors_file=errors_file, as_json=as_json,
                      direct=direct, disabled=disabled)
        return
    gold = read_gold(path, None if docs_file else limit)
    if docs_file is not None:
        gold = select_docs(gold, docs_file)[:limit]
    t0 = time.perf_counter()
    # a PolNeAR split is scored in PolNeAR's conventions
    preds = _predictions([d["text"] for d in gold], direct, disabled, polnear=path.is_dir())
    elapsed = time.perf_counter() - t0
    pred_docs = [{"doc": d["doc"], "text": d["text"], "attributions": p}
                 for d, p in zip(gold, preds, strict=True)]
    result = score(gold, pred_docs)
    speed = len(gold) / elapsed if elapsed else 0.0
    if as_json:
        click.echo(json.dumps({"metrics": result, "docs": len(gold), "docs_per_s": speed,
                               "without": disabled,
                               "docs_file": str(docs_file) if docs_file else None}))
    else:
        mode = "find_attributions on Docs" if direct else "full analysis"
        off = f", without {', '.join(disabled)}" if disabled else ""
        only = f", documents of {docs_file}" if docs_file else ""
        print_table(result, f"allegedly attribution ({mode}{off}) on {path}{only} "
                            f"({len(gold)} docs, {speed:.1f} docs/s)")
    if by_kind:
        _print_breakdown(breakdown(gold, pred_docs, by_cue))
    if errors_file is not None:
        _write_errors(errors(gold, pred_docs), errors_file)


def _predictions(texts: list[str], direct: bool, disabled: list[str], polnear: bool
                 ) -> list[list[Record]]:
    """Top-level predicted records: the extractor alone (``direct``) or the full analysis with
    the settings as the CLI reads them, ``disabled`` rules switched off as well."""
    from allegedly.settings import load_settings

    if direct:
        return predict(texts, disabled=disabled, polnear=polnear)
    settings = load_settings()
    off = tuple(sorted({*settings.disabled_rules, *disabled}))
    return predict_analyzed(texts, settings.with_(disabled_rules=off), polnear)


def _print_breakdown(table: dict[str, dict[str, Any]]) -> None:
    click.echo("== breakdown (gold recall by quote type; precision by predicted kind)")
    for k, v in table.items():
        if "gold" in v:
            r = v["found"] / v["gold"]
            click.echo(f"  {k:22s} gold {v['gold']:5d}  recall {r * 100:5.1f}")
        if "pred" in v:
            p = v["correct"] / v["pred"]
            s = v["source_ok"] / v["correct"] if v["correct"] else 0.0
            click.echo(f"  {k:22s} pred {v['pred']:5d}  precision {p * 100:5.1f}  "
                       f"source|content {s * 100:5.1f}")


def _write_errors(rows: Iterable[Record], path: Path) -> None:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for err in rows:
            fh.write(json.dumps(err, ensure_ascii=False) + "\n")
            n += 1
    click.echo(f"wrote {n} errors to {path}")


__all__ = ["COUNTED_ACTS", "analysis_records", "as_record", "breakdown", "command", "errors",
           "predict", "predict_analyzed", "prf", "score", "select_docs", "top_level"]
