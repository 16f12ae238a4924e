"""Figures: the numbers an article states, normalised, with what they count and when.

:func:`find_figures` is the extractor the pipeline calls. It takes every number literal found by
:mod:`allegedly.extract.numbers`, rejects those that are not quantities (dates, times, years,
ordinals, names such as "iPhone 11" or "category 4", phone numbers, scores, appositive ages),
attaches currency and unit (``lexicons/units.tsv``), bounds and changes
(``lexicons/approximators.tsv``), merges ranges ("between 30 and 50", "5-10W", "from $200 to
$4 million"), then reads the counted thing, measure and actor from the parse
(:mod:`allegedly.extract.measures`) and ties the figure to a time expression of its sentence
(:mod:`allegedly.extract.timex`).

Conventions: offsets are ``doc.text`` character offsets; ``value`` is the point value and is None
for ranges and vague plurals ("thousands of"), which set ``low``/``high`` instead (vague plurals:
low = the round number, high = ten times it, bound ``approx``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Token

from allegedly.errors import message
from allegedly.extract import measures, timex
from allegedly.extract.matches import FigureMatch
from allegedly.extract.numbers import Number, find_numbers, number_words, trigger_forms
from allegedly.lexicons import load

TRIGGER_FORMS: frozenset[str] = trigger_forms()

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}\b")
_CLOCK_AFTER = re.compile(r"^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT\b|BST\b|EDT\b|EST\b|"
                          r"PDT\b|PST\b|CET\b|UTC\b|ET\b|PT\b|o'clock)")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_PHONE = re.compile(r"(?<![\d,.])(?:\+\d{1,3}[ .-]?)?\(?\d{2,5}\)?[ .-]\d{3,4}[ .-]\d{3,4}(?![\d,])")
_SCORE_GAP = re.compile(r"^[-–]$")
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|-?\s*to|–\s*to|and|or)\s*$", re.I)
_CHANGE_SKIP = {"by", "just", "only", "a", "further", "another", "from", "some", "is", "was",
                "were", "are", "be", "been", "has", "have", "had", "still", "sharply", "nearly",
                "almost", "slightly", "about", "around", "roughly", "more", "than", "over", "up"}
_PRONOUN_ONE_BEFORE = {"the", "this", "that", "each", "any", "every", "no", "which", "same",
                       "another", "a", "an", "last", "no-one", "someone", "anyone",
                       "everyone", "little", "big", "new", "old", "right", "wrong", "other"}
_STRONG_CHANGE = {"up", "down", "+"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


@dataclass
class _Cand:
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


# ---- lexicons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Surface:
    text: str
    unit: str
    kind: str
    case: bool  # case-sensitive


@cache
def _units() -> tuple[tuple[_Surface, ...], tuple[_Surface, ...]]:
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
def _approximators() -> tuple[tuple[str, str, str, str], ...]:
    rows = [(r["phrase"].lower(), r["position"], r["kind"], r.get("value", ""))
            for r in load("approximators")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _labels() -> frozenset[str]:
    return frozenset(w for w, (_, kind, _) in number_words().items() if kind == "label")


@cache
def _currency_prefix_words() -> frozenset[str]:
    return frozenset(s.text for s in _units()[0] if s.text.isalpha())


# ---- the extractor ------------------------------------------------------------------------------


def find_figures(doc: Doc, published: dt.date | None = None) -> list[FigureMatch]:
    """Figures stated in ``doc``, in text order, as :class:`FigureMatch` (``doc.text`` offsets).

    ``published`` anchors relative time expressions ("last week"); without it ``as_of`` stays
    None and figures tied to a time expression carry a ``W103`` warning.
    """
    text = doc.text
    phones = [m.span() for m in _PHONE.finditer(text) if sum(c.isdigit() for c in m.group()) >= 9]
    cands: list[_Cand] = []
    for n in find_numbers(text):
        if any(s <= n.start < e for s, e in phones):
            continue
        c = _candidate(doc, text, n)
        if c is not None:
            cands.append(c)
    cands = sorted(cands + _single_units(text, cands), key=lambda c: c.start)
    cands = _merge_ranges(text, cands)
    for c in cands:
        _post_bounds(text, c)
        _pre_bounds(text, c)
    return _describe(doc, text, cands, published)


def _token_at(doc: Doc, offset: int) -> Token | None:
    for t in doc:
        if t.idx <= offset < t.idx + len(t):
            return t
    return None


def _candidate(doc: Doc, text: str, n: Number) -> _Cand | None:
    """A figure candidate for number ``n``, with unit attached; None if not a quantity."""
    if n.value is None and not n.vague:
        return None
    start, end = n.start, n.end
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    lit = text[start:end]
    sub = False
    if not n.words:
        if start > 0 and text[start] in "-−" and text[start - 1].isalpha():
            if not re.search(r"(?i)\b(?:minus|sub)$", before):
                return None  # "TA-35", "COVID-19", "s-1": part of a name or symbol
            if before.lower().endswith("sub") and n.value is not None:
                n = replace(n, start=start - 3, value=-n.value)
                sub = True
        elif start > 1 and text[start - 1] == "+" and text[start - 2].isalnum():
            return None  # "MACS J1149.5+6663": part of a designation
        elif start > 0 and text[start - 1] == "^":
            return None  # "km^2", "2^10": an exponent
        elif start > 1 and text[start] == "-" and text[start - 1] == " " and \
                re.search(r"\b[A-Z]{3,}$", before[:-1]):
            return None  # "COVID -19"
        elif start > 0 and (text[start - 1].isalpha() or text[start - 1] in "/@#_\\"):
            run = re.search(r"[A-Za-z]+$", before)
            glued = run and any(before.endswith(s.text) and not s.text[:1].isalnum()
                                for s in _units()[0])  # "$US55,931,000", "$A82,615,680"
            if not glued and (not run or run.group() not in _currency_prefix_words() or (
                    start - len(run.group()) > 0 and text[start - len(run.group()) - 1].isalnum())):
                return None  # "M21", "iPhone11", "J1149"
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after.lstrip(" ")):
            return None  # "24 February", "March 29", "July 4, 2016"
        if _CLOCK_AFTER.match(after) or after[:1] == ":" and after[1:2].isdigit() or (
                before[-1:] == ":" and before[-2:-1].isdigit()):
            return None  # "10 am", "10:27", "5:00 AM"
        if _ORDINAL_AFTER.match(after):
            return None  # "1st", "96th-minute"
        if re.match(r"^['′’]?s\b", after) and re.fullmatch(r"\d+", lit):
            return None  # "1960s", "2022′s", "Model 3s"
        if re.search(r"\b(?:1[5-9]|20)\d\d[-–]$", before) or re.match(r"^[-–](?:1[5-9]|20)?\d\d\b(?![-–])", after) and re.fullmatch(r"(?:1[5-9]|20)\d\d", lit):
            return None  # "2013-14"
        if re.match(r"^\s?[-–]\s?\d", after) is None and re.search(r"\d\s?[-–]\s?$", before) is None:
            pass
        if re.match(r"^,\s", after) and re.search(r"[A-Z][a-z]+,\s$", before) and \
                re.fullmatch(r"\d{1,3}", lit) and 0 < (n.value or 0) < 120:
            tok = _token_at(doc, start - 3)
            if tok is not None and tok.pos_ == "PROPN":
                return None  # "Senard, 65, now faces"
    c = _Cand(start, end, n.value, n.low, n.high, words=n.words, vague=n.vague,
              warnings=list(n.warnings), core=(start, end))
    if n.vague:
        c.bound = "approx"
    if sub:
        c.bound, c.start = "less_than", n.start
    if n.scaled and n.value is not None:
        c.scale = _scale_of(lit)
    if not n.words and re.fullmatch(r"(?:1[5-9]|2[01])\d\d", lit) and not _counts_plural(doc, text, start, end):
        c.yearlike = True
    if n.words and text[start:end].lower() == "one":
        if not _one_is_number(doc, text, start, end):
            return None
        c.weak_one = True  # kept only with a unit, a measure or as a ratio ("one in five")
    _attach_unit(text, c)
    if c.unit is None and after[:1].isalpha() and not n.words and not n.scaled:
        return None  # glued letters that are no unit: "06F6", "5G"
    if c.unit is None and ("," not in lit or n.words) and (
            not n.words or lit[:1].isupper()):
        tok = _token_at(doc, start)
        if tok is not None and not (n.words and tok.is_sent_start) and \
                _is_label_or_name(doc, tok, start, end):
            return None
    if c.yearlike and c.unit is None:
        return None
    if c.unit in {"year", "month", "week", "day", "hour", "minute", "decade"} and \
            re.match(r"^\s*ago\b", text[c.end:c.end + 8]):
        return None  # "two weeks ago" is a date, not a quantity
    if n.words and c.unit in _TIME_UNITS and re.fullmatch(r"[A-Za-z]+-[A-Za-z]+", text[c.start:c.end]) \
            and re.match(r"^ (?:[$£€]|[A-Za-z])", text[c.end:c.end + 3]):
        return None  # "a two-month contract", "its three-year forecast": a kind, not a figure
    return c


_A_UNIT = re.compile(r"(?<![\w.])(?:[Aa]n?|[Oo]ne)\s+(?=[a-z])")


def _single_units(text: str, cands: list[_Cand]) -> list[_Cand]:
    """ "a gallon of beer", "a penny": one unit of measure stated with the article (value 1).
    Not time units ("an hour") and not the "per" of a rate ("$4 a gallon", "20 cents a mile")."""
    out: list[_Cand] = []
    taken = [(c.start, c.end) for c in cands]
    for m in _A_UNIT.finditer(text):
        s = _surface_at(text, m.end(), _units()[1])
        if s is None or s.unit in _TIME_UNITS or s.kind == "percent" or not s.text.isalpha() \
                or len(s.text) < 4 or any(a <= m.start() < b for a, b in taken):
            continue
        if re.search(r"(?:\d|[%$£€])\s*[A-Za-z.]*\s*$", text[max(0, m.start() - 20):m.start()]):
            continue
        end = m.end() + len(s.text)
        out.append(_Cand(m.start(), end, 1.0, words=True, unit=s.unit, unit_kind=s.kind,
                         core=(m.start(), m.end() - 1)))
    return out


def _counts_plural(doc: Doc, text: str, start: int, end: int) -> bool:
    """ "more than 1000 customers": a 4-digit number directly counting a plural noun."""
    if re.search(r"(?i)\b(?:in|since|by|from|until|of|between|and|to|during|before|after|"
                 r"around|early|late|mid)\s+$", text[max(0, start - 12):start]):
        return False
    tok = _token_at(doc, end - 1)
    nxt = doc[tok.i + 1] if tok is not None and tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.tag_ == "NNS"


def _scale_of(lit: str) -> float:
    m = re.search(r"(thousand|million|billion|trillion|bn|mln|mn|tn|[kKMmBbTt])$", lit, re.I)
    if not m:
        return 1.0
    entry = number_words().get(m.group().lower())
    return entry[0] if entry else 1.0


def _one_is_number(doc: Doc, text: str, start: int, end: int) -> bool:
    prev = re.search(r"([A-Za-z'-]+)\W*$", text[max(0, start - 20):start])
    if prev and prev.group(1).lower() in _PRONOUN_ONE_BEFORE:
        return False
    nxt = text[end:end + 12].lower()
    if re.match(r"^\s*(?:another|day|way|thing|by one|or (?:the )?other|\d)", nxt):
        return False  # "one 52,000 barrel-a-day refinery": the other number is the figure
    tok = _token_at(doc, start)
    return tok is None or tok.pos_ in {"NUM", "DET", "ADJ"} or tok.tag_ == "CD" or "of" in nxt[:5]


def _is_label_or_name(doc: Doc, tok: Token, start: int, end: int) -> bool:
    """ "category 4", "Voyager 2", "iPhone 11", "737 Max", "575 Wilbraham Road"."""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in _labels() and prev.idx + len(prev) <= start:
        return True
    if prev is not None and (prev.pos_ == "PROPN" or prev.pos_ == "ADJ" and prev.text[:1].isupper()) \
            and any(ch.isupper() for ch in prev.text) and \
            prev.ent_type_ not in {"NORP", "DATE", "MONEY"} and \
            (not prev.is_sent_start or prev.pos_ == "PROPN") and \
            prev.idx + len(prev) <= start and not re.match(rf"{_MONTH}$", prev.text):
        return True
    last = _token_at(doc, end - 1) or tok
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
        nxt.ent_type_ not in {"NORP", "DATE", "MONEY"} and nxt.idx >= end and \
        text_is_title(nxt.text) and nxt.text not in {"US", "U.S.", "UK"}


def text_is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or len(word) > 1 and word.isupper()


def _surface_at(text: str, pos: int, surfaces: tuple[_Surface, ...]) -> _Surface | None:
    """The longest post surface starting at ``pos`` and ending at a word boundary."""
    for s in surfaces:
        n = len(s.text)
        chunk = text[pos:pos + n]
        if (chunk == s.text) if s.case else (chunk.lower() == s.text.lower()):
            tail = pos + n
            if s.text[-1].isalpha() and not s.case and len(s.text) >= 3:
                m = re.match(r"(?:es|s)(?![A-Za-z])", text[tail:tail + 3])
                if m:
                    return replace(s, text=text[pos:tail + m.end()])
            if tail < len(text) and s.text[-1].isalnum() and (text[tail].isalnum() or text[tail] in "-" and text[tail + 1:tail + 2].isalpha() and not text[tail + 1:tail + 5].lower().startswith(("long", "old", "wide", "high", "tall", "deep"))):
                continue
            return s
    return None


def _attach_unit(text: str, c: _Cand) -> None:
    pre, post = _units()
    # currency or symbol before the number: "$", "US $", "USD", "£", "PS", "Y="
    for s in pre:
        n = len(s.text)
        for gap in ("", " "):
            if gap and s.text in {"PS", "Y=", "Rs"}:
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
        s = _surface_at(text, p, post)
        if s is None:
            continue
        if c.unit and s.unit != c.unit:
            if s.kind == "currency":
                break
            continue
        if c.unit is None and s.kind == "currency" and s.text in {"US", "U.S.", "p", "kn"} and p != pos and s.text != "p":
            break
        c.unit, c.unit_kind, c.end = s.unit, s.kind, p + len(s.text)
        break
    if c.unit:
        m = re.match(r"\s*(?:per\b|an?\b|/)\s*", text[c.end:c.end + 6])
        if m:
            s2 = _surface_at(text, c.end + m.end(), post)
            if s2 is not None and s2.unit != c.unit and s2.kind == "unit":
                c.unit, c.end = f"{c.unit} per {s2.unit}", c.end + m.end() + len(s2.text)


def _compatible(a: _Cand, b: _Cand) -> bool:
    """Same unit, a bare first end ("5 to 10%"), or the same currency where one end carries
    the full rate ("from $75 per barrel to $45.88")."""
    return a.unit == b.unit or (a.unit is None and b.unit is not None) or bool(
        a.unit and b.unit and (a.unit.startswith(b.unit + " per ") or b.unit.startswith(a.unit + " per ")))


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None and a.value is not None and b.value is not None:
            gap = text[a.end:b.start]
            before = text[max(0, a.start - 12):a.start]
            if _SCORE_GAP.match(gap) and a.unit is None and b.unit is None and \
                    float(a.value).is_integer() and float(b.value).is_integer() and \
                    b.value <= a.value and a.value < 1000 and not a.words:
                i += 2  # a score: "2-0", "2-2"
                continue
            between = re.search(r"(?i)\bbetween\s+$", before)
            frm = re.search(r"(?i)\bfrom\s+$", before)
            word = gap.strip().lower().lstrip("-").strip()
            ok = _RANGE_GAP.match(gap) and (_compatible(a, b) or (between or frm) and b.unit is None) \
                and "\n" not in gap
            if ok and word == "and" and not between:
                ok = False
            unitless_lead = a.unit is None and b.unit is not None and a.value < b.value
            if ok and word == "to" and not frm and (a.unit and b.unit and a.unit != b.unit or re.search(
                    r"(?i)\b(?:by|up|down|rose|fell|increased|decreased|jumped|dropped)\s+$", before)
                    and not unitless_lead):
                ok = False  # "up 19 cents to $58.24" is a change and a level, "by 1 to 1.5 degrees" a range
            if ok and word == "or" and (a.unit or b.unit is None and not a.words):
                ok = False
            if ok:
                lo_v, hi_v = a.value, b.value
                if b.scale > 1 and a.scale == 1 and not a.words and lo_v * b.scale <= hi_v * 1.0001:
                    lo_v = lo_v * b.scale
                low, high = min(lo_v, hi_v), max(lo_v, hi_v)
                start = between.start() + a.start - len(before) if between else a.start
                unit = max((a.unit, b.unit), key=lambda u: len(u or ""))
                merged = _Cand(start, b.end, None, low, high, bound="range",
                               unit=unit, unit_kind=b.unit_kind or a.unit_kind,
                               core=(a.core[0], b.core[1]),
                               warnings=a.warnings + b.warnings)
                out.append(merged)
                i += 2
                continue
            if re.fullmatch(r"\s+(?:out of|in)\s+", gap, re.I) and a.unit is None and b.unit is None \
                    and 0 < a.value < b.value <= 100 and float(a.value).is_integer() and \
                    float(b.value).is_integer() and not a.vague and not b.vague:
                ratio = a.value / b.value  # "one in five", "nine out of 10": a proportion
                out.append(_Cand(a.start, b.end, ratio, ratio, ratio, core=(a.core[0], b.core[1]),
                                 warnings=a.warnings + b.warnings))
                i += 2
                continue
            if re.fullmatch(r"\s*(?:\+/-|±|\+-)\s*", gap) and b.value >= 0:
                unit = a.unit or b.unit  # "9.83e-3 +/- 1e-5 km/s2": a measurement uncertainty
                out.append(_Cand(a.start, b.end, a.value, a.value - b.value, a.value + b.value,
                                 bound="approx", unit=unit, unit_kind=a.unit_kind or b.unit_kind,
                                 core=a.core, warnings=a.warnings + b.warnings, spread=True))
                i += 2
                continue
            if re.fullmatch(r"\s+out of\s+", gap) and b.value < a.value:
                a.warnings.append("W102 " + message(
                    "W102", detail=f"{text[a.start:a.end]!r} out of {text[b.start:b.end]!r} "
                                   "is a part larger than its whole"))
        out.append(a)
        i += 1
    return out


def _post_bounds(text: str, c: _Cand) -> None:
    rest = text[c.end:c.end + 12]
    for phrase, position, kind, value in _approximators():
        if position != "post":
            continue
        glued = phrase[0] in "-+"
        m = re.match(("" if glued else r"\s+") + re.escape(phrase) + r"(?![A-Za-z])", rest, re.I)
        if m:
            if kind == "bound" and c.bound == "exact":
                c.bound, c.end = value, c.end + m.end()
            elif kind in {"increase", "decrease"} and c.change is None and c.unit_kind in {"percent", "currency"}:
                c.change, c.end = kind, c.end + m.end()
            return


def _pre_bounds(text: str, c: _Cand) -> None:
    lead = text[max(0, c.start - 40):c.start]
    if c.bound in {"exact", "approx", "range"}:
        for phrase, position, kind, value in _approximators():
            if position != "pre" or kind != "bound" or c.bound == "range" and value != "approx":
                continue  # "about 14-18 mpg" is an approximate range (low/high kept)
            glued = phrase[-1] in "-~"
            m = re.search(r"(?<![A-Za-z])" + re.escape(phrase) + ("" if glued else r"\s+") + "$", lead, re.I)
            if m:
                c.bound = value
                c.start -= len(lead) - m.start()
                lead = lead[:m.start()]
                break
    if c.start > 0 and text[c.start - 1] == "+":
        c.change = "increase"
        c.start -= 1
        return
    words = re.findall(r"[A-Za-z+]+|\d[\d.,%]*", lead)[-4:]
    by = False
    for w in reversed(words):
        lw = w.lower()
        kind = _change_word(lw)
        if kind and (lw in _STRONG_CHANGE or c.unit_kind in {"percent", "currency"} or
                     c.unit in {"point", "basis point"} or by or c.unit is not None and w is words[-1]):
            c.change = kind  # "fell 3%", "decrease by 1", "rise 11 feet"; not "killed 30 people"
            return
        if lw not in _CHANGE_SKIP:
            return
        by = by or lw == "by"


@cache
def _change_words() -> dict[str, str]:
    return {p: k for p, pos, k, _ in _approximators() if pos == "pre" and k in {"increase", "decrease"}}


def _change_word(word: str) -> str | None:
    return _change_words().get(word)


# ---- description: counted, measure, actor, time -------------------------------------------------


def _describe(doc: Doc, text: str, cands: list[_Cand], published: dt.date | None) -> list[FigureMatch]:
    out: list[FigureMatch] = []
    times_by_sent: dict[int, list[timex.TimeExpr]] = {}
    prev: tuple[int, FigureMatch] | None = None
    for c in cands:
        sent = measures.sentence_of(doc, c.core[0])
        d = measures.describe(doc, c.core[0], c.core[1], has_unit=c.unit is not None,
                              figure_end=c.end)
        counted, actor, measure = d.counted, d.actor, d.measure
        if c.unit in _TIME_UNITS:
            counted = actor = None  # a duration: "four weeks", "three years"
        if prev is not None and prev[0] == sent.start and c.unit is None and counted is None \
                and prev[1].counted and prev[1].unit is None:
            counted, actor = prev[1].counted, prev[1].actor  # "... killed and 1,500 wounded"
        if counted is None and c.unit is None and measure is None and prev is not None and \
                prev[0] == sent.start and re.match(r"\s+out of\s+", text[c.end:c.end + 9]) is None:
            pass
        times = times_by_sent.get(sent.start)
        if times is None:
            times = timex.find_times(text, sent.start_char, sent.end_char)
            times_by_sent[sent.start] = times
        if c.weak_one and c.unit is None and measure is None and c.bound == "exact" and not \
                re.search(r"(?i)\b(?:only|just|exactly|merely|not even|but)\s+$", text[max(0, c.start - 12):c.start]):
            continue  # "one of his own men", "one soldier who ...": not a figure; "only one" is
        t = _pick_time(doc, times, c)
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
        fm = FigureMatch(
            start=c.start, end=c.end, value=value, low=low, high=high, bound=c.bound,
            change=c.change, unit=c.unit, counted=counted, measure=measure, actor=actor,
            time=(t.start, t.end) if t else None, as_of=as_of, warnings=tuple(warnings))
        out.append(fm)
        prev = (sent.start, fm)
    _carry_out_of(text, out)
    return _drop_durations_that_are_times(out)


def _drop_durations_that_are_times(figs: list[FigureMatch]) -> list[FigureMatch]:
    """ "15,000 troops lost in less than four weeks of fighting": the duration is the other
    figure's time expression, not a figure of its own."""
    times = [f.time for f in figs if f.time is not None]
    return [f for f in figs if not (f.unit in _TIME_UNITS and f.counted is None and any(
        t[0] <= f.start and f.end <= t[1] for t in times))]


def _carry_out_of(text: str, figs: list[FigureMatch]) -> None:
    """ "750 out of 1,500 soldiers ... were killed": the part shares the whole's counted thing."""
    for i in range(len(figs) - 1):
        a, b = figs[i], figs[i + 1]
        if re.fullmatch(r"\s+out of\s+", text[a.end:b.start]):
            figs[i] = replace(a, counted=a.counted or b.counted, actor=a.actor or b.actor,
                              measure=a.measure or b.measure)
            figs[i + 1] = replace(b, measure=None)  # the whole was not all killed


def _pick_time(doc: Doc, times: list[timex.TimeExpr], c: _Cand) -> timex.TimeExpr | None:
    """The time expression of the sentence a figure is tied to: as-of points before spans,
    nearest first; an expression containing the figure itself is its own, not its time."""
    usable = [t for t in times if not (t.start <= c.core[0] and c.core[1] <= t.end)
              and timex.in_scope(doc, t, c.core[0])]
    if not usable:
        return None

    def dist(t: timex.TimeExpr) -> int:
        return min(abs(t.end - c.start), abs(c.end - t.start))

    points = [t for t in usable if t.kind == "point"]
    pool = points or usable
    return min(pool, key=dist)
