"""Units and currencies of figures (``lexicons/units.tsv``) and the figure candidate record.

:class:`Cand` is a figure under construction (offsets in ``doc.text``); :func:`attach_unit` reads the
currency or symbol before a number and the unit after it ("US $58.24", "20 miles per gallon");
:func:`single_units` finds one unit stated with an article ("a gallon of beer" = 1 gallon).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from allegedly.extract.figures.numbers import finditer_at
from allegedly.lexicons import load, word_list

TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
"""Normalised names of the time units of ``units.tsv`` (a figure in them is a duration)."""
_GLUED_CURRENCIES = word_list("glued_currencies", "figure_words")
_WEAK_CURRENCIES = word_list("weak_currencies", "figure_words")


@dataclass
class Cand:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    change: str | None = None
    unit: str | None = None
    unit_kind: str | None = None
    scale: float = 1.0
    words: bool = False
    vague: bool = False
    yearlike: bool = False
    namey: bool = False
    weak_one: bool = False
    spread: bool = False  # low/high are a stated uncertainty ("9.83 +/- 0.01")
    core: tuple[int, int] = (0, 0)
    warnings: list[str] = field(default_factory=list)
    method: str = ""  # the rule name of what made it: "figure.cardinal", "figure.range" ...


@dataclass(frozen=True)
class _Surface:
    text: str
    unit: str
    kind: str
    case: bool  # case-sensitive


@cache
def units() -> tuple[tuple[_Surface, ...], tuple[_Surface, ...]]:
    """(pre surfaces, post surfaces), longest first."""
    pre: list[_Surface] = []
    post: list[_Surface] = []
    for r in load("units"):
        for col, out in (("pre", pre), ("post", post)):
            for s in filter(None, (x.strip() for x in r[col].split("|"))):
                case = len(s) <= 2 or any(c.isupper() for c in s)
                out.append(_Surface(s, r["unit"], r["kind"], case))
    return (tuple(sorted(pre, key=lambda s: -len(s.text))),
            tuple(sorted(post, key=lambda s: -len(s.text))))


@cache
def unit_aliases() -> dict[str, str]:
    """Lower-cased unit names and aliases -> normalised unit (for gold data and "per X")."""
    out: dict[str, str] = {}
    for r in load("units"):
        out[r["unit"].lower()] = r["unit"]
        for a in filter(None, (x.strip() for x in r["aliases"].split("|"))):
            out[a.lower()] = r["unit"]
    return out


@cache
def currency_prefix_words() -> frozenset[str]:
    return frozenset(s.text for s in units()[0] if s.text.isalpha())


_BY_FIRST: dict[int, tuple[tuple[_Surface, ...], dict[str, tuple[_Surface, ...]]]] = {}


def _starting_with(surfaces: tuple[_Surface, ...], ch: str) -> tuple[_Surface, ...]:
    """The surfaces (in their order) that can match text starting with character ``ch``:
    case-sensitive ones starting with ``ch``, the others starting with its lower case.
    Memoised per surfaces tuple and character (a scan of all surfaces per call was the
    figure extractor's largest cost)."""
    entry = _BY_FIRST.get(id(surfaces))
    if entry is None or entry[0] is not surfaces:
        entry = _BY_FIRST[id(surfaces)] = (surfaces, {})
    memo = entry[1]
    found = memo.get(ch)
    if found is None:
        low = ch.lower()[:1]
        found = memo[ch] = tuple(s for s in surfaces if (
            s.text[0] == ch if s.case else s.text.lower()[:1] == low))
    return found


def surface_at(text: str, pos: int, surfaces: tuple[_Surface, ...]) -> _Surface | None:
    """The longest post surface starting at ``pos`` and ending at a word boundary."""
    if pos >= len(text):
        return None
    for s in _starting_with(surfaces, text[pos]) if pos >= 0 else surfaces:
        n = len(s.text)
        chunk = text[pos:pos + n]
        if (chunk == s.text) if s.case else (chunk.lower() == s.text.lower()):
            tail = pos + n
            if s.text[-1].islower() and len(s.text) >= 3:  # "km"/"J" never, "Danish crowns" too
                m = re.match(r"(?:es|s)(?![A-Za-z])", text[tail:tail + 3])
                if m:
                    return replace(s, text=text[pos:tail + m.end()])
            if tail < len(text) and s.text[-1].isalnum() and (text[tail].isalnum() or text[tail] in "-" and text[tail + 1:tail + 2].isalpha() and not text[tail + 1:tail + 5].lower().startswith(("long", "old", "wide", "high", "tall", "deep"))):
                continue
            return s
    return None


def attach_unit(text: str, c: Cand) -> None:
    pre, post = units()
    # currency or symbol before the number: "$", "US $", "USD", "£", "PS", "Y="
    for s in pre:
        n = len(s.text)
        for gap in ("", " "):
            if gap and s.text in _GLUED_CURRENCIES:
                continue
            b = c.start - len(gap) - n
            if b < 0 or text[b:c.start] != s.text + gap:
                continue
            if s.text[0].isalpha() and b > 0 and text[b - 1].isalnum():
                continue
            c.unit, c.unit_kind, c.start = s.unit, s.kind, b
            break
        if c.unit:
            break
    # unit after the number: "km", "per cent", "-year-old", "dollars"
    pos = c.end
    skip = re.match(r"[ \-]?(?:of\s+)?", text[pos:pos + 5]) if c.vague else re.match(r"[ \-\u00a0]?", text[pos:pos + 2])
    for p in (pos + (skip.end() if skip else 0), pos):
        s = surface_at(text, p, post)
        if s is None:
            continue
        if c.unit and s.unit != c.unit:
            if s.kind == "currency":
                break
            continue
        if c.unit is None and s.kind == "currency" and s.text in _WEAK_CURRENCIES and p != pos \
                and s.text != "p":
            break
        c.unit, c.unit_kind, c.end = s.unit, s.kind, p + len(s.text)
        break
    if c.unit:
        m = re.match(r"\s*(?:per\b|an?\b|/)\s*", text[c.end:c.end + 6])
        if m:
            s2 = surface_at(text, c.end + m.end(), post)
            if s2 is not None and s2.unit != c.unit and s2.kind == "unit":
                c.unit, c.end = f"{c.unit} per {s2.unit}", c.end + m.end() + len(s2.text)


_A_UNIT = re.compile(r"(?<![\w.])(?:[Aa]n?|[Oo]ne)\s+(?=[a-z])")
_A_UNIT_FIRST = re.compile(r"[AaOo](?<![\w.].)")  # where a match of _A_UNIT can start


def single_units(text: str, cands: list[Cand]) -> list[Cand]:
    """ "a gallon of beer", "a penny": one unit of measure stated with the article (value 1).
    Not time units ("an hour") and not the "per" of a rate ("$4 a gallon", "20 cents a mile")."""
    out: list[Cand] = []
    taken = [(c.start, c.end) for c in cands]
    for m in finditer_at(_A_UNIT, _A_UNIT_FIRST, text):
        s = surface_at(text, m.end(), units()[1])
        if s is None or s.unit in TIME_UNITS or s.kind == "percent" or not re.sub(r"['’ ]", "", s.text).isalpha() \
                or len(s.text) < 4 or any(a <= m.start() < b for a, b in taken):
            continue
        if re.search(r"(?:\d|[%$£€])\s*[A-Za-z.]*\s*$", text[max(0, m.start() - 20):m.start()]):
            continue
        end = m.end() + len(s.text)
        out.append(Cand(m.start(), end, 1.0, words=True, unit=s.unit, unit_kind=s.kind,
                        core=(m.start(), m.end() - 1), method="figure.single_unit"))
    return out
