"""Noun-headed cues: "His promises to ...", "North Korea's claims about ...", "Clinton's
argument that ...", "a warning from the agency that ..." (``noun.possessive``) and "there are
claims that ...", "Trump's claim that ..." (``noun.that_clause``).

A lexicon noun (``reporting_verbs.tsv``, pos ``noun``) is a cue here only when the parse gives it
both a *source* -- a possessive ("Clinton's", "his") or a "by"/"from" phrase -- and a
*complement* -- a that-clause, a to-infinitive, a bare clause ("Trump's own admission his returns
are ...") or an about/of/on/over phrase. Source = the possessor, cue = the noun (with adjacent
adjectives such as "own", "earlier" and the complement's preposition), content = the complement.
Nouns with frame ``poss`` are cues only in this frame; the others also fire in
:func:`that_clause` ("there are claims that ...").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUES, NOUN_CUES, NOUN_FORMS
from allegedly.extract.attribution.sources import make_source, vague_source
from allegedly.extract.attribution.spans import make_match, trim
from allegedly.extract.attribution.speakers import noun_author
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, Offsets, SourceMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.tokens import has_to_marker
from allegedly.lexicons import word_list

__all__ = ["possessive", "that_clause"]

_PREPS = word_list("noun_content_preps")
_SOURCE_PREPS = word_list("noun_source_preps")
_POSS_PRONOUNS = word_list("possessive_pronouns")
_RELATIVE_OPENERS = word_list("relative_openers")
_STATEMENT_PREPS = word_list("statement_preps")


def _row(n: Token) -> dict[str, str] | None:
    return NOUN_CUES.get(lemma(n)) or NOUN_CUES.get(n.lower_)


def _source_token(n: Token) -> Token | None:
    """The possessor ("Clinton's", "his") or the object of a by/from phrase."""
    for c in n.children:
        if c.dep_ == "poss" and c.i < n.i:
            if c.pos_ == "PRON" and c.lower_ not in _POSS_PRONOUNS:
                return None
            return c
    for c in n.rights:
        if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in {"PROPN", "NOUN", "PRON"}:
                return pobj
    return None


def _complement(n: Token, source: Token) -> tuple[int, int, Token | None] | None:
    """Token range [start, end) of the content and the preposition joining it to the cue."""
    for c in n.rights:
        if c.i <= source.i and source.i <= c.right_edge.i:
            continue  # the by/from phrase holding the source
        if c.dep_ in {"acl", "ccomp", "relcl"}:
            first = c.left_edge
            is_that = first.lower_ == "that" and first.dep_ == "mark"
            is_to = has_to_marker(c)
            finite = any(a.dep_ in {"nsubj", "nsubjpass"} for a in c.children) and \
                c.tag_ in {"VBD", "VBZ", "VBP", "MD"} | {"VB"} \
                and first.lower_ not in _RELATIVE_OPENERS
            if c.dep_ == "relcl" and not is_that:
                continue  # "his plan, which ...": a relative clause, not the content
            if is_that or is_to or finite:
                return first.i, c.right_edge.i + 1, None
        if c.dep_ == "prep" and c.lower_ in _PREPS and c.i > n.i:
            pobj = next((p for p in c.children if p.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None and pobj.ent_type_ not in {"DATE", "TIME"}:
                return pobj.left_edge.i, c.right_edge.i + 1, c
    return None


def _cue_start(n: Token, source: Token) -> int:
    """The noun with the adjectives between it and its possessor ("Trump's own admission")."""
    i = n.i
    while i - 1 > source.i and n.doc[i - 1].dep_ == "amod" and n.doc[i - 1].head == n \
            and n.doc[i - 1].pos_ == "ADJ":
        i -= 1
    return i


def possessive(n: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"Clinton's argument that ...", "a warning from the agency that ...": a lexicon noun with a
    possessive or by/from source and a complement (see the module docstring)."""
    if n.lower_ not in NOUN_FORMS or n.pos_ not in {"NOUN", "PROPN"}:
        return None
    row = _row(n)
    if row is None:
        return None
    source_tok = _source_token(n)
    if source_tok is None:
        return None
    comp = _complement(n, source_tok)
    if comp is None:
        return None
    doc = n.doc
    start, end, prep = comp
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    content: Offsets = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    cue_first = doc[_cue_start(n, source_tok)] if source_tok.i < n.i else n
    cue_last = prep if prep is not None and prep.i == n.i + 1 else n
    cue = (cue_first.idx, cue_last.idx + len(cue_last.text))
    return make_match(doc, cue, row, content, quotes,
                      _without_case(make_source(source_tok, found_by="source.possessor")))


def _without_case(src: SourceMatch) -> SourceMatch:
    """"Clinton's" -> "Clinton" (mention and name; the kind is re-read from the bare name); a
    pronoun resolved to a possessive name ("its" -> "Acme's") loses the ending from its name
    only."""
    if src.span is None or src.name is None or not src.name.endswith(("'s", "’s")):
        return src
    name = src.name[:-2].rstrip()
    s, e = src.span
    if src.antecedent is not None:  # "its" resolved to "Acme's": the mention keeps its letters
        return replace(src, name=name)
    return replace(src, span=(s, e - 2) if e - 2 > s else src.span, name=name)


def that_clause(n: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """Noun cues with a that-clause: "there are claims that ...", "Trump's claim that ..."."""
    if n.lower_ not in NOUN_FORMS or n.pos_ not in {"NOUN", "PROPN"}:
        return None
    row = NOUN_CUES.get(lemma(n))
    if row is None or row["frame"] == "poss":  # poss-only nouns: noun.possessive
        row = NOUN_CUES.get(n.lower_)
    if row is None or row["frame"] == "poss":
        return None
    doc = n.doc
    if n.dep_ == "pobj" and n.head.lower_ in _STATEMENT_PREPS and n.head.head.pos_ == "VERB" \
            and lemma(n.head.head) in CUES:
        return None  # "said in a statement that ...": the verb's link
    clause = next((c for c in n.children if c.dep_ in {"acl", "ccomp", "relcl"}
                   and _starts_with_that(c)), None)
    if clause is None and n.dep_ == "attr" and any(c.dep_ == "expl" for c in n.head.children):
        clause = next((c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i), None)
    if clause is None:
        return None
    content = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if content is None:
        return None
    poss = next((c for c in n.children if c.dep_ in {"poss", "nsubj"}), None) or next(
        (c for c in reversed(list(n.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    author = noun_author(n) if poss is None else None
    if poss is not None:  # "Trump's claim that", "a New York Times report that", or "Trump
        source = make_source(poss, found_by="source.possessor")  # claims that" (a noun)
    elif author is not None:  # "Christie repeated accusations that"
        source = make_source(author, found_by="source.noun_author")
    else:
        expl = next((c for c in n.head.children if c.dep_ == "expl"), None) \
            if n.dep_ == "attr" else None
        first = expl.i if expl is not None else n.left_edge.i
        words = doc[first:n.i + 1]  # "There are claims": the words that stand for the source
        source = vague_source(words.text, (words.start_char, words.end_char))
    cue = (n.idx, n.idx + len(n.text))
    return make_match(doc, cue, row, content, quotes, source)


def _starts_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ in {"mark", "nsubj", "dobj"} or any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
