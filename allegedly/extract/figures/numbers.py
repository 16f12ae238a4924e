"""Numbers as written in news text: digit literals and number words, parsed to values.

Pure string functions (no spaCy): :func:`find_numbers` finds every number literal in a text
("1,500", "1.5 million", "$13.6M" -> the "13.6M" part, "two and a half", "a dozen",
"tens of thousands", "⅓", "2 1/2", "2.48×10−5") with character offsets and its value. Deciding
which of them are *quantities* (not dates, ordinals, names) is left to
:mod:`allegedly.extract.figures`. Number words come from ``lexicons/number_words.tsv``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from allegedly.errors import message
from allegedly.lexicons import load, word_list


@dataclass(frozen=True)
class Number:
    """One number literal. ``value`` is None for vague plurals, which set ``low``/``high``."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    words: bool = False  # spelled out ("five", "a dozen")
    vague: bool = False  # "thousands of", "dozens of": low = 1000, high = 10000
    scaled: bool = False  # carries a scale word or suffix ("1.5 million", "2.8bn")
    warnings: tuple[str, ...] = ()


# ---- lexicon ------------------------------------------------------------------------------------


@cache
def number_words() -> dict[str, tuple[float, str, bool]]:
    """word -> (value, kind, abbreviation) from ``number_words.tsv``."""
    return {r["word"].lower(): (float(r["value"]), r["kind"], r.get("abbr") == "1")
            for r in load("number_words")}


def _kind(word: str) -> str | None:
    entry = number_words().get(word.lower())
    if entry is None or entry[2] or entry[1] == "label":
        return None
    return entry[1]


def _value(word: str) -> float:
    return number_words()[word.lower()][0]


# ---- digit literals -----------------------------------------------------------------------------

_MINUS = "-−–"
_DIGIT_RE = re.compile(
    r"(?<![\d.,])(?:(?P<sign>[-−])(?=\.?\d))?"
    r"(?P<lit>"
    r"\d{1,3}(?:,\d{3})*,\d{4}(?:,\d{3})*(?!\d)"  # malformed grouping: 1,5000
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"  # 1,500,000.5
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,./-]|\s\d)"  # 10 000 (SI grouping)
    r"|\d+\.\d+|\d+|\.\d+"
    r")"
)
_SCI_RE = re.compile(r"\s?[×x*]\s?10\s?\^?(?P<exp>[-−]?\d+)|e(?P<exp2>[-+]?\d+)(?![A-Za-z])")
_POW_RE = re.compile(r"x(?P<base>\d+)\^(?P<exp>\d+)")
_FRACTION_RE = re.compile(r"(?:(?P<whole>\d+)[ -])?(?P<num>\d+)[/⁄](?P<den>\d+)(?![\d/⁄])")
_UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2,
                      "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875, "⅙": 1 / 6}
_UNICODE_RE = re.compile(r"(?:(?P<whole>\d+)\s?)?(?P<frac>[½⅓⅔¼¾⅕⅛⅜⅝⅞⅙])")
_SUFFIX_RE = re.compile(r"(?P<suf>bn|mln|mn|tn|[kKMmBbTt])(?![A-Za-z0-9])")
_MONEY_ONLY_SUFFIXES = word_list("money_only_suffixes", "figure_words")  # else metre, bit, tonne
_ARTICLES = word_list("number_articles", "figure_words")
_JOINERS = word_list("number_joiners", "figure_words")
_AFTER_HALF = word_list("after_half", "figure_words")
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥₹₽₴]|\b[A-Z]{1,3}\$?|Y=)\s?-?$")
_MINUS_WORD_RE = re.compile(r"\bminus[ -]$", re.I)
_SCALE_WORD_RE = re.compile(r"[ -](?P<w>(?:hundred\s+)?(?:thousand|million|billion|trillion)|hundred)(?![a-z])", re.I)


def parse_digits(literal: str) -> tuple[float, tuple[str, ...]]:
    """Value of a digit literal ("1,500" -> 1500.0) and W101 warnings for bad grouping.

    A malformed grouping ("1,5000") is read digit by digit (15000) and flagged, naming both
    likely intentions (15,000 or 1,500).
    """
    warnings: tuple[str, ...] = ()
    literal = re.sub(r"[ \u00a0\u2009\u202f]", "", literal)
    groups = literal.split(",")
    if len(groups) > 1 and any(len(g.split(".")[0]) != 3 for g in groups[1:]):
        digits = "".join(groups)
        whole = int(digits.split(".")[0])
        truncated = ",".join([groups[0]] + [g[:3] for g in groups[1:]])
        warnings = (f"W101 {message('W101', detail=repr(literal), suggestion=f'{whole:,} or {truncated}')}",)
    return float(literal.replace(",", "")), warnings


_DIGIT_FIRST = re.compile(r"[-−.\d]")  # every match of _DIGIT_RE starts with one of these


def finditer_at(rx: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, for a pattern that never matches empty and whose
    matches always start with a character matched by ``first``: ``rx`` is tried only there.
    (Patterns opening with a lookbehind are tried at every position by ``re``; this is the
    same search, several times faster on news text.)"""
    pos = 0
    for c in first.finditer(text):
        p = c.start()
        if p < pos:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def _times_power(value: float, base: str, exp: str) -> float:
    """``value * base ** exp`` for the digit strings of an exponent ("1e-5", "x2^10"); ``inf``
    (or NaN for an absurdly long base or exponent) when it is beyond a float, found without
    building a huge int ("1e912", "x9^99999999")."""
    if len(base) > 20 or len(exp.lstrip("+-")) > 5:
        return math.nan
    b, e = int(base), int(exp)
    if b == 0 and e < 0:
        return math.nan
    if b >= 2 and e * math.log10(b) > 400:
        return math.copysign(math.inf, value) if value else 0.0
    return value * b ** e


def _scaled(text: str, start: int, end: int, value: float) -> tuple[float, int, bool]:
    """(value, end, scaled) of a digit literal ending at ``end`` with what follows it: an
    exponent ("2.48×10−5", "1e-5", "x2^10"), a scale suffix ("2.8bn", "$13.6M": "m"/"b"/"t"
    only after money) or a scale word ("1.5 million")."""
    scaled = False
    sci = _SCI_RE.match(text, end)
    if sci:
        value, end = _times_power(value, "10", (sci["exp"] or sci["exp2"]).replace("−", "-")), \
            sci.end()
    powm = _POW_RE.match(text, end)
    if powm:
        value, end = _times_power(value, powm["base"], powm["exp"]), powm.end()
    suf = _SUFFIX_RE.match(text, end)
    if suf and suf["suf"] in _MONEY_ONLY_SUFFIXES and not _CURRENCY_BEFORE.search(
            text, max(0, start - 5), start):
        suf = None
    if suf:
        entry = number_words().get(suf["suf"].lower())
        if entry is not None:
            value, end, scaled = value * entry[0], suf.end(), True
    else:
        word = _SCALE_WORD_RE.match(text, end)
        if word:
            factor = 1.0
            for w in word["w"].split():
                factor *= _value(w)
            value, end, scaled = value * factor, word.end(), True
    return value, end, scaled


MAX_DIGITS = 300
"""A digit literal (or fraction part) of more digits is not read as a value: a float holds at
most ~1.8e308, and Python refuses to convert ints of over 4,300 digits. Such a literal is kept
as a number without a value, which the figure extractor skips (never ``Infinity`` in JSON)."""


def _year_pair(first: int, second: int) -> bool:
    """"2025/2026", "2023/24": a financial year or season written as two years, not a fraction."""
    return 1800 <= first <= 2199 and (second == first + 1 or second == (first + 1) % 100)


def _digit_numbers(text: str) -> list[Number]:
    out: list[Number] = []
    last = 0
    for m in finditer_at(_DIGIT_RE, _DIGIT_FIRST, text):
        if m.start() < last:
            continue
        start, end = m.start(), m.end()
        if sum(c.isdigit() for c in m["lit"]) > MAX_DIGITS:
            out.append(Number(start, end, None))
            last = end
            continue
        value, warnings = parse_digits(m["lit"])
        frac = _FRACTION_RE.match(text, m.start("lit"))
        if frac and max(len(g or "") for g in frac.groups()) > MAX_DIGITS:
            frac = None
        if frac and int(frac["den"]) and not text[frac.end():frac.end() + 1].isalnum():
            num, den = int(frac["num"]), int(frac["den"])
            if frac["whole"] or num < den and not _year_pair(num, den):
                value = (int(frac["whole"]) if frac["whole"] else 0) + num / den
                end = frac.end()
            else:  # "24/7", "9/11", dates, "the 2025/2026 budget": not a fraction; skip it all
                out.append(Number(start, frac.end(), None))
                last = frac.end()
                continue
        uni = _UNICODE_RE.match(text, m.start("lit"))
        if uni and uni["whole"] and uni.end() > end:
            value, end = int(uni["whole"]) + _UNICODE_FRACTIONS[uni["frac"]], uni.end()
        value, end, scaled = _scaled(text, start, end, value)
        minus = _MINUS_WORD_RE.search(text, max(0, start - 6), start)
        if m["sign"]:
            value = -value
        elif minus:
            value, start = -value, minus.start()
        if not math.isfinite(value):  # "1e912", "9.9e307 billion": beyond a float
            value, scaled, warnings = None, False, ()
        out.append(Number(start, end, value, scaled=scaled, warnings=warnings))
        last = end
    starts = [n.start for n in out]  # ascending: the matches come in text order
    for m in _UNICODE_RE.finditer(text):
        if m["whole"]:
            continue
        i = bisect_right(starts, m.start()) - 1  # the last number starting at or before it
        if i < 0 or not m.start() < out[i].end:
            out.append(Number(m.start(), m.end(), _UNICODE_FRACTIONS[m["frac"]]))
    return out


# ---- number words -------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z]+|&|,")


def words_to_number(words: list[str]) -> float | None:
    """Value of a sequence of number words ("a", "hundred", "and", "two" -> 102.0).

    Handles units, tens, hundreds, scales, "a dozen", fractions ("two thirds", "one sixth"),
    "and a half" and "half a million". Returns None when the words do not form a number.
    """
    total, cur, seen, after_and = 0.0, 0.0, False, False
    for raw in words:
        w = raw.lower()
        if w in _JOINERS:
            after_and = w != ","
            continue
        if w in _ARTICLES:
            continue
        kind = _kind(w)
        if kind is None:
            return None
        v = _value(w)
        if kind in {"unit", "tens"}:
            cur += v
        elif kind == "hundred":
            cur = (cur or 1) * 100
        elif kind == "scale":
            total += (cur or 1) * v
            cur = 0.0
        elif kind == "dozen":
            cur = (cur or 1) * 12
        elif kind == "fraction":
            cur = (cur or 1) / v
        elif kind == "half":
            cur = cur + v if after_and else (cur or 1) * v
        else:
            return None
        seen = True
        after_and = False
    return total + cur if seen else None


@cache
def _run_starters() -> frozenset[str]:
    """Lower-cased words a number-word expression can start with: ``_word_run`` returns None
    at once for every other word (checked first, since most words of a text are no number)."""
    return frozenset(w for w in number_words() if _kind(w) is not None) | _ARTICLES


def _word_numbers(text: str) -> list[Number]:
    toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    out: list[Number] = []
    starters = _run_starters()
    i = 0
    while i < len(toks):
        if toks[i][2].lower() not in starters:
            i += 1
            continue
        got = _word_run(text, toks, i)
        if got is None:
            i += 1
            continue
        j, number = got
        out.append(number)
        i = j
    return out


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Tokens ``a`` and ``b`` are separated only by spaces or one hyphen."""
    gap = text[a[1]:b[0]]
    return gap.strip(" ") in {"", "-"} and "\n" not in gap and len(gap) <= 2


def _opening(text: str, toks: list[tuple[int, int, str]], i: int
             ) -> tuple[int, Number] | bool | None:
    """Can a number-word run start at token ``i``? True (read on), None (no), or a finished
    "a half of" / "a third of"."""
    w0 = toks[i][2].lower()
    k0 = _kind(w0)
    if w0 in _ARTICLES:
        if i + 1 >= len(toks) or not _joined(text, toks[i], toks[i + 1]):
            return None
        k1 = _kind(toks[i + 1][2])
        if k1 in {"fraction", "half"} and i + 2 < len(toks) and toks[i + 2][2].lower() == "of":
            v = _value(toks[i + 1][2])
            return i + 2, Number(toks[i][0], toks[i + 1][1], v if k1 == "half" else 1 / v,
                                 words=True)
        if k1 not in {"hundred", "scale", "dozen"}:
            return None
    elif k0 not in {"unit", "tens", "half"}:
        return None
    if k0 == "half":  # only "half a million" / "half of" / "half the"
        nxt = [t[2].lower() for t in toks[i + 1:i + 3]]
        if not nxt or nxt[0] not in _AFTER_HALF:
            return None
        if nxt[0] == "a" and not (len(nxt) > 1 and _kind(nxt[1]) == "scale"):
            return None
    return True


def _run_words(text: str, toks: list[tuple[int, int, str]], i: int, k0: str | None
               ) -> tuple[int, list[str]]:
    """(end index, words) of the number words joined to token ``i`` ("two hundred and
    fifty", "one and a half", "3 million, 200")."""
    j = i + 1
    words = [toks[i][2]]
    prev_kind = k0
    while j < len(toks) and _joined(text, toks[j - 1], toks[j]) or (
            j < len(toks) and toks[j][2] == "," and prev_kind == "scale"):
        w = toks[j][2].lower()
        k = _kind(w)
        if w in _JOINERS and w != "," and j + 1 < len(toks) \
                and prev_kind in {"hundred", "scale", "unit", "tens"}:
            nxt = toks[j + 1][2].lower()
            nk = _kind(nxt)
            if nk in {"unit", "tens"} and prev_kind in {"hundred", "scale"}:
                words.append(w)
                j += 1
                continue
            if nxt == "a" and j + 2 < len(toks) and _kind(toks[j + 2][2]) == "half":
                words += [w, "a"]
                j += 2
                continue
            break
        if w == "," and prev_kind == "scale" and j + 1 < len(toks) and _kind(toks[j + 1][2]) in {"unit", "tens"}:
            words.append(w)
            j += 1
            continue
        if w == "a" and prev_kind == "half" and j + 1 < len(toks) and _kind(toks[j + 1][2]) == "scale":
            words.append(w)
            j += 1
            continue
        if k is None or k == "vague" or (k in {"unit", "tens"} and prev_kind in {"unit", "fraction"}):
            break
        if k == "half" and prev_kind not in {"unit", "tens"}:
            break
        words.append(w)
        prev_kind = k
        j += 1
    return j, words


def _word_run(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, Number] | None:
    """The number-word expression starting at token ``i`` (end index, Number) or None."""
    vague = _vague(text, toks, i)
    if vague is not None:
        return vague
    opening = _opening(text, toks, i)
    if opening is not True:
        return opening  # no number here, or a finished one ("a half of")
    k0 = _kind(toks[i][2].lower())
    j, words = _run_words(text, toks, i, k0)
    value = words_to_number(words)
    if value is None:
        return None
    if len(words) == 1 and k0 == "half":
        value = 0.5
    scaled = any(_kind(w) == "scale" for w in words)
    return j, Number(toks[i][0], toks[j - 1][1], value, words=True, scaled=scaled)


def _vague(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, Number] | None:
    """"thousands", "tens of thousands", "hundreds of millions", "dozens" (+ a trailing "of")."""
    if _kind(toks[i][2]) != "vague":
        return None
    low = _value(toks[i][2])
    j = i + 1
    if (j + 1 < len(toks) and toks[j][2].lower() == "of" and _kind(toks[j + 1][2]) == "vague"
            and _value(toks[j + 1][2]) > low):
        low *= _value(toks[j + 1][2])
        j += 2
    if toks[i][2].lower() == "tens" and j == i + 1:
        return None  # "tens" alone is not a number
    end = toks[j - 1][1]
    if j < len(toks) and toks[j][2].lower() == "of":
        end = toks[j][1]
    high = low * 10
    return j, Number(toks[i][0], end, None, low=low, high=high, words=True, vague=True)


# ---- everything ---------------------------------------------------------------------------------


def find_numbers(text: str) -> list[Number]:
    """All number literals of ``text`` in order (digits, words, vague plurals), not overlapping.

    Digit literals absorb a following scale word or suffix ("1.5 million", "2.8bn"). Nothing is
    filtered here: dates, ordinals and names are rejected by the figure extractor.
    """
    numbers = _digit_numbers(text)
    taken = [(n.start, n.end) for n in numbers]
    for n in _word_numbers(text):
        if not any(s < n.end and n.start < e for s, e in taken):
            numbers.append(n)
    numbers.sort(key=lambda n: n.start)
    return numbers


def trigger_forms() -> frozenset[str]:
    """Lower-cased words that can start or scale a number (for the cheap pre-pass)."""
    return frozenset(w for w, (_, kind, abbr) in number_words().items()
                     if kind != "label" and not abbr)
