"""Clutter found by the *shape* of the text, not its wording: teaser lists, promo boxes, a second
story appended after the first one's closing credit, a second dateline.

:mod:`allegedly.ingest.clean` removes lines that page furniture's own wording gives away (the
``clutter.tsv`` lexicon). Some furniture has no such wording: a run of related-story headlines, a
promo box of bullet points, another story the extractor kept after the article's end. This module
looks for those regions with a few general signals and either **removes** them (into
``Article.removed``: the text is never changed, offsets stay valid) or, when the signal is not
strong enough to drop text, **warns** (``W331``, with the region as the warning's span):

===============================  =======  ==============================================
signal                           action   why
===============================  =======  ==============================================
2+ consecutive kicker lines      remove   ``RISK REMAINS: An official said ...``: teaser
(``ALL CAPS:`` / ``ALL CAPS?``            headlines with a cut-off excerpt (Taipei Times)
and 40+ characters after it)
2+ consecutive headline-like     remove   ``-   India shoots missiles ...`` next to
bullet lines (5+ words, no                ``- Advertisement ... Story continues below``:
colon or closing punctuation)             a related-links or promo box
in a run with lexicon furniture
the same bullets, no furniture   warn     a list of the article's own, or a box
text after the only closing      remove   ``(Reporting by ...; Editing by ...)`` ends a wire
credit, in the second half                story; a paragraph after it is another story
3+ consecutive short lines       warn     headline-like lines may be teasers, but may be
without closing punctuation               list items or subheadings as well
a second wire dateline           warn     ``LONDON (Reuters) -`` inside the text: maybe a
                                          second story, maybe a live blog's entries
several closing credits          warn     several stories, or a live blog
===============================  =======  ==============================================

Removals that would take most of the text are not made (a page that *is* a list): a W331 says
what was seen instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from allegedly.errors import message
from allegedly.model import AnalysisWarning, Removed, Span

_LINE = re.compile(r"[^\n]+")
KICKER = re.compile(r"[A-Z][A-Z0-9'’&.,-]+(?: [A-Z0-9'’&.,-]+){0,5}[:?]\s+\S.{40,}")
BULLET = re.compile(r"[-•*–·▪]\s+\S")
NUMBERED = re.compile(r"\d{1,2}[.)]\s+\S")
SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]\s*\Z")
CREDIT = re.compile(
    r"\(?(?:(?:Additional )?[Rr]eporting by|Writing by|Editing by|Compiled by)\b"
    r"|.{0,200}\bcontributed (?:reporting|to this (?:report|story|article))\b"
    r"|[—–-]?\s*With files from\b")
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:/[A-Z][A-Z.'’ -]{1,40})*,?\s+(?:" + _MONTH + r"\s+\d{1,2}\s+)?"
    r"\((?:Reuters|AP|AFP|UPI|dpa|Bloomberg)\)\s*[-–—]")

BULLET_MAX_CHARS = 160  # a bullet line longer than this is prose, not a link
KICKER_MAX_CHARS = 1200  # kicker teasers carry a cut-off excerpt of the story
SHORT_LINE_CHARS = 90  # "short" for the warn-only run of headline-like lines
MIN_SHORT_RUN = 3
MIN_TEASER_RUN = 2
BULLET_MIN_WORDS = 4  # "- Broccoli", "- Two year warranty": list items, not headlines
# lexicon reasons that mark a box of links next to bullets (not "tags-line", "reporting-credit":
# those close an article and may follow its own list)
BOX_FURNITURE = frozenset({"ad-label", "related-link", "read-more", "promo", "newsletter",
                           "video-teaser", "share-line"})
APPENDED_MIN_CHARS = 200  # text after the credit must hold this much, with a prose line
PROSE_LINE_CHARS = 100


@dataclass(frozen=True)
class Line:
    """One non-blank line of the text, with its offsets (surrounding blanks excluded)."""

    start: int
    end: int
    text: str


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with offsets; ``line.text == text[start:end]``."""
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        body = raw.strip()
        if body:
            start = m.start() + (len(raw) - len(raw.lstrip()))
            out.append(Line(start, start + len(body), body))
    return out


def find_regions(text: str, removed: Sequence[Removed] = ()
                 ) -> tuple[list[Removed], list[AnalysisWarning]]:
    """Regions of ``text`` to remove, and warnings for regions kept, by the signals above.

    ``removed`` are regions already removed (the lexicon's): lines inside them are skipped.
    """
    taken = [(r.start, r.end) for r in removed]
    every_line = lines_of(text)
    lines = [ln for ln in every_line if not _covered(ln, taken)]
    cut: list[Removed] = []
    warnings: list[AnalysisWarning] = []
    cut += _runs(text, lines, KICKER, KICKER_MAX_CHARS)
    box = [(r.start, r.end) for r in removed if r.reason in BOX_FURNITURE]
    open_starts = {ln.start for ln in lines}  # lines no lexicon rule took
    bullets, kept = _bullet_runs(text, [ln for ln in every_line if ln.start in open_starts
                                        or _covered(ln, box)], box)
    cut += bullets
    warnings += kept
    # credit lines count even when the lexicon removed them (it does: "reporting-credit")
    tail, credit_warning = _appended_story(text, every_line)
    cut += [r for r in tail if not any(s <= r.start < e for s, e in taken)]
    warnings += credit_warning
    if 2 * sum(r.end - r.start for r in cut) > sum(len(ln.text) for ln in lines):
        # a shape signal never takes most of a text: say what it saw, keep the text
        warnings += [_kept(text, cut)]
        cut = []
    taken += [(r.start, r.end) for r in cut]
    rest = [ln for ln in lines if not _covered(ln, taken)]
    warnings += _short_runs(text, rest)
    warnings += _datelines(text, rest)
    return sorted(cut, key=lambda r: r.start), warnings


def _kept(text: str, cut: Sequence[Removed]) -> AnalysisWarning:
    reasons = ", ".join(sorted({r.reason for r in cut}))
    detail = (f"{len(cut)} lines look like {reasons} but would be most of the text, so they "
              f"were kept, from offset {cut[0].start}")
    return AnalysisWarning("W331", message("W331", detail=detail),
                           Span.of(text, cut[0].start, cut[-1].end))


def _covered(line: Line, regions: Iterable[tuple[int, int]]) -> bool:
    return any(s <= line.start and line.end <= e for s, e in regions)


def _teaser_line(line: Line, marker: re.Pattern[str], max_chars: int) -> bool:
    if len(line.text) > max_chars or not marker.match(line.text):
        return False
    # a kicker teaser is a headline and a cut-off excerpt, a bullet teaser a headline:
    # neither ends with closing punctuation, as a sentence or list item would
    return not SENTENCE_END.search(line.text)


def _consecutive(lines: Sequence[Line], keep) -> list[list[Line]]:
    """Maximal runs of consecutive ``lines`` for which ``keep(line)`` holds."""
    runs: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        if keep(ln):
            cur.append(ln)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    return runs


def _runs(text: str, lines: Sequence[Line], marker: re.Pattern[str], max_chars: int
          ) -> list[Removed]:
    out = []
    for run in _consecutive(lines, lambda ln: _teaser_line(ln, marker, max_chars)):
        if len(run) >= MIN_TEASER_RUN:
            out += [Removed(ln.start, ln.end, text[ln.start:ln.end], "related-teaser")
                    for ln in run]
    return out


def _bullet_runs(text: str, every_line: Sequence[Line], taken: Sequence[tuple[int, int]]
                 ) -> tuple[list[Removed], list[AnalysisWarning]]:
    """Runs of headline-like bullet lines: removed when box furniture the lexicon removed
    (an ad label, a "Related" header: ``taken``) sits right before, after or inside the run;
    otherwise only warned about, since a list of short items can be the article's own."""
    def headline(ln: Line) -> bool:
        return (_teaser_line(ln, BULLET, BULLET_MAX_CHARS) and ":" not in ln.text
                and len(ln.text.split()) - 1 > BULLET_MIN_WORDS)

    cut: list[Removed] = []
    warnings: list[AnalysisWarning] = []
    # runs of headline bullets and furniture lines: furniture in a run marks it as a box
    for run in _consecutive(every_line, lambda ln: headline(ln) or _covered(ln, taken)):
        items = [ln for ln in run if not _covered(ln, taken)]
        if len(items) < MIN_TEASER_RUN:
            continue
        if len(items) < len(run):
            cut += [Removed(ln.start, ln.end, ln.text, "related-teaser") for ln in items]
            continue
        detail = (f"{len(items)} bullet lines that read as headlines at offset "
                  f"{items[0].start}: related links or a promo box?")
        span = Span.of(text, items[0].start, items[-1].end)
        warnings.append(AnalysisWarning("W331", message("W331", detail=detail), span))
    return cut, warnings


def _appended_story(text: str, lines: Sequence[Line]
                    ) -> tuple[list[Removed], list[AnalysisWarning]]:
    """The text after a wire story's closing credit, when it is another story."""
    credits = [i for i, ln in enumerate(lines) if CREDIT.match(ln.text)]
    if not credits:
        return [], []
    after = [lines[credits[0] + 1:]] if len(credits) == 1 else []
    if len(credits) > 1:
        first, last = lines[credits[0]], lines[credits[-1]]
        if any(_is_prose(ln) for ln in lines[credits[0] + 1:credits[-1]]):
            span = Span.of(text, first.start, last.end)
            detail = (f"{len(credits)} closing credit lines, at offsets "
                      f"{', '.join(str(lines[i].start) for i in credits)}: the page may join "
                      "several stories, or be a live blog")
            return [], [AnalysisWarning("W331", message("W331", detail=detail), span)]
        return [], []
    credit = lines[credits[0]]
    tail = after[0]
    tail_chars = sum(len(ln.text) for ln in tail)
    if (credit.start < len(text) / 2 or tail_chars < APPENDED_MIN_CHARS
            or not any(_is_prose(ln) for ln in tail)):
        return [], []
    start, end = tail[0].start, tail[-1].end
    return [Removed(start, end, text[start:end], "appended-story")], []


def _is_prose(line: Line) -> bool:
    return len(line.text) >= PROSE_LINE_CHARS and bool(SENTENCE_END.search(line.text))


def _short_runs(text: str, lines: Sequence[Line]) -> list[AnalysisWarning]:
    """Runs of short headline-like lines after the article has started (warn only)."""
    first_prose = next((i for i, ln in enumerate(lines) if _is_prose(ln)), len(lines))

    def short(ln: Line) -> bool:  # list items (bullets, "1.") are lists, not teasers
        return (len(ln.text) <= SHORT_LINE_CHARS and not SENTENCE_END.search(ln.text)
                and not BULLET.match(ln.text) and not NUMBERED.match(ln.text))

    out = []
    for run in _consecutive(lines[first_prose:], short):
        if len(run) >= MIN_SHORT_RUN:
            span = Span.of(text, run[0].start, run[-1].end)
            detail = (f"{len(run)} short lines in a row without closing punctuation at offset "
                      f"{run[0].start}: a teaser list or promo box?")
            out.append(AnalysisWarning("W331", message("W331", detail=detail), span))
    return out


def _datelines(text: str, lines: Sequence[Line]) -> list[AnalysisWarning]:
    """A second wire dateline: another story may start there (warn only)."""
    out = []
    found = [(ln, m) for ln in lines if (m := DATELINE.match(ln.text))]
    for ln, m in found[1:]:
        span = Span.of(text, ln.start, ln.start + m.end())
        detail = (f"a second dateline {m.group().strip()!r} at offset {ln.start}: another "
                  "story may start here")
        out.append(AnalysisWarning("W331", message("W331", detail=detail), span))
    return out
