"""What each figure counts, measures and when: the description of the candidates.

:func:`describe` reads the counted thing, measure and actor off the parse
(:mod:`allegedly.extract.figures.measures`), ties a figure to a time expression of its sentence
(:mod:`allegedly.extract.figures.timex`) and builds the :class:`FigureMatch` records; then the
steps ``figure.age`` (ages are figures of an age unit, :mod:`~.ages`), ``figure.not_weak_one``
(drops "one of his own men"), ``figure.out_of`` ("750 out of 1,500
soldiers": the part shares the whole's counted thing) and ``figure.not_duration_time`` (a
duration that is another figure's time expression) run, each switchable by name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc

from allegedly.errors import message
from allegedly.extract.figures import ages, measures, timex
from allegedly.extract.figures.units import TIME_UNITS, Cand
from allegedly.extract.matches import FigureMatch
from allegedly.extract.rules import method

__all__ = ["describe"]

def describe(doc: Doc, text: str, cands: list[Cand], published: dt.date | None,
             on: Callable[[str], bool]) -> list[FigureMatch]:
    """The figures of ``cands`` (in order) with counted thing, measure, actor and time; the
    steps named in the module docstring applied where ``on(name)``."""
    out: list[FigureMatch] = []
    times_by_sent: dict[int, list[timex.TimeExpr]] = {}
    prev: tuple[int, FigureMatch] | None = None
    for c in cands:
        sent = measures.sentence_of(doc, c.core[0])
        d = measures.describe(doc, c.core[0], c.core[1], has_unit=c.unit is not None,
                              figure_end=c.end)
        counted, actor, measure = d.counted, d.actor, d.measure
        age = ages.age_of(doc, text, c) if on("figure.age") else None
        if age is not None:  # "a 15-year-old girl", "the boy, aged 12": whose age, no measure
            c = replace(c, unit=age.unit)
            counted, actor, measure = age.person or counted, None, None
        if c.unit in TIME_UNITS:
            counted = actor = None  # a duration: "four weeks", "three years"
        if on("figure.counted_carry") and prev is not None and prev[0] == sent.start \
                and c.unit is None and counted is None and prev[1].counted \
                and prev[1].unit is None:
            counted, actor = prev[1].counted, prev[1].actor  # "... killed and 1,500 wounded"
        if on("figure.not_weak_one") and _weak_one(text, c, measure):
            continue  # "one of his own men", "one soldier who ...": not a figure; "only one" is
        times = times_by_sent.get(sent.start)
        if times is None:
            times = timex.find_times(text, sent.start_char, sent.end_char)
            times_by_sent[sent.start] = times
        fm = _figure(doc, c, counted, measure, actor, _pick_time(doc, times, c), published)
        out.append(fm)
        prev = (sent.start, fm)
    if on("figure.out_of"):
        _carry_out_of(text, out)
    return _drop_durations_that_are_times(out) if on("figure.not_duration_time") else out


def _weak_one(text: str, c: Cand, measure: str | None) -> bool:
    """A kept "one" with no unit, no measure and no "only"/"just" before it names no quantity."""
    return c.weak_one and c.unit is None and measure is None and c.bound == "exact" and not \
        re.search(r"(?i)\b(?:only|just|exactly|merely|not even|but)\s+$",
                  text[max(0, c.start - 12):c.start])


def _figure(doc: Doc, c: Cand, counted: str | None, measure: str | None, actor: str | None,
            t: timex.TimeExpr | None, published: dt.date | None) -> FigureMatch:
    """The record of candidate ``c`` (time ``t`` resolved against ``published``; W103 when it
    cannot be)."""
    as_of = None
    warnings = list(c.warnings)
    if t is not None:
        as_of = timex.resolve(t, published)
        if published is None:
            warnings.append("W103 " + message("W103", detail=repr(t.text)))
    value = c.value
    low, high = c.low, c.high
    if c.value is not None and not c.vague and not c.spread:
        low = high = value
    return FigureMatch(
        start=c.start, end=c.end, value=value, low=low, high=high, bound=c.bound,
        change=c.change, unit=c.unit, counted=counted, measure=measure, actor=actor,
        time=(t.start, t.end) if t else None, as_of=as_of, warnings=tuple(warnings),
        method=method(c.method) if c.method else "")


def _drop_durations_that_are_times(figs: list[FigureMatch]) -> list[FigureMatch]:
    """ "15,000 troops lost in less than four weeks of fighting": the duration is the other
    figure's time expression, not a figure of its own."""
    times = [f.time for f in figs if f.time is not None]
    return [f for f in figs if not (f.unit in TIME_UNITS and f.counted is None and any(
        t[0] <= f.start and f.end <= t[1] for t in times))]


def _carry_out_of(text: str, figs: list[FigureMatch]) -> None:
    """ "750 out of 1,500 soldiers ... were killed": the part shares the whole's counted thing."""
    for i in range(len(figs) - 1):
        a, b = figs[i], figs[i + 1]
        if re.fullmatch(r"\s+out of\s+", text[a.end:b.start]):
            figs[i] = replace(a, counted=a.counted or b.counted, actor=a.actor or b.actor,
                              measure=a.measure or b.measure)
            figs[i + 1] = replace(b, measure=None)  # the whole was not all killed


def _pick_time(doc: Doc, times: list[timex.TimeExpr], c: Cand) -> timex.TimeExpr | None:
    """The time expression of the sentence a figure is tied to: one in the figure's own clause
    (the event it reports: "officials said on Monday that 40 people died in Saturday's strike"
    is Saturday) before one of a clause above it (the reporting), as-of points before spans,
    nearest first; an expression containing the figure itself is its own, not its time."""
    usable = [t for t in times if not (t.start <= c.core[0] and c.core[1] <= t.end)
              and timex.in_scope(doc, t, c.core[0])]
    if not usable:
        return None
    own = [t for t in usable if timex.in_own_clause(doc, t, c.core[0])]
    usable = own or usable

    def dist(t: timex.TimeExpr) -> int:
        return min(abs(t.end - c.start), abs(c.end - t.start))

    points = [t for t in usable if t.kind == "point"]
    pool = points or usable
    return min(pool, key=dist)
