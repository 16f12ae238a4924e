"""Ranges and paired numbers of figures: "between 30 and 50", "5-10W", "from $200 to $4 million",
scores ("2-0", dropped), ratios ("one in five"), uncertainties ("9.83 +/- 0.01") and part/whole checks
("750 out of 500" -> W102)."""

from __future__ import annotations

import re
from collections.abc import Callable

from allegedly.errors import message
from allegedly.extract.figures.units import Cand

_SCORE_GAP = re.compile(r"^[-–]$")
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|-?\s*to|–\s*to|to\s*-|and|or)\s*$", re.I)
# "from $36,040 at 10.45pm last night to $34,935", "from 21 mpg combined to 23": a short
# qualifier (a time, a word) of the first end between "from X" and "to Y"
_FROM_TO_GAP = re.compile(r"^\s+(?:(?:at|in|on|during|for)\s+[^,;()\n]{1,25}?|[a-z]+)\s+to\s+$")


def _compatible(a: Cand, b: Cand) -> bool:
    """Same unit, a bare first end ("5 to 10%"), or the same currency where one end carries
    the full rate ("from $75 per barrel to $45.88")."""
    return a.unit == b.unit or (a.unit is None and b.unit is not None) or bool(
        a.unit and b.unit and (a.unit.startswith(b.unit + " per ") or b.unit.startswith(a.unit + " per ")))


def merge_ranges(text: str, cands: list[Cand], on: Callable[[str], bool] = lambda _: True
                 ) -> list[Cand]:
    """Candidates with each pair of neighbours read as one: a score dropped
    (``figure.not_score``), a range (``figure.range``), a ratio (``figure.ratio``) or an
    uncertainty (``figure.uncertainty``) merged; ``on(name)`` says which are switched on. A part
    larger than its whole ("750 out of 500") gets a W102 warning."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None and a.value is not None and b.value is not None:
            gap = text[a.end:b.start]
            if on("figure.not_score") and _score(a, b, gap):
                i += 2  # a score: "2-0", "2-2"
                continue
            merged = on("figure.range") and _range(text, a, b, gap) \
                or on("figure.ratio") and _ratio(a, b, gap) \
                or on("figure.uncertainty") and _uncertainty(a, b, gap)
            if merged:
                out.append(merged)
                i += 2
                continue
            if re.fullmatch(r"\s+out of\s+", gap) and b.value < a.value:
                a.warnings.append("W102 " + message(
                    "W102", detail=f"{text[a.start:a.end]!r} out of {text[b.start:b.end]!r} "
                                   "is a part larger than its whole"))
        out.append(a)
        i += 1
    return out


def _score(a: Cand, b: Cand, gap: str) -> bool:
    """"2-0", "2-2": a score, nothing counted."""
    return bool(_SCORE_GAP.match(gap) and a.unit is None and b.unit is None
                and float(a.value).is_integer() and float(b.value).is_integer()
                and b.value <= a.value and a.value < 1000 and not a.words)


def _range(text: str, a: Cand, b: Cand, gap: str) -> Cand | None:
    """"between 30 and 50", "5-10W", "from $200 to $4 million": one range (not "up 19 cents to
    $58.24", a change and a level)."""
    before = text[max(0, a.start - 12):a.start]
    between = re.search(r"(?i)\bbetween\s+$", before)
    frm = re.search(r"(?i)\bfrom\s+$", before)
    word = gap.strip().lower().lstrip("-").strip()
    ok = _RANGE_GAP.match(gap) and (_compatible(a, b) or (between or frm) and b.unit is None) \
        and "\n" not in gap
    if not ok and frm and _FROM_TO_GAP.match(gap) and (_compatible(a, b) or b.unit is None) \
            and not a.vague and not b.vague:
        ok = True
    if ok and word == "and" and not between:
        ok = False
    unitless_lead = a.unit is None and b.unit is not None and a.value < b.value
    if ok and word == "to" and not frm and (a.unit and b.unit and a.unit != b.unit or re.search(
            r"(?i)\b(?:by|up|down|rose|fell|increased|decreased|jumped|dropped)\s+$", before)
            and not unitless_lead):
        ok = False  # "up 19 cents to $58.24" is a change and a level, "by 1 to 1.5 degrees" a range
    if ok and word == "or" and (a.unit or b.unit is None and not a.words):
        ok = False
    if not ok:
        return None
    lo_v, hi_v = a.value, b.value
    if b.scale > 1 and a.scale == 1 and not a.words and lo_v * b.scale <= hi_v * 1.0001:
        lo_v = lo_v * b.scale
    low, high = min(lo_v, hi_v), max(lo_v, hi_v)
    start = between.start() + a.start - len(before) if between else a.start
    unit = max((a.unit, b.unit), key=lambda u: len(u or ""))
    return Cand(start, b.end, None, low, high, bound="range", unit=unit,
                unit_kind=b.unit_kind or a.unit_kind, core=(a.core[0], b.core[1]),
                warnings=a.warnings + b.warnings, method="figure.range")


def _ratio(a: Cand, b: Cand, gap: str) -> Cand | None:
    """"one in five", "nine out of 10": a proportion; "outspend them 2-to-1", "a 3-to-1 margin":
    odds, value the first over the second."""
    if re.fullmatch(r"[-–]to[-–]", gap) and a.unit is None and b.unit is None and b.value > 0 \
            and not a.vague and not b.vague:
        odds = a.value / b.value
        return Cand(a.start, b.end, odds, odds, odds, core=(a.core[0], b.core[1]),
                    warnings=a.warnings + b.warnings, method="figure.ratio")
    if not (re.fullmatch(r"\s+(?:out of|in)\s+", gap, re.I) and a.unit is None
            and b.unit is None and 0 < a.value < b.value <= 100
            and float(a.value).is_integer() and float(b.value).is_integer()
            and not a.vague and not b.vague):
        return None
    ratio = a.value / b.value
    return Cand(a.start, b.end, ratio, ratio, ratio, core=(a.core[0], b.core[1]),
                warnings=a.warnings + b.warnings, method="figure.ratio")


def _uncertainty(a: Cand, b: Cand, gap: str) -> Cand | None:
    """"9.83e-3 +/- 1e-5 km/s2": a measurement with its uncertainty."""
    if not (re.fullmatch(r"\s*(?:\+/-|±|\+-)\s*", gap) and b.value >= 0):
        return None
    return Cand(a.start, b.end, a.value, a.value - b.value, a.value + b.value, bound="approx",
                unit=a.unit or b.unit, unit_kind=a.unit_kind or b.unit_kind, core=a.core,
                warnings=a.warnings + b.warnings, spread=True, method="figure.uncertainty")
