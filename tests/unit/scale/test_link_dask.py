"""Linking as Dask tasks per time partition equals the single-process result."""

from __future__ import annotations

import datetime as dt
import random

import pytest

pytest.importorskip("dask")

from allegedly.corpus.blocking import BlockingOptions  # noqa: E402
from allegedly.corpus.linker import (  # noqa: E402
    LinkStats,
    is_linkable,
    link_claims,
    prepare,
)
from allegedly.corpus.records import FigureRef, figure_parts, make_claim  # noqa: E402
from allegedly.scale.link_dask import (  # noqa: E402
    ListSource,
    link_partitioned,
    link_spans,
    partitions,
    spans,
)


def _claims(n: int) -> list:
    rng = random.Random(3)
    places = ["Brastovo", "Merinsk", "Dolna", "Karsk", "Velin", "Orav", "Tessa", "Ummel"]
    out = []
    for i in range(n):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i * 200 // n)
        place, value = rng.choice(places), rng.randint(2, 60)
        text = (f"{rng.choice(['Shelling', 'A strike', 'An explosion'])} in {place} killed "
                f"{value} people, officials said " + rng.choice(["on Monday", "today", ""]))
        fig = FigureRef(f"a{i}", "f1", str(value), 0, 1, value, value, value, "exact",
                        "killed", "people", None, None, **figure_parts("killed", "people", None))
        out.append(make_claim(f"a{i}", "c1", text, figures=[fig], published=day,
                              outlet=f"Outlet {i % 9}"))
    return out


@pytest.mark.parametrize("tasks", [2, 7, 40])
def test_partitioned_links_equal_the_single_process_links(tasks):
    claims = _claims(900)
    options = BlockingOptions(window_days=30, partition_days=10)
    assert len(partitions(claims, options)) == 21
    plan = spans(ListSource.of(claims, options).sizes(), options, tasks)
    # really several tasks (about one per partition when asked for more than there are)
    assert 1 < len(plan) <= tasks and len(plan) >= min(tasks, 21) // 2
    prepared = prepare(claims)
    single = {(x.a, x.b, x.score) for x in link_claims(claims, prepared, threshold=0.4,
                                                       options=options)}
    stats = LinkStats()
    parted = link_partitioned(claims, prepared, threshold=0.4, options=options, jobs=2,
                              tasks=tasks, stats=stats)
    assert single and {(x.a, x.b, x.score) for x in parted} == single
    assert len(parted) == len(single) == stats.links and stats.claims == 900


def test_spans_are_consecutive_balanced_and_replay_the_window():
    options = BlockingOptions(window_days=30, partition_days=10)  # keep = 3 partitions
    sizes = {p: 100 for p in range(20)} | {10**9: 7}
    plan = spans(sizes, options, 2)
    assert [p for s in plan for p in s.own] == list(range(20)) + [10**9]
    first, second, undated = plan
    assert first.replay == () and second.replay == tuple(range(second.own[0] - 3,
                                                               second.own[0]))
    work = [100 * (len(s.own) + len(s.replay)) for s in (first, second)]
    assert abs(work[0] - work[1]) <= 100  # balanced, the replay counted
    assert undated.own == (10**9,) and undated.replay == ()


def test_span_results_come_in_the_collected_form_with_their_stats():
    claims = _claims(300)
    options = BlockingOptions(window_days=30, partition_days=10)
    prepared = prepare(claims)
    results = link_spans(ListSource.of(claims, options), prepared, threshold=0.4,
                         options=options, jobs=2, collect=lambda links: sum(1 for _ in links))
    assert len(results) == 2 and sum(r.stats.claims for r in results) == 300
    assert all(r.links == r.stats.links and r.peak_rss_mb > 0 for r in results)
    assert sum(r.links for r in results) == len(list(link_claims(
        claims, prepared, threshold=0.4, options=options)))


def test_the_first_pass_in_tasks_equals_the_single_process_pass():
    from allegedly.scale.link_dask import prepare_partitioned

    claims = _claims(600)
    # boilerplate: one outlet's sign-off in four articles, two of them in other partitions
    claims += [make_claim(f"b{i}", "c1", "Read more news from Outlet Nine today",
                          published=dt.date(2025, 1, 1) + dt.timedelta(days=40 * i),
                          outlet="Outlet 9") for i in range(4)]
    claims.sort(key=lambda c: c.published)
    options = BlockingOptions(window_days=30, partition_days=10)
    single = prepare(claims)
    parted = prepare_partitioned(ListSource.of(claims, options), options=options, jobs=2,
                                 tasks=3)
    assert parted.df.counts == single.df.counts and parted.df.docs == single.df.docs == 604
    assert parted.boilerplate == single.boilerplate
    sign_off = next(c for c in claims if c.article_id == "b3")
    assert not is_linkable(sign_off, parted) and not is_linkable(sign_off, single)
    assert parted.claims == single.claims
