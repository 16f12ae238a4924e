"""Wire credits: which news agency's copy an article is ("WASHINGTON (AP) —").

:func:`detect_wire` looks, in order, at (strategies, first match wins):

1. ``dateline``: a dateline credit at the start of a paragraph near the top, "CITY (AP) —",
   "KYIV, April 8 (Reuters) -" (an agency of the lexicon, or any 2-8 capital letters in the
   parentheses: datelines credit agencies by their short names);
2. ``reuters_signoff``: Reuters' closing "(Reporting by …; Editing by …)";
3. ``signoff``: a closing agency credit, "— Ukrinform." at the end of the text;
4. ``byline``: the author field or a byline line naming an agency ("AFP", "By Jane Doe,
   Associated Press", "Associated Press writer").

Agencies and their aliases are in ``lexicons/wires.tsv``. Only the head (first 600
characters) and tail (last 600) of the text are read, so the cost does not grow with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from allegedly.lexicons import load

HEAD = 600
TAIL = 600


@dataclass(frozen=True)
class WireCredit:
    """A wire credit found in an article: the agency, the rule and where."""

    wire: str
    method: str
    start: int
    end: int
    text: str


@cache
def _aliases() -> dict[str, str]:
    return {r["alias"].casefold(): r["name"] for r in load("wires")}


@cache
def _alias_pattern() -> str:
    names = sorted({r["alias"] for r in load("wires")}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    alias = _alias_pattern()
    return {
        "dateline": re.compile(
            rf"(?:^|\n)\s*[A-Z][A-Za-z.'’\- ]{{1,40}}(?:,[A-Za-z0-9 .]{{1,25}})?\s*"
            rf"\((?P<wire>{alias}|[A-Z]{{2,8}})\)\s*[-—–]"),
        "reuters_signoff": re.compile(
            r"\((?:Additional )?(?:Reporting|Writing) by [^()]{2,200}?"
            r"(?:Editing|Writing) by [^()]{2,200}\)", re.I),
        "signoff": re.compile(rf"[-—–]\s*(?P<wire>{alias})\.?\s*$"),
        "byline": re.compile(
            rf"(?:^|\n)\s*(?:By [A-Z][^\n,]{{1,60}},\s*)?(?P<wire>{alias})"
            rf"(?: (?:staff )?writers?)?\s*(?:\n|$)"),
    }


def _credit(match: re.Match[str], method: str, offset: int, wire: str | None = None
            ) -> WireCredit | None:
    found = wire or match.group("wire")
    name = wire or _aliases().get(found.casefold()) or (
        found if method == "dateline" and found.isupper() else None)
    if name is None:
        return None
    start, end = match.start() + offset, match.end() + offset
    return WireCredit(name, method, start, end, match.group(0).strip())


def detect_wire(text: str, author: str | None = None) -> WireCredit | None:
    """The wire credit of an article (None when it credits no agency)."""
    text = text or ""
    head, tail_at = text[:HEAD], max(0, len(text) - TAIL)
    tail = text[tail_at:]
    pats = _patterns()
    m = pats["dateline"].search(head)
    if m:
        return _credit(m, "dateline", 0)
    m = pats["reuters_signoff"].search(tail)
    if m:
        return _credit(m, "reuters_signoff", tail_at, wire="Reuters")
    m = pats["signoff"].search(tail)
    if m:
        return _credit(m, "signoff", tail_at)
    if author:
        name = _aliases().get(author.strip().casefold())
        if name:
            return WireCredit(name, "byline", -1, -1, author.strip())
    m = pats["byline"].search(head)
    if m:
        return _credit(m, "byline", 0)
    return None


def wire_of(text: str, author: str | None = None) -> str | None:
    """Just the agency name of :func:`detect_wire` (None when none)."""
    credit = detect_wire(text, author)
    return credit.wire if credit else None
