"""The language of an article, from its tag or, when none is given, from its text (py3langid).

Only English is analysed, so the question that matters is "is this English?". The answer:

- **a tag is given** (``<html lang>``, a feed's or caller's language): it is taken, unless the text
  clearly says otherwise *across the English boundary* (a page tagged ``en`` whose text reads as
  Zulu, or tagged ``de`` whose text reads as English): then the text wins and ``W323`` says so.
- **no tag**: the text decides. English when py3langid ranks English first; another language
  (``W321``, and the pipeline then stores the article without analysing it, ``E108``) when that
  language ranks first, English (with Nigerian Pidgin, which py3langid confuses with short
  English) has less than :data:`MAX_ENGLISH_FOR_OTHER` of the probability, and the text has at
  least :data:`MIN_LETTERS` letters; otherwise unknown (``W322``), analysed as English.

Why py3langid and these numbers: docs/ingest.md ("Language") compares it with lingua and gives
the measurements (on 1,848 short English texts the rule above calls none of them non-English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from allegedly.errors import message
from allegedly.model import AnalysisWarning

SAMPLE_CHARS = 1000  # the first characters of the text are enough (measured: docs/ingest.md)
MIN_LETTERS = 60  # fewer letters never give a non-English verdict (CJK characters count 3)
MIN_LETTERS_AGAINST_TAG = 200  # the text overrules a tag only on this much text
MAX_ENGLISH_FOR_OTHER = 0.1  # P(English) below which another top language is believed
MAX_ENGLISH_AGAINST_TAG = 0.01  # ... and below which it overrules an "en" tag
MIN_ENGLISH_AGAINST_TAG = 0.99  # P(English) above which the text overrules a non-English tag
_ENGLISH_LIKE = ("en", "pcm")  # pcm: Nigerian Pidgin, py3langid's usual confusion on short English


@dataclass(frozen=True)
class Guess:
    """What py3langid makes of a text: its top language, P(English) and the letters seen."""

    top: str
    top_probability: float
    english: float
    letters: int

    @property
    def reads_english(self) -> bool:
        return self.top in _ENGLISH_LIKE

    def describe(self) -> str:
        return f"{self.top} (py3langid, confidence {self.top_probability:.2f})"


@cache
def _identifier() -> Any:
    """py3langid's model with normalised probabilities (loaded once per process, ~0.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess(text: str) -> Guess:
    """py3langid's reading of the first :data:`SAMPLE_CHARS` characters of ``text``."""
    sample = text[:SAMPLE_CHARS]
    ranked = _identifier().rank(sample)
    top, top_p = ranked[0]
    probs = dict(ranked)
    english = sum(float(probs.get(code, 0.0)) for code in _ENGLISH_LIKE)
    return Guess(top=str(top), top_probability=float(top_p), english=english,
                 letters=letter_weight(sample))


_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]")


def letter_weight(text: str) -> int:
    """Letters in ``text``, a Han, kana or Hangul character counting as 3 (an English word has
    about five letters, a Chinese or Japanese word one or two characters)."""
    return len(_LETTER.findall(text)) + 2 * len(_CJK.findall(text))


def _base(tag: str) -> str:
    """``"en-GB"`` -> ``"en"``."""
    return tag.replace("_", "-").split("-")[0].lower()


def _warning(code: str, detail: str) -> AnalysisWarning:
    return AnalysisWarning(code, message(code, detail=detail))


def resolve(text: str, tag: str | None) -> tuple[str | None, tuple[AnalysisWarning, ...]]:
    """The article's language (an ISO 639 code, or None when unknown) and the warnings saying
    how it was decided (see the module docstring)."""
    if not text.strip():
        return tag, ()
    g = guess(text)
    if tag:
        return _against_tag(_base(tag), g)
    if g.reads_english:
        return "en", ()
    if g.letters < MIN_LETTERS:
        return None, (_warning("W322", f"only {g.letters} letters; it reads most like "
                               f"{g.describe()}"),)
    if g.english < MAX_ENGLISH_FOR_OTHER:
        return g.top, (_warning("W321", g.describe()),)
    return None, (_warning("W322", f"it reads most like {g.describe()}, and English has "
                           f"probability {g.english:.2f}"),)


def _against_tag(tag: str, g: Guess) -> tuple[str | None, tuple[AnalysisWarning, ...]]:
    if g.letters < MIN_LETTERS_AGAINST_TAG:
        return tag, ()
    if tag == "en" and not g.reads_english and g.english < MAX_ENGLISH_AGAINST_TAG:
        detail = f"en, but its text reads as {g.describe()}"
        return g.top, (_warning("W323", detail),)
    if tag != "en" and g.reads_english and g.english >= MIN_ENGLISH_AGAINST_TAG:
        detail = f"{tag}, but its text reads as English (py3langid, confidence {g.english:.2f})"
        return "en", (_warning("W323", detail),)
    return tag, ()
