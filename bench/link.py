"""Time and peak memory of corpus linking on synthetic claims: 10k, 100k and 1M.

    python bench/link.py [--sizes 10000 100000 1000000] [--engine local|dask] [--jobs 2]

Each size runs in a fresh child process (so its peak RSS is its own) through the library code
behind ``allegedly link``: the IDF/boilerplate pass (:func:`allegedly.corpus.linker.prepare`),
blocking and scoring (:func:`~allegedly.corpus.linker.link_claims`, or the per-partition Dask
tasks of :mod:`allegedly.scale.link_dask`), claim groups (:func:`~allegedly.corpus.groups.
build_groups`) and the figure comparisons of every group (:func:`~allegedly.corpus.compare.
compare_group`). Links are kept as three arrays (score, claim numbers) rather than objects,
and the claims of groups are read again for the comparisons (a third pass), so memory holds
the live time window, the links and the groups, not the corpus. Claims are made with :func:`allegedly.corpus.records.make_claim` (the same
word processing as claims read from a store) by a seeded generator:

- a year of news; stories start every day, each with a place, an event word, a counted thing
  and a toll, and are reported for about a week with Zipf-skewed popularity;
- 30 % of claims re-state an earlier claim of the same story (wire reprints, copy-paste, one
  word changed), the rest are worded afresh from the story's words and filler words;
- 70 % of claims state a figure, and one key (people|fatal) holds 10 % of all figures; tolls
  rise over a story's days.

Prints one row per size and last ``growth 100k->1M: <ratio>x, 1M: <seconds> s, peak RSS <MB>
MB`` (goals: growth <= 15x for 10x the claims, 1M <= 600 s on a 2-core machine, <= 2 GB).
Timings are wall clock and CPU seconds of the child: on a shared machine the CPU seconds and
the ratios say more than the wall clock (the load average is printed before and after).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
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

    def __iter__(self) -> Iterator:
        from allegedly.corpus.records import FigureRef, figure_parts, make_claim

        rng = random.Random(self.seed)
        recent: dict[str, list[tuple[str, object]]] = {}
        for i in range(self.n):
            day = i * 365 // self.n
            start = max(0, day - rng.choice((0, 0, 1, 1, 2, 3, 5, 7)))
            story = self._story(rng, start, int(rng.paretovariate(1.2)) % self.per_day)
            art = f"a{i}"
            said = recent.setdefault(story["id"], [])
            published = START + dt.timedelta(days=day)
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
            figures = []
            if fig_args:
                value, measure, counted = fig_args
                figures.append(FigureRef(art, "f1", str(value), 0, 1, value, value, value,
                                         "exact", measure, counted, None, None,
                                         source=story["source"], source_kind="person",
                                         **figure_parts(measure, counted, None)))
            yield make_claim(art, "c1", text, chain=[(story["source"], "person")],
                             figures=figures, published=published,
                             outlet=rng.choice(self.outlets))
            if len(recent) > 20000:
                for key in list(recent)[:5000]:
                    del recent[key]


def _compact(links, scores: list, left: list, right: list) -> None:
    """Keep links as three arrays (score, a, b as claim numbers): 9 bytes a link."""
    for link in links:
        scores.append(link.score)
        left.append(int(link.a[1:].split("/", 1)[0]))
        right.append(int(link.b[1:].split("/", 1)[0]))


def _sorted_links(scores, left, right) -> Iterator:
    """The links best first (ties: earlier a, earlier b), made one at a time."""
    import numpy as np

    from allegedly.corpus.linker import Link

    s, a, b = (np.asarray(x) for x in (scores, left, right))
    for i in np.lexsort((b, a, -s)):
        yield Link(f"a{a[i]}/c1", f"a{b[i]}/c1", float(s[i]))


def _slim(claim):
    """What figure comparison needs of a claim (no word sets, no text)."""
    from dataclasses import replace

    return replace(claim, text="", words=frozenset(), names=frozenset(), events=frozenset())


def measure(n: int, engine: str, jobs: int) -> dict:
    """Link n synthetic claims in this process; return counts, seconds and peak RSS."""
    from array import array

    from allegedly.corpus.compare import compare_group
    from allegedly.corpus.groups import build_groups
    from allegedly.corpus.linker import LinkStats, link_claims, prepare
    from allegedly.settings import Settings

    settings = Settings()
    data = Synthetic(n)
    t0, c0 = time.perf_counter(), time.process_time()
    prepared = prepare(data)
    stats = LinkStats()
    scores, left, right = array("f"), array("i"), array("i")
    if engine == "dask":
        from allegedly.scale.link_dask import link_partitioned

        _compact(link_partitioned(list(data), prepared, threshold=settings.link_suggested,
                                  jobs=jobs, stats=stats), scores, left, right)
    else:
        _compact(link_claims(data, prepared, threshold=settings.link_suggested, stats=stats,
                             evidence=False), scores, left, right)
    order = _Order()
    groups = build_groups(_sorted_links(scores, left, right), order,
                          suggested=settings.link_suggested,
                          confirmed=settings.link_confirmed, presorted=True)
    members = {m.claim for g in groups for m in g.members}
    claims = {c.uid: _slim(c) for c in data if c.uid in members}
    comparisons = sum(len(compare_group(g.id, [claims[m.claim] for m in g.members]))
                      for g in groups)
    seconds = time.perf_counter() - t0
    return {"claims": n, "linkable": stats.linkable, "candidates": stats.candidates,
            "links": len(scores), "groups": len(groups), "comparisons": comparisons,
            "seconds": round(seconds, 1), "cpu_seconds": round(time.process_time() - c0, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


class _Order(dict):
    """Publication order of a synthetic claim uid: its number (claims come in order)."""

    def get(self, uid, default=None):
        return (int(uid[1:].split("/", 1)[0]),)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--jobs", type=int, default=2, help="Dask worker processes.")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child, args.engine, args.jobs)))
        return
    print(f"engine {args.engine}; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'claims':>9} {'linkable':>9} {'candidates':>11} {'links':>9} {'groups':>8} "
          f"{'comparisons':>11} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>11}")
    rows = {}
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(n), "--engine",
                              args.engine, "--jobs", str(args.jobs)], capture_output=True,
                             text=True, check=True)
        r = rows[n] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['claims']:>9} {r['linkable']:>9} {r['candidates']:>11} {r['links']:>9} "
              f"{r['groups']:>8} {r['comparisons']:>11} {r['seconds']:>8} "
              f"{r['cpu_seconds']:>8} {r['peak_rss_mb']:>11}", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if 100_000 in rows and 1_000_000 in rows:
        big = rows[1_000_000]
        print(f"CPU growth 100k->1M: {big['cpu_seconds'] / rows[100_000]['cpu_seconds']:.1f}x "
              f"(wall clock depends on the machine's load; CPU seconds do less)")
        print(f"growth 100k->1M: {big['seconds'] / rows[100_000]['seconds']:.1f}x, "
              f"1M: {big['seconds']} s, peak RSS {big['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
