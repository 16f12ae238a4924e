"""Bugs the property suites found inside ``allegedly/extract/`` (restructured on another branch;
fixed there, not here). Each one is reproduced by a strict ``xfail`` test in
``test_known_bugs.py``, which starts failing when the bug is fixed: then delete its predicate
here and the tolerance that uses it. The property assertions tolerate exactly the symptom named,
nothing else.
"""

from __future__ import annotations

import math
import re

INF_DIGITS = 309  # float() of a decimal literal of more digits than this is inf


def quote_continues_into_blank_line(text: str, start: int, end: int) -> bool:
    """``extract.quotes.find_quotes``: a quote left open at a paragraph's end "continues" into
    a following whitespace-only line (``"" in OPEN_MARKS`` is true), whose segment comes out
    inverted, ``start == end + 1`` over that line's whitespace."""
    return end < start and not text[end:start].strip()


def infinite_figure(figure: dict) -> bool:
    """``extract.numbers.parse_digits``: a digit literal of 309+ digits is read as ``inf``, and
    the figure's value/low/high make the JSON output invalid (``Infinity``)."""
    values = [figure.get(k) for k in ("value", "low", "high")]
    if all(v is None or math.isfinite(v) for v in values):
        return False
    return sum(c.isdigit() for c in figure["text"]) >= INF_DIGITS


_BIG_EXPONENT = re.compile(r"\d\s?(?:[eE][-+]?|[×x*]\s?10\s?\^?[-−]?)\d{3,}")


def scientific_overflow(text: str, exc: BaseException) -> bool:
    """``extract.numbers._digit_numbers``: a literal with a 3-digit exponent ("1e912") raises
    OverflowError (``value * 10 ** int(exp)``); ``find_numbers`` raises, so the figures
    component fails and the whole article's analysis fails with it."""
    return "OverflowError" in repr(exc) and _BIG_EXPONENT.search(text) is not None


def partially_overlapping_times(previous_start: int, previous_end: int, start: int,
                                end: int) -> bool:
    """``extract.timex.find_times`` drops an expression contained in another, but keeps two
    that overlap partially: "In early March 12" gives "In early March" and "March 12"."""
    return previous_start < start < previous_end < end
