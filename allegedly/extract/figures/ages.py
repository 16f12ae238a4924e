"""Ages are figures of their own unit, never counts: ``figure.age``.

"A 15-year-old girl", "a 50 year-old man", "six years old" get their unit from ``units.tsv``
(``year of age``, ``month of age`` ...). This step gives the same unit to the forms with the age
word before the number — "The boy, aged 12", "three children, aged 4, 7 and 9", "at the age of
87", "aged between 18 and 25" — which were read as counts ("12 boy", "4 children"). An age's
counted thing is the person (or thing) whose age it is, and it has no measure or actor, so the
corpus never compares an age with a death toll.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from allegedly.extract.figures.units import Cand
from allegedly.extract.tokens import token_at

AGE_UNITS = frozenset({"year of age", "month of age", "week of age", "day of age"})

# the age word before the number, with the earlier numbers of a list ("aged 4, 7 and |9")
_AGED = re.compile(r"(?i)\b(?P<word>aged|ages)\s+(?:between\s+|about\s+|around\s+|roughly\s+|"
                   r"approximately\s+|just\s+|only\s+|over\s+|under\s+)?"
                   r"(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)*$")
_AGE_OF = re.compile(r"(?i)\b(?P<word>(?:the\s+)?ages?\s+of)\s+(?:about\s+|around\s+|just\s+)?$")
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True)
class Age:
    unit: str
    person: str | None  # whose age: "boy", "children"; None when the text names nobody


def age_of(doc: Doc, text: str, c: Cand) -> Age | None:
    """The age ``c`` states, or None (a whole number or range of them within 0-130, with no
    unit, after an age word; or a number already given an age unit)."""
    if c.unit in AGE_UNITS:
        return Age(c.unit, None)
    values = [c.value] if c.value is not None else [c.low, c.high]
    if c.unit is not None or not all(v is not None and float(v).is_integer() and 0 <= v <= 130
                                     for v in values):
        return None
    before = text[max(0, c.start - 60):c.start]
    m = _AGED.search(before) or _AGE_OF.search(before)
    if m is None:
        return None
    word_at = c.start - len(before) + m.start("word")
    return Age("year of age", _person_before(doc, word_at) if m["word"].lower() == "aged"
               else None)


def _person_before(doc: Doc, offset: int) -> str | None:
    """The noun an "aged" phrase follows ("The boy, | aged 12" -> "boy")."""
    tok = token_at(doc, offset)
    if tok is None or tok.i == 0:
        return None
    prev = doc[tok.i - 1]
    if prev.is_punct and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev.text if prev.pos_ in _NOUNS and prev.pos_ != "PRON" else None
