"""Builders of corpus records for the corpus-layer tests (our own sentences, no corpus text)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from allegedly.corpus.records import FigureRef, figure_parts, make_claim

_ids = itertools.count()


def fig(value=None, measure="killed", counted="people", *, bound="exact", low=None, high=None,
        text=None, actor=None, as_of=None, source=None, source_kind=None, article="a1",
        change=None) -> FigureRef:
    """A FigureRef with its key parts computed as the store loader computes them."""
    return FigureRef(article_id=article, id=f"f{next(_ids)}", text=text or str(value),
                     start=0, end=1, value=value, low=low if low is not None else value,
                     high=high if high is not None else value, bound=bound, measure=measure,
                     counted=counted, actor=actor, as_of=as_of, change=change, source=source,
                     source_kind=source_kind, **figure_parts(measure, counted, actor))


def claim(article, text, *, day=None, outlet=None, chain=(), figures=(), claim_id="c1",
          wire=None):
    """A ClaimRef published on ``day`` (an int day of May 2025 or a date)."""
    published = dt.date(2025, 5, day) if isinstance(day, int) else day
    return make_claim(article, claim_id, text, chain=chain, figures=figures,
                      published=published, outlet=outlet or f"Outlet {article}", wire=wire)


@pytest.fixture
def make():
    return claim
