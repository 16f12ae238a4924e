"""Throughput of `allegedly analyze` vs a bare full spaCy parse of the same texts, in one run.

    python bench/throughput.py [--n 94] [--repeat 3] [--data ../shared/data/polnear]

Both sides get the same PolNeAR article texts (dev, then train, up to --n). "bare" is
``nlp.pipe`` with the complete en_core_web_sm pipeline (tagger, parser, lemmatizer, NER);
"allegedly" is the whole analysis: reading the text (clutter, language, suspect regions),
pre-pass, parse, our components and records. Prints articles/s and words/s of each, the ratio
allegedly/bare at the same batch size (goal >= 1.0) and against spaCy's default batch size, and
peak RSS. The machine is shared and noisy: bare and allegedly are timed in turn, --repeat
rounds, and the best of each is kept (the ratio of every round is printed too).

The defaults are the comparison README.md and docs/accuracy.md quote ("94 PolNeAR articles":
the 84 dev texts and the first 10 train texts, best of 3); until issue 10 they were --n 200
--repeat 2, which times 106 more train texts and so is not the documented comparison. Compare
ratios only at the same --n.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from pathlib import Path

from timing import best_of  # bench/timing.py (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALLEGEDLY_SHARED", ROOT.parent / "shared"))
DEFAULT_N = 94  # the README's comparison: 84 dev texts + the first 10 train texts
DEFAULT_REPEAT = 3


def load_texts(data: Path, n: int) -> tuple[list[str], dict[str, int]]:
    """The first ``n`` texts (dev, then train) and how many come from each split."""
    dev = sorted((data / "dev" / "text").glob("*.txt"))
    train = sorted((data / "train" / "text").glob("*.txt"))
    paths = (dev + train)[:n]
    if not paths:
        sys.exit(f"no PolNeAR texts under {data} (expected dev/text/*.txt): "
                 "the benchmark needs ../shared/data/polnear")
    n_dev = min(len(dev), len(paths))
    return ([p.read_text(encoding="utf-8") for p in paths],
            {"dev": n_dev, "train": len(paths) - n_dev})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=DEFAULT_N,
                    help=f"texts to time (default {DEFAULT_N}: the README's comparison)")
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "polnear")
    args = ap.parse_args()

    import spacy

    from allegedly.ingest import article_from_text
    from allegedly.nlp.pipeline import Analyzer
    from allegedly.settings import load_settings

    texts, splits = load_texts(args.data, args.n)
    words = sum(len(t.split()) for t in texts)
    settings = load_settings()  # the config file and ALLEGEDLY_* variables, as the CLI
    bare = spacy.load(settings.model)
    analyzer = Analyzer(settings)
    list(bare.pipe(texts[:5]))  # warm up both
    list(analyzer.analyze_articles(article_from_text(t) for t in texts[:5]))

    # bare and ours alternate, round by round, so a change in the machine's load hits both
    rounds = [(best_of(1, lambda: list(bare.pipe(texts, batch_size=settings.batch_size))),
               best_of(1, lambda: list(
                   analyzer.analyze_articles(article_from_text(t) for t in texts))))
              for _ in range(args.repeat)]
    t_bare, t_ours = min(r[0] for r in rounds), min(r[1] for r in rounds)
    t_read = best_of(args.repeat, lambda: [article_from_text(t) for t in texts])
    t_default = best_of(1, lambda: list(bare.pipe(texts)))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    documented = (args.n, args.repeat) == (DEFAULT_N, DEFAULT_REPEAT)
    print(f"comparison: {len(texts)} PolNeAR articles ({splits['dev']} dev, {splits['train']} "
          f"train), {words} words; best of {args.repeat}; bare = full en_core_web_sm nlp.pipe, "
          "allegedly = read + analyse the same texts"
          + (" (the README's comparison)" if documented else
             f" (the README quotes --n {DEFAULT_N} --repeat {DEFAULT_REPEAT})"))
    print(f"{'':36s}{'seconds':>10s}{'articles/s':>12s}{'words/s':>10s}")
    rows = ((f"bare spaCy (batch {settings.batch_size}, as ours)", t_bare),
            (f"bare spaCy (default batch {bare.batch_size})", t_default),
            ("allegedly analyze", t_ours))
    for name, t in rows:
        print(f"{name:36s}{t:10.2f}{len(texts) / t:12.1f}{words / t:10.0f}")
    print(f"  of which reading the texts (clutter, language, regions): {t_read:.2f} s")
    print(f"ratio allegedly/bare at the same batch size (speed): {t_bare / t_ours:.2f}  "
          "(goal >= 1.0); per round: "
          + " ".join(f"{b / o:.2f}" for b, o in rounds))
    print(f"ratio allegedly/bare nlp.pipe with spaCy's defaults: {t_default / t_ours:.2f}")
    print(f"peak RSS: {rss_mb:.0f} MB (both pipelines loaded in this process)")


if __name__ == "__main__":
    main()
