"""Seconds per pipeline stage, ours against a bare en_core_web_sm parse, on the throughput texts.

    python bench/stages.py [--n 94] [--repeat 3] [--data ../shared/data/polnear]

``bench/throughput.py`` times the two whole runs; on a small virtual machine single runs vary by
more than the difference between them. This script times every stage on its own (best of
--repeat, fresh Docs each round) so the comparison can be read stage by stage: reading the texts
and the pre-pass (clutter masks and windows), then each component of our pipeline on the pre-passed chunks, then building the
matches (``convert.doc_matches``) and the records (``convert.build_analysis``, through the
pipeline's own job bookkeeping), and each component of the bare pipeline on the same chunks.
Both sides run the same tokenizer, tok2vec, tagger, parser and NER; the difference is what each
adds (ours: paragraphs, the compiled attribute ruler, attributions, hedges, figures; bare: the
stock attribute ruler and lemmatizer). It prints the seconds of every stage, each side's total
and the ratio bare/ours of the totals (goal >= 1.0, as in ``bench/throughput.py``), then the
same ratio with each stage both sides run timed once (the faster side's time): the identical
parse work then no longer adds its noise to the comparison.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from throughput import SHARED, load_texts  # bench/throughput.py, beside this script


def best(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``repeat`` calls of ``fn`` and the output of the last one."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def stage_times(nlp, texts: list[str], repeat: int, batch_size: int) -> tuple[dict, list]:
    """Best seconds of the tokenizer and of each pipeline component over ``texts``."""
    from allegedly.extract.tokens import TEXT_KEY

    seconds: dict[str, float] = {}
    docs: list = []
    for _ in range(repeat):
        start = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        for doc, t in zip(docs, texts, strict=True):
            doc.user_data[TEXT_KEY] = t
        rounds = {"tokenizer": time.perf_counter() - start}
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") \
                else [proc(d) for d in docs]
            rounds[name] = time.perf_counter() - start
        for name, t in rounds.items():
            seconds[name] = min(seconds.get(name, float("inf")), t)
    return seconds, docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=94)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "polnear")
    args = ap.parse_args()

    import spacy

    from allegedly.ingest import article_from_text
    from allegedly.nlp import convert
    from allegedly.nlp.pipeline import Analyzer, _finish
    from allegedly.settings import load_settings

    texts, _ = load_texts(args.data, args.n)
    settings = load_settings()
    analyzer = Analyzer(settings)
    ours: dict[str, float] = {}
    ours["read"], articles = best(args.repeat, lambda: [article_from_text(t) for t in texts])
    ours["pre-pass"], jobs = best(args.repeat, lambda: [analyzer._plan(a) for a in articles])
    chunks = [w.text for job in jobs for w in job.windows]
    parsed, docs = stage_times(analyzer.nlp, chunks, args.repeat, settings.batch_size)
    ours.update(parsed)
    ours["doc_matches"], found = best(args.repeat, lambda: [convert.doc_matches(d) for d in docs])

    def records() -> list:
        matches = iter(found)
        done = [analyzer._plan(a) for a in articles]  # fresh jobs, the same windows
        for job in done:
            for window in job.windows:
                job.add(window, next(matches))
        return [_finish(job, raise_errors=True) for job in done]

    ours["records (build_analysis)"], _ = best(args.repeat, records)
    bare, _ = stage_times(spacy.load(settings.model), chunks, args.repeat, settings.batch_size)

    print(f"{len(texts)} PolNeAR texts, {len(chunks)} chunks; best of {args.repeat} per stage")
    for side, stages in (("allegedly", ours), ("bare", bare)):
        for name, t in stages.items():
            print(f"  {side:10s}{name:28s}{t:8.3f} s")
    total_ours, total_bare = sum(ours.values()), sum(bare.values())
    print(f"total: allegedly {total_ours:.2f} s, bare {total_bare:.2f} s; "
          f"ratio bare/allegedly {total_bare / total_ours:.2f} (goal >= 1.0)")
    shared = {name: min(ours[name], bare[name]) for name in bare if name in ours}
    own = sum(t for name, t in ours.items() if name not in shared)
    extra = sum(t for name, t in bare.items() if name not in shared)
    both = sum(shared.values())
    print(f"stages both sides run ({', '.join(shared)}): {both:.2f} s (the faster side's time "
          f"of each); only allegedly: {own:.2f} s; only bare: {extra:.2f} s; ratio with the "
          f"shared stages counted once: {(both + extra) / (both + own):.2f}")


if __name__ == "__main__":
    main()
