"""What each named attribution rule is worth: switch it off, score again.

    python bench/ablation.py                       # every switchable attribution/source rule
    python bench/ablation.py --rules verb.colon verb.inverted
    python bench/ablation.py --json /tmp/ablation.json
    python bench/ablation.py --rules --sets dev train-200 report-only   # the baseline only

For each rule (``allegedly.extract.attribution.strategies.switchable_rules()``: strategies,
verb contents, document passes, source finders and resolvers) the analysis runs with that one
rule switched off (``Settings.disabled_rules``) and is scored as ``allegedly eval attribution``
scores it (top-level links of the full analysis, same articles and metric). Printed: the
baseline and, per rule, the change (points) in content-linked F1, source|content accuracy and
lenient triple F1 on PolNeAR dev and on the report-only slice (``gold/splits/
polnear-report-only.txt``, PolNeAR train documents never used for rules), plus how many links
the rule made on both. A negative change means the rule helps.

Report-only numbers may be quoted; their per-document errors must not be read while writing
rules (gold/README.md). Parsing is cached as in ``bench/equivalence.py`` (only our attribution
component and the conversion run per rule): the first run parses ~520 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from equivalence import ParseCache, plans  # bench/equivalence.py (same folder)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ALLEGEDLY_SHARED", ROOT.parent / "shared")) / "data"
REPORT_ONLY = ROOT / "gold" / "splits" / "polnear-report-only.txt"
METRICS = (("content linked (J>=0.5) P/R/F", 2, "content F1"),
           ("source|content acc (lenient, exact)", 0, "source|content"),
           ("triple lenient P/R/F", 2, "triple F1"))


SETS = ("dev", "train-200", "report-only")


def gold_sets(names: tuple[str, ...] = ("dev", "report-only")) -> dict[str, list[dict[str, Any]]]:
    """Gold docs of the named sets: "dev" (PolNeAR dev), "train-200" (the first 200 train
    documents, tuning data) and "report-only" (the report-only train documents)."""
    from allegedly.evaluation.attribution import select_docs
    from allegedly.evaluation.polnear import read_polnear

    if not (DATA / "polnear" / "dev").is_dir():
        sys.exit(f"PolNeAR not found under {DATA} (set ALLEGEDLY_SHARED)")
    read = {"dev": lambda: read_polnear(DATA / "polnear" / "dev"),
            "train-200": lambda: read_polnear(DATA / "polnear" / "train", 200),
            "report-only": lambda: select_docs(read_polnear(DATA / "polnear" / "train"),
                                               REPORT_ONLY)}
    return {name: read[name]() for name in names}


def _metric(result: dict[str, Any], key: str, index: int) -> float:
    return 100 * result[key][index]


class Scorer:
    """Scores the analysis of the gold documents with some rules switched off."""

    def __init__(self, golds: dict[str, list[dict[str, Any]]]) -> None:
        from allegedly.model import Article
        from allegedly.nlp.pipeline import load_nlp
        from allegedly.settings import Settings

        self.settings = Settings()
        self.nlp = load_nlp(self.settings)
        self.golds = golds
        self.cache = ParseCache(self.nlp)
        # the articles as `allegedly eval attribution` builds them
        self.planned = {
            name: plans([(d["doc"], Article(text=d["text"], origin=f"eval#{i}"))
                         for i, d in enumerate(docs)], self.settings)
            for name, docs in golds.items()}
        self.cache.ensure(c.text for planned in self.planned.values()
                          for _, _, p in planned for c in p[1])

    def run(self, disabled: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        """{set: {"metrics": score(...), "links": {method: count}}} with ``disabled`` off."""
        from collections import Counter

        from allegedly.evaluation.attrib_metrics import score
        from allegedly.evaluation.attribution import analysis_records
        from allegedly.nlp import convert
        from allegedly.nlp.components import make_attributions

        adapter = make_attributions(self.nlp, "allegedly_attributions", disabled_rules=list(disabled))
        out = {}
        for name, planned in self.planned.items():
            preds, links, warnings = [], Counter(), Counter()
            for _, article, (masked, chunks) in planned:
                matches = []
                for chunk in chunks:
                    doc = adapter(self.cache.doc(chunk.text))
                    matches.append((chunk.offsets, convert.doc_matches(doc)))
                result = convert.build_analysis(article, masked, matches)
                preds.append(analysis_records(result, polnear=True))
                links.update(a.method for a in result.attributions)
                warnings.update(w.code for w in result.warnings)
            pred_docs = [{"doc": d["doc"], "text": d["text"], "attributions": p}
                         for d, p in zip(self.golds[name], preds, strict=True)]
            out[name] = {"metrics": score(self.golds[name], pred_docs), "links": dict(links),
                         "warnings": dict(warnings)}
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", nargs="*", help="only these rule names (default: all; none "
                                               "given: the baseline only)")
    ap.add_argument("--sets", nargs="+", choices=SETS, default=["dev", "report-only"],
                    help="gold sets to score (default: dev report-only)")
    ap.add_argument("--json", type=Path, help="also write every number here")
    args = ap.parse_args()

    from allegedly.extract.attribution.strategies import switchable_rules

    rules = [r.name for r in switchable_rules()] if args.rules is None else args.rules
    t0 = time.perf_counter()
    scorer = Scorer(gold_sets(tuple(args.sets)))
    sizes = ", ".join(f"{k} {len(v)} docs" for k, v in scorer.golds.items())
    base = scorer.run(())
    rows: dict[str, Any] = {"(none)": base}
    print(f"ablation of {len(rules)} rules on PolNeAR ({sizes}); change in points when the "
          "rule is switched off (negative: the rule helps)")
    head = "".join(f"{label:>16s}" for _, _, label in METRICS)
    print(f"{'':34s}" + "".join(f"{s:^48s}" for s in base))
    print(f"{'rule switched off':28s}{'links':>6s}" + head * len(base))
    print(f"{'(none: baseline)':34s}" + "".join(
        f"{_metric(base[s]['metrics'], k, i):16.2f}" for s in base for k, i, _ in METRICS))
    for name in rules:
        got = scorer.run((name,))
        rows[name] = got
        made = sum(base[s]["links"].get(f"rule:{name}", 0) for s in base)
        print(f"{name:28s}{made:6d}" + "".join(
            f"{_metric(got[s]['metrics'], k, i) - _metric(base[s]['metrics'], k, i):+16.2f}"
            for s in base for k, i, _ in METRICS), flush=True)
    print("warnings in the baseline: " + "; ".join(
        f"{s} {dict(sorted(base[s]['warnings'].items()))}" for s in base))
    print(f"({time.perf_counter() - t0:.0f} s; links = top-level and nested links the rule made "
          "in the baseline, dev + report-only; passes and source rules make none of their own)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
