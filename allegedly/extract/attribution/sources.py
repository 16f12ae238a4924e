"""Sources: who a mention refers to, and the :class:`SourceMatch` built for it.

:func:`make_source` takes the head token of a speaking mention (found by a strategy, e.g. a cue
verb's subject: :mod:`allegedly.extract.attribution.speakers`), measures the mention
(:mod:`allegedly.extract.attribution.mentions`) and walks :data:`RESOLVERS` in order. No
coreference model is available, so resolution is by rules over the parse and the entities:

* ``source.relative`` -- a relative pronoun ("who", ", which", "that") speaks for the noun it
  hangs on, and that noun phrase is the source;
* ``source.pronoun`` -- "He" -> the most recent person-like subject before it (the previous
  speaker, "Roman Tsimbalyuk", whose pre-modifiers give the description "Ukrainian journalist"),
  never one named inside a quote when the pronoun stands outside it;
* ``source.role_apposition`` -- "The mayor, Anna Berg" -> "Anna Berg";
* ``source.definite_description`` -- "the 29-year-old", "the minister", "Pakistan's prime
  minister" -> the person the article named before in that role
  (:mod:`allegedly.extract.attribution.roles`), or the person just named with no role at all
  ("Sir Keir Starmer has defended X. The Prime Minister said");
* ``source.body_description`` -- "the ministry" -> the body that spoke last under a fuller name
  ("India's home ministry");
* ``source.it_entity`` -- "it", "its" -> the last organisation or place named before;
* ``source.short_name`` / ``source.surname`` -- "Mr Tsimbalyuk", "Tsimbalyuk" -> the full name
  mentioned earlier; ``source.full_name`` -- a full PERSON name without its titles;
* ``source.title_name`` -- "Corporal Ana Weiss" with the name missed by the NER.

The first resolver that applies decides (one that applies but finds no antecedent leaves the
mention as written). ``method`` is the resolver's name when it renamed the source, else the
``found_by`` name of the rule that found the mention. Each resolver can be switched off by name.

To add a resolver: write ``def _my_rule(tok, span, core) -> SourceMatch | Resolved | None``
(None: does not apply), add ``Rule("source.my_rule", _my_rule)`` to :data:`RESOLVERS` in its
place and document the name in ``docs/contract.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.cues import verb_cue_row
from allegedly.extract.attribution.entity_index import indexed
from allegedly.extract.attribution.gender import agrees, pronoun_gender, same_person
from allegedly.extract.attribution.mentions import (
    RELATIVE,
    THIRD_PERSON,
    TITLES,
    classify,
    description_of,
    entity,
    head_span,
    is_full_name,
    mention_span,
    name_tokens,
    nouns,
    outlet_name,
    person_noun,
)
from allegedly.extract.attribution.pronouns import (
    appositive_name,
    given_name_title,
    it_entity,
    it_speaker,
    relative_speaks,
    they_speaker,
)
from allegedly.extract.attribution.roles import fits, is_role, role_head, role_words
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import SourceMatch
from allegedly.extract.rules import Rule, enabled, method
from allegedly.lexicons import word_list

_IT_PRONOUNS = word_list("it_pronouns")
_THEY_PRONOUNS = word_list("they_pronouns")
_BODY_HEADS = frozenset(n for n, k in nouns()[0].items()
                        if k in {"government", "organisation", "evidence"}) | frozenset(
    w for w, k in nouns()[1] if k == "government" and " " not in w)
_PERSONAL = word_list("personal_pronouns")
_SHARE_PREPS = word_list("share_preps")
_ARTICLES = word_list("articles")
_SUBJECT_RELATIVES = word_list("subject_relatives")


@dataclass(frozen=True)
class Resolved:
    """What a resolver found: a PERSON mention the source refers to (``target``), or a name
    and description to use (a full name written with titles). All None: leave as written."""

    target: Span | None = None
    name: str | None = None
    description: str | None = None
    method: str | None = None  # the rule that found ``target``, when not the resolver itself


def _relative(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """A relative pronoun subject ("who", ", which", "that") speaks for the noun it hangs on:
    the source is that noun phrase, up to the relative clause ("the colonel, who said ..." ->
    "the colonel"). (PolNeAR writes "who" and ", which" sources as the pronoun: its evaluation
    adapter, ``allegedly.evaluation.polnear.polnear_source``, maps them back.)"""
    low = tok.lower_
    if not (low in RELATIVE and tok.dep_.startswith("nsubj") and tok.head.dep_ == "relcl"):
        return None
    noun = tok.head.head
    return replace(make_source(noun, stop=tok.head.left_edge.i, found_by="source.relative"),
                   method=method("source.relative"))


def _group_share(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """"About 3 in 10 independents say", "while 2 in 10 say": a number is never a person -- a
    share or count of a group speaks. The name is the mention (with the group of the share
    before it in the paragraph when the group is left out), the kind anonymous."""
    if not (tok.like_num or tok.pos_ == "NUM") or tok.ent_type_ in {"PERSON", "ORG", "GPE"}:
        return None
    name, antecedent = _strip_det(span), None
    if not any(t.pos_ in {"NOUN", "PROPN"} and not t.like_num for t in span):
        group = _earlier_group(tok)
        if group is not None:
            name, antecedent = f"{name} {group.text}", (group.start_char, group.end_char)
    return SourceMatch((span.start_char, span.end_char), name, "anonymous", None, antecedent,
                       method("source.group_share"))


def _earlier_group(tok: Token, window: int = 80) -> Span | None:
    """The group of the nearest share before ``tok`` in its paragraph ("3 in 10
    [independents]"), looking back at most ``window`` tokens."""
    doc = tok.doc
    for i in range(tok.i - 1, max(1, tok.i - window), -1):
        t = doc[i]
        if "\n" in t.text:
            return None
        if t.pos_ in {"NOUN", "PROPN"} and not t.like_num and doc[i - 1].like_num \
                and doc[i - 2].lower_ in _SHARE_PREPS:
            return doc[i:i + 1]
    return None


def _pronoun(tok: Token, span: Span, core: Span) -> SourceMatch | Resolved | None:
    """"He", "she" -> the most recent person-like subject before it (the previous speaker)."""
    if tok.lower_ not in THIRD_PERSON:
        return None
    doc = tok.doc
    gender = pronoun_gender(tok) if enabled(doc, "source.pronoun_gender") else None
    ante = _antecedent(doc, tok.i, gender=gender)
    by = "source.pronoun"
    if gender is not None and ante is not None \
            and ante != _antecedent(doc, tok.i, gender=gender, agree=False):
        by = "source.pronoun_gender"  # a nearer antecedent was of the other gender
    if ante is not None and ante.label_ != "PERSON":  # "one soldier ... he"
        return SourceMatch((span.start_char, span.end_char), _strip_det(ante), classify(ante),
                           None, (ante.start_char, ante.end_char), method(by))
    return Resolved(target=ante, method=by)


def _role_apposition(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """"The mayor, Anna Berg, ...": the PERSON name in apposition to a role noun."""
    role = _role_appos(tok)
    if role is None:
        return None
    name = " ".join(t.text for t in name_tokens(role))
    return SourceMatch((span.start_char, span.end_char), name, "person", _strip_det(core), None,
                       method("source.role_apposition"))


def _definite_description(tok: Token, span: Span, core: Span) -> Resolved | None:
    """"The 29-year-old", "the minister", "Pakistan's prime minister", "the soldier": a role
    mention -> the person the article named before in that role (by title or apposition, with
    the mention's modifiers), or the person named just before with no role of their own
    (:func:`_role_target`)."""
    if not (_age_mention(tok) or role_head(tok)):
        return None
    return Resolved(target=_role_target(tok))


def _age_mention(tok: Token) -> bool:
    """"The 29-year-old" (or "the sergeant" when the noun is no role of the lexicon)."""
    return person_noun(tok) and tok.ent_type_ in {"", "DATE"} \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts)


def _role_target(tok: Token, look_back: bool = True) -> Span | None:
    """The person a role mention names: the most recent person subject when the role fits
    them (an age always does: "the 29-year-old"), else the most recent full name the article
    gives that role ("Prime Minister Shehbaz Sharif" for "Pakistan's prime minister"; not
    "Prime Minister Narendra Modi" named later, whose title says no Pakistan); when no name
    fits, the person subject just before if the article gives them no other role
    (:func:`_roleless_speaker`: "Sir Keir Starmer has defended X. The Prime Minister
    said ..."); else None. ``look_back=False``: only the name search (no subject look-back)."""
    doc = tok.doc
    index = indexed(doc)
    if look_back:
        ante = _antecedent(doc, tok.i, resolve_roles=False)
        if ante is not None and ante.label_ != "PERSON" and ante.root.lower_ == tok.lower_:
            return None  # it goes on with an unresolved mention of that role
        if ante is not None and ante.label_ == "PERSON" and (
                tok.lower_ == "old" or fits(tok, ante) or not role_head(tok)
                and _describes(tok, ante)):
            return ante
    if not role_head(tok):
        return None
    quoted = index.in_quote(tok.idx)
    named = index.named_where(tok.i, lambda e: (quoted or not index.in_quote(e.start_char))
                              and fits(tok, e))
    if named is None and look_back and _roleless_speaker(tok, ante):
        return ante  # "Sir Keir Starmer has defended X. The Prime Minister suggested ..."
    return named


def _roleless_speaker(tok: Token, ante: Span | None) -> bool:
    """The previous person subject ``ante`` may take a role no name in the article is given:
    named close before (at most 60 tokens) with no other role in any mention of that name
    ("Sir Keir Starmer has defended ... The Prime Minister suggested"; "Vice President Joe
    Biden" has a role "the president" does not fit), and the role mention is outside quotes
    and names no place or body of its office ("the Prime Minister", not "Pakistan's prime
    minister" nor "the head of the group")."""
    if ante is None or ante.label_ != "PERSON" or tok.i - ante.end > 60 \
            or indexed(tok.doc).in_quote(tok.idx) or tok.i < ante.start:
        return False
    if any(c.dep_ == "poss" or c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_
           for c in tok.lefts) or any(c.dep_ == "prep" for c in tok.rights):
        return False  # "Pakistan's prime minister", "the head of the group": a named office
    last = name_tokens(ante)[-1].lower_ if name_tokens(ante) else None
    return not any(e.label_ == "PERSON" and name_tokens(e)
                   and name_tokens(e)[-1].lower_ == last
                   and any(is_role(w) for w in role_words(e)) and not fits(tok, e)
                   for e in tok.doc.ents)


def _body_description(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """"The ministry said" after "… announced by India's home ministry": a bare definite body
    noun (a government, organisation or document head of ``source_nouns.tsv``, only "the"
    before it) -> the nearest earlier mention of that noun that names the body more fully (a
    named entity, or modifiers: "the Ministry of Foreign Affairs", "India's home ministry") and
    spoke (the subject or by-agent of a reporting verb), outside quotes when the mention is,
    at most 300 tokens back."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or lemma(tok) not in _BODY_HEADS \
            or [c.lower_ for c in tok.lefts] != ["the"] or next(tok.rights, None) is not None:
        return None
    doc = tok.doc
    index = indexed(doc)
    quoted = index.in_quote(tok.idx)
    for i in range(tok.i - 1, max(-1, tok.i - 300), -1):
        t = doc[i]
        if t.lower_ != tok.lower_ or not quoted and index.in_quote(t.idx):
            continue
        fuller = t.ent_type_ in {"ORG", "GPE", "NORP"} or any(
            c.dep_ in {"compound", "amod", "poss", "nmod"} for c in t.lefts) or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in t.rights)
        if not fuller:
            continue
        head = t
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if not (head.dep_ in {"nsubj", "nsubjpass", "pobj"} and _spoke(head)):
            continue  # the body that spoke last, not any body named
        base = make_source(head)
        if base.name is None or base.name.lower() == tok.lower_:
            return None
        ante = head_span(head)
        return SourceMatch((span.start_char, span.end_char), base.name, base.kind,
                           base.description, (ante.start_char, ante.end_char),
                           method("source.body_description"))
    return None


def _spoke(t: Token) -> bool:
    """``t`` is the subject of a reporting verb, or its by-agent ("announced by the ministry")."""
    if t.dep_ == "pobj":
        return t.head.dep_ == "agent" and verb_cue_row(t.head.head) is not None
    return t.head.pos_ in {"VERB", "AUX"} and verb_cue_row(t.head) is not None


def _it_entity(tok: Token, span: Span, core: Span) -> SourceMatch | Resolved | None:
    """"it", "its" -> the last organisation, place or group named before."""
    if tok.lower_ not in _IT_PRONOUNS:
        return None
    by = "source.it_speaker"
    spoke = it_speaker(tok) if enabled(tok.doc, by) else None
    ent = head_span(spoke) if spoke is not None else None
    if ent is None:
        ent, by = it_entity(tok, {"ORG", "GPE", "NORP"}), "source.it_entity"
    if ent is None:
        return Resolved()
    base = make_source(ent.root)
    return SourceMatch((span.start_char, span.end_char), base.name, base.kind, base.description,
                       (ent.start_char, ent.end_char), method(by))



def _they_group(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """"They said" -> the group that last spoke in the paragraph (``pronouns.they_speaker``)."""
    if tok.lower_ not in _THEY_PRONOUNS:
        return None
    group = they_speaker(tok)
    if group is None:
        return None
    base = make_source(group)
    ante = mention_span(group)
    return SourceMatch((span.start_char, span.end_char), base.name, base.kind, base.description,
                       (ante.start_char, ante.end_char), method("source.they_group"))


def _short_name(tok: Token, span: Span, core: Span) -> Resolved | None:
    """"Mr Tsimbalyuk" (a one-word PERSON name) -> the full name mentioned earlier."""
    ent = entity(core)
    if ent is None or ent.label_ != "PERSON":
        return None
    names = name_tokens(ent)
    if len(names) != 1:
        return None
    target = _earlier_person(tok.doc, ent.start, names[-1].lower_)
    if target is not None and enabled(tok.doc, "source.pronoun_gender") \
            and not same_person(tok.doc, ent, target):
        return Resolved()  # "Lady Starmer" after "Sir Keir Starmer": someone else
    return Resolved(target=target)


def _full_name(tok: Token, span: Span, core: Span) -> Resolved | None:
    """A PERSON name of two or more words: the name without titles, and its description."""
    ent = entity(core)
    if ent is None or ent.label_ != "PERSON":
        return None
    names = name_tokens(ent)
    if len(names) >= 2:
        return Resolved(name=" ".join(t.text for t in names), description=description_of(ent))
    return Resolved()


def _title_name(tok: Token, span: Span, core: Span) -> SourceMatch | None:
    """"Corporal Ana Weiss" with the name mislabelled by the NER: title + full name."""
    if not (tok.pos_ == "PROPN" and core[0].lower_ in TITLES and len(core) >= 3
            and all(t.pos_ == "PROPN" for t in core)):
        return None
    return SourceMatch((span.start_char, span.end_char), " ".join(t.text for t in core[1:]),
                       "person", core[0].text, None, method("source.title_name"))


def _surname(tok: Token, span: Span, core: Span) -> Resolved | None:
    """A bare surname the NER missed or mislabelled ("Mr Tsimbalyuk" tagged ORG) -> the full
    name mentioned earlier."""
    if not (tok.pos_ == "PROPN" and len([t for t in core if t.lower_ not in TITLES]) == 1):
        return None
    return Resolved(target=_earlier_person(tok.doc, core.start, tok.lower_))


RESOLVERS: tuple[Rule, ...] = (
    Rule("source.relative", _relative),
    Rule("source.group_share", _group_share),
    Rule("source.pronoun", _pronoun),
    Rule("source.role_apposition", _role_apposition),
    Rule("source.definite_description", _definite_description),
    Rule("source.body_description", _body_description),
    Rule("source.it_entity", _it_entity),
    Rule("source.they_group", _they_group),
    Rule("source.short_name", _short_name),
    Rule("source.full_name", _full_name),
    Rule("source.title_name", _title_name),
    Rule("source.surname", _surname),
)
"""Who a mention refers to, in order (the first that applies decides)."""


def make_source(tok: Token, stop: int | None = None, found_by: str = "source.subject"
                ) -> SourceMatch:
    """A :class:`SourceMatch` for the mention headed by ``tok``, typed and resolved; the mention
    ends before token ``stop`` (the cue) when the cue hangs off the mention itself.
    ``found_by``: the name of the rule that found the mention (its ``method`` unless a resolver
    renames it)."""
    doc = tok.doc
    span = mention_span(tok, stop)
    core = head_span(tok)
    resolved, by = Resolved(), found_by
    for rule in RESOLVERS:
        if not enabled(doc, rule.name):
            continue
        got = rule.fn(tok, span, core)
        if isinstance(got, SourceMatch):
            return got
        if got is not None:
            resolved = got
            if got.target is not None:
                by = got.method or rule.name
            break
    return _finish(span, core, resolved, by)


def _finish(span: Span, core: Span, resolved: Resolved, by: str) -> SourceMatch:
    """The source as resolved: the target's name and description, else the mention's own; an
    unresolved personal pronoun keeps its kind and gets no name (never a source named "I")."""
    name: str | None = resolved.name or core.text
    if resolved.name is None and len(core) == 1 and core[0].lower_ in _PERSONAL:
        name = None
    description, antecedent = resolved.description, None
    kind = classify(core)
    target = resolved.target
    if target is not None:
        name = " ".join(t.text for t in name_tokens(target))
        description = description_of(target)
        antecedent = (target.start_char, target.end_char)
        kind = "person"
    elif kind == "media":
        name = outlet_name(core.text) or _strip_det(core)
    return SourceMatch((span.start_char, span.end_char), name, kind, description, antecedent,
                       method(by))


def vague_source(phrase: str = "", span: tuple[int, int] | None = None) -> SourceMatch:
    """The source of a sourceless cue, named by the phrase that stands for it ("it is alleged",
    "there are claims": never an empty name). ``span``: the words of that phrase in the text
    when they are there ("There are claims"); None when no words name the source ("Russia has
    been accused": the phrase is made up, "unnamed (has been accused)")."""
    return SourceMatch(span, " ".join(phrase.split()) or "unnamed source", "vague",
                       method=method("source.vague"))


STAND_INS = frozenset({method("source.unnamed"), method("source.expletive"), method("source.vague")})
"""Methods of unnamed sources named by the words standing for them ("it is alleged", "There are
claims"): their span, when they have one, is no speaker's mention."""


def named_span(src: SourceMatch | None) -> tuple[int, int] | None:
    """The span of a source that names a speaker (None for a stand-in or no span): what the
    strategies compare with contents and cues."""
    return None if src is None or src.method in STAND_INS else src.span


# ---- antecedents -------------------------------------------------------------------------


def _earlier_person(doc: Doc, before: int, surname: str | None) -> Span | None:
    """The most recent full-name PERSON entity ending before ``before`` (matching ``surname``,
    else, after "Sir"/"Dame", the first name: :func:`given_name_title`); a bisection in the
    document's :class:`~.entity_index.EntityIndex`."""
    index = indexed(doc)
    found = index.person(before, surname)
    if found is None and surname is not None and given_name_title(doc, before):
        found = index.person_by_given_name(before, surname)
    return found


def _antecedent(doc: Doc, before: int, window: int = 250, resolve_roles: bool = True,
                gender: str | None = None, depth: int = 0, agree: bool = True) -> Span | None:
    """The most recent person-like *subject* before token ``before`` (a full or short PERSON
    name, or a singular person noun phrase "one soldier"), else the most recent full name.
    A mention outside quotes never takes a person named inside a quote (the quoted words are
    the speaker's: "“Trump was up 5 or 6 points,” he said" after "Graham told the AP" is not
    Trump). A role subject ("The 29-year-old, who fled, told the paper") stands for the person
    it names when one fits (``resolve_roles``). With ``gender`` ("f", "m"), a person the
    article gives the other gender is passed over (``source.pronoun_gender``), and a pronoun
    subject of that gender stands for its own antecedent (``source.pronoun_chain``);
    ``agree=False``: the chain without the gender check (to tell what the check decided)."""
    index = indexed(doc)
    quoted = before < len(doc) and index.in_quote(doc[before].idx)

    def outside(person: Span) -> bool:
        return (quoted or not index.in_quote(person.start_char)) \
            and (not agree or agrees(doc, person, gender))

    for i in range(before - 1, max(-1, before - window), -1):
        t = doc[i]
        if t.dep_ not in {"nsubj", "nsubjpass"} or not quoted and index.in_quote(t.idx):
            continue
        if t.lower_ in _SUBJECT_RELATIVES and t.head.dep_ == "relcl":
            t = t.head.head
            if not relative_speaks(t):
                continue
        elif t.head.dep_ not in {"ROOT", "conj", "parataxis"} and not (
                t.head.dep_ == "ccomp" and t.head.i < t.head.head.i):  # "X alleged ..., Y said"
            continue  # a subject inside reported content ("reported that the colonel ...")
        if gender is not None and pronoun_gender(t) is not None and t.lower_ in THIRD_PERSON:
            if pronoun_gender(t) != gender or depth >= 8 \
                    or not enabled(doc, "source.pronoun_chain"):
                continue
            found = _antecedent(doc, t.i, window, resolve_roles, gender, depth + 1, agree)
            if found is not None:
                return found
            continue
        found = _person_subject(doc, t, resolve_roles)
        if found is not None and outside(found):
            return found
    return index.person_where(before, outside)


def _person_subject(doc: Doc, t: Token, resolve_roles: bool = False) -> Span | None:
    """The person a subject token names: its full name (looked up for a short one), a title +
    full name the NER mislabelled, or a person noun phrase (with ``resolve_roles``, the person
    a role noun phrase names when one fits, :func:`_role_target`), the name in apposition with
    a noun ("one of the victims, Ana Dale"); None if it names no person."""
    named = appositive_name(t)
    if named is not None:
        return named
    if t.ent_type_ == "PERSON":
        ent = entity(doc[t.i:t.i + 1])
        if ent is None:
            return None
        if is_full_name(ent):
            return ent
        names = name_tokens(ent)
        full = _earlier_person(doc, ent.start, names[-1].lower_) if names else None
        return full or ent
    if t.pos_ == "PROPN" and t.ent_type_ != "GPE":  # a surname the NER mislabelled
        full = _earlier_person(doc, t.i, t.lower_)
        if full is not None:
            return full
        core = head_span(t)
        if core[0].lower_ in TITLES and len(core) >= 3:  # "Corporal Ana Weiss" (NER: ORG)
            return Span(doc, core.start, core.end, label="PERSON")
    if resolve_roles and (_age_mention(t) or role_head(t)):
        named = _role_target(t)
        if named is not None:
            return named
    if person_noun(t) and t.ent_type_ not in {"ORG", "GPE", "NORP"} or role_head(t):
        return head_span(t)
    return None


def _role_appos(tok: Token) -> Span | None:
    """"The mayor, Anna Berg, ...", "Sweden's Minister of Justice, Gunnar Strömmer": the
    PERSON name in apposition to a role noun."""
    if tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and is_role(tok.lower_)):
        return None
    for child in tok.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            ent = entity(child.doc[child.i:child.i + 1])
            if ent is not None and is_full_name(ent):
                return ent
    return None


def _earlier_entity(doc: Doc, before: int, labels: set[str]) -> Span | None:
    """The most recent entity with one of ``labels`` ending before token ``before``."""
    return indexed(doc).entity(before, labels)


def _strip_det(span: Span) -> str:
    toks = list(span)
    while toks and toks[0].dep_ == "det" and toks[0].lower_ in _ARTICLES:
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip() or span.text


def _describes(tok: Token, ent: Span) -> bool:
    """An age ("the 29-year-old") or a noun found in the name's own description/mention."""
    if tok.lower_ == "old":
        return True
    desc = (description_of(ent) or "") + " " + " ".join(t.text for t in ent)
    return tok.lower_ in desc.lower().split()


__all__ = ["RESOLVERS", "STAND_INS", "Resolved", "classify", "make_source", "mention_span",
           "named_span", "outlet_name", "vague_source"]
