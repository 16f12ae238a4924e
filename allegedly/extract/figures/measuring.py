"""What a counted figure measures, from ``lexicons/measures.tsv`` and the parse.

:func:`measure` reads, in order: a measure adjective right after the number ("1,500 wounded",
"20 dead"), a measure noun counted ("300 deaths") or a measure adjective before it ("12
wounded soldiers"), the verb governing the counted noun or the number ("had been killed",
"shot down", "killed or wounded"), the noun governing an "of" phrase ("the loss of
thousands", "a death toll of 300"), and a past participle read left to right when the parse
attaches nothing ("17 commanders may have been lost").

A lexicon row may be marked for people or things (column ``counts``): the counted noun's kind
(``figure_keys.tsv``, or a nationality or person name) picks the row, so "destroyed 30
invaders" is *killed* and "destroyed three tanks" *destroyed*; an unknown noun takes neither.
A phrasal verb ("shoot down") is looked up before its verb ("shoot").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from allegedly.extract.lemmas import lemma
from allegedly.lexicons import load, word_list

__all__ = ["counted_kind", "lookup", "measure"]

_OWN_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj"})
_AUX_WORDS = word_list("aux_words", "figure_words")
_FATAL = frozenset({"killed", "died", "dead"})
_HURT = frozenset({"wounded", "injured"})


@cache
def _rows() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(word, pos) -> ((counts, measure), ...) of ``measures.tsv``, in lexicon order."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for r in load("measures"):
        out.setdefault((r["word"].lower(), r["pos"]), []).append((r.get("counts", ""),
                                                                  r["measure"]))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _kinds() -> dict[str, str]:
    """Counted head word -> people | things (``figure_keys.tsv``, counted rows)."""
    return {r["word"]: r["kind"] for r in load("figure_keys")
            if r["table"] == "counted" and r.get("kind")}


def counted_kind(noun: Token | None) -> str | None:
    """Does ``noun`` count people or things? None when unknown (or no noun)."""
    if noun is None:
        return None
    kinds = _kinds()
    for word in (lemma(noun), noun.lower_, noun.lower_.rstrip("s")):
        if word in kinds:
            return kinds[word]
    if noun.ent_type_ in {"NORP", "PERSON"}:
        return "people"  # "30 Russians"
    return None


def lookup(word: str, pos: str, kind: str | None = None) -> str | None:
    """The measure of ``word`` as ``pos`` for a counted thing of ``kind``: the first row that
    applies to any counted thing or to that kind."""
    for counts, m in _rows().get((word, pos), ()):
        if not counts or counts == kind:
            return m
    return None


def has_word(word: str, pos: str) -> bool:
    return (word, pos) in _rows()


def _verb_lookup(verb: Token, kind: str | None) -> str | None:
    """Measure of one verb: its phrasal form first ("shot down" -> destroyed, never killed)."""
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if prt is not None and has_word(f"{lemma(verb)} {prt}", "verb"):
        return lookup(f"{lemma(verb)} {prt}", "verb", kind)
    return lookup(lemma(verb), "verb", kind)


_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp"})


def _complement(verb: Token, kind: str | None) -> str | None:
    """ "18 people were reported killed", "17 were found dead", "40 were left homeless", "36
    people missing" (a participle read as the verb): the measure of the verb's complement, or
    of the verb's own form as an adjective."""
    for c in verb.children:
        if c.dep_ in _COMPLEMENTS and (m := _verb_lookup(c, kind) if c.pos_ == "VERB" else
                                       lookup(c.lower_, "adj", kind)):
            return m
    return lookup(verb.lower_, "adj", kind) if verb.tag_ in {"VBG", "VBN"} else None


def _verb_measure(tok: Token, kind: str | None) -> str | None:
    """Measure of the verb governing a counted noun ("had been killed" -> killed)."""
    if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "conj", "attr"}:
        return None
    verb = tok.head
    if verb.pos_ not in {"VERB", "AUX"} and verb.tag_ not in {"VBN", "VBD"}:
        return None
    # a conjunct verb shares the figure only without a subject or object of its own ("killed
    # or wounded 30 people"; not "killed two civilians and wounded six others")
    conjs = [c for c in verb.children if c.dep_ == "conj"
             and not any(g.dep_ in _OWN_ARGUMENT for g in c.children)]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and \
            not any(g.dep_ in {"nsubj", "nsubjpass"} for g in verb.children) and \
            not any(g.dep_ == "dobj" for g in verb.head.children):
        conjs.append(verb.head)  # "killed or wounded 30 people": the figure is the last verb's
    found = [m for m in (_verb_lookup(v, kind) or _complement(v, kind) for v in [verb, *conjs])
             if m]
    if not found:
        return None
    if len(set(found)) > 1 and _FATAL & set(found) and _HURT & set(found):
        return "casualties"
    return found[0]


def _noun_lookup(noun: Token, kind: str | None) -> str | None:
    """A measure noun ("deaths", "toll"), or the object of a verb that makes it one ("claimed
    21 lives")."""
    m = lookup(lemma(noun), "noun", kind) or lookup(noun.lower_, "noun", kind)
    if m is None and noun.dep_ == "dobj":
        m = lookup(f"{lemma(noun.head)} {lemma(noun)}", "object", kind)
    return m


def measure(doc: Doc, root: Token, noun: Token | None, end: int) -> str | None:
    """The measure of the number whose root token is ``root`` (ending at character ``end``),
    counting ``noun`` (None when no noun is written)."""
    kind = counted_kind(noun)
    # "1,500 wounded", "20 dead", "12 missing": an adjective / participle right after the number
    nxt = doc[root.i + 1] if root.i + 1 < len(doc) else None
    if nxt is not None and nxt.idx >= end and noun is None and has_word(nxt.lower_, "adj"):
        return lookup(nxt.lower_, "adj", kind)
    head = noun if noun is not None else root
    if noun is not None and (m := _noun_lookup(noun, kind) or _adjective(noun, root, kind)):
        return m  # "300 deaths", "50 casualties", "12 wounded soldiers"
    if m := _verb_measure(head, kind):
        return m
    # "498 soldiers and 17 commanders died": a conjunct subject
    if head.dep_ == "conj" and head.head.dep_ in {"nsubj", "nsubjpass"} and \
            (m := _verb_measure(head.head, kind)):
        return m
    # "the loss of thousands of comrades", "a death toll of 300": the counted noun or the
    # number itself is the object of "of"
    for tok in (head, root):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                (m := _noun_lookup(tok.head.head, kind)):
            return m
    # "498 were killed": the number itself is the subject
    if root != head and (m := _verb_measure(root, kind)):
        return m
    return _following_verb_measure(head, kind) or _level_of_a_count(head, kind)


_LEVEL_PREPS = frozenset({"to", "at"})


def _level_of_a_count(tok: Token, kind: str | None) -> str | None:
    """ "the death toll had risen to 21", "the toll stands at 52", "bringing the death toll to
    19", "the number of children killed grows to 348": the figure is the level a measure noun
    (or a counted phrase with a measure participle) reaches."""
    if tok.dep_ == "pobj" and tok.head.lower_ in _LEVEL_PREPS:
        verb = tok.head.head
    elif tok.dep_ == "dobj":
        verb = tok.head  # "the toll reached 25"
    else:
        return None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    for arg in verb.children:
        if arg.dep_ in {"nsubj", "nsubjpass", "dobj"} and arg.i != tok.i and \
                (m := _noun_lookup(arg, kind) or _participle_in(arg)):
            return m
    return None


def _participle_in(noun: Token) -> str | None:
    """ "the number of children killed": a measure participle modifying ``noun`` or its "of"
    object, with the kind of what it counts."""
    for t in noun.subtree:
        if t.dep_ in {"acl", "amod"} and t.tag_ == "VBN":
            return _verb_lookup(t, counted_kind(t.head))
    return None


def _adjective(noun: Token, root: Token, kind: str | None) -> str | None:
    """ "12 wounded soldiers", "one destroyed incubator": a measure adjective between the
    number and its noun."""
    for t in noun.lefts:
        if t.dep_ == "amod" and root.i < t.i and has_word(t.lower_, "adj"):
            return lookup(t.lower_, "adj", kind)
    return None


def _following_verb_measure(noun: Token, kind: str | None) -> str | None:
    """Parse-error fallback: "17 commanders may have been lost" read left to right."""
    doc = noun.doc
    for t in doc[noun.i + 1:noun.i + 7]:
        if t.lower_ in _AUX_WORDS:
            continue
        if t.tag_ in {"VBN", "VBD"}:
            return _verb_lookup(t, kind)
        return None
    return None
