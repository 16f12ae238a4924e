"""Figures: the numbers an article states, normalised, with what they count and when.

:func:`find_figures` is the extractor the pipeline calls. It takes every number literal found by
:mod:`~allegedly.extract.figures.numbers`, rejects those that are not quantities (dates, times,
years, ordinals, names such as "iPhone 11" or "category 4", phone numbers, scores, appositive
ages: :mod:`~.candidates`), attaches currency and unit (:mod:`~.units`, ``lexicons/units.tsv``),
merges ranges ("between 30 and 50", "5-10W", "from $200 to $4 million": :mod:`~.ranges`), sets
bounds and changes (:mod:`~.bounds`, ``lexicons/approximators.tsv``), then reads the counted
thing, measure and actor from the parse (:mod:`~.measures`) and ties the figure to a time
expression of its sentence (:mod:`~.timex`) in :mod:`~.describe`.

Every step has a name, in the order of ``steps.py`` (**start reading there**; it also says how
to add a step); a figure's ``method`` names what made it (``"rule:figure.cardinal"``,
``"rule:figure.range"`` ...), and any step can be switched off by name (ablation).

Conventions: offsets are ``doc.text`` character offsets; ``value`` is the point value and is None
for ranges and vague plurals ("thousands of"), which set ``low``/``high`` instead (vague plurals:
low = the round number, high = ten times it, bound ``approx``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from allegedly.extract.figures import steps
from allegedly.extract.figures.candidates import (
    candidate,
    digit_runs,
    modifies_noun,
    numeric_date_spans,
    phone_spans,
)
from allegedly.extract.figures.describe import describe
from allegedly.extract.figures.numbers import find_numbers, trigger_forms
from allegedly.extract.figures.ranges import merge_ranges
from allegedly.extract.figures.units import Cand, single_units, unit_aliases
from allegedly.extract.matches import FigureMatch
from allegedly.extract.rules import enabled, set_disabled
from allegedly.extract.tokens import text_of

__all__ = ["TRIGGER_FORMS", "find_figures", "switchable", "unit_aliases"]

TRIGGER_FORMS: frozenset[str] = trigger_forms()
switchable = steps.switchable


def find_figures(doc: Doc, published: dt.date | None = None, disabled: Iterable[str] = ()
                 ) -> list[FigureMatch]:
    """Figures stated in ``doc``, in text order, as :class:`FigureMatch` (``doc.text`` offsets).

    ``published`` anchors relative time expressions ("last week"); without it ``as_of`` stays
    None and figures tied to a time expression carry a ``W103`` warning. ``disabled``: names of
    steps to switch off (``steps.py``; unknown names raise ValueError).
    """
    disabled = frozenset(disabled)
    unknown = disabled - switchable()
    if unknown:
        raise ValueError(f"unknown figure step(s) {sorted(unknown)}; known: {sorted(switchable())}")
    set_disabled(doc, disabled)

    def on(name: str) -> bool:
        return enabled(doc, name)

    text = text_of(doc)
    cands = sorted(_candidates(doc, text, on), key=lambda c: c.start)
    cands = merge_ranges(text, cands, on)
    for rule in steps.PASSES:
        if on(rule.name):
            rule.fn(doc, text, cands)
    return describe(doc, text, cands, published, on)


def _candidates(doc: Doc, text: str, on: Callable[[str], bool]) -> list[Cand]:
    """Every number literal that passes the checks, and the single units ("a gallon"); a number
    starting inside a phone number or a date written in digits is none."""
    numbers = find_numbers(text)
    phones = phone_spans(text) if on("figure.not_phone") else []
    if on("figure.not_numeric_date"):
        phones += numeric_date_spans(text)
    runs = digit_runs(text, numbers) if on("figure.not_digit_run") else set()
    cands: list[Cand] = []
    for n in numbers:
        if any(s <= n.start < e for s, e in phones) or n.start in runs:
            continue
        c = candidate(doc, text, n, steps.GLUED, steps.LITERAL, steps.CANDIDATE, on)
        if c is not None:
            cands.append(c)
    if on("figure.single_unit"):
        cands += [c for c in single_units(text, cands) if not modifies_noun(doc, c.end)]
    return cands
