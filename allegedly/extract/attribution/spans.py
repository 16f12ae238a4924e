"""Span helpers shared by every attribution strategy: trimming, paragraphs, quotes near a
position, and :func:`make_match`, which turns a cue + content + source into an
:class:`AttributionMatch` (quote snapping, dateline, paragraph segments, an excluded
parenthetical, quote type, cue class).

All are pure functions over a parsed ``Doc`` and character offsets of its text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from allegedly.extract.attribution.cues import DOUBT_FORMS
from allegedly.extract.attribution.sources import named_span
from allegedly.extract.matches import AttributionMatch, Offsets, SourceMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.tokens import text_of

_PARA_SPLIT = re.compile(r"\n+")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
                       r"(?: \([^)\n]{1,30}\))? ?[-–—]{1,2} ")
MIN_QUOTE_WORDS = 4


def end_of(t: Token) -> int:
    """Character offset just after token ``t``."""
    return t.idx + len(t.text)


def trim(doc: Doc, start: int, end: int) -> Offsets | None:
    """Token range [start, end) as char offsets, with edge punctuation/space tokens removed
    (opening and closing quote marks are kept), and a dangling conjunction at its end."""
    while start < end and (doc[start].is_punct and doc[start].text not in '“"‘'
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in '”"’'
                           or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1  # "the economy was weak, [and]": a conjunction left dangling by a cut
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def paragraph(text: str, pos: int) -> Offsets:
    """Start and end offsets of the line (paragraph) of ``text`` containing ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def inside(a: Offsets, b: Offsets) -> bool:
    """Does ``b`` contain ``a``?"""
    return b[0] <= a[0] and a[1] <= b[1]


def rtrim_punct(text: str, a: int, b: int) -> int:
    """End of ``text[a:b]`` with trailing space and clause punctuation removed."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;—–-("):
        b -= 1
    return b


def ltrim_punct(text: str, a: int, b: int) -> int:
    """Start of ``text[a:b]`` with leading space and clause punctuation removed."""
    while a < b and (text[a].isspace() or text[a] in ",;—–-)"):
        a += 1
    return a


def quote_after(doc: Doc, pos: int, quotes: list[Quote], limit: int = 3) -> Quote | None:
    """A quote opening within ``limit`` non-space characters after offset ``pos``."""
    text = text_of(doc)
    for q in quotes:
        if q.start >= pos:
            gap = text[pos:q.start]
            if len(gap.strip()) <= limit and "\n\n\n" not in gap:
                return q
            return None
    return None


def after_colon(text: str, pos: int) -> Offsets | None:
    """``The governor added: It's typical ...``: the rest of the paragraph, or the next one."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if text[pos:end].strip():
        return ltrim_punct(text, pos, end), end
    m = re.search(r"\S[^\n]*", text[end:])
    return (end + m.start(), end + m.end()) if m else None


def inside_own_quote(content: Offsets, cue: Offsets, quotes: list[Quote]) -> Offsets | None:
    """A cue inside a quote ('“We show anger, we show emotion,” said Harvey') has its content
    inside the same quote: it never runs out over the closing mark."""
    for q in quotes:
        if q.start < cue[0] < q.end:
            if q.start <= content[0] and content[1] <= q.end:
                return content
            s, e = max(content[0], q.inner[0]), min(content[1], q.inner[1])
            return (s, e) if e > s else None
    return content


def before_quoted_speaker(text: str, content: Offsets, speaker: Offsets, quotes: list[Quote]
                          ) -> Offsets | None:
    """'“A,” Dana Whitfield, an adviser, said': a content the parser ran on past the closing mark
    over the speaker ends with the quote it starts with, when only a comma or space lies between
    that quote and the speaker; None when the speaker sits inside the content otherwise."""
    for q in quotes:
        opens = content[0] <= q.start or not text[q.start:content[0]].strip(_OPENING_MARKS)
        if opens and q.end <= speaker[0] and q.start < content[1] \
                and not text[q.end:speaker[0]].strip(" ,'\u00a0"):
            return content[0], q.end
    return None


_OPENING_MARKS = "“\"'‘«"


def clip_to_paragraph(text: str, content: Offsets, cue: Offsets) -> Offsets | None:
    """Keep the content inside the cue's paragraph (parses can run over unpunctuated lines);
    multi-paragraph quotes are restored later by :func:`snap`."""
    ps, pe = paragraph(text, cue[0])
    s, e = max(content[0], ps), min(content[1], pe)
    return (s, e) if e > s else None


def _segments(text: str, start: int, end: int) -> tuple[Offsets, ...]:
    """Split a content range at paragraph breaks (multi-paragraph quotes become segments)."""
    segs: list[Offsets] = []
    pos = start
    for m in _PARA_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            segs.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        segs.append((pos, end))
    out = []
    for s, e in segs:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def snap(doc: Doc, content: Offsets, cue: Offsets | None, quotes: list[Quote]) -> Offsets:
    """Extend a content range to cover the whole of every quote it overlaps (not the cue's)."""
    s, e = content
    for q in quotes:
        if q.start < e and s < q.end:
            if cue is not None and q.start <= cue[0] < q.end:
                continue
            s, e = min(s, q.start), max(e, q.end)
    return s, e


def _quote_type(content: tuple[Offsets, ...], quotes: list[Quote]) -> str:
    total = sum(e - s for s, e in content)
    inside_chars = 0
    for s, e in content:
        for q in quotes:
            a, b = max(s, q.start), min(e, q.end)
            if b > a:
                inside_chars += b - a
    if inside_chars == 0:
        return "indirect"
    return "direct" if inside_chars >= total - 2 else "mixed"


def _cls(row: dict[str, str], doc: Doc, content: tuple[Offsets, ...]) -> str:
    cls = row["class"]
    if cls == "report":
        words = {w.lower() for s, e in content for w in re.findall(r"\w+", text_of(doc)[s:e])}
        if words & DOUBT_FORMS:
            return "dispute"
    return cls


def make_match(doc: Doc, cue: Offsets | None, row: dict[str, str], content: Offsets,
               quotes: list[Quote], source: SourceMatch | None,
               exclude: Offsets | None = None, around_cue: bool = False
               ) -> AttributionMatch | None:
    """Build the link: snap ``content`` to the quotes it overlaps, drop a dateline, split it at
    paragraph breaks, cut out ``exclude`` (a parenthetical "X said" inside it), keep it off the
    cue (unless ``around_cue``: "[X] is expected [to win]" has content on both sides of an
    excluded cue), and set quote type and cue class (``row`` is the cue's lexicon row). None
    when nothing is left of the content. The strategy's ``method`` is set by the dispatcher."""
    text = text_of(doc)
    s, e = snap(doc, content, cue, quotes)
    dateline = _DATELINE.match(text, s, e)
    if dateline is not None:  # "MERINSK, May 6 (CPA) - At least 34 ...": not part of the claim
        s = dateline.end()
    segs = _segments(text, s, e)
    if exclude is not None:  # a parenthetical "X said" inside its content
        cut: list[Offsets] = []
        for a, b in segs:
            if a < exclude[0]:
                cut.append((a, rtrim_punct(text, a, min(b, exclude[0]))))
            if b > exclude[1]:
                cut.append((ltrim_punct(text, max(a, exclude[1]), b), b))
        segs = tuple((a, b) for a, b in cut if b > a)
    if not segs:
        return None
    speaker = named_span(source)
    if cue is not None and not around_cue and segs[0][0] <= cue[0] < segs[-1][1] and not (
            speaker and segs[0][0] <= speaker[0]):
        segs = _off_cue(segs, cue)
        if not segs:
            return None
    return AttributionMatch(cue=cue, cue_lemma=row["lemma"], cue_class=_cls(row, doc, segs),
                            content=segs, quote=_quote_type(segs, quotes), source=source)


def _off_cue(segs: tuple[Offsets, ...], cue: Offsets) -> tuple[Offsets, ...]:
    """The cue sits inside its own content (e.g. a snapped quote around it): keep the part
    before or after the cue, whichever is longer."""
    before = [(a, min(b, cue[0])) for a, b in segs if a < cue[0]]
    after = [(max(a, cue[1]), b) for a, b in segs if b > cue[1]]
    pick = before if sum(b - a for a, b in before) >= sum(b - a for a, b in after) else after
    return tuple((a, b) for a, b in pick if b > a)


__all__ = ["MIN_QUOTE_WORDS", "after_colon", "clip_to_paragraph", "end_of", "inside",
           "inside_own_quote", "ltrim_punct", "make_match", "paragraph", "quote_after",
           "rtrim_punct", "snap", "text_of", "trim"]
