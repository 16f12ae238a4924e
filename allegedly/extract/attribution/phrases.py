"""Multi-word cues read off the words themselves: "according to X".

A phrase row of ``reporting_verbs.tsv`` whose first word is not a verb ("according to") is a
cue when its words follow each other; source = the object of its last word, content = the longer
side of the sentence around the phrase.
"""

from __future__ import annotations

from spacy.tokens import Token

from allegedly.extract.attribution.sources import make_source
from allegedly.extract.attribution.spans import make_match, trim
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote


def according_to(tok: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"according to X": source X, content the longer side of the sentence."""
    if tok.lower_ != "according":
        return None
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    row = {"lemma": "according to", "class": "report"}
    src = make_source(pobj, found_by="source.according_to")
    cue = (tok.idx, nxt.idx + len(nxt.text))
    sent = tok.sent
    pp_start, pp_end = tok.i, max(pobj.right_edge.i, nxt.right_edge.i) + 1
    before = trim(doc, sent.start, pp_start)
    after = trim(doc, pp_end, sent.end)
    content = after if after and (not before or after[1] - after[0] > before[1] - before[0]) \
        else before
    if content is None:
        return None
    return make_match(doc, cue, row, content, quotes, src)


__all__ = ["according_to"]
