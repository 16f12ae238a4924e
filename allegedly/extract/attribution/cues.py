"""The cue lexicon and cue spans: which words can mark an attribution, and how far a cue reaches.

Cues come from ``lexicons/reporting_verbs.tsv`` (one row per verb, noun or multi-word cue with
its class and frame). :func:`verb_cue_row` finds the row of a cue verb (phrasal ones included),
:func:`cue_span` the words of the cue ("has also said", "called for", "said Friday").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, Offsets
from allegedly.lexicons import flagged, load, word_list

CUE_ROWS: tuple[dict[str, str], ...] = load("reporting_verbs")
"""All rows of ``lexicons/reporting_verbs.tsv`` (verbs, nouns, doubt words)."""
CUES: dict[str, dict[str, str]] = {}
NOUN_CUES: dict[str, dict[str, str]] = {}
for _row in CUE_ROWS:
    if _row["pos"] == "verb":
        CUES.setdefault(_row["lemma"], _row)
    elif _row["pos"] == "noun":
        NOUN_CUES.setdefault(_row["lemma"], _row)
PHRASE_CUES: dict[str, list[dict[str, str]]] = {}
"""Multi-word verb cues ("point out", "point to") by their verb lemma (the first word)."""
for _row in CUE_ROWS:
    if _row["pos"] == "phrase" and " " in _row["lemma"]:
        PHRASE_CUES.setdefault(_row["lemma"].split()[0], []).append(_row)
PHRASE_FORMS = frozenset(f for rows in PHRASE_CUES.values() for r in rows
                         for f in r["forms"].split())
VERB_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "verb" for f in r["forms"].split())
NOUN_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "noun" for f in r["forms"].split())
DOUBT_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "doubt" for f in r["forms"].split())
TRIGGER_FORMS: frozenset[str] = frozenset(
    form.lower() for row in CUE_ROWS if row["pos"] not in {"doubt", "support"}
    for form in row["forms"].split())
"""Every lower-cased surface form that can start or mark an attribution cue."""
_VERB_FRAMES: dict[str, set[str]] = {}
for _row in CUE_ROWS:
    if _row["pos"] in {"verb", "phrase", "support"}:
        _VERB_FRAMES.setdefault(_row["lemma"].split()[0], set()).update(_row["frame"].split(","))


def verb_has(lem: str, prop: str) -> bool:
    """Does the verb lemma ``lem`` have the frame word ``prop`` (``addressee``, ``desire``,
    ``naming``, ``prep``, ``issuing``: see the header of ``reporting_verbs.tsv``)? For a phrase
    row the frame holds for its first word ("point to": "point")."""
    return prop in _VERB_FRAMES.get(lem, ())

CUE_MODS = {"aux", "auxpass", "neg"}
_CUE_ADVS = flagged("speech_adverbs", "word", "cue")
_TIME_WORDS = word_list("day_words")
_CUE_PREPS = word_list("cue_preps")
_NOT_MANNER = word_list("not_manner_adverbs")


def verb_cue_row(v: Token) -> dict[str, str] | None:
    """The lexicon row of cue verb ``v``: its own verb row, or a phrase row whose second word is
    one of its particles or prepositions ("pointed [out]", "pointed [to]")."""
    lem = lemma(v)
    row = CUES.get(lem)
    if row is not None:
        return row
    for phrase in PHRASE_CUES.get(lem, ()):
        words = phrase["lemma"].split()
        if len(words) != 2:
            continue  # "go on to say" is more than a verb and its particle
        if any(_phrase_word(phrase, c) and c.i > v.i for c in v.children):
            return phrase
    return None


COMPLEMENT_DEPS = frozenset({"oprd", "acomp", "ccomp"})
"""How the parser hangs the complement word of a ``complement`` phrase on its verb ("made
[clear] that": oprd; "made it [clear] that": ccomp, with "it" as its subject)."""


def _phrase_word(phrase: dict[str, str], c: Token) -> bool:
    """Is child ``c`` of the verb the second word of phrase row ``phrase``: a particle or
    preposition ("pointed [out]"), the object of an ``object`` phrase ("put [it]", "made the
    [case]"), or the complement of a ``complement`` phrase ("made [clear]")?"""
    frame = phrase["frame"].split(",")
    deps = {"prt", "prep"} | ({"dobj"} if "object" in frame else set()) \
        | (COMPLEMENT_DEPS if "complement" in frame else set())
    return c.dep_ in deps and c.lower_ == phrase["lemma"].split()[1]


def complement_word(v: Token, row: dict[str, str]) -> Token | None:
    """The complement word of cue verb ``v`` when ``row`` is a ``complement`` phrase ("made
    [clear]", "made it [clear]"), else None."""
    if "complement" not in row["frame"].split(","):
        return None
    return next((c for c in v.rights if _phrase_word(row, c)), None)


def _phrase_word_end(v: Token, end: int) -> int:
    """The last token of the cue when the second word of a ``complement`` or ``object`` phrase
    follows the verb after "it" or its own modifiers ("made it clear", "made the case", "is
    making an impassioned case"); ``end`` otherwise."""
    row = verb_cue_row(v)
    if row is None or row["pos"] != "phrase":
        return end
    word = complement_word(v, row)
    if word is not None:
        between = v.doc[end + 1:word.i]
        return word.i if len(between) <= 1 and all(t.lower_ == "it" for t in between) else end
    if "object" not in row["frame"].split(","):
        return end
    word = next((c for c in v.rights if _phrase_word(row, c)), None)
    if word is None or word.i <= end or any(t.head.i != word.i for t in v.doc[end + 1:word.i]):
        return end
    return word.i


def cue_span(v: Token) -> Offsets:
    """Character span of cue verb ``v``: the verb with its contiguous auxiliaries, negation and
    adverbs ("has also said"), particle, cue preposition ("called for") or the object of an
    ``object`` phrase ("put it"), and an adjacent day word ("said Friday")."""
    doc = v.doc
    start = v.i
    left = {c.i for c in v.lefts if c.dep_ in CUE_MODS
            or c.dep_ == "advmod" and (c.lower_ in _CUE_ADVS or _manner_adverb(c))}
    while start - 1 in left:
        start -= 1
    end = v.i
    for c in v.rights:
        if c.i != end + 1:
            break
        particle = c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in _CUE_PREPS
                                       and verb_has(lemma(v), "prep"))
        day = c.dep_ in {"npadvmod", "advmod"} and c.lower_ in _TIME_WORDS
        row = verb_cue_row(v) if c.dep_ == "dobj" else None
        particle = particle or row is not None and row["pos"] == "phrase" \
            and _phrase_word(row, c)  # "put it"
        if not (particle or day):
            break
        end = c.i
    end = _phrase_word_end(v, end)
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _manner_adverb(t: Token) -> bool:
    """"frequently mocked", "forcefully told": an -ly adverb right before the cue says how it
    was said and belongs to the cue."""
    return t.lower_.endswith("ly") and t.tag_ == "RB" and t.lower_ not in _NOT_MANNER


def cue_start(v: Token) -> int:
    """Index of the first token of the cue verb group (auxiliaries, negation, adverbs)."""
    i = v.i
    while i > 0 and v.doc[i - 1].head == v and v.doc[i - 1].dep_ in CUE_MODS | {"advmod"}:
        i -= 1
    return i


def cue_classes() -> dict[str, str]:
    """Cue lemma -> cue class, as in the lexicon (for documentation and reports)."""
    return {lem: row["class"] for lem, row in CUES.items()}


__all__ = ["CUES", "CUE_MODS", "CUE_ROWS", "DOUBT_FORMS", "NOUN_CUES", "NOUN_FORMS",
           "PHRASE_CUES", "PHRASE_FORMS", "TRIGGER_FORMS", "VERB_FORMS", "cue_classes",
           "cue_span", "cue_start", "verb_cue_row", "verb_has"]


_CUE_VERBS_KEY = "allegedly.link_cue_verbs"  # doc.user_data: (cue, cue lemma) -> verb index


def link_cue_verb(doc: Doc, m: AttributionMatch) -> Token | None:
    """The verb of a link's cue span: the verb or auxiliary whose lemma is the cue lemma's first
    word (None for a cueless link or a cue that is no verb). The document passes ask it for
    every link, rule after rule: each answer is kept on the Doc (``doc.user_data``)."""
    if m.cue is None or not m.cue_lemma:
        return None
    memo = doc.user_data.setdefault(_CUE_VERBS_KEY, {})
    key = (m.cue, m.cue_lemma)
    if key not in memo:
        verb = _cue_verb(doc, m.cue, m.cue_lemma)
        memo[key] = verb.i if verb is not None else None
    return doc[memo[key]] if memo[key] is not None else None


def _cue_verb(doc: Doc, cue: tuple[int, int], cue_lemma: str) -> Token | None:
    """:func:`link_cue_verb`, computed."""
    span = doc.char_span(*cue, alignment_mode="expand")
    head = cue_lemma.split()[0]
    return next((t for t in span or () if t.pos_ in {"VERB", "AUX"} and lemma(t) == head), None)
