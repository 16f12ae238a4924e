"""Direct quotations: where the quoted stretches of a text start and end.

News conventions handled here (all over character offsets of the text, no parse needed):

* curly (“…”) and straight ("…") double quotes; single quotes are left alone (they are mostly
  scare quotes and apostrophes in headlines);
* a quote left open at the end of a paragraph *continues* when the next paragraph opens with a
  quote mark (the multi-paragraph convention), giving one quote with one segment per paragraph;
* a quote left open at the end of a paragraph whose next paragraph does not open with a quote
  mark is closed at the paragraph end and flagged ``closed=False`` (never crash; recover);
* a stray closing mark with no opening one is ignored, except a closing mark typed for an
  opening one at the start of a paragraph (``”Fear. …” ― Name``);
* typewriter pairs (``''…''`` and ````…''``) count as double quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from allegedly.extract.matches import Offsets

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
_PARA_RE = re.compile(r"[^\n]*\S[^\n]*")  # a line with a visible character
_WORD_RE = re.compile(r"\w+")
_MARK_RE = re.compile("[" + re.escape(OPEN_MARKS + CLOSE_MARKS + STRAIGHT) + "]")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch. ``start``/``end`` include the marks; ``segments`` exclude them."""

    start: int
    end: int
    segments: tuple[Offsets, ...]
    closed: bool = True

    @property
    def inner(self) -> Offsets:
        """First inner character to last inner character (marks excluded)."""
        return self.segments[0][0], self.segments[-1][1]

    def words(self, text: str) -> int:
        """Number of words inside the quote."""
        return sum(len(_WORD_RE.findall(text[s:e])) for s, e in self.segments)


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space/line start/opening punctuation."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev.isspace() or prev in "([{—–-:;" or i == 0:
        return not nxt.isspace()
    return False


def _closing_mark_opens(text: str, i: int, ps: int, pe: int) -> bool:
    """A closing mark typed for an opening one: it starts its paragraph, a word follows it, and
    another closing mark ends a stretch later in the paragraph (``”Fear. I am afraid …” ― X``)."""
    return not text[ps:i].strip() and i + 1 < pe and not text[i + 1].isspace() \
        and text.find(text[i], i + 1, pe) > 0


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted stretches of ``text`` in order (see the module docstring)."""
    text = text.replace("''", '"\'').replace("``", '"`')  # typewriter '' quote pairs (NYT style)
    paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the opening mark of the quote being read
    segs: list[Offsets] = []  # finished segments of a multi-paragraph quote
    for pi, (ps, pe) in enumerate(paras):
        seg_start: int | None = None
        if open_at is not None:  # continuing from the previous paragraph
            lead = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
            seg_start = lead + 1
        # only the quote marks change the state: visit them, skip the characters between
        for m in _MARK_RE.finditer(text, ps if seg_start is None else seg_start, pe):
            i, ch = m.start(), m.group()
            if open_at is None or seg_start is None:
                if ch in OPEN_MARKS or (ch == STRAIGHT and _is_opening_straight(text, i)) \
                        or (ch in CLOSE_MARKS and _closing_mark_opens(text, i, ps, pe)):
                    open_at, seg_start, segs = i, i + 1, []
            elif ch in CLOSE_MARKS or ch == STRAIGHT:
                segs.append((seg_start, i))
                quotes.append(Quote(open_at, i + 1, tuple(segs)))
                open_at, seg_start, segs = None, None, []
            elif ch in OPEN_MARKS and i > seg_start:  # a new quote opens: recover by closing
                segs.append((seg_start, _rstrip(text, seg_start, i)))
                quotes.append(Quote(open_at, segs[-1][1], tuple(segs), closed=False))
                open_at, seg_start, segs = i, i + 1, []
        if open_at is not None and seg_start is not None:
            end = _rstrip(text, seg_start, pe)
            segs.append((seg_start, end))
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            first = text[nxt[0]:nxt[1]].lstrip()[:1] if nxt is not None else ""
            if first and first in OPEN_MARKS + STRAIGHT:
                continue  # the quote runs on into the next paragraph
            quotes.append(Quote(open_at, end, tuple(segs), closed=False))
            open_at, segs = None, []
    return [q for q in quotes if any(e > s for s, e in q.segments)]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote overlapping the character range ``[start, end)``, if any."""
    for q in quotes:
        if q.start < end and start < q.end:
            return q
    return None
