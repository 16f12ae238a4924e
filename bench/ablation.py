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
component and the conversion run per rule): the first run parses ~520 articles. The baseline
run records which rules fired (returned something) in which document; switching a rule off
can only change the documents where it fired (everywhere else the rule's "nothing" and its
absence are the same to the dispatcher), so only those are analysed again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


_FIRED: set[str] = set()  # rules that returned something in the document being analysed


def _recorded(name: str, fn: Callable[..., Any], fired: Callable[[Any, tuple], bool]
              ) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        out = fn(*args)
        if fired(out, args):
            _FIRED.add(name)
        return out
    return wrapped


@contextmanager
def recording() -> Iterator[None]:
    """Wrap every switchable attribution rule so that :data:`_FIRED` collects the ones that
    returned something (restored afterwards)."""
    import allegedly.extract.attribution as dispatcher
    from allegedly.extract.attribution import sources, speakers
    from allegedly.extract.attribution.strategies import Family
    from allegedly.extract.rules import Rule

    def some(out: Any, _args: tuple) -> bool:
        return out is not None

    def wrap(rule: Rule, fired: Callable[[Any, tuple], bool] = some) -> Rule:
        return Rule(rule.name, _recorded(rule.name, rule.fn, fired), rule.doc)

    saved = (dispatcher.TOKEN_STRATEGIES, dispatcher.DOCUMENT_PASSES, speakers.SPEAKER_STEPS,
             sources.RESOLVERS, speakers._nearest_noun)
    dispatcher.TOKEN_STRATEGIES = tuple(
        Family(s.name, s.gate, tuple(wrap(r) for r in s.contents), s.finish)
        if isinstance(s, Family) else wrap(s) for s in saved[0])
    follow_on, previous = saved[1]
    dispatcher.DOCUMENT_PASSES = (wrap(follow_on, lambda out, args: out != args[1]),
                                  wrap(previous, lambda out, _: bool(out)))
    speakers.SPEAKER_STEPS = tuple(wrap(r) for r in saved[2])
    sources.RESOLVERS = tuple(wrap(r) for r in saved[3])
    speakers._nearest_noun = _recorded("source.paragraph_opening", saved[4], lambda *_: True)
    try:
        yield
    finally:
        (dispatcher.TOKEN_STRATEGIES, dispatcher.DOCUMENT_PASSES, speakers.SPEAKER_STEPS,
         sources.RESOLVERS, speakers._nearest_noun) = saved


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

    def _analyse(self, adapter: Any, article: Any, masked: str, chunks: list[Any]) -> Any:
        from allegedly.nlp import convert

        matches = []
        for chunk in chunks:
            doc = adapter(self.cache.doc(chunk.text))
            matches.append((chunk.offsets, convert.doc_matches(doc)))
        return convert.build_analysis(article, masked, matches)

    def baseline(self) -> dict[str, dict[str, Any]]:
        """The scores with every rule on; records the rules that fired per document."""
        from allegedly.nlp.components import make_attributions

        adapter = make_attributions(self.nlp, "allegedly_attributions", disabled_rules=[])
        self.base: dict[str, list[Any]] = {}
        self.fired: dict[str, list[frozenset[str]]] = {}
        with recording():
            for name, planned in self.planned.items():
                self.base[name], self.fired[name] = [], []
                for _, article, (masked, chunks) in planned:
                    _FIRED.clear()
                    self.base[name].append(self._analyse(adapter, article, masked, chunks))
                    self.fired[name].append(frozenset(_FIRED))
        return self._scores({name: list(results) for name, results in self.base.items()})

    def run(self, rule: str) -> dict[str, dict[str, Any]]:
        """The scores with ``rule`` off: the documents where it fired are analysed again."""
        from allegedly.nlp.components import make_attributions

        adapter = make_attributions(self.nlp, "allegedly_attributions", disabled_rules=[rule])
        results = {}
        for name, planned in self.planned.items():
            results[name] = [
                self._analyse(adapter, article, masked, chunks) if rule in fired else base
                for (_, article, (masked, chunks)), base, fired
                in zip(planned, self.base[name], self.fired[name], strict=True)]
        return self._scores(results)

    def _scores(self, results: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
        """{set: {"metrics": score(...), "links": {method: count}, "warnings": {code: n}}}."""
        from collections import Counter

        from allegedly.evaluation.attrib_metrics import score
        from allegedly.evaluation.attribution import analysis_records

        out = {}
        for name, analyses in results.items():
            links = Counter(a.method for r in analyses for a in r.attributions)
            warnings = Counter(w.code for r in analyses for w in r.warnings)
            pred_docs = [{"doc": d["doc"], "text": d["text"],
                          "attributions": analysis_records(r, polnear=True)}
                         for d, r in zip(self.golds[name], analyses, strict=True)]
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
    base = scorer.baseline()
    rows: dict[str, Any] = {"(none)": base}
    print(f"ablation of {len(rules)} rules on PolNeAR ({sizes}); change in points when the "
          "rule is switched off (negative: the rule helps)")
    head = "".join(f"{label:>16s}" for _, _, label in METRICS)
    print(f"{'':39s}" + "".join(f"{s:^48s}" for s in base))
    print(f"{'rule switched off':28s}{'links':>6s}{'docs':>5s}" + head * len(base))
    print(f"{'(none: baseline)':39s}" + "".join(
        f"{_metric(base[s]['metrics'], k, i):16.2f}" for s in base for k, i, _ in METRICS))
    for name in rules:
        got = scorer.run(name)
        rows[name] = got
        made = sum(base[s]["links"].get(f"rule:{name}", 0) for s in base)
        redone = sum(name in f for fired in scorer.fired.values() for f in fired)
        print(f"{name:28s}{made:6d}{redone:5d}" + "".join(
            f"{_metric(got[s]['metrics'], k, i) - _metric(base[s]['metrics'], k, i):+16.2f}"
            for s in base for k, i, _ in METRICS), flush=True)
    print("warnings in the baseline: " + "; ".join(
        f"{s} {dict(sorted(base[s]['warnings'].items()))}" for s in base))
    print(f"({time.perf_counter() - t0:.0f} s; links = links (top-level and nested) the rule made "
          "in the baseline, all sets; docs = documents where it fired, analysed again; passes "
          "and source rules make no links of their own)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
