"""Who speaks for a cue verb: the token whose mention becomes the source.

:func:`source_of` walks :data:`SPEAKER_STEPS` in order -- the verb's own subject, the passive
agent, the subject of the cue it is conjoined to, a stranded noun, the outer speaker, the
inherited subject -- and hands the first token found to
:func:`allegedly.extract.attribution.sources.make_source` (which types and resolves it). The
name of the step that found it is the source's ``method`` unless a resolution rule (pronoun,
short name, ...) renamed it. Each step can be switched off by name (ablation); a step that
applies but finds nothing stops the walk, as the cascade did.

To add a step: write ``def _my_step(v: Token) -> Token | None | _Stop`` below and put a
``Rule("source.my_step", _my_step)`` into :data:`SPEAKER_STEPS` where it belongs, then document
the name in ``docs/contract.md``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUES, cue_start, verb_has
from allegedly.extract.attribution.mentions import person_noun
from allegedly.extract.attribution.roles import is_role
from allegedly.extract.attribution.sources import make_source, vague_source
from allegedly.extract.attribution.spans import paragraph, text_of
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import SourceMatch
from allegedly.extract.quotes import CLOSE_MARKS
from allegedly.extract.rules import Rule, enabled, method
from allegedly.lexicons import flagged, load, word_list

SUBJ = {"nsubj", "nsubjpass", "csubj"}
INHERIT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "advmod"}


class _Stop:
    """A step applied but found no speaker: stop looking (the source is unnamed)."""


STOP = _Stop()


def own_subject(verb: Token) -> Token | None:
    """The first nominal or clausal subject among ``verb``'s children (no inheritance)."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)


def _or_stop(t: Token | None) -> Token | _Stop:
    return STOP if t is None else t


def _own(v: Token) -> Token | None:
    """The verb's own subject ("Tsimbalyuk [has alleged]")."""
    subjects = [c for c in v.children if c.dep_ in {"nsubj", "csubj"}]
    # two subjects is a misparse ('“…reporter…,” Trump said'): the nearer one speaks
    if subjects:
        outside = [c for c in subjects if not quoted_before(c, v)]
        subjects = outside or subjects  # '“… Full panic mode,” said Wimes': Wimes, not "mode"
        before = [c for c in subjects if c.i < v.i]
        return before[-1] if before else subjects[0]
    return None


def quoted_before(t: Token, v: Token) -> bool:
    """``t`` stands before cue ``v`` with a closing quotation mark between them: it is a word of
    the quoted content, not the speaker."""
    return t.i < v.i and any(w.text in CLOSE_MARKS or w.text == '"' for w in v.doc[t.i + 1:v.i])


def _inverted_object(v: Token) -> Token | None:
    """'“Pure theatre,” tweeted [the senator].': right after a quote closed by a comma, a cue
    with no subject outside the quote whose object, right after it, can speak -- the parser
    took the inverted speaker for the object."""
    doc = v.doc
    if v.i < 2 or doc[v.i - 1].text not in CLOSE_MARKS + '"' or doc[v.i - 2].text != "," \
            or any(c.dep_ in SUBJ and not quoted_before(c, v) for c in v.children):
        return None
    obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != v.i + 1 \
            or not (can_speak(obj) or person_noun(obj) or is_role(obj.text)):
        return None
    return obj


def _after_quote(v: Token) -> Token | None:
    """'“A,” [Dana Whitfield, an adviser], said': the parser hung the speaker between a quote
    closed by a comma and a cue with no subject outside the quote inside the quoted clause (an
    attribute or object there, or no subject at all); the noun phrase filling that gap speaks
    (:func:`after_quote_speaker`)."""
    return after_quote_speaker(v)


def after_quote_speaker(v: Token) -> Token | None:
    """The head of the words between a quote closed by ",", "?" or "!" and cue ``v`` (cue
    auxiliaries and a trailing comma left out), when ``v`` has no subject outside the quote nor a
    passive one and that head can speak (a name, group, person noun or role)."""
    doc = v.doc
    if any(c.dep_ in SUBJ and not quoted_before(c, v) or c.dep_ == "agent" for c in v.children):
        return None
    end = cue_start(v)
    close = next((i for i in range(end - 1, max(end - 16, 0), -1)
                  if doc[i].text in _QUOTE_CLOSERS), None)
    if close is None or doc[close - 1].text not in {",", "?", "!"}:
        return None
    stop = end - 1 if doc[end - 1].text == "," else end
    words = doc[close + 1:stop]
    if not len(words) or any("\n" in t.text or "\n" in t.whitespace_ or t.text in _QUOTE_CLOSERS
                             or t.is_quote for t in words):
        return None
    head = words.root
    if head.pos_ == "PROPN" or head.pos_ == "NOUN" and (
            can_speak(head) or person_noun(head) or is_role(head.lower_)):
        return head
    return None


_QUOTE_CLOSERS = frozenset({*CLOSE_MARKS, '"', "''"})


def _agent(v: Token) -> Token | _Stop | None:
    """The by-agent of a passive cue ("was reported by [the Post]"); an agentless passive ("it
    is alleged", "Russia has been accused") has no speaker."""
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children):
        return STOP
    return None


def _conjoined(v: Token) -> Token | _Stop | None:
    """The outer subject of a cue conjoined inside another cue's content ("Merrill says A and
    said B"; "tweeted … that Machado was “a con” and encouraged Americans to …")."""
    if conjoined_cue(v):
        return _or_stop(own_subject(v.head.head))
    if v.dep_ == "conj" and v.head.dep_ == "advcl" and v.head.left_edge.lower_ == "that" \
            and lemma(v.head.head) in CUES and not any(c.dep_ in SUBJ for c in v.children):
        return _or_stop(own_subject(v.head.head))
    return None


def _stranded(v: Token) -> Token | None:
    """A noun right before a subjectless finite cue ("the $20 million experts say it costs")."""
    return stranded_subject(v)


def _fronted(v: Token) -> Token | None:
    """"In a call on Monday, Col. Ana Weiss, a spokeswoman, said": the parser hung the speaker of
    a subjectless finite cue inside the adjunct fronted before it (an apposition or conjunct of
    its last noun); the name or person noun that ends right before the comma ahead of the cue
    speaks (:func:`fronted_subject`)."""
    return fronted_subject(v)


def _outer(v: Token) -> Token | None:
    """The speaker of the cue whose content holds a participle cue whose inherited subject
    cannot speak ("Analysts said factors contributed to X, citing Y")."""
    inherited = _inherited_subject(v)
    if inherited is not None and (not can_speak(inherited)
                                  or inherited.lower_ in _ECHO_PRONOUNS):
        outer = _outer_speaker(v)
        para = paragraph(text_of(v.doc), v.idx)
        if outer is not None and can_speak(outer) and para[0] <= outer.idx < para[1]:
            return outer
    return None


def _inherited(v: Token) -> Token | _Stop:
    """The subject of the clause the cue hangs off (participles, infinitives, conjuncts)."""
    return _or_stop(_inherited_subject(v))


SPEAKER_STEPS: tuple[Rule, ...] = (
    Rule("source.inverted_object", _inverted_object),
    Rule("source.after_quote", _after_quote),
    Rule("source.subject", _own),
    Rule("source.agent", _agent),
    Rule("source.conjoined", _conjoined),
    Rule("source.stranded", _stranded),
    Rule("source.fronted_subject", _fronted),
    Rule("source.outer_speaker", _outer),
    Rule("source.inherited", _inherited),
)
"""How the speaker of a cue verb is found, in order (the first that answers decides)."""


def speaker(v: Token) -> tuple[Token | None, str]:
    """The speaking token of cue verb ``v`` and the name of the step that found it."""
    doc = v.doc
    for step in SPEAKER_STEPS:
        if not enabled(doc, step.name):
            continue
        found = step.fn(v)
        if found is STOP:
            return None, step.name
        if found is not None:
            return found, step.name
    return None, ""


def can_speak(t: Token) -> bool:
    """A person, organisation, group or personal pronoun ("factors", "Tuesday" cannot speak)."""
    return t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.lower_ in _SPEAKING_PRONOUNS \
        or lemma(t) in _SPEAKER_NOUNS


_ECHO_PRONOUNS = word_list("echo_pronouns")
_SPEAKING_PRONOUNS = word_list("speaking_pronouns")
_SPEAKER_NOUNS = frozenset(r["noun"].lower() for r in load("source_nouns") if r["match"] == "head")
"""Head nouns of speaking sources (officials, analysts, police …) from ``source_nouns.tsv``."""


def _outer_speaker(v: Token) -> Token | None:
    """"Analysts said factors have contributed to X, [citing Y]": a participle speech verb set
    off by a comma inside another cue's content clause whose own subject cannot speak speaks for
    that cue's subject."""
    if v.dep_ != "advcl" or v.tag_ != "VBG" or v.left_edge.i == 0 \
            or v.doc[v.left_edge.i - 1].text != ",":
        return None
    h = v.head
    for _ in range(4):
        if h.dep_ == "ccomp" and lemma(h.head) in CUES:
            return own_subject(h.head)
        if h.dep_ not in {"conj", "xcomp", "advcl"}:
            return None
        h = h.head
    return None


_STATEMENT_NOUNS = frozenset(r["word"] for r in load("speech_settings") if r["kind"] == "venue")


def _issuer(noun: Token) -> Token | None:
    """The subject of "issued / released / sent [a statement]", "filed [papers]", "approved [a
    resolution]", "helped draft [a report]": the author of a statement, or of any object that
    names no entity or person."""
    if noun.dep_ != "dobj" or not verb_has(lemma(noun.head), "issuing") \
            or lemma(noun) not in _STATEMENT_NOUNS and (noun.ent_type_ or person_noun(noun)):
        return None
    verb = noun.head
    subject = own_subject(verb)
    if subject is None and verb.dep_ == "xcomp":  # "[the aide] helped draft a report"
        subject = own_subject(verb.head)
    return subject


def noun_author(noun: Token) -> Token | None:
    """The author of a noun cue that has no possessor of its own: the subject that issued,
    made or repeated it ("Ken Detzner sent out a statement that", "Christie repeated accusations
    that", "…, releasing a statement that" after "Mr. Sanders showed"), when it can speak
    (``source.noun_author``); None otherwise ("responded to accusations that": not the
    author)."""
    if noun.dep_ != "dobj" or not verb_has(lemma(noun.head), "issuing") \
            or not enabled(noun.doc, "source.noun_author"):
        return None
    verb = noun.head
    subject = own_subject(verb)
    if subject is None and verb.tag_ == "VBG" or subject is None and verb.dep_ == "xcomp":
        subject = _inherited_subject(verb)
    return subject if subject is not None and can_speak(subject) else None


def _inherited_subject(v: Token) -> Token | None:
    """The subject of the clause ``v`` hangs off (participles, infinitives, conjuncts)."""
    h = v
    for _ in range(4):
        if h.dep_ == "acl" and h.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            issuer = _issuer(h.head)  # "the Council issued a statement calling …"
            return issuer if issuer is not None else h.head
        if h.dep_ == "pcomp" and h.head.dep_ == "prep" and h.head.lower_ == "with":
            for c in h.children:
                if c.dep_ in SUBJ:
                    return c
        if h.dep_ not in INHERIT_DEPS or h.head == h:
            break
        h = h.head
        for c in h.children:
            if c.dep_ in SUBJ:
                return c
    return None


def stranded_subject(v: Token) -> Token | None:
    """"the $20 million experts say it costs", "with the editorial board of the Post Trump
    said": a finite speech verb the parser left without a subject, right after a noun it hung
    elsewhere (a reduced relative clause, a missing comma). That noun speaks."""
    if v.tag_ not in {"VBD", "VBZ", "VBP"} or v.i == 0 or v.dep_ in {"conj", "xcomp", "advcl"} \
            or any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "aux"} and c.i < v.i
                   for c in v.children):
        return None
    prev = v.doc[v.i - 1]
    while prev.i > 0 and prev.pos_ in {"ADV", "CCONJ"} and prev.lower_ in _SUBJECT_ADVERBS:
        prev = v.doc[prev.i - 1]  # "DuVernay [both] documents", "Trump [also] said"
    if prev.pos_ in {"NOUN", "PROPN"} and prev.dep_ in {"pobj", "dep", "npadvmod", "dobj", "conj"} \
            and prev.head != v:
        return prev
    return None


def fronted_subject(v: Token) -> Token | None:
    """The speaker hung inside an adjunct fronted before subjectless finite cue ``v`` ("At a
    rally in Ohio, [Ana Weiss, the mayor], forcefully told …"): after the comma before ``v``
    (adverbs of ``v`` between them skipped), the outermost apposition or conjunct of the adjunct that
    ends there and can speak (a name, group or person noun), when the adjunct opens the
    clause and hangs on ``v``."""
    doc = v.doc
    if v.tag_ not in {"VBD", "VBZ", "VBP"} or v.dep_ in {"conj", "xcomp", "advcl"} \
            or any(c.dep_ in SUBJ or c.dep_ in {"expl", "nsubjpass"} for c in v.children):
        return None
    i = v.i - 1
    while i > 0 and doc[i].dep_ == "advmod" and doc[i].head == v:
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    adjunct = next((c for c in v.lefts if c.dep_ in {"prep", "advcl", "npadvmod"}
                    and c.right_edge.i in (i - 1, i)), None)
    if adjunct is None:
        return None
    found = [t for t in adjunct.subtree if t.dep_ in {"appos", "conj"}
             and t.right_edge.i in (i - 1, i) and t.pos_ in {"PROPN", "NOUN"}
             and (can_speak(t) or person_noun(t) or is_role(t.lower_))]
    return min(found, key=lambda t: t.left_edge.i) if found else None


_SUBJECT_ADVERBS = flagged("speech_adverbs", "word", "before_verb")
_COORDINATORS = word_list("coordinators")
_EXPLETIVES = word_list("expletives")


def _stranded_span(subj: Token) -> tuple[int, int]:
    """The stranded speaker as written: its name ("Donald Trump", not "the Washington Post
    Trump") and names coordinated with it ("Obama and Clinton call …")."""
    doc = subj.doc
    first = subj.i
    while first > 0 and doc[first - 1].ent_type_ == "PERSON" == subj.ent_type_ \
            and doc[first - 1].ent_iob_ != "O" and subj.ent_iob_ == "I":
        first -= 1
    if first >= 2 and doc[first - 1].lower_ in _COORDINATORS and doc[first - 2].pos_ == "PROPN":
        first -= 2
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first].ent_iob_ == "I":
            first -= 1
    return doc[first].idx, subj.idx + len(subj.text)


def conjoined_cue(t: Token) -> bool:
    """A subjectless speech verb with its own content conjoined to the content clause of
    another cue: "Merrill says [Machado promised to back her] and said [she would ...]" — the
    parser hangs "said" inside the first content; its speaker is the outer subject."""
    comp = t.head
    return t.dep_ == "conj" and t.i > comp.i and t.tag_ in {"VBD", "VBZ"} and lemma(t) in CUES \
        and comp.dep_ == "ccomp" and lemma(comp.head) in CUES \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) \
        and any(c.dep_ in {"ccomp", "dobj"} for c in t.children)


def source_of(v: Token) -> SourceMatch | None:
    """The source of cue verb ``v``: the speaker found by :data:`SPEAKER_STEPS` in the cue's
    paragraph (else the name or noun opening that paragraph), a vague source for "it is
    alleged"/"there are claims", "unnamed (...)" for an agentless passive."""
    subj, step = speaker(v)
    if subj is not None:
        text = text_of(v.doc)
        ps, pe = paragraph(text, v.idx)
        if not ps <= subj.idx < pe and enabled(v.doc, "source.paragraph_opening"):
            subj, step = _nearest_noun(v, ps), "source.paragraph_opening"
    if subj is None:
        return replace(vague_source(*_passive_phrase(v)), method=method("source.unnamed"))
    if subj.dep_ == "expl" or subj.lower_ in _EXPLETIVES and subj.dep_ == "nsubjpass":
        words = v.doc[subj.i:v.i + 1]  # "it is alleged", "there are": the words stand for it
        return replace(vague_source(words.text, (words.start_char, words.end_char)),
                       method=method("source.expletive"))
    src = make_source(subj, stop=cue_start(v), found_by=step)
    if subj == stranded_subject(v):  # the parse around it is wrong: the name alone, not its NP
        src = replace(src, span=_stranded_span(subj))
    return src


def _passive_phrase(v: Token) -> tuple[str, tuple[int, int] | None]:
    """The phrase standing for a missing source and its span in the text: "it is alleged" (its
    words), "unnamed (has been accused)" (made up: no span)."""
    doc = v.doc
    subj = next((c for c in v.children if c.dep_ == "nsubjpass" and c.i < v.i), None)
    if subj is not None and subj.lower_ == "it":
        words = doc[subj.i:v.i + 1]
        return words.text, (words.start_char, words.end_char)
    return "unnamed (" + doc[cue_start(v):v.i + 1].text + ")", None


def _nearest_noun(v: Token, para_start: int) -> Token | None:
    """The parse ran over a paragraph break and gave ``v`` a subject in another paragraph: the
    name or pronoun opening ``v``'s own paragraph ("…EDT):\n\nDonald Trump is questioning …"),
    else the head of the noun phrase just before ``v``."""
    first = next((t for t in v.doc[:v.i] if t.idx >= para_start and not t.is_space), None)
    if first is not None and first.pos_ in {"PROPN", "PRON"}:
        while first.dep_ == "compound" and first.head.i < v.i and first.head.idx >= para_start:
            first = first.head
        return first
    for t in reversed(v.doc[:v.i]):
        if t.idx < para_start:
            return None
        if t.pos_ in {"NOUN", "PROPN", "PRON"}:
            return t
    return None


__all__ = ["INHERIT_DEPS", "SPEAKER_STEPS", "SUBJ", "can_speak", "conjoined_cue", "own_subject",
           "fronted_subject", "noun_author", "quoted_before", "source_of", "speaker", "stranded_subject"]
