"""Output equivalence of the whole analysis, for refactoring and speed work.

    python bench/equivalence.py --save /tmp/equiv.base.json          # baseline from current code
    python bench/equivalence.py --check /tmp/equiv.base.json         # after a change: identical?
    python bench/equivalence.py --check BASE --ignore method         # ... except named fields
    python bench/equivalence.py --live --check BASE                  # through the real Analyzer
    python bench/equivalence.py --time 3                             # best-of-3 analysis seconds
    python bench/equivalence.py --components 3    # our pipeline components on pre-parsed chunks

Every record of ``ArticleAnalysis.to_dict()`` (attributions with sources, cues, contents and
hedges; figures; claims; relations; warnings; removed clutter) is compared, on:

* PolNeAR dev (all) and the first 200 train articles (sorted names), ``published`` = the date
  in the file name, read with ``article_from_text`` (clutter removal included);
* the golden pages of ``tests/golden/test_golden.py``, read as that test reads them;
* the demo corpus ``allegedly/demo/corpus.jsonl`` through ``iter_articles`` (the JSONL reader);
* the NewsQuant (``text``) and quantulum3 (``req``) figure sentences, one article each.

``--ignore NAME`` (repeatable) drops every dict key called NAME before comparing, on both sides
(e.g. the ``method`` fields a refactoring adds). Input data missing under ``../shared/data`` is
skipped with a note (the same inputs must be present for --save and --check); set
``ALLEGEDLY_SHARED`` when ``shared`` is not beside the checkout (as for the tests).

Parsing is the slow part, so by default the parsed chunks are cached in /tmp (a DocBin keyed by
chunk text; parsed with our components disabled) and only our components, ``doc_matches`` and
``build_analysis`` run on each call, exactly as ``Analyzer`` runs them. A chunk text not in the
cache (a change to the pre-pass or its trigger words) is parsed and added. ``--live`` bypasses
the cache and runs everything through ``Analyzer.analyze_articles``; the two paths give the
same output (checked when the cache is made: run ``--live --check`` against a cached baseline).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from timing import best_of  # bench/timing.py (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ALLEGEDLY_SHARED", ROOT.parent / "shared")) / "data"
PARSE_CACHE = Path("/tmp/allegedly_equiv_parsed.spacy")
PARSE_INDEX = Path("/tmp/allegedly_equiv_parsed.json")
N_TRAIN = 200


# ---- inputs --------------------------------------------------------------------------------


def _polnear(split: str, limit: int | None) -> list[tuple[str, Any]]:
    from allegedly.ingest import article_from_text

    out = []
    for p in sorted((DATA / "polnear" / split / "text").glob("*.txt"))[:limit]:
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", p.name)
        name = f"polnear/{split}/{p.stem}"
        out.append((name, article_from_text(
            p.read_text(encoding="utf-8"), origin=name,
            published=dt.date.fromisoformat(m.group(1)) if m else None)))
    return out


def _golden() -> list[tuple[str, Any]]:
    sys.path.insert(0, str(ROOT))
    import pytest

    from tests.golden.test_golden import CASES, read_case

    out = []
    for name in sorted(CASES):
        try:
            out.append((f"golden/{name}", read_case(name)))
        except pytest.skip.Exception as exc:
            print(f"  skipped golden/{name}: {exc}")
    return out


def _demo() -> list[tuple[str, Any]]:
    from allegedly.demo import corpus_path
    from allegedly.ingest import iter_articles

    return [(f"demo/{a.origin}#{i}", a) for i, a in
            enumerate(iter_articles([str(corpus_path())], fmt="jsonl"))
            if not isinstance(a, Exception)]


def _sentences(path: Path, field: str, prefix: str) -> list[tuple[str, Any]]:
    from allegedly.errors import InputError
    from allegedly.ingest import article_from_text

    out = []
    for i, r in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        try:
            out.append((f"{prefix}/{i}", article_from_text(r[field], origin=f"{prefix}/{i}")))
        except InputError:
            continue  # an empty sentence: nothing to analyse
    return out


def inputs() -> list[tuple[str, Any]]:
    """(name, Article) of every input that is present, in a fixed order."""
    parts: list[tuple[str, Callable[[], list[tuple[str, Any]]], Path]] = [
        ("PolNeAR dev", lambda: _polnear("dev", None), DATA / "polnear" / "dev"),
        (f"PolNeAR train 0-{N_TRAIN}", lambda: _polnear("train", N_TRAIN),
         DATA / "polnear" / "train"),
        ("golden pages", _golden, ROOT / "tests" / "golden"),
        ("demo corpus", _demo, ROOT / "allegedly" / "demo" / "corpus.jsonl"),
        ("NewsQuant sentences", lambda: _sentences(
            DATA / "newsquant" / "NewsQuant.even.json", "text", "newsquant"),
         DATA / "newsquant" / "NewsQuant.even.json"),
        ("quantulum3 sentences", lambda: _sentences(
            DATA / "quantulum3_tests" / "quantities.json", "req", "quantulum3"),
         DATA / "quantulum3_tests" / "quantities.json"),
    ]
    out: list[tuple[str, Any]] = []
    for label, read, where in parts:
        if not where.exists():
            print(f"  skipped {label}: {where} absent")
            continue
        got = read()
        print(f"  {label}: {len(got)} articles")
        out += got
    return out


# ---- running the analysis on cached parses ------------------------------------------------


class ParseCache:
    """Parsed chunk Docs keyed by their text (parsed without our components), kept in /tmp."""

    def __init__(self, nlp: Any, fresh: bool = False) -> None:
        from spacy.tokens import DocBin

        self.nlp = nlp
        self.texts: list[str] = []
        self._bin = DocBin(store_user_data=False)
        if not fresh and PARSE_CACHE.exists() and PARSE_INDEX.exists():
            self.texts = json.loads(PARSE_INDEX.read_text(encoding="utf-8"))
            self._bin = DocBin().from_disk(PARSE_CACHE)
        self._index = {t: i for i, t in enumerate(self.texts)}
        self._docs: list[Any] | None = None

    def ensure(self, texts: Iterable[str]) -> None:
        """Parse and store every text not in the cache yet (written to /tmp at once)."""
        from allegedly.nlp.pipeline import OUR_COMPONENTS

        missing = list(dict.fromkeys(t for t in texts if t not in self._index))
        if not missing:
            return
        print(f"  parsing {len(missing)} chunks not in the cache ...", flush=True)
        with self.nlp.select_pipes(disable=list(OUR_COMPONENTS)):
            for doc in self.nlp.pipe(missing, batch_size=16):
                self._bin.add(doc)
        for t in missing:
            self._index[t] = len(self.texts)
            self.texts.append(t)
        self._bin.to_disk(PARSE_CACHE)
        PARSE_INDEX.write_text(json.dumps(self.texts), encoding="utf-8")
        self._docs = None

    def doc(self, text: str) -> Any:
        """A fresh copy of the parsed Doc of ``text`` (our components not run yet)."""
        from spacy.tokens import Doc

        if self._docs is None:
            self._docs = list(self._bin.get_docs(self.nlp.vocab))
        parsed = self._docs[self._index[text]]
        return Doc(parsed.vocab).from_bytes(parsed.to_bytes(exclude=["user_data"]))


def plans(articles: list[tuple[str, Any]], settings: Any) -> list[tuple[str, Any, Any]]:
    """(name, article, (masked, chunks) or an AllegedlyError) as ``Analyzer._run_batch`` plans."""
    from allegedly.errors import AllegedlyError
    from allegedly.nlp import prepass
    from allegedly.nlp.pipeline import trigger_forms

    triggers = trigger_forms() if settings.prepass else None
    out = []
    for name, article in articles:
        if article.language and not article.language.lower().startswith("en"):
            out.append((name, article, AllegedlyError("E108", origin=article.origin,
                                                      detail=article.language)))
            continue
        masked = prepass.mask(article.text, article.removed)
        out.append((name, article,
                    (masked, prepass.select(masked, triggers, settings.max_chars_per_doc))))
    return out


def analyse_cached(planned: list[tuple[str, Any, Any]], nlp: Any, cache: ParseCache
                   ) -> Iterator[tuple[str, Any]]:
    """(name, ArticleAnalysis or exception) per article: our components on cached parses, then
    ``doc_matches`` and ``build_analysis``, as ``Analyzer`` does."""
    from allegedly.errors import AllegedlyError
    from allegedly.nlp import convert
    from allegedly.nlp.pipeline import OUR_COMPONENTS

    cache.ensure(c.text for _, _, p in planned if not isinstance(p, AllegedlyError)
                 for c in p[1])
    pipes = [nlp.get_pipe(name) for name in OUR_COMPONENTS]
    for name, article, plan in planned:
        if isinstance(plan, AllegedlyError):
            yield name, convert.not_analysed(article, plan)
            continue
        masked, chunks = plan
        matches = []
        for chunk in chunks:
            doc = cache.doc(chunk.text)
            doc._.allegedly_published = article.published
            for pipe in pipes:
                doc = pipe(doc)
            matches.append((chunk.offsets, convert.doc_matches(doc)))
        try:
            yield name, convert.build_analysis(article, masked, matches)
        except Exception as exc:  # noqa: BLE001 - reported per article like the Analyzer does
            yield name, exc


def analyse_live(articles: list[tuple[str, Any]], analyzer: Any) -> Iterator[tuple[str, Any]]:
    """(name, ArticleAnalysis or AllegedlyError) through ``Analyzer.analyze_articles``."""
    results = analyzer.analyze_articles(a for _, a in articles)
    for (name, _), result in zip(articles, results, strict=True):
        yield name, result


def as_json(results: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, r in results:
        out[name] = r.to_dict() if hasattr(r, "to_dict") else {"error": repr(r)[:300]}
    return out


# ---- comparing -----------------------------------------------------------------------------


def without(obj: Any, names: frozenset[str]) -> Any:
    """``obj`` with every dict key in ``names`` dropped, at any depth."""
    if isinstance(obj, dict):
        return {k: without(v, names) for k, v in obj.items() if k not in names}
    if isinstance(obj, list):
        return [without(x, names) for x in obj]
    return obj


def canonical(result: Any) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False, indent=0, default=str)


def differences(base: dict[str, Any], new: dict[str, Any], limit: int = 5
                ) -> tuple[int, list[str]]:
    """(number of differing articles, the first ``limit`` of them with context lines)."""
    shown: list[str] = []
    n = 0
    for key in sorted(set(base) | set(new)):
        if base.get(key) == new.get(key):
            continue
        n += 1
        if len(shown) >= limit:
            continue
        bs = canonical(base.get(key)).splitlines()
        ns = canonical(new.get(key)).splitlines()
        line = next((i for i, (x, y) in enumerate(zip(bs, ns, strict=False)) if x != y),
                    min(len(bs), len(ns)))
        lo, hi = max(0, line - 3), line + 2
        shown.append(f"{key} line {line}:\n  base: {' '.join(bs[lo:hi])}\n"
                     f"  new:  {' '.join(ns[lo:hi])}")
    return n, shown


def summary(result: dict[str, Any]) -> str:
    count = {k: sum(len(v.get(k, ())) for v in result.values())
             for k in ("attributions", "figures", "claims", "relations", "warnings")}
    errors = sum("error" in v for v in result.values())
    return (f"{len(result)} articles: " + ", ".join(f"{v} {k}" for k, v in count.items())
            + f", {errors} failed")


# ---- timing of the components (speed work) -----------------------------------------------


def time_components(nlp: Any, planned: list[tuple[str, Any, Any]], cache: ParseCache,
                    repeat: int) -> None:
    """Best-of-``repeat`` seconds of each of our components, ``doc_matches`` and
    ``build_analysis`` on the cached pre-pass chunks of the inputs."""
    from allegedly.errors import AllegedlyError
    from allegedly.nlp import convert
    from allegedly.nlp.pipeline import OUR_COMPONENTS

    real = [p for p in planned if not isinstance(p[2], AllegedlyError)]
    cache.ensure(c.text for _, _, (_, chunks) in real for c in chunks)
    texts = [c.text for _, _, (_, chunks) in real for c in chunks]
    docs: list[Any] = []

    def fresh() -> None:
        docs[:] = [cache.doc(t) for t in texts]

    words = sum(len(t.split()) for t in texts)
    print(f"components on {len(texts)} pre-parsed chunks ({words} words), best of {repeat}:")
    for name in OUR_COMPONENTS:
        pipe = nlp.get_pipe(name)
        print(f"  {name:26s}{best_of(repeat, lambda p=pipe: [p(d) for d in docs], fresh):8.3f} s")
    fresh()
    for name in OUR_COMPONENTS:
        docs[:] = [nlp.get_pipe(name)(d) for d in docs]
    print(f"  {'convert.doc_matches':26s}"
          f"{best_of(repeat, lambda: [convert.doc_matches(d) for d in docs]):8.3f} s")
    it = iter(convert.doc_matches(d) for d in docs)
    replay = [(a, masked, [(c.offsets, next(it)) for c in chunks])
              for _, a, (masked, chunks) in real]
    t = best_of(repeat, lambda: [convert.build_analysis(a, m, c) for a, m, c in replay])
    print(f"  {'convert.build_analysis':26s}{t:8.3f} s")


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    """The analysis of every input as JSON (None after --components timing)."""
    from allegedly.nlp.pipeline import Analyzer
    from allegedly.settings import Settings

    settings = Settings()  # the defaults, whatever the environment says
    analyzer = Analyzer(settings)
    print("inputs:")
    articles = inputs()
    if not articles:
        sys.exit(f"no inputs found (expected data under {DATA})")
    if args.live:
        return as_json(analyse_live(articles, analyzer))
    cache = ParseCache(analyzer.nlp)
    planned = plans(articles, settings)
    if args.components:
        time_components(analyzer.nlp, planned, cache, args.components)
        return None
    result = as_json(analyse_cached(planned, analyzer.nlp, cache))
    if args.time:
        t = best_of(args.time, lambda: list(analyse_cached(planned, analyzer.nlp, cache)))
        print(f"time (best of {args.time}): components + convert on cached parses {t:.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", type=Path, help="write the canonical JSON of the results here")
    ap.add_argument("--check", type=Path, help="compare with a saved baseline")
    ap.add_argument("--ignore", action="append", default=[], metavar="FIELD",
                    help="drop this field (a dict key, at any depth) before comparing")
    ap.add_argument("--live", action="store_true",
                    help="run everything through the real Analyzer (no parse cache)")
    ap.add_argument("--time", type=int, default=0, metavar="N",
                    help="also time the analysis on cached parses, best of N")
    ap.add_argument("--components", type=int, default=0, metavar="N",
                    help="only time our pipeline components on cached parses, best of N")
    ap.add_argument("--fresh", action="store_true", help="drop the parse cache first")
    args = ap.parse_args()
    if args.fresh:
        PARSE_CACHE.unlink(missing_ok=True)
        PARSE_INDEX.unlink(missing_ok=True)

    result = run(args)
    if result is None:
        return
    print(("live" if args.live else "cached parses") + ": " + summary(result))
    if args.save:
        args.save.write_text(canonical(result), encoding="utf-8")
        print(f"saved {args.save}")
    if args.check:
        ignore = frozenset(args.ignore)
        if ignore:
            print(f"comparing without the field(s) {', '.join(sorted(ignore))}")
        base = without(json.loads(args.check.read_text(encoding="utf-8")), ignore)
        n, shown = differences(base, without(json.loads(canonical(result)), ignore))
        if n:
            print(f"DIFFERENT output in {n} of {len(base)} articles; the first:")
            print("\n".join(shown))
            sys.exit(1)
        print(f"identical output to {args.check} ({len(base)} articles)")


if __name__ == "__main__":
    main()
