"""Naming and labelling as attribution: "Clinton called half of Trump's supporters
'deplorables'", "Trump called the senator a 'nasty guy'", "labelled the plan a disaster".

A naming verb (``call``, ``label``, ``brand``, ``dub``, ...) with its own subject, an object and an
object predicate (``oprd``) is an evaluative statement by the subject about the object: source =
the subject, cue = the verb, content = object + predicate (+ a directly following "for ..." /
"at ..." phrase). Tried before the verb family (:mod:`allegedly.extract.attribution.verbs`), which
would otherwise take only the quoted predicate. Participles naming things ("a program called
EB-5") have no subject and are left alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUES, cue_span, verb_has
from allegedly.extract.attribution.sources import named_span
from allegedly.extract.attribution.spans import make_match
from allegedly.extract.attribution.speakers import source_of
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.lexicons import word_list

__all__ = ["object_predicate"]

_TAIL_PREPS = word_list("naming_tail_preps")


def object_predicate(v: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"Trump called the senator a 'nasty guy'": a naming verb with subject, object and object
    predicate; source = the subject, content = object + predicate (see the module docstring)."""
    if v.pos_ != "VERB" or not verb_has(lemma(v), "naming") or lemma(v) not in CUES:
        return None
    if v.dep_ in {"acl", "amod"} or any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
        return None  # "a program called EB-5", "he was called a liar"
    obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    preds = [c for c in v.rights if c.dep_ == "oprd"]
    if obj is None or not preds or preds[0].i < obj.i:
        return None
    doc = v.doc
    last = max(p.right_edge.i for p in preds)
    for c in v.rights:  # "a 'champion' for its members", "a master at bolting ..."
        if c.i == last + 1 and c.dep_ == "prep" and c.lower_ in _TAIL_PREPS:
            last = c.right_edge.i
    end = last + 1
    while end > obj.left_edge.i and (doc[end - 1].is_punct and doc[end - 1].text not in '”"’'
                                     or doc[end - 1].is_space):
        end -= 1
    if end <= obj.left_edge.i:
        return None
    content = (doc[obj.left_edge.i].idx, doc[end - 1].idx + len(doc[end - 1].text))
    source = source_of(v)
    if named_span(source) is None:
        return None
    return make_match(doc, cue_span(v), CUES[lemma(v)], content, quotes, source)
