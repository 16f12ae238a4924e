"""What an article itself says of a person's gender, for resolving "he" and "she".

No list of first names is used: the evidence is what the article writes of the person.

* ``gender.honorific`` -- a title before the name ("Mrs Dale", "Sir Keir", "Princess Anne");
* ``gender.role_noun`` -- a gendered person noun in apposition or compound with the name
  ("Ana Dale, a spokeswoman", "actress Ana Dale", "his wife, Ana Dale");
* ``gender.possessive`` -- a possessive or reflexive pronoun ("his", "herself") in a clause
  whose subject is the name ("Dale defended her record"): a vote; the majority of votes decides
  when no honorific or role noun does.

The words are ``lexicons/gender_words.tsv``. :func:`evidence` gives a name's gender and the
rule that decided it; :func:`agrees` tells whether an antecedent may stand for a pronoun (a
name or noun without evidence always may). The evidence of a document is gathered once and
kept on its :class:`~allegedly.extract.attribution.entity_index.EntityIndex`.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.entity_index import indexed
from allegedly.extract.attribution.mentions import entity, name_tokens
from allegedly.lexicons import load

_MEMO = "gender"


@cache
def _words(kind: str) -> dict[str, str]:
    return {r["word"]: r["gender"] for r in load("gender_words") if r["kind"] == kind}


def pronoun_gender(tok: Token) -> str | None:
    """"f" for she/her/herself, "m" for he/him/his/himself, else None."""
    low = tok.lower_
    for kind in ("subject", "object", "pronoun"):
        if low in _words(kind):
            return _words(kind)[low]
    return None


def person_key(doc: Doc, ent: Span) -> str:
    """The name a person is known by in ``doc``: a short name stands for the full name with
    its surname mentioned last before it ("Mrs Dale" -> "ana dale"), lower-cased."""
    names = name_tokens(ent)
    if len(names) == 1:
        full = indexed(doc).person(ent.start, names[0].lower_)
        if full is not None:
            names = name_tokens(full)
    return " ".join(t.lower_ for t in names) or ent.text.lower()


def _honorific(ent: Span) -> str | None:
    """A title in or right before the name ("Mrs Ana Dale", "Sir Keir")."""
    doc = ent.doc
    first = name_tokens(ent)[:1]
    stop = first[0].i if first else ent.end
    before = [t for t in doc[max(0, ent.start - 1):stop] if not t.is_punct]
    for t in reversed(before):
        if t.lower_ in _words("honorific"):
            return _words("honorific")[t.lower_]
    return None


def _role_noun(ent: Span) -> str | None:
    """A gendered person noun in apposition or compound with the name ("Ana Dale, a
    spokeswoman", "actress Ana Dale", "the spokeswoman, Ana Dale")."""
    head = ent.root
    nouns = _words("noun")
    near = [c for c in head.children if c.dep_ == "appos" or c.dep_ in {"compound", "amod"}
            and c.i < ent.start]
    if head.dep_ == "appos":
        near.append(head.head)
    for t in near:
        if t.lower_ in nouns:
            return nouns[t.lower_]
    return None


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the nearest verb above ``tok``, when ``tok`` is no part of it."""
    v = tok.head
    for _ in range(4):
        if v.pos_ in {"VERB", "AUX"}:
            break
        if v.head == v:
            return None
        v = v.head
    else:
        return None
    subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.left_edge.i <= tok.i <= subj.right_edge.i:
        return None
    return subj


def _full_name_titles(doc: Doc) -> dict[str, str]:
    """The gender the titles of full names give ("Sir Keir Starmer" -> "keir starmer": m)."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(name_tokens(ent)) >= 2:
            g = _honorific(ent)
            if g is not None:
                out.setdefault(person_key(doc, ent), g)
    return out


def _key(doc: Doc, ent: Span, titles: dict[str, str]) -> str:
    """:func:`person_key`, except that a short name whose title contradicts the title of the
    full name it would stand for is someone else ("Lady Starmer" after "Sir Keir Starmer")."""
    key = person_key(doc, ent)
    if len(name_tokens(ent)) == 1:
        g = _honorific(ent)
        if g is not None and titles.get(key, g) != g:
            return name_tokens(ent)[0].lower_ + "#" + g
    return key


def _gather(doc: Doc, titles: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Every person's gender in ``doc`` with the rule that decided it (``titles``: the
    genders of :func:`_full_name_titles`)."""
    strong: dict[str, Counter[tuple[str, str]]] = {}
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not name_tokens(ent):
            continue
        for rule, fn in (("gender.honorific", _honorific), ("gender.role_noun", _role_noun)):
            g = fn(ent)
            if g is not None:
                strong.setdefault(_key(doc, ent, titles), Counter())[(g, rule)] += 1
    for t in doc:
        if not (t.tag_ == "PRP$" or t.lower_.endswith("self")) or t.lower_ not in _words("pronoun"):
            continue
        subj = _clause_subject(t)
        if subj is None or subj.ent_type_ != "PERSON":
            continue
        ent = entity(doc[subj.i:subj.i + 1])
        if ent is not None and name_tokens(ent):
            votes.setdefault(_key(doc, ent, titles), Counter())[_words("pronoun")[t.lower_]] += 1
    out: dict[str, tuple[str, str]] = {}
    for key, c in votes.items():
        ranked = c.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[key] = (ranked[0][0], "gender.possessive")
    for key, sc in strong.items():
        genders = {g for g, _ in sc}
        if len(genders) == 1:
            out[key] = sc.most_common(1)[0][0]
    return out


def evidence(doc: Doc, mention: Span) -> tuple[str, str] | None:
    """The gender ``doc`` gives the person of ``mention`` (a PERSON name, or a noun phrase
    headed by a gendered noun: "the spokeswoman") and the rule that decided it; None when the
    article does not say."""
    if mention.label_ == "PERSON" or entity(mention) is not None \
            and mention.root.ent_type_ == "PERSON":
        memo = indexed(doc).memo
        if _MEMO not in memo:
            titles = _full_name_titles(doc)
            memo[_MEMO] = _gather(doc, titles), titles
        found, titles = memo[_MEMO]  # type: ignore[misc]
        return found.get(_key(doc, mention, titles))
    nouns = _words("noun")
    if mention.root.lower_ in nouns:
        return nouns[mention.root.lower_], "gender.role_noun"
    return None


def same_person(doc: Doc, short: Span, full: Span) -> bool:
    """A short name may stand for ``full``: its title does not give the other gender ("Lady
    Starmer" is not "Sir Keir Starmer")."""
    g = _honorific(short)
    found = evidence(doc, full)
    return g is None or found is None or found[0] == g


def agrees(doc: Doc, mention: Span, gender: str | None) -> bool:
    """``mention`` may stand for a pronoun of ``gender`` (no gender asked, or the article
    gives the mention no other gender)."""
    if gender is None:
        return True
    found = evidence(doc, mention)
    return found is None or found[0] == gender


__all__ = ["agrees", "evidence", "person_key", "pronoun_gender", "same_person"]
