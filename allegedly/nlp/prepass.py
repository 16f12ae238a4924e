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
    """A text to parse and how its offsets map back to the article text."""

    text: str
    offsets: OffsetMap


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
    """True if the paragraph has a digit, quote mark, colon or a trigger word."""
    if _ALWAYS.search(paragraph):
        return True
    return any(w.group().lower().replace("’", "'") in triggers for w in _WORD.finditer(paragraph))


def select(text: str, triggers: frozenset[str] | None, max_chars: int = 200_000) -> list[Chunk]:
    """Chunks of the (masked) ``text`` to parse. ``triggers=None`` selects every paragraph."""
    paras = paragraphs(text)
    if triggers is None:
        keep = [True] * len(paras)
    else:
        keep = [needs_parse(text[s:e], triggers) for s, e in paras]
        # a pronoun may refer back to the previous paragraph: keep it as context
        for i in range(1, len(paras)):
            if keep[i] and not keep[i - 1] and _PRONOUN.search(text[paras[i][0]:paras[i][1]]):
                keep[i - 1] = True
    return _pack([p for p, k in zip(paras, keep, strict=True) if k], text, max_chars)


def _split_long(s: int, e: int, text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut a paragraph longer than ``max_chars`` at whitespace (huge one-line inputs)."""
    out = []
    while e - s > max_chars:
        cut = text.rfind(" ", s, s + max_chars)
        cut = cut if cut > s else s + max_chars
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out


def _pack(paras: Sequence[tuple[int, int]], text: str, max_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    size = 0
    pieces_in = [piece for s, e in paras for piece in _split_long(s, e, text, max_chars)]
    for s, e in pieces_in:
        if parts and size + (e - s) > max_chars:
            chunks.append(Chunk("".join(parts), OffsetMap(tuple(pieces))))
            parts, pieces, size = [], [], 0
        if parts:
            parts.append(JOINER)
            size += len(JOINER)
        pieces.append((size, s, e - s))
        parts.append(text[s:e])
        size += e - s
    if parts:
        chunks.append(Chunk("".join(parts), OffsetMap(tuple(pieces))))
    return chunks
