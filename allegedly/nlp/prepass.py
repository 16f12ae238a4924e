"""The cheap pre-pass: decide which paragraphs need the full parse.

The expensive part of an analysis is spaCy's tagger, parser and NER. A paragraph with no
reporting cue, no quote mark, no colon, no number and no hedge cue cannot hold an attribution
or a figure, so it is not parsed; its sentences still become (publisher-asserted) claims.

The selected paragraphs are joined into one (shorter) text per chunk; an :class:`OffsetMap`
translates offsets in that text back to offsets in the article text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from allegedly.model import Removed

JOINER = "\n\n"
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\n")
_ALWAYS = re.compile(r"[0-9\"“”‘’«»:]|(?<!\w)'|'(?!\w)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PRONOUN = re.compile(r"\b(?:he|she|they|his|her|him|their|them|it)\b", re.I)


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of a chunk text to article offsets: pieces of (chunk_start, article_start, length)."""

    pieces: tuple[tuple[int, int, int], ...]

    @cached_property
    def _starts(self) -> list[int]:
        """Chunk starts of the pieces (computed once, not per offset mapped)."""
        return [p[0] for p in self.pieces]

    def to_article(self, offset: int, *, end: bool = False) -> int:
        """Article offset of chunk ``offset`` (``end=True`` for exclusive end offsets)."""
        starts = self._starts
        probe = offset - 1 if end and offset > 0 else offset
        i = max(0, bisect_right(starts, probe) - 1)
        chunk_start, article_start, length = self.pieces[i]
        delta = min(max(offset - chunk_start, 0), length)
        return article_start + delta

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_article(start), self.to_article(end, end=True)


@dataclass(frozen=True)
class Chunk:
    """A text to parse and how its offsets map back to the article text.

    ``context``: chunk chars ``[0, context)`` repeat the end of the previous window of a long
    text, so that a pronoun at this window's start still finds its antecedent; what lies
    entirely in them was already reported by that window (0: no context).
    """

    text: str
    offsets: OffsetMap
    context: int = 0


MASK = "\xa0"  # whitespace to str.strip and spaCy, but no blank line to paragraphs()


def mask(text: str, removed: Iterable[Removed]) -> str:
    """``text`` with removed regions blanked (no-break spaces, newlines kept) so offsets stay
    valid. A removed whole line does not become a blank line, which would switch
    :func:`paragraphs` from one paragraph per line to one per blank line."""
    chars = list(text)
    for r in removed:
        for i in range(r.start, min(r.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank paragraphs as (start, end), whitespace-trimmed. Blank lines separate paragraphs
    when the text has any; otherwise every line is a paragraph."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*splitter.finditer(text), None]:
        end = m.start() if m else len(text)
        seg = text[pos:end]
        stripped = seg.strip()
        if stripped:
            lead = len(seg) - len(seg.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return out


def needs_parse(paragraph: str, triggers: frozenset[str]) -> bool:
    """True if the paragraph has a digit, quote mark, colon or a trigger word (also as a part
    of a hyphenated word, which the tokenizer splits: "a two-year-old boy")."""
    if _ALWAYS.search(paragraph):
        return True
    return any(_is_trigger(w.group().lower().replace("’", "'"), triggers)
               for w in _WORD.finditer(paragraph))


def _is_trigger(word: str, triggers: frozenset[str]) -> bool:
    return word in triggers or "-" in word and any(p in triggers for p in word.split("-"))


def select(text: str, triggers: frozenset[str] | None, max_chars: int = 200_000,
           context_chars: int = 0) -> list[Chunk]:
    """Windows of the (masked) ``text`` to parse. ``triggers=None`` selects every paragraph.

    A text whose selected paragraphs fit in ``max_chars`` is one chunk. A longer one is cut
    into windows of whole paragraphs (a paragraph longer than a window is cut at a sentence
    end), each at most ``max_chars`` long including up to ``context_chars`` of the previous
    window's last paragraphs, carried as context (:attr:`Chunk.context`).
    """
    paras = paragraphs(text)
    if triggers is None:
        keep = [True] * len(paras)
    else:
        keep = [needs_parse(text[s:e], triggers) for s, e in paras]
        # a pronoun may refer back to the previous paragraph: keep it as context
        for i in range(1, len(paras)):
            if keep[i] and not keep[i - 1] and _PRONOUN.search(text[paras[i][0]:paras[i][1]]):
                keep[i - 1] = True
    chosen = [p for p, k in zip(paras, keep, strict=True) if k]
    total = sum(e - s for s, e in chosen) + len(JOINER) * max(0, len(chosen) - 1)
    if total <= max_chars:
        return _pack(chosen, text, max_chars, 0)
    context_chars = min(context_chars, max_chars // 4)
    pieces = [piece for s, e in chosen
              for piece in _split_long(s, e, text, max_chars - context_chars - len(JOINER))]
    return _pack(pieces, text, max_chars, context_chars)


_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")


def _cut_point(text: str, s: int, limit: int) -> int:
    """Where to end a piece starting at ``s`` of at most ``limit`` chars: after the last
    sentence end in its second half, else at the last whitespace, else at ``limit``."""
    lo, hi = s + limit // 2, s + limit
    last = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m
    if last is not None:
        return last.start() + len(last.group().rstrip())
    cut = text.rfind(" ", s, hi)
    return cut if cut > s else hi


def _split_long(s: int, e: int, text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut a paragraph longer than ``max_chars`` into pieces (huge one-line inputs)."""
    out = []
    while e - s > max_chars:
        cut = _cut_point(text, s, max_chars)
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out


def _context(window: Sequence[tuple[int, int]], text: str, limit: int) -> list[tuple[int, int]]:
    """The last pieces of ``window`` that fit in ``limit`` chars (joiners included); if even
    the last one does not, its tail from the first sentence start within the limit."""
    out: list[tuple[int, int]] = []
    size = 0
    for s, e in reversed(window):
        if size + (e - s) > limit:
            break
        out.insert(0, (s, e))
        size += e - s + len(JOINER)
    if out or not window or limit <= 0:
        return out
    s, e = window[-1]
    start = e - limit
    m = _SENTENCE_END.search(text, start, e) or re.compile(r"\s+").search(text, start, e)
    start = m.end() if m and m.end() < e else start
    return [(start, e)]


def _chunk(pieces: Sequence[tuple[int, int]], text: str, context: int) -> Chunk:
    """Join ``pieces`` (of which the first ``context`` are context) into one chunk."""
    parts: list[str] = []
    offsets: list[tuple[int, int, int]] = []
    size = context_end = 0
    for n, (s, e) in enumerate(pieces):
        if parts:
            parts.append(JOINER)
            size += len(JOINER)
        offsets.append((size, s, e - s))
        parts.append(text[s:e])
        size += e - s
        if n == context - 1:
            context_end = size
    return Chunk("".join(parts), OffsetMap(tuple(offsets)), context_end)


def _pack(pieces: Sequence[tuple[int, int]], text: str, max_chars: int,
          context_chars: int) -> list[Chunk]:
    """Greedy windows of ``pieces``: each starts with the context taken from the previous
    window's own pieces and stays within ``max_chars``."""
    chunks: list[Chunk] = []
    context: list[tuple[int, int]] = []
    own: list[tuple[int, int]] = []
    size = 0
    for s, e in pieces:
        if own and size + len(JOINER) + (e - s) > max_chars:
            chunks.append(_chunk(context + own, text, len(context)))
            context = _context(own, text, context_chars)
            own = []
            size = sum(b - a for a, b in context) + len(JOINER) * max(0, len(context) - 1)
        size += (len(JOINER) if own or context else 0) + (e - s)
        own.append((s, e))
    if own:
        chunks.append(_chunk(context + own, text, len(context)))
    return chunks
