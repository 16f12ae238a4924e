"""Role mentions: "the minister", "Pakistan's prime minister", "the company's spokesperson".

An article names a person once ("Prime Minister Shehbaz Sharif", "Darko Liss, a 29-year-old
soldier", "Lt. Gen. Ahmed Sharif, Pakistan's military spokesperson") and later by the role
alone. :func:`role_head` tells whether a mention is such a role mention (a singular role noun of
``lexicons/person_roles.tsv`` with "the" or a possessor, no name of its own); :func:`fits` tells
whether a person mention holds that role: the role (or a role it implies: a sergeant is a
soldier) is among the words of the name's titles and appositions, and every modifier the role
mention carries ("Pakistan's", "prime", "military", "U.S.") is there too (a country and its
demonym match: "Pakistani" / "Pakistan"). Which named person is taken, the most recent one that
fits, is decided in :mod:`allegedly.extract.attribution.sources`.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from allegedly.extract.attribution.mentions import TITLES, person_noun
from allegedly.lexicons import load, word_list

_NOT_PERSON_NOUNS = word_list("not_person_nouns")
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_OFFICE_CHANGERS = word_list("office_changers", "person_roles_modifiers")


@cache
def _roles() -> dict[str, frozenset[str]]:
    """Each role word and the roles it names (itself and the ones it implies)."""
    return {r["role"]: frozenset({r["role"], *r["implies"].split()})
            for r in load("person_roles")}


def is_role(word: str) -> bool:
    """A role noun of ``person_roles.tsv`` ("minister", "spokesperson", "sgt.")."""
    return word.lower() in _roles()


def role_head(tok: Token) -> bool:
    """``tok`` heads a role mention: a singular role noun ("minister", "soldier", or a person
    noun of ``source_nouns.tsv``) outside any named entity, with "the" or a possessor ("the
    minister", "Pakistan's prime minister", "the company's spokesperson")."""
    if tok.tag_ not in {"NN", "NNP"} or tok.ent_type_ not in {"", "DATE", "NORP"} \
            or tok.lower_ in _NOT_PERSON_NOUNS:
        return False
    if not (is_role(tok.lower_) or person_noun(tok)):
        return False
    if any(c.dep_ == "appos" for c in tok.rights):
        return False  # "Sweden's Minister of Justice, Gunnar Strömmer": named right there
    return any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" and c.pos_ != "PRON"
               for c in tok.lefts)


def _norm(word: str) -> str:
    low = word.lower().replace(".", "")
    for mark in _POSSESSIVE:
        if low.endswith(mark) and len(low) > len(mark):
            return low[: -len(mark)]
    return low


def same_word(a: str, b: str) -> bool:
    """Equal words, or a country and its demonym ("pakistan" / "pakistani", "china" /
    "chinese", "ukraine" / "ukrainian"): a common start of four letters or more that leaves
    at most one letter of the shorter word ("military" / "militant" differ)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 1


def role_words(person: Span) -> set[str]:
    """The words naming what a person mention is: its titles ("Prime Minister", "Lt. Gen."),
    the modifiers before the name and its apposition ("Pakistan's military spokesperson"),
    each role word with the roles it implies."""
    doc = person.doc
    root = person.root
    words = [t.text for t in person if t.lower_ in TITLES or is_role(t.lower_)]
    for c in root.lefts:  # "Pakistan's Prime Minister [Shehbaz Sharif]", "Lt. Gen. [Ahmed Sharif]"
        if c.i < person.start and c.dep_ in _MODIFIER_DEPS:
            words += [t.text for t in c.subtree]
    for c in root.rights:  # "[Ahmed Sharif], Pakistan's military spokesperson"
        if c.dep_ == "appos":
            words += [t.text for t in doc[c.left_edge.i:c.i + 1]]
    if root.dep_ == "appos" and root.head.i < person.start:  # "The mayor, [Anna Berg]"
        words += [t.text for t in doc[root.head.left_edge.i:root.head.i + 1]]
    out: set[str] = set()
    for w in words:
        low = _norm(w)
        out |= _roles().get(w.lower(), _roles().get(low, frozenset({low})))
    return out


def _modifiers(tok: Token) -> list[str]:
    """The words a role mention's modifiers must find in the person's role words: adjectives,
    compounds, proper-noun possessors and "of" complements ("Pakistan's", "prime", "military",
    "minister of justice"); common-noun possessors ("the company's") and pronouns are not
    checked."""
    mods = [c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS and c.pos_ != "PRON"
            and not (c.dep_ == "poss" and c.pos_ != "PROPN")]
    mods += [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
    return [_norm(t.text) for c in mods for t in c.subtree
            if t.pos_ in {"PROPN", "ADJ", "NOUN"} and t.dep_ != "case"]


def fits(tok: Token, person: Span) -> bool:
    """The person mention ``person`` holds the role named by role mention ``tok``: the role
    and every modifier of the mention are among :func:`role_words` of the person, and a
    modifier that makes another office of the role ("Vice President", "former minister") is
    in the mention too ("the president" is not "Vice President Joseph R. Biden Jr.")."""
    words = role_words(person)
    if tok.lower_ not in words and _norm(tok.text) not in words:
        return False
    mods = _modifiers(tok)
    if any(w in _OFFICE_CHANGERS and w not in mods for w in words):
        return False
    return all(any(same_word(m, w) for w in words) for m in mods)


__all__ = ["fits", "is_role", "role_head", "role_words", "same_word"]
