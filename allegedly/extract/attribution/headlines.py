"""Title-case headlines: "Sanders Vows To Eliminate Tax Breaks", "Obama Sees 'Personal Insult' If
...", "Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'".

The parser handles Title Case poorly (verbs come out as proper nouns), so this rule reads the line
itself: a short line with most words capitalised, a capitalised name of 1-5 words from the line
start or a comma, then a third-person ``-s`` form of a lexicon verb, then at least two words. Source = the
name, cue = the verb, content = the rest of the line ("To Eliminate ..." included).

``headline.single_quote``: a short line "A lesson from Dana Lee: 'Be the voice people hear.'",
whose rest after a colon is one single-quoted stretch (:mod:`allegedly.extract.quotes` leaves
single quotes alone, so ``quote.colon`` never sees it). Cue = the colon, content = the quoted
stretch, source = the noun phrase before the colon (its "from" object, not an "on" topic).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUE_ROWS
from allegedly.extract.attribution.sources import make_source
from allegedly.extract.attribution.spans import make_match, paragraph, text_of
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.lexicons import word_list

__all__ = ["single_quote", "title_case"]

_S_FORMS: dict[str, dict[str, str]] = {}
for _row in CUE_ROWS:
    if _row["pos"] == "verb":
        for _f in _row["forms"].split():
            if _f.endswith("s") and _f != _row["lemma"]:
                _S_FORMS.setdefault(_f, _row)
_SMALL = word_list("headline_small_words")
MAX_WORDS = 20
_SINGLE_TAIL = re.compile(r" *['‘](?=\w)(.*\w[.!?]?)['’]\.? *$")
_TOPIC_PREPS = word_list("headline_topic_prepositions")


def title_case(tok: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"Sanders Vows To Eliminate Tax Breaks": in a short Title Case line, a name, a third-person
    lexicon verb and the rest of the line as content (see the module docstring)."""
    row = _S_FORMS.get(tok.lower_)
    if row is None or not tok.text[:1].isupper() or tok.text.isupper():
        return None
    doc = tok.doc
    text = text_of(doc)
    ps, pe = paragraph(text, tok.idx)
    words = [w for w in text[ps:pe].split() if w[:1].isalpha()]
    if not 4 <= len(words) <= MAX_WORDS or text[ps:pe].count(". ") > 0:
        return None  # one line, one sentence
    caps = [w for w in words if w.lower() not in _SMALL]
    if not caps or sum(w[0].isupper() for w in caps) < 0.8 * len(caps):
        return None
    first = tok.i  # back to the line start or a comma ("Railing Against Trump, Sanders Vows")
    while first > 0 and doc[first - 1].idx >= ps and doc[first - 1].text != ",":
        first -= 1
    name = doc[first:tok.i]
    if not 1 <= len(name) <= 5 or not all(t.text[:1].isupper() for t in name) \
            or name[0].lower_ in _SMALL:
        return None
    start = tok.idx + len(tok.text)
    rest = text[start:pe].strip()
    if len(rest.split()) < 2 or rest.split()[0].lower().endswith("ed"):
        return None  # "Harbour Plans Approved By Council": a plural noun, not a verb
    cstart = start + (len(text[start:pe]) - len(text[start:pe].lstrip()))
    content = (cstart, cstart + len(rest.rstrip(" .")))
    src = replace(make_source(name.root, found_by="source.headline_name"),
                  span=(name.start_char, name.end_char))
    return make_match(doc, (tok.idx, tok.idx + len(tok.text)), row, content, quotes, src)


def single_quote(colon: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"A lesson from Dana Lee: 'Be the voice people hear.'": in a short line whose rest after
    the colon is one single-quoted stretch of two or more words, the colon is the cue, the
    stretch the content and the noun phrase before the colon the source."""
    if colon.text != ":" or colon.i == 0:
        return None
    doc = colon.doc
    text = text_of(doc)
    ps, pe = paragraph(text, colon.idx)
    tail = _SINGLE_TAIL.match(text, colon.idx + 1, pe)
    if tail is None or len(text[ps:pe].split()) > MAX_WORDS + 5 \
            or len(re.findall(r"\w+", tail.group(1))) < 2:
        return None
    head = _speaker_head(doc[colon.i - 1])
    if head is None or head.idx < ps:
        return None
    src = make_source(head, found_by="source.headline_name")
    stop = colon.idx if head.i == colon.i - 1 else head.idx + len(head.text)  # not "On Trump"
    if src.span is not None and (src.span[1] > stop or src.span[0] < ps):
        src = replace(src, span=(max(src.span[0], ps), stop))  # nor the quote the parser ran in
    start = colon.idx + 1 + len(tail.group(0)) - len(tail.group(0).lstrip(" "))
    end = start + len(tail.group(0).strip(" ").rstrip("."))
    return make_match(doc, (colon.idx, colon.idx + 1), {"lemma": ":", "class": "report"},
                      (start, end), quotes, src)


def _speaker_head(prev: Token) -> Token | None:
    """The speaker noun before a headline colon: the word itself, or, when it is the object of
    a topic preposition ("CNN Chief On Trump:"), the noun just before that preposition."""
    if prev.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    prep = prev.head if prev.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in _TOPIC_PREPS:
        before = prev.doc[prep.i - 1] if prep.i > 0 else None
        return before if before is not None and before.pos_ in {"PROPN", "NOUN"} else None
    return prev
