"""Title-case headlines: "Sanders Vows To Eliminate Tax Breaks", "Obama Sees 'Personal Insult' If
...", "Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'".

The parser handles Title Case poorly (verbs come out as proper nouns), so this rule reads the line
itself: a short line with most words capitalised, a capitalised name of 1-5 words from the line
start or a comma, then a third-person ``-s`` form of a lexicon verb, then at least two words. Source = the
name, cue = the verb, content = the rest of the line ("To Eliminate ..." included).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from allegedly.extract.attribution.cues import CUE_ROWS
from allegedly.extract.attribution.sources import make_source
from allegedly.extract.attribution.spans import make_match, paragraph, text_of
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.lexicons import word_list

__all__ = ["title_case"]

_S_FORMS: dict[str, dict[str, str]] = {}
for _row in CUE_ROWS:
    if _row["pos"] == "verb":
        for _f in _row["forms"].split():
            if _f.endswith("s") and _f != _row["lemma"]:
                _S_FORMS.setdefault(_f, _row)
_SMALL = word_list("headline_small_words")
MAX_WORDS = 20


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
