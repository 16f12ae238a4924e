"""Clutter removal that keeps offsets.

:func:`find_clutter` lists the regions of a text that are page furniture rather than article
(consent notices, related-link teasers, share lines, "Source: Read Full Article" ...). It never
changes the text: callers keep ``Article.text`` intact and record the regions in
``Article.removed``, so every offset in an analysis still points into the text the user gave.

The patterns live in ``allegedly/lexicons/clutter.tsv`` (one commented row per rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from allegedly.lexicons import load
from allegedly.model import Removed

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class ClutterRule:
    """One row of ``clutter.tsv``, compiled."""

    reason: str
    mode: str  # "line" (whole line), "tail" (end of a line) or "end" (a line, by its end)
    max_chars: int
    regex: re.Pattern[str]


@cache
def rules() -> tuple[ClutterRule, ...]:
    """The compiled clutter rules, in lexicon order (first matching rule wins)."""
    out: list[ClutterRule] = []
    for row in load("clutter"):
        pattern = row["pattern"]
        flags = 0 if pattern.startswith("(?-i)") else re.IGNORECASE
        if pattern.startswith("(?-i)"):
            pattern = pattern[len("(?-i)"):]
        if row["mode"] not in ("line", "tail", "end"):
            raise ValueError(f"clutter.tsv: unknown mode {row['mode']!r} for {row['pattern']!r}")
        body = f"(?:{pattern})" + (r"\Z" if row["mode"] in ("tail", "end") else "")
        out.append(ClutterRule(row["reason"], row["mode"], int(row["max_chars"] or 300),
                               re.compile(body, flags)))
    return tuple(out)


def _strip_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_clutter(text: str) -> list[Removed]:
    """Regions of ``text`` that are clutter, in text order, each with its reason.

    A line is clutter when one ``line`` rule matches all of it (surrounding blanks ignored), an
    ``end`` rule matches its last :data:`END_WINDOW` characters (the whole line goes: a caption
    known by its closing credit), or a ``tail`` rule matches its end (only that part goes).
    ``Removed.text == text[start:end]`` always holds.
    """
    found: list[Removed] = []
    for m in _LINE.finditer(text):
        start, end = _strip_bounds(text, m.start(), m.end())
        if start == end:
            continue
        line = text[start:end]
        for rule in rules():
            if rule.mode == "line":
                if len(line) <= rule.max_chars and rule.regex.fullmatch(line):
                    found.append(Removed(start, end, line, rule.reason))
                    break
            elif rule.mode == "end":
                if len(line) <= rule.max_chars and _ends_with(rule, line):
                    found.append(Removed(start, end, line, rule.reason))
                    break
            else:
                hit = rule.regex.search(line, max(0, len(line) - rule.max_chars))
                if hit and hit.start() > 0:  # a tail rule never eats the whole line
                    s, e = _strip_bounds(text, start + hit.start(), start + hit.end())
                    found.append(Removed(s, e, text[s:e], rule.reason))
                    break
    return found


END_WINDOW = 200  # an "end" rule looks at this many characters at the end of a line
END_MIN_PREFIX = 10  # ... and the line holds at least this much before the match


def _ends_with(rule: ClutterRule, line: str) -> bool:
    hit = rule.regex.search(line, max(0, len(line) - END_WINDOW))
    return hit is not None and hit.start() >= END_MIN_PREFIX


def without(text: str, removed: list[Removed] | tuple[Removed, ...]) -> str:
    """``text`` with the removed regions cut out (blank lines left behind collapsed)."""
    parts: list[str] = []
    pos = 0
    for r in sorted(removed, key=lambda r: r.start):
        parts.append(text[pos:r.start])
        pos = max(pos, r.end)
    parts.append(text[pos:])
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", "".join(parts)).strip()
