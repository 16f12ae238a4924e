"""Time and peak memory of corpus linking on synthetic claims: 10k, 100k and 1M.

    python bench/link.py [--sizes 10000 100000 1000000] [--engine local|dask] [--jobs 2]

For each size a child process first writes the synthetic claims to JSONL files, one per time
partition (the stand-in for a store; this is *not* timed as linking: its seconds are printed
apart, in brackets). A fresh child process (so its peak RSS is its own) then runs the library
code behind ``allegedly link`` on them, each pass reading the files again and making the
claims with :func:`allegedly.corpus.records.make_claim` (the same word processing as claims
read from a store):

- *prepare*: the IDF/boilerplate pass (:func:`allegedly.corpus.linker.prepare`);
- *link*: blocking and scoring (:func:`~allegedly.corpus.linker.link_claims`);
- *groups*: claim groups (:func:`~allegedly.corpus.groups.build_groups`);
- *compare*: the figure comparisons of every group (:func:`~allegedly.corpus.compare.
  compare_group`), on the groups' claims read again (figures only), a group as soon as its
  last member has been read.

Not measured here, though ``allegedly link`` does it: reading the claims from SQLite, the
links' features (``evidence=False``: the same scores, no features dict), writing and reading
back ``claim_links``, events, origins and copies (the pipeline holds every link and member
claim as objects: at 1M claims far more than this benchmark's arrays).

With ``--engine dask`` *prepare* and *link* run as Dask tasks on ``--jobs`` worker processes
(:mod:`allegedly.scale.link_dask`: spans of time partitions, each task reading its own
partitions); groups and comparisons run in the parent. Links are kept as three arrays
(score, claim numbers) rather than objects, so memory holds the live time window, the links
and the groups, not the corpus. The claims come from a seeded generator:

- a year of news; stories start every day, each with a place, an event word, a counted thing
  and a toll, and are reported for about a week with Zipf-skewed popularity;
- 30 % of claims re-state an earlier claim of the same story (wire reprints, copy-paste, one
  word changed), the rest are worded afresh from the story's words and filler words;
- 70 % of claims state a figure, and one key (people|fatal) holds 10 % of all figures; tolls
  rise over a story's days.

Prints one row per size (wall seconds per phase and in all, CPU seconds of the child and its
Dask workers, peak RSS: the largest sum of the RSS of the child and its workers, sampled every
0.2 s, with the phase it was reached in; beside it the bound the child's peak plus ``jobs``
times its largest worker's) and last
``growth 100k->1M: <ratio>x, 1M: <seconds> s, peak RSS <MB> MB`` (goals: growth <= 15x for
10x the claims, 1M <= 600 s on a 2-core machine, <= 2 GB). On a shared machine the CPU
seconds and the ratios say more than the wall clock (the load average is printed before and
after).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEASURES = ("killed", "wounded", "missing", "displaced", "arrested", "evacuated")
COUNTED = ("people", "civilians", "soldiers", "children", "residents", "fighters", "troops")
EVENTS = ("strike", "shelling", "attack", "explosion", "fire", "flood", "raid", "crash",
          "protest", "bombing")
START = dt.date(2025, 1, 1)


def _words(rng: random.Random, n: int, syllables: int) -> list[str]:
    """``n`` distinct pseudo-words of ``syllables`` syllables (20 ** syllables possible)."""
    parts = ["ka", "ro", "mi", "ten", "vas", "lo", "dri", "an", "sel", "bor", "ut", "pe",
             "zan", "gol", "ri", "ma", "tov", "esk", "lin", "ha"]
    out = set()
    while len(out) < n:
        out.add("".join(rng.choice(parts) for _ in range(syllables)))
    return sorted(out)


class Synthetic:
    """A seeded stream of claims in publication order (see the module docstring)."""

    def __init__(self, n: int, seed: int = 7) -> None:
        self.n, self.seed = n, seed
        rng = random.Random(seed)
        self.places = [w.capitalize() for w in _words(rng, 4000, 3)]
        self.sources = [f"{a.capitalize()} {b.capitalize()}"
                        for a, b in zip(_words(rng, 3000, 3), _words(rng, 3000, 4),
                                        strict=True)]
        self.filler = _words(rng, 20000, 4)
        self.outlets = [f"{w.capitalize()} News" for w in _words(rng, 60, 2)]
        self.per_day = max(3, n // 365 // 12)  # new stories a day (~12 claims each)
        self._stories: dict[tuple[int, int], dict] = {}  # the same story, made once

    def _story(self, rng: random.Random, day: int, k: int) -> dict:
        found = self._stories.get((day, k))
        if found is None:
            if len(self._stories) > 100_000:
                self._stories.clear()
            found = self._stories[(day, k)] = self._new_story(day, k)
        return found

    def _new_story(self, day: int, k: int) -> dict:
        srng = random.Random(hash((self.seed, day, k)))
        ten_percent_key = srng.random() < 0.1
        return {"place": srng.choice(self.places), "event": srng.choice(EVENTS),
                "measure": "killed" if ten_percent_key else srng.choice(MEASURES[1:]),
                "counted": "people" if ten_percent_key else srng.choice(COUNTED[1:]),
                "base": srng.randint(2, 400), "source": srng.choice(self.sources),
                "day": day, "id": f"{day}-{k}"}

    def records(self) -> Iterator[dict]:
        """The claims as plain records (what a store row holds), in publication order."""
        rng = random.Random(self.seed)
        recent: dict[str, list[tuple[str, object]]] = {}
        for i in range(self.n):
            day = i * 365 // self.n
            start = max(0, day - rng.choice((0, 0, 1, 1, 2, 3, 5, 7)))
            story = self._story(rng, start, int(rng.paretovariate(1.2)) % self.per_day)
            said = recent.setdefault(story["id"], [])
            if said and rng.random() < 0.3:  # a reprint / copy of an earlier claim
                text, fig_args = rng.choice(said[-5:])
                if rng.random() < 0.5:
                    text = text.replace(rng.choice(text.split()), rng.choice(self.filler), 1)
            else:
                value = story["base"] + (day - story["day"]) * rng.randint(0, 5)
                fill = " ".join(rng.choice(self.filler) for _ in range(rng.randint(3, 8)))
                fig_args = (value, story["measure"], story["counted"]) \
                    if rng.random() < 0.7 else None
                toll = f"{value} {story['counted']} {story['measure']}" if fig_args else "many"
                text = (f"{story['event'].capitalize()} in {story['place']}: {toll}, "
                        f"{story['source']} said, {fill}")
                said.append((text, fig_args))
            yield {"article": f"a{i}", "text": text, "source": story["source"],
                   "figure": fig_args, "published": (START + dt.timedelta(days=day)).isoformat(),
                   "outlet": rng.choice(self.outlets)}
            if len(recent) > 20000:
                for key in list(recent)[:5000]:
                    del recent[key]

    def __iter__(self) -> Iterator:
        return map(claim_of, self.records())


def _figures(record: dict) -> list:
    from allegedly.corpus.records import FigureRef, figure_parts

    if not record["figure"]:
        return []
    value, measure, counted = record["figure"]
    return [FigureRef(record["article"], "f1", str(value), 0, 1, value, value, value, "exact",
                      measure, counted, None, None, source=record["source"],
                      source_kind="person", **figure_parts(measure, counted, None))]


def claim_of(record: dict):
    """The ClaimRef of a record, made as claims read from a store are (make_claim: words,
    names and events computed)."""
    from allegedly.corpus.records import make_claim

    return make_claim(record["article"], "c1", record["text"],
                      chain=[(record["source"], "person")], figures=_figures(record),
                      published=dt.date.fromisoformat(record["published"]),
                      outlet=record["outlet"])


def slim_claim_of(record: dict):
    """What figure comparison needs of a claim (no text and no word sets: not computed)."""
    from allegedly.corpus.records import ClaimRef

    return ClaimRef(article_id=record["article"], claim_id="c1", text="",
                    chain=((record["source"], "person"),), figures=tuple(_figures(record)),
                    published=dt.date.fromisoformat(record["published"]),
                    outlet=record["outlet"])


class Corpus:
    """The synthetic claims written to JSONL files, one per time partition, before the clock
    starts (the stand-in for a store); every pass of the linking reads them again, as
    ``allegedly link`` reads the store's claims once per pass. A
    :class:`~allegedly.scale.link_dask.ClaimSource`: Dask tasks read their own partitions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sizes = {int(k): v for k, v in
                       json.loads((root / "sizes.json").read_text()).items()}

    @classmethod
    def write(cls, n: int, root: Path) -> None:
        """Generate ``n`` claims into ``root``."""
        from allegedly.corpus.blocking import BlockingOptions

        days = BlockingOptions().partition_days
        sizes: dict[int, int] = {}
        out = None
        for record in Synthetic(n).records():
            part = dt.date.fromisoformat(record["published"]).toordinal() // days
            if part not in sizes:
                if out:
                    out.close()
                sizes[part] = 0
                out = (root / f"part-{part}.jsonl").open("w")
            sizes[part] += 1
            out.write(json.dumps(record) + "\n")
        if out:
            out.close()
        (root / "sizes.json").write_text(json.dumps(sizes))

    def sizes(self) -> dict[int, int]:
        return dict(self._sizes)

    def records(self, parts=None) -> Iterator[dict]:
        for part in sorted(self._sizes) if parts is None else parts:
            with (self.root / f"part-{part}.jsonl").open() as f:
                for line in f:
                    yield json.loads(line)

    def claims(self, parts) -> Iterator:
        return map(claim_of, self.records(parts))

    def __iter__(self) -> Iterator:
        return map(claim_of, self.records())


def compact(links) -> tuple:
    """Links as three arrays (score, a, b as claim numbers): 12 bytes a link."""
    import numpy as np

    scores, left, right = array("f"), array("i"), array("i")
    for link in links:
        scores.append(link.score)
        left.append(int(link.a[1:].split("/", 1)[0]))
        right.append(int(link.b[1:].split("/", 1)[0]))
    return (np.frombuffer(scores, dtype=np.float32), np.frombuffer(left, dtype=np.int32),
            np.frombuffer(right, dtype=np.int32))


def _sorted_links(scores, left, right) -> Iterator:
    """The links best first (ties: earlier a, earlier b), made one at a time."""
    import numpy as np

    from allegedly.corpus.linker import Link

    s, a, b = (np.asarray(x) for x in (scores, left, right))
    for i in np.lexsort((b, a, -s)):
        yield Link(f"a{a[i]}/c1", f"a{b[i]}/c1", float(s[i]))


def _link(corpus: Corpus, prepared, engine: str, jobs: int, threshold: float) -> dict:
    """Blocking and scoring: the links as arrays, the counters, the workers' CPU and RSS."""
    import numpy as np

    from allegedly.corpus.linker import LinkStats, link_claims

    stats = LinkStats()
    if engine != "dask":
        scores, left, right = compact(link_claims(corpus, prepared, threshold=threshold,
                                                  stats=stats, evidence=False))
        return {"links": (scores, left, right), "stats": stats, "tasks": 1}
    from allegedly.scale.link_dask import add_stats, link_spans

    results = link_spans(corpus, prepared, threshold=threshold, jobs=jobs, collect=compact,
                         evidence=False)
    for r in results:
        add_stats(stats, r.stats)
    arrays = tuple(np.concatenate([r.links[k] for r in results]) for k in range(3))
    tasks = len(results)
    del results  # the tasks' arrays (the concatenated ones are kept)
    return {"links": arrays, "stats": stats, "tasks": tasks}


class TreeMemory:
    """Samples, every ``every`` seconds in a thread, the summed RSS of this process and all
    its descendants (the Dask workers) and keeps the largest sum: the memory the linking
    holds at its peak (a spike shorter than the interval can be missed)."""

    def __init__(self, every: float = 0.2) -> None:
        import threading

        self.every, self.peak_mb, self.parent_mb = every, 0.0, 0.0
        self.current = self.phase = "start"  # the phase running (set by the caller)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker that just exited
                    total += proc.memory_info().rss
            if total / 2**20 > self.peak_mb:
                self.peak_mb = total / 2**20
                self.parent_mb = me.memory_info().rss / 2**20
                self.phase = self.current
            self._stop.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


def measure(n: int, engine: str, jobs: int, root: Path) -> dict:
    """Link the n synthetic claims under ``root`` in this process (and its Dask workers);
    return counts, seconds per phase, CPU seconds and peak RSS (sampled, of the process and
    its workers together; and the bound ``rss_bound_mb``: this process's peak plus ``jobs``
    times the largest worker's)."""
    from allegedly.settings import Settings

    settings = Settings()
    corpus = Corpus(root)
    with TreeMemory() as memory:
        out = _measured(n, engine, jobs, corpus, settings, memory)
    out["peak_rss_mb"] = round(memory.peak_mb)
    out["peak_at"] = f"{memory.phase}, this process {round(memory.parent_mb)} MB"
    return out


def _measured(n: int, engine: str, jobs: int, corpus: Corpus, settings, memory: TreeMemory
              ) -> dict:
    """:func:`measure`'s phases (the caller samples the memory)."""
    from allegedly.corpus.compare import compare_group
    from allegedly.corpus.groups import build_groups
    from allegedly.corpus.linker import prepare

    clock = [(time.perf_counter(), time.process_time())]
    cpu_before = time.process_time()
    memory.current = "prepare"
    if engine == "dask":
        from allegedly.scale.link_dask import prepare_partitioned

        prepared = prepare_partitioned(corpus, jobs=jobs)
    else:
        prepared = prepare(corpus)
    clock.append((time.perf_counter(), time.process_time()))
    memory.current = "link"
    linked = _link(corpus, prepared, engine, jobs, settings.link_suggested)
    clock.append((time.perf_counter(), time.process_time()))
    memory.current = "groups"
    groups = build_groups(_sorted_links(*linked["links"]), _Order(),
                          suggested=settings.link_suggested,
                          confirmed=settings.link_confirmed, presorted=True)
    clock.append((time.perf_counter(), time.process_time()))
    memory.current = "compare"
    comparisons = _compare_streamed(corpus, groups, compare_group)
    clock.append((time.perf_counter(), time.process_time()))
    stats = linked["stats"]
    phases = [round(b[0] - a[0], 1) for a, b in zip(clock, clock[1:], strict=False)]
    me, workers = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN))
    # Dask's process pools are shut down after each compute, so their workers' CPU is in
    # RUSAGE_CHILDREN; their peak RSS is the largest worker's, counted once per worker
    cpu = me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime
    rss = me.ru_maxrss / 1024 + (jobs * workers.ru_maxrss / 1024 if engine == "dask" else 0)
    return {"claims": n, "linkable": stats.linkable, "candidates": stats.candidates,
            "links": len(linked["links"][0]), "groups": len(groups),
            "comparisons": comparisons, "tasks": linked["tasks"],
            "phases": dict(zip(("prepare", "link", "groups", "compare"), phases, strict=True)),
            "seconds": round(clock[-1][0] - clock[0][0], 1),
            "cpu_seconds": round(cpu - cpu_before, 1), "rss_bound_mb": round(rss)}


def _compare_streamed(corpus: Corpus, groups: list, compare_group) -> int:
    """The comparisons of every group (their number), reading the claims once in publication
    order and comparing a group as soon as its last member has been read (so only the claims
    of groups still open are held, not every member's)."""
    group_of: dict[int, list[int]] = {}  # claim number -> the groups it is a member of
    waiting = [len(g.members) for g in groups]
    for k, g in enumerate(groups):
        for m in g.members:
            group_of.setdefault(int(m.claim[1:].split("/", 1)[0]), []).append(k)
    held: dict[str, object] = {}
    comparisons = 0
    for r in corpus.records():
        number = int(r["article"][1:])
        for k in group_of.pop(number, ()):
            uid = f"{r['article']}/c1"
            held.setdefault(uid, slim_claim_of(r))
            waiting[k] -= 1
            if not waiting[k]:
                g = groups[k]
                comparisons += len(compare_group(g.id, [held[m.claim] for m in g.members]))
                for m in g.members:  # a claim is a member of one group
                    held.pop(m.claim, None)
    return comparisons


class _Order(dict):
    """Publication order of a synthetic claim uid: its number (claims come in order)."""

    def get(self, uid, default=None):
        return (int(uid[1:].split("/", 1)[0]),)


def _run_size(n: int, args: argparse.Namespace) -> dict:
    """Generate n claims (a child process, not timed as linking), then link them in another."""
    with tempfile.TemporaryDirectory(prefix="allegedly-bench-link-") as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--write", str(n), tmp], check=True)
        generated = time.perf_counter() - started
        out = subprocess.run([sys.executable, __file__, "--child", str(n), tmp, "--engine",
                              args.engine, "--jobs", str(args.jobs)], capture_output=True,
                             text=True, check=True)
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["generated"] = round(generated, 1)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--jobs", type=int, default=2, help="Dask worker processes.")
    ap.add_argument("--child", nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--write", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write is not None:
        Corpus.write(int(args.write[0]), Path(args.write[1]))
        return
    if args.child is not None:
        print(json.dumps(measure(int(args.child[0]), args.engine, args.jobs,
                                 Path(args.child[1]))))
        return
    print(f"engine {args.engine}" + (f", {args.jobs} workers" if args.engine == "dask" else "")
          + f"; load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'claims':>9} {'linkable':>9} {'candidates':>11} {'links':>9} {'groups':>8} "
          f"{'comparisons':>11} {'prepare':>8} {'link':>8} {'groups':>7} {'compare':>8} "
          f"{'seconds':>8} {'CPU s':>8} {'peak RSS MB':>11} {'bound MB':>8}   (generated, not timed)")
    rows = {}
    for n in args.sizes:
        r = rows[n] = _run_size(n, args)
        ph = r["phases"]
        print(f"{r['claims']:>9} {r['linkable']:>9} {r['candidates']:>11} {r['links']:>9} "
              f"{r['groups']:>8} {r['comparisons']:>11} {ph['prepare']:>8} {ph['link']:>8} "
              f"{ph['groups']:>7} {ph['compare']:>8} {r['seconds']:>8} {r['cpu_seconds']:>8} "
              f"{r['peak_rss_mb']:>11} {r['rss_bound_mb']:>8}   ({r['generated']} s; peak in "
              f"{r['peak_at']})", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if 100_000 in rows and 1_000_000 in rows:
        big = rows[1_000_000]
        print(f"CPU growth 100k->1M: {big['cpu_seconds'] / rows[100_000]['cpu_seconds']:.1f}x "
              f"(wall clock depends on the machine's load; CPU seconds do less)")
        print(f"growth 100k->1M: {big['seconds'] / rows[100_000]['seconds']:.1f}x, "
              f"1M: {big['seconds']} s, peak RSS {big['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
