"""From a number literal to a figure candidate: the named checks that say a number is no
quantity (a date, a clock time, an address, an ordinal, a name such as "iPhone 11" ...).

:func:`candidate` reads one :class:`~allegedly.extract.figures.numbers.Number` as a
:class:`Reading` and walks the check lists of :mod:`allegedly.extract.figures.steps` in order:

1. ``GLUED`` (digit literals only): what the characters glued to the number make of it -- the
   first check that applies decides (a hyphen that is no minus sign, "TA-35", "J1149.5+6663",
   "km^2", "COVID -19", "M21" are rejected; "sub-10" becomes a bound);
2. ``LITERAL`` (digit literals only): dates, clock times, addresses, ratings, ordinals,
   counters ("[1/5]"), decades, seasons, appositive ages -- any that applies rejects;
3. ``CANDIDATE`` (every number, the unit attached in between): ranks, the pronoun "one",
   glued letters, labels and names, years, "two weeks ago", "a two-month contract".

A check returns True to reject (a ``GLUED`` check may instead return ``KEEP`` -- it applies and
the number stays -- after changing the reading). Each can be switched off by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from allegedly.extract.figures.numbers import Number, finditer_at, number_words
from allegedly.extract.figures.units import (
    TIME_UNITS,
    Cand,
    attach_unit,
    currency_prefix_words,
    surface_at,
    units,
)
from allegedly.extract.rules import Rule
from allegedly.extract.tokens import token_at
from allegedly.lexicons import word_list

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_BEFORE = re.compile(rf"\b{MONTH}\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}\b")
_CLOCK_AFTER = re.compile(r"^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT\b|BST\b|EDT\b|EST\b|"
                          r"PDT\b|PST\b|CET\b|UTC\b|ET\b|PT\b|o'clock)")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
# "200,000 to-260,000", "her now-18 month-old": a hyphen after a word, not a minus sign
_HYPHEN_WORD = re.compile(r"(?i)\b(?:to|now|then|nearly|almost|about|some)$")
# "9 E 71st St", "16-18 Industrial Avenue", "49 Zorro Ranch Road": a street number
_ADDRESS_AFTER = re.compile(
    r"^(?:[-–]\d+)?\s+(?:[NSEW]\.?\s+)?(?:(?:[A-Z][\w']*|\d+(?:st|nd|rd|th))\s+){0,3}"
    r"(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|"
    r"Terrace|Square|Sq|Highway|Hwy|Parkway|Pkwy)\b")
# "slipped towards the bottom three during", "finish in the top four.": a league position
_RANK_BEFORE = re.compile(r"(?i)\bthe\s+(?:top|bottom)\s+$")
_RANK_AFTER = re.compile(r"^\s*(?:[.,;:)!?]|$|\s+(?:of|in|on|at|during|for|with|and|by|after|"
                         r"before|this|last|next|again)\b)")
_PRONOUN_ONE_BEFORE = word_list("pronoun_one_before", "figure_words")
_NOT_NAME_AFTER = word_list("not_name_after", "figure_words")
KEEP = "keep"


@dataclass
class Reading:
    """A number being read as a figure: ``before``/``after`` are the 40 characters around the
    literal as found; a ``GLUED`` check may move ``start`` (and ``lit``) or mark ``sub``."""

    doc: Doc
    text: str
    n: Number
    start: int
    end: int
    lit: str
    before: str
    after: str
    sub: bool = False  # "sub-10": a bound below the value
    cand: Cand | None = None  # set for the CANDIDATE checks

    @classmethod
    def of(cls, doc: Doc, text: str, n: Number) -> Reading:
        return cls(doc, text, n, n.start, n.end, text[n.start:n.end],
                   text[max(0, n.start - 40):n.start], text[n.end:n.end + 40])


# ---- GLUED: the first that applies decides ----------------------------------------------------


def hyphen_after_word(r: Reading) -> str | None:
    """"200,000 to-260,000": a hyphen after a word is no minus sign (the value stays positive)."""
    if not (r.start > 1 and r.text[r.start] in "-−" and _HYPHEN_WORD.search(r.before)
            and r.n.value is not None):
        return None
    r.n = replace(r.n, start=r.start + 1, value=-r.n.value)
    r.start, r.lit = r.n.start, r.text[r.n.start:r.end]
    return KEEP


def glued_name(r: Reading) -> bool | str | None:
    """"TA-35", "COVID-19", "s-1": a number hyphenated to a word is part of a name or symbol
    (not after "minus" or "sub": "sub-10" is a bound below 10)."""
    text, start = r.text, r.start
    if not (start > 0 and text[start] in "-−" and text[start - 1].isalpha()):
        return None
    if not re.search(r"(?i)\b(?:minus|sub)$", r.before):
        return True
    if r.before.lower().endswith("sub") and r.n.value is not None:
        r.n = replace(r.n, start=start - 3, value=-r.n.value)
        r.sub = True
    return KEEP


def designation(r: Reading) -> bool | None:
    """"MACS J1149.5+6663": a number after a "+" glued to a letter or digit is a designation."""
    return True if r.start > 1 and r.text[r.start - 1] == "+" and r.text[r.start - 2].isalnum() \
        else None


def exponent(r: Reading) -> bool | None:
    """"km^2", "2^10": an exponent."""
    return True if r.start > 0 and r.text[r.start - 1] == "^" else None


def spaced_code(r: Reading) -> bool | None:
    """"COVID -19": a code written with a space before its hyphen."""
    text, start = r.text, r.start
    return True if start > 1 and text[start] == "-" and text[start - 1] == " " \
        and re.search(r"\b[A-Z]{3,}$", r.before[:-1]) else None


def glued_code(r: Reading) -> bool | str | None:
    """"M21", "iPhone11", "J1149": letters glued before the number (not a currency prefix such
    as "$US55,931,000", "$A82,615,680")."""
    text, start, before = r.text, r.start, r.before
    if not (start > 0 and (text[start - 1].isalpha() or text[start - 1] in "/@#_\\")):
        return None
    run = re.search(r"[A-Za-z]+$", before)
    glued = run and any(before.endswith(s.text) and not s.text[:1].isalnum()
                        for s in units()[0])
    if not glued and (not run or run.group() not in currency_prefix_words() or (
            start - len(run.group()) > 0 and text[start - len(run.group()) - 1].isalnum())):
        return True
    return KEEP


# ---- LITERAL: any that applies rejects --------------------------------------------------------


def date(r: Reading) -> bool:
    """"24 February", "March 29", "July 4, 2016": a day of a month."""
    return bool(_MONTH_BEFORE.search(r.before) or _MONTH_AFTER.match(r.after.lstrip(" ")))


def clock_time(r: Reading) -> bool:
    """"10 am", "10:27", "5:00 AM", "as of 18.00", "at about 7.30", "16.00 local time": a time
    of day."""
    after, before = r.after, r.before
    return bool(_CLOCK_AFTER.match(after) and re.fullmatch(r"\d{1,2}(?:[.:][0-5]\d)?", r.lit)
                or after[:1] == ":" and after[1:2].isdigit()
                or before[-1:] == ":" and before[-2:-1].isdigit()
                or _dotted_time(r))


# "as of 18.00", "from 9.00 to 17.00", "at about 7.30", "16.00 local time", "24.00 on March 31"
_DOT_TIME = r"(?:[01]?\d|2[0-4])\.[0-5]\d"
_DOT_TIME_BEFORE = re.compile(rf"(?i)(?:\b(?:as of|since|until|till|at (?:about|around))"
                              rf"|\bfrom\s+{_DOT_TIME}\s*(?:to|-|–|until|till))\s*$")
_DOT_TIME_SPAN = re.compile(rf"^\s*(?:to|-|–|until|till)\s*(?P<t>{_DOT_TIME})(?!\d)")
_DOT_TIME_AFTER = re.compile(
    rf"(?i)^\s*(?:hrs\b|h\b|local time|GMT\b|UTC\b|CET\b|EET\b|(?:Kyiv|Kiev|Moscow) time|"
    rf"on\s+(?:{MONTH}\b|\d{{1,2}}(?:\.\d\d|\s+{MONTH})))")


def _dotted_time(r: Reading) -> bool:
    """A clock time written with a dot: time words before or after it, or "from 22.00 to
    06.00", and no unit after it ("closed at 12.50", "from 1.50 to 2.50 percent" stay
    numbers)."""
    if not re.fullmatch(_DOT_TIME, r.lit):
        return False
    if _DOT_TIME_AFTER.match(r.after):
        return True
    if re.search(r"(?i)\bfrom\s+$", r.before):
        span = _DOT_TIME_SPAN.match(r.after)
        return span is not None and _no_unit_at(r.text, r.end + span.end())
    return bool(_DOT_TIME_BEFORE.search(r.before)) and _no_unit_at(r.text, r.end)


def _no_unit_at(text: str, end: int) -> bool:
    """No unit or percent sign follows ``text[:end]``."""
    pos = end + (1 if text[end:end + 1] == " " else 0)
    return surface_at(text, pos, units()[1]) is None and text[pos:pos + 1] != "%"


def address(r: Reading) -> bool:
    """"9 E 71st St", "16-18 Industrial Avenue": a street number."""
    return bool(_ADDRESS_AFTER.match(r.after))


def rating(r: Reading) -> bool:
    """"Ander Herrera: 4 Started the episode": a rating after a name and a colon."""
    return bool(re.search(r"(?:^|[^\w])[A-Z][\w'.-]*:\s$", r.before)
                and re.match(r"^\s+[A-Z][a-z]", r.after)
                and re.fullmatch(r"\d{1,2}(?:\.\d)?", r.lit))


def ordinal(r: Reading) -> bool:
    """"1st", "96th-minute": an ordinal."""
    return bool(_ORDINAL_AFTER.match(r.after))


def counter(r: Reading) -> bool:
    """"[1/5]", "(3/12)": a gallery or thread counter (item 1 of 5), not the fraction 0.2."""
    return bool(re.fullmatch(r"\d{1,3}/\d{1,3}", r.lit) and r.before.endswith(("[", "("))
                and r.after.startswith(("]", ")")))


def decade(r: Reading) -> bool:
    """"1960s", "2022′s", "Model 3s": a decade, a possessive year, a plural name."""
    return bool(re.match(r"^['′’]?s\b", r.after) and re.fullmatch(r"\d+", r.lit))


def season(r: Reading) -> bool:
    """"2013-14": a season or a span of years."""
    return bool(re.search(r"\b(?:1[5-9]|20)\d\d[-–]$", r.before)
                or re.match(r"^[-–](?:1[5-9]|20)?\d\d\b(?![-–])", r.after)
                and re.fullmatch(r"(?:1[5-9]|20)\d\d", r.lit))


def age_apposition(r: Reading) -> bool:
    """"Senard, 65, now faces": an age in apposition to a name."""
    if not (re.match(r"^,\s", r.after) and re.search(r"[A-Z][a-z]+,\s$", r.before)
            and re.fullmatch(r"\d{1,3}", r.lit) and 0 < (r.n.value or 0) < 120):
        return False
    tok = token_at(r.doc, r.start - 3)
    return tok is not None and tok.pos_ == "PROPN"


# ---- CANDIDATE: after the unit is attached (rank and "one" before it) ----------------------


def rank(r: Reading) -> bool:
    """"the bottom three", "the top four": a league position, nothing counted."""
    text, start, end = r.text, r.start, r.end
    return bool(_RANK_BEFORE.search(text[max(0, start - 16):start])
                and _RANK_AFTER.match(text[end:end + 12]))


def pronoun_one(r: Reading) -> bool:
    """"the one", "no-one", "one another": "one" as a pronoun (a kept "one" is weak: a figure
    only with a unit, a measure or as a ratio)."""
    c = r.cand
    if not (r.n.words and r.text[r.start:r.end].lower() == "one"):
        return False
    if not _one_is_number(r.doc, r.text, r.start, r.end):
        return True
    if c is not None:
        c.weak_one = True
    return False


def glued_letters(r: Reading) -> bool:
    """"06F6", "5G": letters glued after a digit literal that are no unit."""
    c = r.cand
    return bool(c is not None and c.unit is None and r.after[:1].isalpha() and not r.n.words
                and not r.n.scaled)


def label_or_name(r: Reading) -> bool:
    """"category 4", "Voyager 2", "iPhone 11", "737 Max": a number in a name or after a
    label word."""
    c, n, lit = r.cand, r.n, r.lit
    if c is None or c.unit is not None or not (("," not in lit or n.words)
                                               and (not n.words or lit[:1].isupper())):
        return False
    tok = token_at(r.doc, r.start)
    return tok is not None and not (n.words and tok.is_sent_start) and \
        _is_label_or_name(r.doc, tok, r.start, r.end)


def year(r: Reading) -> bool:
    """"in 2016": a year (a four-digit number 1500-2199 counting nothing, with no unit)."""
    c = r.cand
    return bool(c is not None and c.yearlike and c.unit is None)


def ago(r: Reading) -> bool:
    """"two weeks ago": a date, not a quantity."""
    c = r.cand
    return bool(c is not None and c.unit in {"year", "month", "week", "day", "hour", "minute",
                                             "decade"}
                and re.match(r"^\s*ago\b", r.text[c.end:c.end + 8]))


_RELATIVE_AFTER = re.compile(r"^\s*(?:later|earlier|afterwards?|beforehand)\b", re.I)


def relative_time(r: Reading) -> bool:
    """"Two years later", "a few days earlier": a time relative to another event, not a
    quantity (like "two weeks ago")."""
    c = r.cand
    return bool(c is not None and c.unit in {"year", "month", "week", "day", "hour", "minute",
                                             "decade"}
                and _RELATIVE_AFTER.match(r.text[c.end:c.end + 14]))


def kind_duration(r: Reading) -> bool:
    """"a two-month contract", "its three-year forecast": a kind of thing, not a figure."""
    c, text = r.cand, r.text
    return bool(c is not None and r.n.words and c.unit in TIME_UNITS
                and re.fullmatch(r"[A-Za-z]+-[A-Za-z]+", text[c.start:c.end])
                and re.match(r"^ (?:[$£€]|[A-Za-z])", text[c.end:c.end + 3]))


# ---- the walk -----------------------------------------------------------------------------


def candidate(doc: Doc, text: str, n: Number, glued: tuple[Rule, ...],
              literal: tuple[Rule, ...], checks: tuple[Rule, ...],
              on: Callable[[str], bool]) -> Cand | None:
    """A figure candidate for number ``n`` with its unit attached; None if a check rejects it.
    ``glued``/``literal``/``checks``: the check lists of ``steps.py``; ``on(name)``: whether a
    check is switched on."""
    if n.value is None and not n.vague:
        return None
    r = Reading.of(doc, text, n)
    if not n.words:
        for rule in glued:
            if on(rule.name) and (verdict := rule.fn(r)) is not None:
                if verdict is True:
                    return None
                break
        if any(on(rule.name) and rule.fn(r) for rule in literal):
            return None
    return _checked(r, checks, on)


def _checked(r: Reading, checks: tuple[Rule, ...], on: Callable[[str], bool]) -> Cand | None:
    """The candidate of reading ``r`` after the ``CANDIDATE`` checks (unit attached before the
    checks that read it: all but ``figure.not_rank`` and ``figure.not_pronoun_one``)."""
    n, start, end, lit, text = r.n, r.start, r.end, r.lit, r.text
    c = Cand(start, end, n.value, n.low, n.high, words=n.words, vague=n.vague,
             warnings=list(n.warnings), core=(start, end), method=_kind(n))
    if n.vague:
        c.bound = "approx"
    if r.sub:
        c.bound, c.start = "less_than", n.start
    if n.scaled and n.value is not None:
        c.scale = _scale_of(lit)
    if not n.words and re.fullmatch(r"(?:1[5-9]|2[01])\d\d", lit) \
            and not _counts_plural(r.doc, text, start, end):
        c.yearlike = True
    r.cand = c
    unit_attached = False
    for rule in checks:
        if rule.name not in _BEFORE_UNIT and not unit_attached:
            attach_unit(text, c)
            unit_attached = True
        if on(rule.name) and rule.fn(r):
            return None
    if not unit_attached:
        attach_unit(text, c)
    return c


_BEFORE_UNIT = frozenset({"figure.not_rank", "figure.not_pronoun_one"})


def _kind(n: Number) -> str:
    """The method of a figure read off number ``n``."""
    if n.vague:
        return "figure.vague_plural"
    return "figure.number_words" if n.words else "figure.cardinal"


def _counts_plural(doc: Doc, text: str, start: int, end: int) -> bool:
    """ "more than 1000 customers": a 4-digit number directly counting a plural noun."""
    if re.search(r"(?i)\b(?:in|since|by|from|until|of|between|and|to|during|before|after|"
                 r"around|early|late|mid)\s+$", text[max(0, start - 12):start]):
        return False
    tok = token_at(doc, end - 1)
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
    tok = token_at(doc, start)
    return tok is None or tok.pos_ in {"NUM", "DET", "ADJ"} or tok.tag_ == "CD" or "of" in nxt[:5]


@cache
def _labels() -> frozenset[str]:
    return frozenset(w for w, (_, kind, _) in number_words().items() if kind == "label")


def _is_label_or_name(doc: Doc, tok: Token, start: int, end: int) -> bool:
    """ "category 4", "Voyager 2", "iPhone 11", "737 Max", "575 Wilbraham Road"."""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in _labels() and prev.idx + len(prev) <= start:
        return True
    if prev is not None and (prev.pos_ == "PROPN" or prev.pos_ == "ADJ" and prev.text[:1].isupper()) \
            and any(ch.isupper() for ch in prev.text) and \
            prev.ent_type_ not in {"NORP", "MONEY"} and not (
                prev.ent_type_ == "DATE" and re.match(rf"(?:{MONTH}|{WEEKDAY})\.?$", prev.text)) and \
            (not prev.is_sent_start or prev.pos_ == "PROPN") and \
            prev.idx + len(prev) <= start and not re.match(rf"{MONTH}$", prev.text):
        return True
    last = token_at(doc, end - 1) or tok
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text.isupper() and re.search(r"\.\d", doc.text[start:end]):
        return False  # "(0.5 WAR)", "a 3.2 GPA": a decimal is measured, not a name
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
        nxt.ent_type_ not in {"NORP", "DATE", "MONEY"} and nxt.idx >= end and \
        text_is_title(nxt.text) and nxt.text not in _NOT_NAME_AFTER


def text_is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or len(word) > 1 and word.isupper()


# ---- checks over the whole text -----------------------------------------------------------

_PHONE = re.compile(r"(?<![\d,.])(?:\+\d{1,3}[ .-]?)?\(?\d{2,5}\)?[ .-]\d{3,4}[ .-]\d{3,4}(?![\d,])")
_PHONE_FIRST = re.compile(r"[+(\d]")  # every match of _PHONE starts with one of these


def phone_spans(text: str) -> list[tuple[int, int]]:
    """"+44 20 7946 0000", "(555) 123-4567": phone numbers (nine digits or more) hold no
    figure."""
    return [m.span() for m in finditer_at(_PHONE, _PHONE_FIRST, text)
            if sum(c.isdigit() for c in m.group()) >= 9]


# "17.03.22 09:15", "24.06.2022", "05-07-2015", "10/26/2022", "4/4/22": a date written in
# digits (the year two or four digits; with hyphens only a four-digit year)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?:\d{4}|\d{2})(?![\d]|[.,/]\d)"
    r"|(?<![\d.,/-])(?P<c>\d{1,2})-(?P<d>\d{1,2})-(?:19|20)\d\d(?![\d]|[.,/-]\d)")
_NUMERIC_DATE_FIRST = re.compile(r"\d")


def numeric_date_spans(text: str) -> list[tuple[int, int]]:
    """"17.03.22 09:15", "24.06.2022", "05-07-2015", "10/26/2022": a date written in digits
    (day and month in either order, a two- or four-digit year) holds no figure."""
    out = []
    for m in finditer_at(_NUMERIC_DATE, _NUMERIC_DATE_FIRST, text):
        a, b = (int(m["a"]), int(m["b"])) if m["a"] else (int(m["c"]), int(m["d"]))
        if min(a, b) >= 1 and (a <= 12 and b <= 31 or b <= 12 and a <= 31):
            out.append(m.span())
    return out


def digit_runs(text: str, numbers: list[Number]) -> set[int]:
    """"245 23 yen": bare digit groups side by side that are no thousands grouping are no
    value at all (returns the starts of both)."""
    out: set[int] = set()
    for a, b in zip(numbers, numbers[1:], strict=False):
        if not a.words and not b.words and text[a.end:b.start] == " " and \
                re.fullmatch(r"\d{1,3}", text[a.start:a.end]) and re.fullmatch(r"\d{1,2}|\d{4,}", text[b.start:b.end]):
            out |= {a.start, b.start}
    return out



def modifies_noun(doc: Doc, end: int) -> bool:
    """ "a point record", "a gallon jug": the unit word is a modifier, not one unit of measure."""
    tok = token_at(doc, end - 1)
    return tok is not None and (tok.dep_ in {"compound", "amod"} or tok.i + 1 < len(doc) and
                                doc[tok.i + 1].pos_ == "NOUN" and doc[tok.i + 1].idx == end + 1)

