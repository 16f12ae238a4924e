"""Antecedent rules for pronoun sources, used by the resolvers of
:mod:`allegedly.extract.attribution.sources` (each can be switched off by name):

* ``source.pronoun_gender`` -- "she" never takes a name the article writes as a man's ("Mr",
  "spokesman", "his own"), nor "he" a woman's (:mod:`~allegedly.extract.attribution.gender`);
* ``source.pronoun_chain`` -- a he/she subject on the way back stands for its own antecedent
  ("She said A. She added B. She said C": all the same person);
* ``source.appositive_name`` -- a person noun subject with a name in apposition stands for the
  name ("Another officer, Wing Commander Ana Dale, said …", "Ben Lo, a resident who …");
* ``source.relative_main`` -- a relative-clause subject ("who said") on the way back stands
  for its noun only when that noun is a main-clause subject ("Ben Lo, who fled, said");
* ``source.given_name`` -- "Sir Keir", "Dame Ana": a one-word name after a title used with a
  given name stands for the full name with that first name when no surname matches;
* ``source.it_speaker`` -- "it said" -> the organisation that was the subject of the sentence
  or spoke last ("The ministry said …. It said …"), never a country or adjective modifying
  another noun ("India's army", "Pakistani troops") nor an outlet only named as a channel
  ("in a Telegram post", "told Reuters");
* ``source.it_not_modifier`` -- else the last entity before "it" that is no such modifier or
  channel (the noun it modifies, when that is a body: "India's [armed forces]").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.cues import verb_cue_row
from allegedly.extract.attribution.entity_index import indexed
from allegedly.extract.attribution.mentions import (
    classify,
    entity,
    head_span,
    is_full_name,
    person_noun,
)
from allegedly.extract.rules import Rule, enabled
from allegedly.lexicons import word_list

_IT_PRONOUNS = word_list("it_pronouns")
_GIVEN_NAME_TITLES = word_list("given_name_titles")
_BODY_KINDS = frozenset({"government", "organisation", "media"})
_MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_CHANNEL_DEPS = frozenset({"pobj", "dobj", "dative"})
_MAIN_DEPS = frozenset({"ROOT", "conj", "parataxis"})


def _gender_rule(t: Token) -> None:
    """"She said" never takes a name the article writes as a man's ("Mr Dale", "Dale, a
    spokesman", "Dale defended his record"), nor "he" a woman's; no evidence: allowed."""


def _chain_rule(t: Token) -> None:
    """A he/she subject on the way back to an antecedent stands for its own antecedent ("She
    said A. She added B." -> the person of the first "She"), not skipped over."""


def appositive_name(t: Token) -> Span | None:
    """"Another officer, Wing Commander Ana Dale, said", "Ben Lo, 74, a resident who …": the
    full PERSON name a person noun stands in apposition with; None if there is none."""
    if not enabled(t.doc, "source.appositive_name") or t.ent_type_ == "PERSON" \
            or not person_noun(t) and t.pos_ not in {"NOUN", "NUM"}:
        return None
    of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ == "pobj"]  # "one of the victims, Ana Dale"
    near = [c for x in (t, *of) for c in x.children if c.dep_ == "appos"]
    if t.dep_ == "appos":
        near.append(t.head)
    for c in near:
        if c.ent_type_ == "PERSON":
            ent = entity(c.doc[c.i:c.i + 1])
            if ent is not None and is_full_name(ent):
                return ent
    return None


def relative_speaks(noun: Token) -> bool:
    """"Ben Lo, who fled, said", "said Ben Lo, who fled": the noun a relative-clause subject
    hangs on is (in apposition with) the subject of a main clause; not a name listed in an
    object ("… named Ana Dale and the professor Ben Lo, who represented her")."""
    if not enabled(noun.doc, "source.relative_main"):
        return True
    while noun.dep_ == "appos" and noun.head != noun:
        noun = noun.head
    return noun.dep_ in {"nsubj", "nsubjpass"} and main_clause_subject(noun)


def given_name_title(doc: Doc, start: int) -> bool:
    """The one-word name starting at token ``start`` follows (or holds) a title used with a
    given name ("Sir Keir", "Dame Ana"): it is looked up as a first name when no surname
    matches (``source.given_name``)."""
    if not enabled(doc, "source.given_name"):
        return False
    return any(doc[i].lower_ in _GIVEN_NAME_TITLES for i in (start - 1, start)
               if 0 <= i < len(doc))


def main_clause_subject(t: Token) -> bool:
    """``t`` is the subject of a main clause ("X said", "…, X said"), not of reported content."""
    h = t.head
    return h.dep_ in _MAIN_DEPS or h.dep_ == "ccomp" and h.i < h.head.i


def _body(t: Token) -> bool:
    """``t`` heads the mention of an organisation, a government or an outlet (a noun that is
    no person's, owned or modified by a named body: "Ukraine's emergency service")."""
    if t.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL"} or t.pos_ not in {"NOUN", "PROPN"}:
        return False
    kind = classify(head_span(t))
    return kind in _BODY_KINDS or kind == "anonymous" and t.pos_ == "NOUN" \
        and t.tag_ == "NN" and not person_noun(t) and any(
            c.dep_ in _MODIFIER_DEPS and c.ent_type_ in {"ORG", "GPE", "NORP"} for c in t.lefts)


def _named_body(t: Token) -> bool:
    """``t`` is a named organisation, place or group (not an adjective: "Pakistani")."""
    return t.ent_type_ in {"ORG", "GPE", "NORP"} and t.pos_ == "PROPN"


def they_speaker(tok: Token, window: int = 120) -> Token | None:
    """"They said" -> the group that last spoke before it in its paragraph: the plural subject
    of a reporting verb in a main clause ("Russian authorities said … They said …"), or names
    joined by "and" ("Ana Dale and her colleagues asked …"), outside quotes when "they" is;
    None if there is none (earlier "they" subjects are passed: same antecedent)."""
    doc = tok.doc
    index = indexed(doc)
    quoted = index.in_quote(tok.idx)
    for i in range(tok.i - 1, max(-1, tok.i - window), -1):
        t = doc[i]
        if "\n" in t.text or "\n" in t.whitespace_:
            return None  # the group spoke in this paragraph or not at all
        if t.dep_ not in {"nsubj", "nsubjpass"} or not main_clause_subject(t) \
                or verb_cue_row(t.head) is None or not quoted and index.in_quote(t.idx):
            continue
        if t.pos_ == "PRON":
            continue
        joined = any(c.dep_ == "conj" for c in t.children) and t.ent_type_ == "PERSON"
        if joined or t.tag_ in {"NNS", "NNPS"} and classify(head_span(t)) != "evidence":
            return t
    return None


def _it_speaker_rule(tok: Token) -> Token | None:
    """"It said" -> the organisation subject of the sentence before "it" ("Pakistan summoned
    the envoy over what it called …"), else the organisation that last spoke (the subject or
    by-agent of a reporting verb in a main clause, outside quotes when "it" is) at most 150
    tokens back; earlier "it" speakers stand for theirs."""
    return it_speaker(tok)


def it_speaker(tok: Token, window: int = 150, depth: int = 0) -> Token | None:
    """The organisation "it" (``tok``) stands for, by :func:`_it_speaker_rule`; None if none."""
    doc = tok.doc
    index = indexed(doc)
    quoted = index.in_quote(tok.idx)
    sent_start = tok.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(tok.i - 1, max(-1, tok.i - window), -1):
        t = doc[i]
        if not quoted and index.in_quote(t.idx):
            continue
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            verb = t.head.head
        elif t.dep_ in {"nsubj", "nsubjpass"} and main_clause_subject(t):
            verb = t.head
        else:
            continue
        if verb_cue_row(verb) is None and (i < sent_start or not _named_body(t)
                                           or tok.head in (verb, *verb.children)):
            continue  # in its own sentence, a named body of another clause ("X summoned …")
        if t.lower_ in _IT_PRONOUNS:
            if depth < 4 and verb_cue_row(verb) is not None:
                found = it_speaker(t, window, depth + 1)
                if found is not None:
                    return found
            continue
        if _body(t):
            return t
    return None


def it_candidate(ent: Span) -> Span | None:
    """The mention an entity before "it" offers as antecedent: the entity itself, the body
    noun it modifies ("India's [armed forces]", "the Pakistani [army]"), or None for a
    modifier of anything else ("Pakistani troops") or an outlet named only as a channel ("in a
    Telegram post", "told Reuters")."""
    root = ent.root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in {"NOUN", "PROPN"} \
            and root.head.i >= ent.end:
        head = root.head
        return head_span(head) if _body(head) else None
    if root.dep_ in _CHANNEL_DEPS and classify(ent) == "media":
        return None
    return ent


def it_entity(tok: Token, labels: set[str], window: int = 300) -> Span | None:
    """The last entity with one of ``labels`` before ``tok`` that :func:`it_candidate` accepts
    (its candidate), at most ``window`` tokens back; else the last entity at all."""
    doc = tok.doc
    last = indexed(doc).entity(tok.i, labels)
    before = tok.i
    for _ in range(20):
        ent = indexed(doc).entity(before, labels)
        if ent is None or ent.end < tok.i - window:
            break
        found = it_candidate(ent) if enabled(doc, "source.it_not_modifier") else ent
        if found is not None:
            return found
        before = ent.start
    return last


ANTECEDENT_RULES: tuple[Rule, ...] = (
    Rule("source.pronoun_gender", _gender_rule),
    Rule("source.pronoun_chain", _chain_rule),
    Rule("source.appositive_name", appositive_name),
    Rule("source.relative_main", relative_speaks),
    Rule("source.given_name", given_name_title),
    Rule("source.it_speaker", _it_speaker_rule),
    Rule("source.it_not_modifier", it_candidate),
)
"""Rules of the pronoun antecedents (switchable; see the module docstring)."""


__all__ = ["ANTECEDENT_RULES", "appositive_name", "it_candidate", "it_entity", "it_speaker",
           "given_name_title", "main_clause_subject", "relative_speaks"]
