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
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from allegedly.errors import message
from allegedly.extract import measures, timex
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import FigureMatch
from allegedly.extract.numbers import (
    Number,
    find_numbers,
    finditer_at,
    number_words,
    trigger_forms,
)
from allegedly.extract.ranges import merge_ranges
from allegedly.extract.tokens import token_at
from allegedly.extract.units import (
    TIME_UNITS,
    Cand,
    attach_unit,
    currency_prefix_words,
    single_units,
    unit_aliases,  # noqa: F401 - re-exported for the evaluation
    units,
)
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
_PHONE_FIRST = re.compile(r"[+(\d]")  # every match of _PHONE starts with one of these
_CHANGE_SKIP = {"by", "just", "only", "a", "further", "another", "from", "some", "is", "was",
                "were", "are", "be", "been", "has", "have", "had", "still", "sharply", "nearly",
                "almost", "slightly", "about", "around", "roughly", "more", "than", "over", "up"}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
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
_PRONOUN_ONE_BEFORE = {"the", "this", "that", "each", "any", "every", "no", "which", "same",
                       "another", "a", "an", "last", "no-one", "someone", "anyone",
                       "everyone", "little", "big", "new", "old", "right", "wrong", "other"}
_STRONG_CHANGE = {"up", "down", "+"}


# ---- lexicons -----------------------------------------------------------------------------------


@cache
def _approximators() -> tuple[tuple[str, str, str, str], ...]:
    rows = [(r["phrase"].lower(), r["position"], r["kind"], r.get("value", ""))
            for r in load("approximators")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _labels() -> frozenset[str]:
    return frozenset(w for w, (_, kind, _) in number_words().items() if kind == "label")


# ---- the extractor ------------------------------------------------------------------------------


def find_figures(doc: Doc, published: dt.date | None = None) -> list[FigureMatch]:
    """Figures stated in ``doc``, in text order, as :class:`FigureMatch` (``doc.text`` offsets).

    ``published`` anchors relative time expressions ("last week"); without it ``as_of`` stays
    None and figures tied to a time expression carry a ``W103`` warning.
    """
    text = doc.text
    phones = [m.span() for m in finditer_at(_PHONE, _PHONE_FIRST, text)
              if sum(c.isdigit() for c in m.group()) >= 9]
    cands: list[Cand] = []
    numbers = find_numbers(text)
    runs = _digit_runs(text, numbers)
    for n in numbers:
        if any(s <= n.start < e for s, e in phones) or n.start in runs:
            continue
        c = _candidate(doc, text, n)
        if c is not None:
            cands.append(c)
    singles = [c for c in single_units(text, cands) if not _modifies_noun(doc, c.end)]
    cands = sorted(cands + singles, key=lambda c: c.start)
    cands = merge_ranges(text, cands)
    for c in cands:
        _post_bounds(text, c)
        _pre_bounds(text, c)
    _accounting_negatives(text, cands)
    _inherit_in_conversions(text, cands)
    _changes_by(doc, text, cands)
    return _describe(doc, text, cands, published)


def _digit_runs(text: str, numbers: list[Number]) -> set[int]:
    """ "245 23 yen": bare digit groups side by side that are no thousands grouping are no
    value at all; the starts of both."""
    out: set[int] = set()
    for a, b in zip(numbers, numbers[1:], strict=False):
        if not a.words and not b.words and text[a.end:b.start] == " " and \
                re.fullmatch(r"\d{1,3}", text[a.start:a.end]) and re.fullmatch(r"\d{1,2}|\d{4,}", text[b.start:b.end]):
            out |= {a.start, b.start}
    return out


_ACCOUNTING_BEFORE = re.compile(r"(?i)(?:\b(?:is|was|were|are|be|been|of|at|totall?ed)|:)\s*\($")


def _accounting_negatives(text: str, cands: list[Cand]) -> None:
    """ "The annual revenue is ($99.99)": a money amount alone in parentheses, not converting
    another figure, is negative (accounting notation)."""
    for c in cands:
        if c.unit_kind == "currency" and c.value is not None and c.value > 0 and \
                text[c.end:c.end + 1] == ")" and _ACCOUNTING_BEFORE.search(text[max(0, c.start - 12):c.start]):
            c.value, c.start, c.end = -c.value, c.start - 1, c.end + 1


def _changes_by(doc: Doc, text: str, cands: list[Cand]) -> None:
    """ "grow sales by 35%": the verb of "by N" is a change verb with its object in between;
    "A was down 2.3%, B by 2.6%": an elided change verb, the previous figure's change."""
    prev: Cand | None = None
    for c in cands:
        if c.change is None and re.search(r"(?i)\bby\s+$", text[max(0, c.start - 4):c.start]):
            by = _token_at(doc, c.start - 3)
            head = by.head if by is not None and by.lower_ == "by" else None
            if head is not None and head.pos_ == "VERB" and (
                    _change_word(lemma(head)) or _change_word(head.lower_)):
                c.change = _change_word(lemma(head)) or _change_word(head.lower_)
            elif prev is not None and prev.change and prev.unit == c.unit and c.unit is not None and \
                    re.fullmatch(r",\s+[A-Z][\w.&' ]{0,30}\s+by\s+", text[prev.end:c.start]):
                c.change = prev.change
        prev = c


_CONVERSION_GAP = re.compile(r"\s*\(\s*")
_CONVERSION_NEXT = re.compile(r"\s*/\s*")


def _inherit_in_conversions(text: str, cands: list[Cand]) -> None:
    """ "just under 296 hp (224 kW / 300 PS)", "more than 7.5 million crowns (US $1.1 million)":
    a conversion in parentheses states the same figure, so it takes its bound and change."""
    inside = False
    for a, b in zip(cands, cands[1:], strict=False):
        gap = text[a.end:b.start]
        inside = bool(_CONVERSION_GAP.fullmatch(gap) or inside and _CONVERSION_NEXT.fullmatch(gap))
        if not inside or a.unit is None or b.unit is None or a.unit_kind != b.unit_kind or \
                a.unit_kind not in {"unit", "currency"} or a.unit == b.unit:
            inside = False
            continue
        if b.bound == "exact" and a.bound != "range":
            b.bound = a.bound
        if b.change is None:
            b.change = a.change


def _modifies_noun(doc: Doc, end: int) -> bool:
    """ "a point record", "a gallon jug": the unit word is a modifier, not one unit of measure."""
    tok = _token_at(doc, end - 1)
    return tok is not None and (tok.dep_ in {"compound", "amod"} or tok.i + 1 < len(doc) and
                                doc[tok.i + 1].pos_ == "NOUN" and doc[tok.i + 1].idx == end + 1)


def _token_at(doc: Doc, offset: int) -> Token | None:
    return token_at(doc, offset)


def _candidate(doc: Doc, text: str, n: Number) -> Cand | None:
    """A figure candidate for number ``n``, with unit attached; None if not a quantity."""
    if n.value is None and not n.vague:
        return None
    start, end = n.start, n.end
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    lit = text[start:end]
    sub = False
    if not n.words:
        if start > 1 and text[start] in "-−" and _HYPHEN_WORD.search(before) and n.value is not None:
            n = replace(n, start=start + 1, value=-n.value)  # "200,000 to-260,000": a hyphen
            start, lit = n.start, text[n.start:end]
        elif start > 0 and text[start] in "-−" and text[start - 1].isalpha():
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
                                for s in units()[0])  # "$US55,931,000", "$A82,615,680"
            if not glued and (not run or run.group() not in currency_prefix_words() or (
                    start - len(run.group()) > 0 and text[start - len(run.group()) - 1].isalnum())):
                return None  # "M21", "iPhone11", "J1149"
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after.lstrip(" ")):
            return None  # "24 February", "March 29", "July 4, 2016"
        if _CLOCK_AFTER.match(after) and re.fullmatch(r"\d{1,2}(?:[.:][0-5]\d)?", lit) or after[:1] == ":" and after[1:2].isdigit() or (
                before[-1:] == ":" and before[-2:-1].isdigit()):
            return None  # "10 am", "10:27", "5:00 AM"
        if _ADDRESS_AFTER.match(after):
            return None  # "9 E 71st St", "16-18 Industrial Avenue"
        if re.search(r"(?:^|[^\w])[A-Z][\w'.-]*:\s$", before) and re.match(r"^\s+[A-Z][a-z]", after) and \
                re.fullmatch(r"\d{1,2}(?:\.\d)?", lit):
            return None  # "Ander Herrera: 4 Started the episode": a rating after a name
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
    c = Cand(start, end, n.value, n.low, n.high, words=n.words, vague=n.vague,
              warnings=list(n.warnings), core=(start, end))
    if n.vague:
        c.bound = "approx"
    if sub:
        c.bound, c.start = "less_than", n.start
    if n.scaled and n.value is not None:
        c.scale = _scale_of(lit)
    if not n.words and re.fullmatch(r"(?:1[5-9]|2[01])\d\d", lit) and not _counts_plural(doc, text, start, end):
        c.yearlike = True
    if _RANK_BEFORE.search(text[max(0, start - 16):start]) and _RANK_AFTER.match(text[end:end + 12]):
        return None  # "the bottom three": a league position, nothing counted
    if n.words and text[start:end].lower() == "one":
        if not _one_is_number(doc, text, start, end):
            return None
        c.weak_one = True  # kept only with a unit, a measure or as a ratio ("one in five")
    attach_unit(text, c)
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
    if n.words and c.unit in TIME_UNITS and re.fullmatch(r"[A-Za-z]+-[A-Za-z]+", text[c.start:c.end]) \
            and re.match(r"^ (?:[$£€]|[A-Za-z])", text[c.end:c.end + 3]):
        return None  # "a two-month contract", "its three-year forecast": a kind, not a figure
    return c


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
            prev.ent_type_ not in {"NORP", "MONEY"} and not (
                prev.ent_type_ == "DATE" and re.match(rf"(?:{_MONTH}|{_WEEKDAY})\.?$", prev.text)) and \
            (not prev.is_sent_start or prev.pos_ == "PROPN") and \
            prev.idx + len(prev) <= start and not re.match(rf"{_MONTH}$", prev.text):
        return True
    last = _token_at(doc, end - 1) or tok
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text.isupper() and re.search(r"\.\d", doc.text[start:end]):
        return False  # "(0.5 WAR)", "a 3.2 GPA": a decimal is measured, not a name
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
        nxt.ent_type_ not in {"NORP", "DATE", "MONEY"} and nxt.idx >= end and \
        text_is_title(nxt.text) and nxt.text not in {"US", "U.S.", "UK"}


def text_is_title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or len(word) > 1 and word.isupper()


@cache
def _post_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(regex, kind, value) of the "post" approximators, in lexicon order (longest first)."""
    return tuple((re.compile(("" if phrase[0] in "-+" else r"\s+") + re.escape(phrase)
                             + r"(?![A-Za-z])", re.I), kind, value)
                 for phrase, position, kind, value in _approximators() if position == "post")


@cache
def _pre_bound_patterns() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """(any of them, ((regex, value), ...)) of the "pre" bound approximators, in lexicon order.
    The alternation of all of them only answers whether one of them can match."""
    pats = tuple((r"(?<![A-Za-z])" + re.escape(phrase) + ("" if phrase[-1] in "-~" else r"\s+")
                  + "$", value)
                 for phrase, position, kind, value in _approximators()
                 if position == "pre" and kind == "bound")
    return (re.compile("|".join(f"(?:{p})" for p, _ in pats), re.I),
            tuple((re.compile(p, re.I), value) for p, value in pats))


@cache
def _pre_bound_longest() -> int:
    return max((len(phrase) for phrase, position, kind, _ in _approximators()
                if position == "pre" and kind == "bound"), default=0)


def _pre_bound_possible(lead: str) -> bool:
    """Can a "pre" bound phrase end ``lead``? Each pattern is phrase + whitespace (or a glued
    "-"/"~") + end, and a phrase matches as many characters as it has, so a match starts no
    earlier than the trailing whitespace minus the longest phrase: search only there."""
    ws = len(lead) - len(lead.rstrip())
    pos = max(0, len(lead) - ws - _pre_bound_longest())
    return _pre_bound_patterns()[0].search(lead, pos) is not None


_LEAD_WORDS = re.compile(r"[A-Za-z+]+|\d[\d.,%]*")


def _post_bounds(text: str, c: Cand) -> None:
    rest = text[c.end:c.end + 12]
    for rx, kind, value in _post_patterns():
        m = rx.match(rest)
        if m:
            if kind == "bound" and c.bound == "exact":
                c.bound, c.end = value, c.end + m.end()
            elif kind in {"increase", "decrease"} and c.change is None and c.unit_kind in {"percent", "currency"}:
                c.change, c.end = kind, c.end + m.end()
            return


def _pre_bounds(text: str, c: Cand) -> None:
    lead = text[max(0, c.start - 40):c.start]
    if c.bound in {"exact", "approx", "range"} and _pre_bound_possible(lead):
        for rx, value in _pre_bound_patterns()[1]:
            if c.bound == "range" and value != "approx":
                continue  # "about 14-18 mpg" is an approximate range (low/high kept)
            m = rx.search(lead)
            if m:
                c.bound = value
                c.start -= len(lead) - m.start()
                lead = lead[:m.start()]
                break
    if c.start > 0 and text[c.start - 1] == "+":
        c.change = "increase"
        c.start -= 1
        return
    words = _LEAD_WORDS.findall(lead)[-4:]
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


def _describe(doc: Doc, text: str, cands: list[Cand], published: dt.date | None) -> list[FigureMatch]:
    out: list[FigureMatch] = []
    times_by_sent: dict[int, list[timex.TimeExpr]] = {}
    prev: tuple[int, FigureMatch] | None = None
    for c in cands:
        sent = measures.sentence_of(doc, c.core[0])
        d = measures.describe(doc, c.core[0], c.core[1], has_unit=c.unit is not None,
                              figure_end=c.end)
        counted, actor, measure = d.counted, d.actor, d.measure
        if c.unit in TIME_UNITS:
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
