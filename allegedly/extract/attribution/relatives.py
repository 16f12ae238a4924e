"""Reporting verbs inside a relative clause: "the policy changes, [which] officials said [will go
into effect in May]", "Florida, [which] he describes [as his second home]", "[what] many
analysts said [was a sign of …]".

The relative word stands for what was said and opens the clause before the speaker and the cue,
so the clausal complement the parser gives (``verb.ccomp``) runs over the speaker and is
refused. Here the content is the relative word plus the rest of the clause after the cue; the
speaker and the cue between them are cut out (PolNeAR's convention: "which | will go into …").
"""

from __future__ import annotations

from spacy.tokens import Token

from allegedly.extract.attribution.cues import verb_has
from allegedly.extract.attribution.spans import end_of, trim
from allegedly.extract.attribution.verbs import Content, VerbCue
from allegedly.extract.lemmas import lemma
from allegedly.extract.rules import enabled
from allegedly.lexicons import word_list

FREE_NAMING = "verb.free_relative_naming"
"""The name of :func:`free_naming` as a switchable step (``strategies.CONTENT_CUTS``)."""

_RELATIVE_WORDS = word_list("relative_words")
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
_FREE_RELATIVES = frozenset({"what"})
_BELIEF_CLASSES = frozenset({"estimate"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PREDICATE_DEPS = frozenset({"oprd", "acomp", "attr"})


def _relative_word(v: Token, row: dict[str, str], speaker: Token) -> Token | None:
    """The relative word opening ``v``'s clause before its speaker: the cue's own object
    ("which he describes as …") or a word of the clause after the cue ("which he said [the
    government should pay for]", not for a belief: "that he thought would …")."""
    w = v.doc[v.left_edge.i]
    if w.lower_ not in _RELATIVE_WORDS or w.tag_ not in _RELATIVE_TAGS \
            or w.i >= speaker.left_edge.i:
        return None
    if w.head == v and w.dep_ in {"dobj", "dative"} and _predicated(v, w) and (
            w.lower_ not in _FREE_RELATIVES or free_naming(v)):
        return w  # "what he calls X" only for a naming verb: else the outer predicate's
    in_clause_after = w.head.i > v.i and any(a == v for a in w.ancestors)
    finite_after = any(t.tag_ in _FINITE for t in v.doc[v.i + 1:v.right_edge.i + 1])
    if row["class"] not in _BELIEF_CLASSES and in_clause_after and finite_after:
        return w
    return None


def free_naming(v: Token) -> bool:
    """"Condemned [what] it calls a 'reckless act'": a naming cue (``naming`` frame: call, dub,
    label) with a free "what" object names the outer predicate's target in the speaker's words;
    the content is "what" and the name given (``verb.free_relative_naming``)."""
    return enabled(v.doc, FREE_NAMING) and verb_has(lemma(v), "naming")


def _predicated(v: Token, w: Token) -> bool:
    """The cue says something of its relative object: "describes [which] as his second home",
    "called [what] a 'fraudulent scheme'", "considered [which] too risky" (not "expect [what]
    from Clinton", "noted [which] recently")."""
    return any(c.i > v.i and (c.dep_ in _PREDICATE_DEPS or c.dep_ in {"dobj", "ccomp"} and c != w
                              or c.dep_ == "prep" and c.lower_ == "as")
               for c in v.children)


def relative_clause(c: VerbCue) -> Content | None:
    """"…, which officials said will go into effect", "which he describes as his second home":
    a cue whose own subject follows the relative word opening its clause; content = the
    relative word and what follows the cue to the end of the clause (the speaker and cue cut
    out)."""
    v, doc = c.v, c.doc
    speaker = next((x for x in v.lefts if x.dep_ == "nsubj"), None)
    if speaker is None or speaker.tag_ in _RELATIVE_TAGS:
        return None
    w = _relative_word(v, c.row, speaker)
    if w is None:
        return None
    rest = next((t for t in doc[v.i + 1:v.right_edge.i + 1] if t.idx >= c.cue[1]), None)
    if rest is None:
        return None
    tail = trim(doc, rest.i, v.right_edge.i + 1)
    if tail is None or "\n" in doc.text[w.idx:tail[1]]:
        return None
    return Content((w.idx, tail[1]), exclude=(end_of(w), tail[0]))


__all__ = ["relative_clause"]
