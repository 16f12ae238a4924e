"""Throughput of `allegedly analyze` vs a bare full spaCy parse of the same texts, in one run.

    python bench/throughput.py [--n 200] [--repeat 2] [--data ../shared/data/polnear]

Both sides get the same PolNeAR article texts (dev, then train, up to --n). "bare" is
``nlp.pipe`` with the complete en_core_web_sm pipeline (tagger, parser, lemmatizer, NER);
"allegedly" is the whole analysis: clutter scan, pre-pass, parse, our components and records.
Prints articles/s and words/s of each, the ratio allegedly/bare (goal >= 1.0), and peak RSS.
The machine is shared and noisy: each side is timed --repeat times, the best run is kept.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from timing import best_of  # bench/timing.py (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]


def load_texts(data: Path, n: int) -> list[str]:
    paths = sorted((data / "dev" / "text").glob("*.txt")) + sorted(
        (data / "train" / "text").glob("*.txt"))
    if not paths:
        sys.exit(f"no PolNeAR texts under {data} (expected dev/text/*.txt): "
                 "the benchmark needs ../shared/data/polnear")
    return [p.read_text(encoding="utf-8") for p in paths[:n]]




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    args = ap.parse_args()

    import spacy

    from allegedly.ingest import article_from_text
    from allegedly.nlp.pipeline import Analyzer
    from allegedly.settings import Settings

    texts = load_texts(args.data, args.n)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    bare = spacy.load(settings.model)
    analyzer = Analyzer(settings)
    list(bare.pipe(texts[:5]))  # warm up both
    list(analyzer.analyze_articles(article_from_text(t) for t in texts[:5]))

    t_bare = best_of(args.repeat, lambda: list(bare.pipe(texts, batch_size=settings.batch_size)))
    t_ours = best_of(args.repeat, lambda: list(
        analyzer.analyze_articles(article_from_text(t) for t in texts)))
    t_default = best_of(1, lambda: list(bare.pipe(texts)))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {len(texts)} PolNeAR articles, {words} words; best of {args.repeat}")
    print(f"{'':36s}{'seconds':>10s}{'articles/s':>12s}{'words/s':>10s}")
    rows = ((f"bare spaCy (batch {settings.batch_size}, as ours)", t_bare),
            (f"bare spaCy (default batch {bare.batch_size})", t_default),
            ("allegedly analyze", t_ours))
    for name, t in rows:
        print(f"{name:36s}{t:10.2f}{len(texts) / t:12.1f}{words / t:10.0f}")
    print(f"ratio allegedly/bare at the same batch size (speed): {t_bare / t_ours:.2f}  "
          "(goal >= 1.0)")
    print(f"ratio allegedly/bare nlp.pipe with spaCy's defaults: {t_default / t_ours:.2f}")
    print(f"peak RSS: {rss_mb:.0f} MB (both pipelines loaded in this process)")


if __name__ == "__main__":
    main()
