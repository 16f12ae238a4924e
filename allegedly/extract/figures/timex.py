"""Time expressions a figure can be tied to, and their resolution against the publication date.

:func:`find_times` finds expressions such as "In early March", "last week", "two weeks ago",
"since Putin launched his invasion on 24 February", "in less than four weeks of fighting",
"on Monday", "in 2022" (character offsets of the text given). :func:`resolve` turns one into an
ISO date ("2022-03-06") or an ISO window ("2022-03-01/2022-03-10") relative to the article's
publication date; absolute day-month dates are parsed with ``dateparser``. :func:`in_scope`
tells whether an expression belongs to a figure's clause (or a clause above it).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from allegedly.extract.figures.numbers import words_to_number
from allegedly.extract.tokens import token_at
from allegedly.lexicons import word_list

_FEW = word_list("few_counts", "figure_words")
_ONE = word_list("one_articles", "figure_words")

CLAUSE_DEPS = frozenset({"ROOT", "relcl", "advcl", "ccomp", "conj", "xcomp", "acl", "pcomp",
                         "parataxis"})

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"fifteen|twenty|thirty|forty|fifty|a few|several|a couple of)")
_UNIT = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
_PART = r"(?:early|mid|mid-|late|the start of|the end of|the beginning of|the middle of)"
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)")

# (regex, kind, rule): kind "point" = an as-of time; "span" = a period ending at publication
_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"\bsince\s+(?:[^.,;:!?]{{0,60}}?\s)?(?:on\s+)?(?P<date>{_DATE}|{_MONTH}(?:\s+\d{{4}})?|{_DAY}|\d{{4}})(?![\w-])", re.I), "span", "since"),
    (re.compile(rf"\b(?:(?:in|during|within|over)\s+)?(?:the\s+)?(?:past|last|first)?\s*(?:less than|more than|under|nearly|almost|just|about|over)?\s*(?P<n>{_NUMW})\s+(?P<unit>{_UNIT})\b(?:\s+of\s+(?:fighting|war|conflict|the war|the invasion|combat|protests?)\b)?", re.I), "span", "duration"),
    (re.compile(rf"\b(?P<n>{_NUMW})\s+(?P<unit>{_UNIT})\s+ago\b", re.I), "point", "ago"),
    (re.compile(rf"\b(?:(?:on|by|as of|from|until)\s+)?(?:{_DAY},?\s+)?(?P<date>{_DATE})(?![\w-])", re.I), "point", "date"),
    (re.compile(rf"\b(?:(?:[Ii]n|[Bb]y|[Ff]rom|[Uu]ntil|[Dd]uring|[Aa]s of)\s+)?(?:(?P<part>{_PART})\s*)?(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?(?![\w-])"), "point", "month"),
    (re.compile(r"\b(?P<rel>last|this|past|previous)\s+(?P<unit>week|weekend|month|year)\b", re.I), "point", "relative"),
    (re.compile(r"\b(?P<rel>yesterday|today|tonight|earlier today)\b", re.I), "point", "day"),
    (re.compile(rf"\b(?:(?:on|last)\s+)?(?P<dow>{_DAY})\b"), "point", "weekday"),
    (re.compile(r"\b(?:in|during|since|by)\s+(?:(?P<part>early|mid|mid-|late)\s*)?(?P<year>(?:19|20)\d\d)\b(?!-)", re.I), "point", "year"),
]


_MONTH3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# per rule, words one of which every match of the rule's pattern contains (case-insensitively;
# a necessary condition): most sentences with a figure have no time expression, and the full
# patterns are slow to fail. The "year" rule needs a regex.
_NEEDS_WORDS: dict[str, tuple[str, ...]] = {
    "since": ("since",), "duration": ("hour", "day", "week", "month", "year", "decade"),
    "ago": ("ago",), "date": _MONTH3, "month": _MONTH3, "relative": ("week", "month", "year"),
    "day": ("yesterday", "today", "tonight"), "weekday": ("day",)}
_NEEDS = {rule: re.compile("|".join(words), re.I) for rule, words in _NEEDS_WORDS.items()}
_NEEDS["year"] = re.compile(r"(?:19|20)\d\d")


def _possible_rules(text: str, start: int, end: int) -> set[str]:
    """The rules whose keywords occur in ``text[start:end]``. On ASCII text a case-insensitive
    regex search for a word is the same as a substring test on the lower-cased text."""
    seg = text[start:end]
    if seg.isascii():
        low = seg.lower()
        found = {rule for rule, words in _NEEDS_WORDS.items() if any(w in low for w in words)}
    else:
        found = {rule for rule, rx in _NEEDS.items() if rule != "year" and rx.search(seg)}
    if _NEEDS["year"].search(seg):
        found.add("year")
    return found


@dataclass(frozen=True)
class TimeExpr:
    """A time expression: offsets in the text searched, kind (point | span), the rule that found it."""

    start: int
    end: int
    text: str
    kind: str
    rule: str


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Time expressions in ``text[start:end]``, longest first where they overlap, in text order."""
    end = len(text) if end is None else end
    found: list[TimeExpr] = []
    possible = _possible_rules(text, start, end)
    for rx, kind, rule in _PATTERNS:
        if rule not in possible:
            continue
        for m in rx.finditer(text, start, end):
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            if text[e - 1] == "." and re.search(r"(?i)(?:uary|arch|pril|May|une|uly|ugust|mber|ober)\.$", text[s:e]):
                e -= 1
            if rule == "month" and not (m["part"] or m["year"] or re.match(r"(?i)in\b|by|from|until|during|as of", text[s:e])):
                continue  # a bare "May" is too ambiguous
            if rule == "duration" and not re.match(r"(?i)in|during|within|over|the|past|last|first", text[s:e]):
                continue  # "four weeks" alone is a quantity, not a time
            found.append(TimeExpr(s, e, text[s:e], kind, rule))
    return _longest_first(found)


def _longest_first(found: list[TimeExpr]) -> list[TimeExpr]:
    """The expressions that overlap no longer one (of equally long ones, the first), in text
    order: "In early March 12 people" keeps "In early March", not also "March 12"."""
    out: list[TimeExpr] = []  # in text order, disjoint
    starts: list[int] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        i = bisect_right(starts, t.start)
        if (i > 0 and out[i - 1].end > t.start) or (i < len(out) and out[i].start < t.end):
            continue
        out.insert(i, t)
        starts.insert(i, t.start)
    return out


# ---- resolution ---------------------------------------------------------------------------------


def resolve(expr: TimeExpr, published: date | None) -> str | None:
    """ISO date or "start/end" window of ``expr`` relative to ``published`` (None if unknown)."""
    if published is None:
        return None
    text = expr.text
    low = text.lower()
    try:
        if expr.rule == "since":
            start = _absolute(re.sub(r"(?i)^since\s+", "", text), published)
            return _window(start, published) if start else None
        if expr.rule == "duration":
            m = re.search(rf"(?P<n>{_NUMW})\s+(?P<unit>{_UNIT})", text, re.I)
            if not m:
                return None
            return _window(published - _duration(m["n"], m["unit"]), published)
        if expr.rule == "ago":
            m = re.search(rf"(?P<n>{_NUMW})\s+(?P<unit>{_UNIT})", text, re.I)
            return (published - _duration(m["n"], m["unit"])).isoformat() if m else None
        if expr.rule == "date":
            d = _absolute(text, published)
            return d.isoformat() if d else None
        if expr.rule == "month":
            m = re.search(rf"(?:(?P<part>{_PART})\s*)?(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?", text)
            return _month_window(m, published) if m else None
        if expr.rule == "relative":
            return _relative(low, published)
        if expr.rule == "day":
            return (published - timedelta(days=1) if low == "yesterday" else published).isoformat()
        if expr.rule == "weekday":
            m = re.search(_DAY, text)
            target = _DAYS[m.group().lower()] if m else published.weekday()
            back = (published.weekday() - target) % 7
            return (published - timedelta(days=back)).isoformat()
        if expr.rule == "year":
            m = re.search(r"(?P<part>early|mid|late)?\s*-?\s*(?P<year>\d{4})", low)
            y = int(m["year"])
            bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(m["part"] or "", (1, 12))
            return _window(date(y, bounds[0], 1), _month_end(y, bounds[1]))
    except (ValueError, OverflowError):
        return None
    return None


def _window(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, published: date) -> int:
    """A month named without a year is the latest such month not after publication."""
    return published.year if month <= published.month else published.year - 1


def _month_window(m: re.Match[str], published: date) -> str:
    month = _MONTHS[m["month"].rstrip(".").lower()]
    year = int(m["year"]) if m["year"] else _year_for(month, published)
    last = calendar.monthrange(year, month)[1]
    part = (m["part"] or "").lower().rstrip("-")
    days = {"early": (1, 10), "the start of": (1, 10), "the beginning of": (1, 10),
            "mid": (11, 20), "the middle of": (11, 20), "late": (21, last),
            "the end of": (21, last)}.get(part, (1, last))
    return _window(date(year, month, days[0]), date(year, month, days[1]))


def _duration(n: str, unit: str) -> timedelta:
    count = _count(n)
    unit = unit.lower().rstrip("s")
    days = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[unit]
    return timedelta(days=count * days)


def _count(n: str) -> float:
    n = n.lower()
    if n in _FEW:
        return 3
    if n == "a couple of":
        return 2
    if n in _ONE:
        return 1
    try:
        return float(n)
    except ValueError:
        return words_to_number(n.split()) or 1


def _relative(low: str, published: date) -> str | None:
    rel, unit = low.split()[0], low.split()[-1]
    if unit in {"week", "weekend"}:
        monday = published - timedelta(days=published.weekday())
        if rel == "this":
            return _window(monday, published)
        if rel == "past":
            return _window(published - timedelta(days=7), published)
        if unit == "weekend":
            sat = monday - timedelta(days=2)
            return _window(sat, sat + timedelta(days=1))
        return _window(monday - timedelta(days=7), monday - timedelta(days=1))
    if unit == "month":
        first = published.replace(day=1)
        if rel == "this":
            return _window(first, published)
        if rel == "past":
            return _window(published - timedelta(days=30), published)
        prev_end = first - timedelta(days=1)
        return _window(prev_end.replace(day=1), prev_end)
    if unit == "year":
        if rel == "this":
            return _window(date(published.year, 1, 1), published)
        if rel == "past":
            return _window(published - timedelta(days=365), published)
        return _window(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31))
    return None


def _absolute(text: str, published: date) -> date | None:
    """A date inside ``text`` ("Putin launched his invasion on 24 February" -> 2022-02-24)."""
    m = re.search(_DATE, text, re.I)
    if m:
        import dateparser  # imported lazily: it is slow to load

        core = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", m.group())
        got = dateparser.parse(core, languages=["en"], settings={
            "RELATIVE_BASE": _midnight(published), "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"]})
        return got.date() if got else None
    m = re.search(rf"(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?", text)
    if m:
        month = _MONTHS[m["month"].rstrip(".").lower()]
        return date(int(m["year"]) if m["year"] else _year_for(month, published), month, 1)
    m = re.search(_DAY, text)
    if m:
        back = (published.weekday() - _DAYS[m.group().lower()]) % 7
        return published - timedelta(days=back)
    m = re.search(r"\b(\d{4})\b", text)
    return date(int(m.group(1)), 1, 1) if m else None


def _midnight(d: date):  # noqa: ANN202 - datetime
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


# ---- scope: which figure a time expression belongs to ------------------------------------------


def _token_at(doc: Doc, offset: int) -> Token | None:
    return token_at(doc, offset)


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause ``tok`` belongs to (the sentence root at the top)."""
    cur = tok
    for _ in range(40):
        if cur.dep_ in CLAUSE_DEPS and cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def in_scope(doc: Doc, t: TimeExpr, start: int) -> bool:
    """A time expression applies to the figure at character ``start`` when it sits in the
    figure's own clause or in a clause above it ("In early March, the ministry admitted that 498 ... had been killed"), not
    in a relative or side clause ("Tsimbalyuk, who reported in January, ...")."""
    ft, tt = _token_at(doc, start), _token_at(doc, t.start)
    if ft is None or tt is None:
        return True
    head = _clause_head(tt)
    return head.i == ft.i or head in ft.ancestors


def in_own_clause(doc: Doc, t: TimeExpr, start: int) -> bool:
    """The time expression sits in the clause of the figure at character ``start`` itself (not
    in a clause above it, such as the reporting clause "officials said on Monday")."""
    ft, tt = _token_at(doc, start), _token_at(doc, t.start)
    return ft is not None and tt is not None and _clause_head(tt).i == _clause_head(ft).i
