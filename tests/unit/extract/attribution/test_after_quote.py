"""source.after_quote (speakers.py) and spans.before_quoted_speaker: a speaker the parser hung
inside the quote before its cue ('“A,” Name, a role, said') speaks, and the content ends with the
quote. The misparse is built by hand (the model makes it only now and then)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from allegedly.extract.attribution.spans import before_quoted_speaker
from allegedly.extract.attribution.speakers import after_quote_speaker
from allegedly.extract.quotes import find_quotes

VOCAB = spacy.blank("en").vocab

_WORDS = ["“", "It", "is", "fine", ",", "”", "Dana", "Whitfield", ",", "an", "adviser", ",",
          "said", "."]
_TAGS = ["``", "PRP", "VBZ", "JJ", ",", "''", "NNP", "NNP", ",", "DT", "NN", ",", "VBD", "."]
_POS = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET",
        "NOUN", "PUNCT", "VERB", "PUNCT"]


def _doc(heads, deps, words=_WORDS, tags=_TAGS, pos=_POS):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_name_hung_inside_the_quote_speaks():
    # the parser made "Whitfield" an attribute of "is" inside the quote; "said" has no subject
    heads = [12, 2, 12, 2, 2, 7, 7, 2, 7, 10, 7, 7, 12, 12]
    deps = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "compound", "attr", "punct",
            "det", "appos", "punct", "ROOT", "punct"]
    doc = _doc(heads, deps)
    assert after_quote_speaker(doc[12]).text == "Whitfield"


def test_quoted_subject_gives_way_to_the_name_after_the_quote():
    # "It" hung on "said" as its subject: a word of the quote, not the speaker
    heads = [12, 12, 12, 2, 2, 7, 7, 2, 7, 10, 7, 7, 12, 12]
    deps = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "compound", "attr", "punct",
            "det", "appos", "punct", "ROOT", "punct"]
    assert after_quote_speaker(_doc(heads, deps)[12]).text == "Whitfield"


def test_subject_outside_the_quote_keeps_its_place():
    words = ["“", "It", "is", "fine", ",", "”", "the", "coach", "said", "."]
    tags = ["``", "PRP", "VBZ", "JJ", ",", "''", "DT", "NN", "VBD", "."]
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    heads = [8, 2, 8, 2, 2, 8, 7, 8, 8, 8]
    deps = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "det", "nsubj", "ROOT", "punct"]
    doc = _doc(heads, deps, words, tags, pos)
    assert after_quote_speaker(doc[8]) is None


def test_content_ends_with_the_quote_before_the_speaker():
    text = "“It is fine,” Dana Whitfield, an adviser, said."
    quotes = find_quotes(text)
    speaker = (text.index("Dana"), text.index("adviser") + len("adviser"))
    content = (text.index("It"), speaker[1])
    s, e = before_quoted_speaker(text, content, speaker, quotes)
    assert text[s:e] == "It is fine,”"
    # a speaker inside the quoted words themselves: no cut, the link is refused as before
    inner = (text.index("fine"), text.index("fine") + 4)
    assert before_quoted_speaker(text, content, inner, quotes) is None
