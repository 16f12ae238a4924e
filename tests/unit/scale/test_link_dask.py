"""Linking as Dask tasks per time partition equals the single-process result."""

from __future__ import annotations

import datetime as dt
import random

import pytest

pytest.importorskip("dask")

from allegedly.corpus.blocking import BlockingOptions  # noqa: E402
from allegedly.corpus.linker import LinkStats, link_claims, prepare  # noqa: E402
from allegedly.corpus.records import FigureRef, figure_parts, make_claim  # noqa: E402
from allegedly.scale.link_dask import link_partitioned, partitions  # noqa: E402


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


def test_partitioned_links_equal_the_single_process_links():
    claims = _claims(900)
    options = BlockingOptions(window_days=30, partition_days=10)
    assert len(partitions(claims, options)) >= 15  # really many tasks, not one
    prepared = prepare(claims)
    single = {(x.a, x.b, x.score) for x in link_claims(claims, prepared, threshold=0.4,
                                                       options=options)}
    stats = LinkStats()
    parted = link_partitioned(claims, prepared, threshold=0.4, options=options, jobs=2,
                              stats=stats)
    assert single and {(x.a, x.b, x.score) for x in parted} == single
    assert len(parted) == len(single) == stats.links and stats.claims == 900
