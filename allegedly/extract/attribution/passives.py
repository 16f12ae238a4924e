"""Passives of cue verbs whose source is the by-agent: "The story was first reported by The
Washington Post", "The toll is estimated by the ministry at 4,000".

Tried after the verb family (:mod:`allegedly.extract.attribution.verbs`), which handles passives
with a clausal content ("it was reported by X that ..."); here the passive subject *is* the
content (what was reported), the agent the source and the cue runs from the auxiliaries to "by".
"""

from __future__ import annotations

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUES, VERB_FORMS, cue_span
from allegedly.extract.attribution.sources import make_source
from allegedly.extract.attribution.spans import make_match
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.lexicons import word_list

__all__ = ["agent"]

_EXPLETIVES = word_list("expletives")


def agent(v: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """Passive cue verb with a by-agent: source = the agent, content = the passive subject."""
    if v.lower_ not in VERB_FORMS or v.pos_ not in {"VERB", "AUX"} or v.tag_ != "VBN":
        return None
    row = CUES.get(lemma(v))
    if row is None or "strict" in row["frame"].split(","):
        return None  # strict cues take clauses only: "would be welcomed by Ukrainians as heroes"
    by = next((c for c in v.rights if c.dep_ == "agent"), None)
    subj = next((c for c in v.lefts if c.dep_ == "nsubjpass"), None)
    if by is None or subj is None or subj.pos_ == "PRON" and subj.lower_ in _EXPLETIVES:
        return None
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    doc = v.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    content = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    cue_start = cue_span(v)[0]
    cue_end = by.idx + len(by.text) if by.i == v.i + 1 or all(
        t.dep_ == "advmod" for t in doc[v.i + 1:by.i]) else cue_span(v)[1]
    return make_match(doc, (cue_start, cue_end), row, content, quotes,
                      make_source(pobj, found_by="source.agent"))
