"""Time and peak RSS of one long input as it grows, each size in a fresh process.

    python bench/long_input.py                       # 100 KB … 1.6 MB real text + 2 MB repeated
    python bench/long_input.py --sizes 100 200       # only these sizes (KB) of real text
    python bench/long_input.py --no-repeated         # skip the repeated-sentence file
    python bench/long_input.py --profile 400         # cProfile of one 400 KB run (top 25)
    python bench/long_input.py --profile 200 --repeated  # … of 200 KB of the repeated sentence
    python bench/long_input.py --timeout 900         # give up on a size after 900 s

Real text: distinct PolNeAR articles (dev, then train), then fundus body texts, from
``../shared/data``, joined by blank lines until the size (UTF-8 bytes) is reached and cut at
the last paragraph that fits; every size is a prefix of the next, so a doubling adds new
articles, never the same ones again. Repeated: one (made-up) news sentence with an attribution
and a figure, one per line, up to 2 MB.

Every size runs in a fresh subprocess (``--one``) that builds the text, loads the model
(not timed), analyses the text as one article with ``allegedly.analyze``'s analyzer and
reports the wall seconds, the CPU seconds of the process, its peak RSS (model included) and
the record counts. The parent prints each doubling's time ratio and whether the targets hold:
every doubling ≤ 2.2× the time, peak RSS ≤ 1 GB at 1.6 MB, the repeated-sentence file no
slower than real text of the same size (the real-text time per byte of the largest real size,
scaled). The time targets are judged on wall time and, separately, on CPU time: on a shared
machine the wall time of one size depends on what else runs meanwhile, the CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ALLEGEDLY_SHARED", ROOT.parent / "shared")) / "data"
SIZES_KB = (100, 200, 400, 800, 1600)
REPEATED_KB = 2000
SENTENCE = ("Officials said at least 12 people were killed and 40 wounded in the attack on "
            "Tuesday, according to the regional governor.")
MAX_DOUBLING = 2.2
MAX_RSS_MB = 1024


def real_texts() -> list[str]:
    """Distinct article texts: PolNeAR dev + train, then fundus gold body texts."""
    paths = sorted((DATA / "polnear" / "dev" / "text").glob("*.txt")) + sorted(
        (DATA / "polnear" / "train" / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8").strip() for p in paths]
    for jpath in sorted((DATA / "fundus_testdata" / "data").glob("*/*.json")):
        for version in json.loads(jpath.read_text(encoding="utf-8")).values():
            body = version.get("body") or {}
            parts = list(body.get("summary", []))
            for sec in body.get("sections", []):
                parts += sec.get("headline", []) + sec.get("paragraphs", [])
            texts.append("\n\n".join(parts).strip())
    seen: set[str] = set()
    out = []
    for t in texts:
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    if not out:
        sys.exit(f"no article texts under {DATA} (PolNeAR / fundus_testdata): "
                 "this benchmark needs ../shared/data")
    return out


def build_text(kind: str, kb: int) -> str:
    """``kb`` KB (UTF-8) of real text or of the repeated sentence."""
    limit = kb * 1000
    if kind == "repeated":
        line = SENTENCE + "\n"
        return (line * (limit // len(line.encode("utf-8")) + 1))[:limit].rstrip() + "\n"
    parts, size = [], 0
    for t in real_texts():
        n = len(t.encode("utf-8")) + 2
        if size + n > limit:
            break
        parts.append(t)
        size += n
    if size < limit * 0.9:
        sys.exit(f"only {size} bytes of distinct real text available, {limit} asked")
    return "\n\n".join(parts) + "\n"


def run_one(kind: str, kb: int, profile: bool) -> None:
    """Child process: analyse one text, print one JSON line with the measurements."""
    from allegedly.ingest import article_from_text
    from allegedly.nlp.pipeline import Analyzer

    text = build_text(kind, kb)
    analyzer = Analyzer()
    _ = analyzer.nlp  # model loading is not timed
    article = article_from_text(text, origin=f"{kind}-{kb}KB")
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, cpu0 = time.perf_counter(), time.process_time()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        result = prof.runcall(analyzer.analyze, article)
        seconds = time.perf_counter() - t0
        stats = pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime")
        stats.print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
    else:
        result = analyzer.analyze(article)
        seconds = time.perf_counter() - t0
    print(json.dumps({
        "kind": kind, "kb": kb, "bytes": len(text.encode("utf-8")), "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_after_load_mb": rss_loaded, "claims": len(result.claims),
        "attributions": len(result.attributions), "figures": len(result.figures),
        "relations": len(result.relations)}))


def measure(kind: str, kb: int, timeout: float) -> dict | None:
    """Run one size in a fresh subprocess; None when it failed, a row with ``seconds=None``
    when it timed out."""
    cmd = [sys.executable, __file__, "--one", kind, str(kb)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"{kind:9s}{kb:6d} KB: gave up after {timeout:.0f} s", flush=True)
        return {"kind": kind, "kb": kb, "bytes": kb * 1000, "seconds": None,
                "cpu_seconds": None}
    if proc.returncode != 0:
        print(f"{kind} {kb} KB: failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}",
              flush=True)
        return None
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{kind:9s}{kb:6d} KB {row['seconds']:9.1f} s ({row['cpu_seconds']:6.1f} s CPU) "
          f"{row['rss_mb']:6.0f} MB peak "
          f"({row['rss_after_load_mb']:.0f} after model load)  claims {row['claims']}, "
          f"attributions {row['attributions']}, figures {row['figures']}, "
          f"relations {row['relations']}", flush=True)
    return row


def verdict(ok: bool) -> str:
    return "holds" if ok else "DOES NOT HOLD"


def _doublings(rows: list[dict], field: str) -> bool:
    """Print each doubling's ratio of ``field`` (scaled to an exact doubling); all in target?"""
    ok = True
    for a, b in zip(rows, rows[1:], strict=False):
        size, ratio = b["bytes"] / a["bytes"], b[field] / a[field]
        per_doubling = ratio * 2 / size  # the time ratio scaled to an exact doubling
        ok &= per_doubling <= MAX_DOUBLING
        print(f"{a['kb']:5d} -> {b['kb']:5d} KB  {field:11s}  {size:6.3f}x  {ratio:9.2f}x  "
              f"{per_doubling:9.2f}x  {'ok' if per_doubling <= MAX_DOUBLING else 'over'}")
    return ok


def report(rows: list[dict], repeated: dict | None) -> None:
    """Doubling ratios (wall and CPU time) and the three targets."""
    rows = [r for r in rows if r["seconds"] is not None]
    for field, label in (("seconds", "wall time"), ("cpu_seconds", "CPU time")):
        print(f"\ndoubling          {'':11s}  size ratio  time ratio  per exact doubling")
        ok = _doublings(rows, field)
        print(f"target: each doubling <= {MAX_DOUBLING}x the {label}: "
              f"{verdict(ok) if len(rows) > 1 else 'not measured'}")
    big = next((r for r in rows if r["kb"] == 1600), None)
    if big:
        print(f"target: peak RSS <= {MAX_RSS_MB} MB at 1.6 MB: {big['rss_mb']:.0f} MB, "
              f"{verdict(big['rss_mb'] <= MAX_RSS_MB)}")
    else:
        print("target: peak RSS at 1.6 MB: not measured")
    if repeated and rows:
        ref = rows[-1]
        for field, label in (("seconds", "wall"), ("cpu_seconds", "CPU")):
            same_size = ref[field] * repeated["bytes"] / ref["bytes"]
            took = repeated[field]
            print(f"target: repeated sentence ({repeated['kb']} KB) no slower than real text "
                  f"of the same size ({same_size:.1f} s {label}, scaled from {ref['kb']} KB): "
                  + (f"{took:.1f} s, {verdict(took <= same_size)}" if took is not None
                     else f"timed out, {verdict(False)}"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES_KB), metavar="KB")
    ap.add_argument("--no-repeated", action="store_true")
    ap.add_argument("--repeated-kb", type=int, default=REPEATED_KB)
    ap.add_argument("--profile", type=int, metavar="KB", help="cProfile one size (stderr)")
    ap.add_argument("--repeated", action="store_true", help="--profile the repeated sentence")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per size")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "KB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(args.one[0], int(args.one[1]), profile=False)
        return
    if args.profile:
        run_one("repeated" if args.repeated else "real", args.profile, profile=True)
        return
    rows = [r for kb in args.sizes if (r := measure("real", kb, args.timeout))]
    repeated = None if args.no_repeated else measure("repeated", args.repeated_kb, args.timeout)
    report(rows, repeated)


if __name__ == "__main__":
    main()
