"""Character-offset lookups on a ``Doc`` that cost O(log n), not a scan of every token.

Extractors are called once per candidate (figure, cue, time expression); a linear scan of the
document per call made the whole analysis quadratic in article length. The token start offsets
and the noun chunks (``Span.noun_chunks`` runs the chunker over the *whole* Doc on every call)
are computed once per Doc and kept in ``doc.user_data`` as plain ints.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

_KEY = "allegedly.token_starts"
TEXT_KEY = "allegedly.text"
_CHUNKS_KEY = "allegedly.noun_chunks"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access; the
    pipeline stores the string a Doc was made from, which is its text)."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:  # a Doc's text never changes
        cached = doc.text
        doc.user_data[TEXT_KEY] = cached
    return cached


def _starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_KEY)
    if starts is None or len(starts) != len(doc):
        starts = doc.to_array(IDX).tolist() if len(doc) else []  # [t.idx for t in doc]
        doc.user_data[_KEY] = starts
    return starts


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token whose characters include ``offset`` (None in whitespace or out of range)."""
    starts = _starts(doc)
    i = bisect_right(starts, offset) - 1
    if i < 0:
        return None
    tok = doc[i]
    return tok if offset < tok.idx + len(tok) else None


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens overlapping the characters [start, end)."""
    if end <= start:
        return []
    starts = _starts(doc)
    first = max(0, bisect_right(starts, start) - 1)
    last = bisect_left(starts, end)
    return [t for t in doc[first:last] if t.idx < end and t.idx + len(t) > start]


def noun_chunks_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The noun chunks of ``doc`` within tokens [start, end), in order: the same spans as
    ``doc[start:end].noun_chunks``, without re-running the chunker over the Doc per call."""
    cached = doc.user_data.get(_CHUNKS_KEY)
    if cached is None or cached[0] != len(doc):
        chunks = [(c.start, c.end, c.label) for c in doc.noun_chunks]
        starts = [c[0] for c in chunks]
        ordered = all(s < e for s, e, _ in chunks) and starts == sorted(starts)
        cached = (len(doc), chunks, starts if ordered else None)
        doc.user_data[_CHUNKS_KEY] = cached
    _, chunks, starts = cached
    if starts is not None:  # sorted, non-empty chunks: only those starting in [start, end)
        chunks = chunks[bisect_left(starts, start):bisect_left(starts, end)]
    return [Span(doc, s, e, label=label) for s, e, label in chunks if s >= start and e <= end]


def has_to_marker(tok: Token) -> bool:
    """Does ``tok`` carry the infinitive marker: an ``aux`` "to" among its left dependents
    ("[to] resign", "asked him [to] leave")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.lefts)
