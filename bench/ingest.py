"""Ingest throughput at --jobs 1 and --jobs 2 on the same real pages, in one run.

    python bench/ingest.py [--data ../shared/data/zyte_aeb/html] [--jobs 1 2] [--n 181] [--repeat 1]

Runs ``allegedly.scale.run.ingest`` (the code behind ``allegedly ingest``) into a fresh store for
each --jobs value over the 181 news pages of the Zyte article-extraction benchmark. Prints, per
value: articles/s over the whole run (wall clock, including model loading), articles/s after
warm-up (from the first stored batch to the end), the CPU seconds used (the parent and its
workers: on a shared machine the wall-clock ratio depends on what else runs; the CPU ratio
bounds the speed-up an idle machine would give), and the peak RSS of each process that loaded
the model (the parent for --jobs 1, every worker otherwise), then the speed-up ratios
(goals: >= 1.8x, <= 600 MB per worker).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("ALLEGEDLY_SHARED", ROOT / "../shared")) / "data/zyte_aeb/html"


class RssSampler(threading.Thread):
    """Samples the RSS of this process and all its children every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for p in [me, *me.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                    self.names.setdefault(p.pid, " ".join(p.cmdline()[-2:])[:60])
                except psutil.Error:
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
            self.stop.wait(0.2)


def _cpu() -> float:
    """User + system CPU seconds of this process and its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_once(paths: list[str], jobs: int) -> dict:
    from allegedly.scale.run import ingest
    from allegedly.settings import load_settings
    from allegedly.store import open_store

    tmp = tempfile.mkdtemp(prefix="allegedly-bench-")
    store = open_store(Path(tmp) / "bench.db")
    first: list[float] = []
    sampler = RssSampler()
    sampler.start()
    cpu0 = _cpu()
    t0 = time.perf_counter()

    def on_progress(p) -> None:
        if not first:
            first.append(time.perf_counter())
            first.append(p.analysed + p.not_analysed)

    result = ingest(paths, store, settings=load_settings(), jobs=jobs, on_progress=on_progress)
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    cpu = _cpu() - cpu0  # workers have exited: their time is in RUSAGE_CHILDREN
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    p = result.progress
    n = p.analysed + p.not_analysed
    warm = (n - first[1]) / (t0 + wall - first[0]) if first and n > first[1] else float("nan")
    me = os.getpid()
    workers = {pid: rss for pid, rss in sampler.peak.items()
               if (pid == me) == (jobs == 1) and rss > 150e6}
    return {"jobs": jobs, "articles": n, "errors": p.errors, "wall_s": wall,
            "rate": n / wall, "rate_warm": warm, "cpu_s": cpu,
            "peak_rss_mb": sorted(round(v / 2**20) for v in workers.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--n", type=int, default=181, help="number of pages to use")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per --jobs value; the fastest is kept (the machine is shared)")
    args = ap.parse_args()
    paths = sorted(str(p) for p in args.data.glob("*.html*"))[: args.n]
    if not paths:
        sys.exit(f"no pages under {args.data}: the benchmark needs ../shared/data/zyte_aeb/html")
    print(f"{len(paths)} pages from {args.data}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    results = []
    for jobs in args.jobs:
        r = max((run_once(paths, jobs) for _ in range(args.repeat)), key=lambda x: x["rate"])
        results.append(r)
        print(f"--jobs {jobs}: {r['articles']} articles ({r['errors']} errors) in "
              f"{r['wall_s']:.1f} s = {r['rate']:.2f} articles/s; after warm-up "
              f"{r['rate_warm']:.2f} articles/s; CPU {r['cpu_s']:.1f} s; peak RSS per model "
              f"process (MB): {r['peak_rss_mb']}", flush=True)
    base = results[0]
    for r in results[1:]:
        print(f"speed-up --jobs {r['jobs']} vs --jobs {base['jobs']}: "
              f"{r['rate'] / base['rate']:.2f}x wall clock, "
              f"{r['rate_warm'] / base['rate_warm']:.2f}x after warm-up (goal >= 1.8x); "
              f"CPU-bound bound on an idle machine: "
              f"{min(r['jobs'], os.cpu_count() or 1) * base['cpu_s'] / r['cpu_s']:.2f}x "
              f"(total CPU {base['cpu_s']:.1f} s -> {r['cpu_s']:.1f} s)")
    peak = max(max(r["peak_rss_mb"] or [0]) for r in results)
    print(f"max peak RSS of a model process: {peak} MB (goal <= 600 MB)")


if __name__ == "__main__":
    main()
