"""Output equivalence (and timing) of the figures and claims layers, for speed work.

    python bench/equivalence.py --save /tmp/equiv.base.json      # baseline from current code
    python bench/equivalence.py --check /tmp/equiv.base.json     # after a change: identical?
    python bench/equivalence.py --time 3                          # best-of-3 seconds per layer
    python bench/equivalence.py --components 3    # our pipeline components on pre-parsed chunks

Two layers are run on fixed inputs so that unrelated changes (the attribution extractor is
edited concurrently) cannot show up as differences:

a. ``find_figures(doc, published)`` over every PolNeAR dev text (published = the date in the
   file name), the NewsQuant sentences (field ``text``) and the quantulum3 sentences (field
   ``req``), published None. The parsed Docs are cached once in /tmp as a DocBin.
b. ``convert.build_analysis`` (ids, nesting, hedge/figure linking, claims, relations) replayed
   on the (article, masked text, chunk matches) captured once from the real pipeline on the
   PolNeAR texts of ``bench/throughput.py`` and pickled in /tmp.

Delete the cache files (``--fresh``) to capture them again with the code of the moment: a
baseline is only meaningful against the caches it was made from.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import pickle
import re
import sys
from pathlib import Path

from timing import best_of  # bench/timing.py (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DOCS_CACHE = Path("/tmp/allegedly_equiv_docs.spacy")
META_CACHE = Path("/tmp/allegedly_equiv_docs.json")
MATCHES_CACHE = Path("/tmp/allegedly_equiv_matches.pkl")
CHUNKS_CACHE = Path("/tmp/allegedly_equiv_chunks.spacy")
N_ARTICLES = 94  # the texts of bench/throughput.py --n 94


def figure_inputs() -> list[tuple[str, str, dt.date | None]]:
    """(name, text, published) for layer a."""
    out: list[tuple[str, str, dt.date | None]] = []
    for p in sorted((DATA / "polnear" / "dev" / "text").glob("*.txt")):
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", p.name)
        out.append((f"polnear/{p.stem}", p.read_text(encoding="utf-8"),
                    dt.date.fromisoformat(m.group(1)) if m else None))
    nq = json.loads((DATA / "newsquant" / "NewsQuant.even.json").read_text(encoding="utf-8"))
    out += [(f"newsquant/{i}", r["text"], None) for i, r in enumerate(nq)]
    q3 = json.loads((DATA / "quantulum3_tests" / "quantities.json").read_text(encoding="utf-8"))
    out += [(f"quantulum3/{i}", r["req"], None) for i, r in enumerate(q3)]
    if not out:
        sys.exit(f"no input texts under {DATA}")
    return out


def load_docs(nlp):  # noqa: ANN001, ANN201 - spaCy objects
    """Parsed Docs of layer a (parsed once by the pipeline without our components, cached)."""
    from spacy.tokens import DocBin

    from allegedly.nlp.pipeline import OUR_COMPONENTS

    inputs = figure_inputs()
    if not DOCS_CACHE.exists():
        with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
            docs = list(nlp.pipe((t for _, t, _ in inputs), batch_size=16))
        DocBin(docs=docs).to_disk(DOCS_CACHE)
        META_CACHE.write_text(json.dumps([name for name, _, _ in inputs]))
    names = json.loads(META_CACHE.read_text())
    if names != [name for name, _, _ in inputs]:
        sys.exit(f"{DOCS_CACHE} was made from other inputs: run with --fresh")
    docs = list(DocBin().from_disk(DOCS_CACHE).get_docs(nlp.vocab))
    return [(name, doc, pub) for (name, _, pub), doc in zip(inputs, docs, strict=True)]


def load_matches(nlp):  # noqa: ANN001, ANN201
    """(origin, article, masked, chunks) of layer b, captured once from the real pipeline."""
    if not MATCHES_CACHE.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from throughput import load_texts

        from allegedly.ingest import article_from_text
        from allegedly.nlp import convert, pipeline

        captured = []
        real = convert.build_analysis

        def spy(article, masked, chunks):  # noqa: ANN001, ANN202
            captured.append((article.origin, article, masked, list(chunks)))
            return real(article, masked, chunks)

        convert.build_analysis = spy
        try:
            texts = load_texts(DATA / "polnear", N_ARTICLES)
            analyzer = pipeline.Analyzer(nlp=nlp)
            for _ in analyzer.analyze_articles(
                    article_from_text(t, origin=f"polnear/{i}") for i, t in enumerate(texts)):
                pass
        finally:
            convert.build_analysis = real
        MATCHES_CACHE.write_bytes(pickle.dumps(captured))
    return pickle.loads(MATCHES_CACHE.read_bytes())


def time_components(nlp, repeat: int) -> None:  # noqa: ANN001
    """Best-of-``repeat`` seconds of each of our components, ``doc_matches`` and
    ``build_analysis`` on the pre-pass chunks of the throughput texts, parsed once (cached)."""
    from spacy.tokens import DocBin

    from allegedly.nlp import convert
    from allegedly.nlp.pipeline import OUR_COMPONENTS

    matches = load_matches(nlp)
    if not CHUNKS_CACHE.exists():
        from allegedly.nlp import prepass
        from allegedly.nlp.pipeline import trigger_forms

        texts = [c.text for _, a, masked, _ in matches
                 for c in prepass.select(masked, trigger_forms())]
        with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
            DocBin(docs=nlp.pipe(texts, batch_size=16)).to_disk(CHUNKS_CACHE)
    docs = list(DocBin().from_disk(CHUNKS_CACHE).get_docs(nlp.vocab))

    def clear() -> None:
        for doc in docs:
            doc.user_data.clear()

    def run(pipe):  # noqa: ANN001, ANN202
        return lambda: [pipe(doc) for doc in docs]

    words = sum(len(d) for d in docs)
    print(f"components on {len(docs)} pre-parsed chunks ({words} tokens), best of {repeat}:")
    for name in OUR_COMPONENTS:
        print(f"  {name:26s}{best_of(repeat, run(nlp.get_pipe(name)), clear):8.3f} s")
    print(f"  {'convert.doc_matches':26s}"
          f"{best_of(repeat, lambda: [convert.doc_matches(d) for d in docs], clear):8.3f} s")
    t = best_of(repeat, lambda: [convert.build_analysis(a, m, c) for _, a, m, c in matches])
    print(f"  {'convert.build_analysis':26s}{t:8.3f} s")


def run_figures(docs) -> dict[str, list[dict]]:  # noqa: ANN001
    from allegedly.extract.figures import find_figures

    return {name: [dataclasses.asdict(f) for f in find_figures(doc, published=pub)]
            for name, doc, pub in docs}


def run_claims(matches) -> dict[str, dict]:  # noqa: ANN001
    from allegedly.nlp import convert

    return {origin: convert.build_analysis(article, masked, chunks).to_dict()
            for origin, article, masked, chunks in matches}


def canonical(result: dict) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False, indent=0, default=str)


def first_differences(base: dict, new: dict, limit: int = 5) -> list[str]:
    out: list[str] = []
    for layer in ("figures", "claims"):
        b, n = base.get(layer, {}), new.get(layer, {})
        for key in sorted(set(b) | set(n)):
            if b.get(key) == n.get(key):
                continue
            bs = canonical(b.get(key)).splitlines()
            ns = canonical(n.get(key)).splitlines()
            line = next((i for i, (x, y) in enumerate(zip(bs, ns, strict=False)) if x != y),
                        min(len(bs), len(ns)))
            lo, hi = max(0, line - 3), line + 2
            out.append(f"{layer} {key} line {line}:\n  base: {' '.join(bs[lo:hi])}\n"
                       f"  new:  {' '.join(ns[lo:hi])}")
            if len(out) >= limit:
                return out
    return out




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", type=Path, help="write the canonical JSON of the results here")
    ap.add_argument("--check", type=Path, help="compare with a saved baseline")
    ap.add_argument("--time", type=int, default=0, metavar="N",
                    help="also time each layer, best of N")
    ap.add_argument("--components", type=int, default=0, metavar="N",
                    help="only time our pipeline components on parsed chunks, best of N")
    ap.add_argument("--fresh", action="store_true", help="re-capture the cached inputs")
    args = ap.parse_args()
    if args.fresh:
        for p in (DOCS_CACHE, META_CACHE, MATCHES_CACHE, CHUNKS_CACHE):
            p.unlink(missing_ok=True)

    from allegedly.nlp.pipeline import load_nlp

    nlp = load_nlp()
    if args.components:
        time_components(nlp, args.components)
        return
    docs = load_docs(nlp)
    matches = load_matches(nlp)
    result = {"figures": run_figures(docs), "claims": run_claims(matches)}
    n_figs = sum(len(v) for v in result["figures"].values())
    n_claims = sum(len(v["claims"]) for v in result["claims"].values())
    print(f"a. find_figures: {len(docs)} texts, {n_figs} figures")
    print(f"b. build_analysis: {len(matches)} articles, {n_claims} claims")
    if args.time:
        def clear() -> None:
            for _, doc, _ in docs:
                doc.user_data.clear()

        t_a = best_of(args.time, lambda: run_figures(docs), clear)
        from allegedly.nlp import convert

        t_b = best_of(args.time, lambda: [convert.build_analysis(a, m, c)
                                          for _, a, m, c in matches])
        print(f"time (best of {args.time}): find_figures {t_a:.3f} s, "
              f"build_analysis+claims {t_b:.3f} s")
    if args.save:
        args.save.write_text(canonical(result), encoding="utf-8")
        print(f"saved {args.save}")
    if args.check:
        base = json.loads(args.check.read_text(encoding="utf-8"))
        new = json.loads(canonical(result))
        diffs = first_differences(base, new)
        if diffs:
            print("DIFFERENT output:")
            print("\n".join(diffs))
            sys.exit(1)
        print(f"identical output to {args.check}")


if __name__ == "__main__":
    main()
