"""Bugs the property suites found inside ``allegedly/extract/`` (restructured on another branch;
fixed there, not here). Each one is reproduced by a strict ``xfail`` test in
``test_known_bugs.py``, which starts failing when the bug is fixed: then delete its predicate
here and the tolerance that uses it. The property assertions tolerate exactly the symptom named,
nothing else.
"""

from __future__ import annotations

import math

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
