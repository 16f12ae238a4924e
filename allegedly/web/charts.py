"""Figure timelines drawn on the server as SVG geometry (no chart library, no script).

:func:`timeline` turns the figures of one comparison key into plain data a template draws:
one mark per figure at its as-of date (a window is drawn as a horizontal bar), its value as a
point, and its bound as a range: "over 7,000" is a bar from 7,000 up to the top edge with an
arrow, "up to 17" one down to the bottom, "1,000–10,000" a bar between the two. Every source
has its own colour AND its own shape, so the chart reads without colour too.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 48, 18, 42
#: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442")
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross")
_UP = ("more_than", "at_least")
_DOWN = ("at_most", "less_than")
_BOUND_WORD = {"more_than": "over ", "at_least": "at least ", "at_most": "up to ",
               "less_than": "under ", "approx": "about ", "range": ""}


def parse_day(text: str | None, *, end: bool = False) -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as a date (the first day, or the last with
    ``end``); None for anything else."""
    if not text:
        return None
    text = text.strip()[:10]
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) \
                - timedelta(days=1) if end else first
        if len(text) == 4:
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def when(row: dict[str, Any]) -> tuple[date | None, date | None, bool]:
    """``(first day, last day, dated by the figure itself)`` of a figure row: its as-of date
    or window, else its article's publication date."""
    as_of = row.get("as_of")
    if as_of:
        start, _, finish = as_of.partition("/")
        first, last = parse_day(start), parse_day(finish or start, end=True)
        if first and last:
            return first, last, True
    day = parse_day(row.get("published"))
    return day, day, False


def _label(row: dict[str, Any]) -> str:
    value = row.get("value") if row.get("value") is not None else row.get("low")
    if row.get("bound") == "range" and row.get("low") is not None:
        return f"{row['low']:,.0f}–{row['high']:,.0f}"
    text = f"{value:,.0f}" if isinstance(value, int | float) else "?"
    sign = {"more_than": ">", "at_least": "≥", "at_most": "≤", "less_than": "<",
            "approx": "~"}.get(row.get("bound") or "", "")
    return sign + text


def _scale(values: list[float]) -> tuple[str, float, float]:
    """``(kind, low, high)`` of the y axis: log when the values span 30× or more."""
    positive = [v for v in values if v > 0]
    if positive and max(positive) / min(positive) >= 30:
        return "log", 10 ** math.floor(math.log10(min(positive))), \
            10 ** math.ceil(math.log10(max(positive)))
    high = max(values, default=1) or 1
    step = 10 ** math.floor(math.log10(high))
    return "linear", 0.0, math.ceil(high * 1.1 / step) * step


def _y_ticks(kind: str, low: float, high: float) -> list[float]:
    if kind == "log":
        return [10 ** e for e in range(round(math.log10(low)), round(math.log10(high)) + 1)]
    return [low + (high - low) * i / 4 for i in range(5)]


def _x_ticks(first: date, last: date) -> list[date]:
    span = max((last - first).days, 1)
    return [first + timedelta(days=round(span * i / 4)) for i in range(5)] if span > 4 \
        else [first + timedelta(days=i) for i in range(span + 1)]


def timeline(rows: list[dict[str, Any]], key: str = "") -> dict[str, Any] | None:
    """The SVG geometry of one key's figures (None when no figure has a value and a date).
    On a key naming an actor, figures whose own key names none are drawn hollow."""
    marks = [r for r in rows if (r.get("value") is not None or r.get("low") is not None)
             and when(r)[0] is not None]
    if not marks:
        return None
    days = [d for r in marks for d in when(r)[:2] if d is not None]
    first, last = min(days) - timedelta(days=1), max(days) + timedelta(days=1)
    values = [v for r in marks for v in (r.get("value"), r.get("low"), r.get("high"))
              if isinstance(v, int | float)]
    kind, low, high = _scale(values)

    def y(v: float) -> float:
        if kind == "log":
            frac = (math.log10(max(v, low)) - math.log10(low)) / (math.log10(high)
                                                                 - math.log10(low))
        else:
            frac = (v - low) / ((high - low) or 1)
        return round(TOP + (1 - frac) * (HEIGHT - TOP - BOTTOM), 1)

    def x(d: date) -> float:
        frac = (d - first).days / max((last - first).days, 1)
        return round(LEFT + frac * (WIDTH - LEFT - RIGHT), 1)

    legend: dict[str, dict[str, Any]] = {}
    actor_named = bool(key.partition("|")[0])
    points = [_point(r, x, y, legend, actor_named) for r in marks]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "scale": kind, "points": points,
        "legend": list(legend.values()),
        "y_ticks": [{"y": y(v), "label": f"{v:,.0f}"} for v in _y_ticks(kind, low, high)],
        "x_ticks": [{"x": x(d), "label": d.isoformat()} for d in _x_ticks(first, last)],
    }


def _point(row: dict[str, Any], x: Any, y: Any, legend: dict[str, dict[str, Any]],
           actor_named: bool) -> dict[str, Any]:
    """One figure's mark: position, range bar, window bar, style of its source, labels."""
    who = row.get("source_name") or row.get("outlet") or "(unknown source)"
    if who not in legend:
        n = len(legend)
        legend[who] = {"name": who, "colour": COLOURS[n % len(COLOURS)],
                       "shape": SHAPES[n % len(SHAPES)]}
    style = legend[who]
    first, last, dated = when(row)
    value = row["value"] if row.get("value") is not None else row["low"]
    bound = row.get("bound") or "exact"
    lo_v = row.get("low") if row.get("low") is not None else value
    hi_v = row.get("high") if row.get("high") is not None else value
    px = (x(first) + x(last)) / 2
    bar = None
    if bound in _UP:
        bar = {"y1": y(value), "y2": TOP, "arrow": "up"}
    elif bound in _DOWN:
        bar = {"y1": y(value), "y2": HEIGHT - BOTTOM, "arrow": "down"}
    elif lo_v != hi_v:
        bar = {"y1": y(lo_v), "y2": y(hi_v), "arrow": None}
    actor_unstated = actor_named and not (row.get("figure_key") or "|").split("|")[0]
    return {
        "x": round(px, 1), "y": y(value), "x1": x(first), "x2": x(last), "bar": bar,
        "colour": style["colour"], "shape": style["shape"], "hollow": actor_unstated,
        "label": _label(row), "dated": dated, "article_id": row.get("article_id"),
        "figure_id": row.get("id"),
        "title": (f"{row.get('text')}: {_BOUND_WORD.get(bound, '')}{value:,.0f} "
                  f"{row.get('counted') or ''} {row.get('measure') or ''} — {who} "
                  f"({row.get('outlet') or '?'}, {row.get('published') or 'undated'}); "
                  + (f"as of {row.get('as_of')}" if dated else "as-of date not stated: "
                     "drawn at the publication date")
                  + ("; whose losses is not stated" if actor_unstated else "")),
    }
