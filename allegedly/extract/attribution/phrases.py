"""Multi-word cues read off the words themselves: "according to X".

A phrase row of ``reporting_verbs.tsv`` with frame ``words`` is a cue when its words follow
each other in the text (the first in any of the row's forms); source = the object of its last
word, content = the longer side of the sentence around the phrase. The class comes from the row.
"""

from __future__ import annotations

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUE_ROWS
from allegedly.extract.attribution.sources import make_source
from allegedly.extract.attribution.spans import make_match, trim
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote

WORD_PHRASES: dict[str, list[dict[str, str]]] = {}
"""Phrase rows read as words ("according to"), by each form of their first word."""
for _row in CUE_ROWS:
    if _row["pos"] == "phrase" and "words" in _row["frame"].split(","):
        for _form in _row["forms"].split():
            WORD_PHRASES.setdefault(_form, []).append(_row)


def _phrase_at(tok: Token) -> tuple[dict[str, str], Token] | None:
    """The row of the word phrase starting at ``tok`` and its last token."""
    doc = tok.doc
    for row in WORD_PHRASES.get(tok.lower_, ()):
        rest = row["lemma"].split()[1:]
        end = tok.i + len(rest)
        if end < len(doc) and all(doc[tok.i + 1 + k].lower_ == w for k, w in enumerate(rest)):
            return row, doc[end]
    return None


def according_to(tok: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"according to X": source X, content the longer side of the sentence."""
    found = _phrase_at(tok)
    if found is None:
        return None
    row, last = found
    pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    doc = tok.doc
    src = make_source(pobj, found_by="source.according_to")
    cue = (tok.idx, last.idx + len(last.text))
    sent = tok.sent
    pp_start, pp_end = tok.i, max(pobj.right_edge.i, last.right_edge.i) + 1
    before = trim(doc, sent.start, pp_start)
    after = trim(doc, pp_end, sent.end)
    content = after if after and (not before or after[1] - after[0] > before[1] - before[0]) \
        else before
    if content is None:
        return None
    return make_match(doc, cue, row, content, quotes, src)


__all__ = ["WORD_PHRASES", "according_to"]
