"""Words of a claim for corpus linking: content words, name words and event words.

Pure functions over strings (no spaCy model): claims are compared across a corpus by the words
they share, weighted by how rare the words are (:class:`DocumentFrequencies`). Words are
normalised by :func:`normalise_word` so "theatre"/"theater" and "strikes"/"strike" meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache

from allegedly.lexicons import load

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,]*")
_DIGITS = re.compile(r"^\d[\d,]*$")
#: Date and clock stamps ("07.10.22 11:09", "25.03", "13:00", "04/08/2022"): not content.
_STAMP = re.compile(r"\b\d{1,4}[.:/]\d{1,2}(?:[.:/]\d{2,4})?\b")


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (lower case) plus headline filler."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "according", "reported",
                                    "news", "view", "read", "update", "live"}


@cache
def _event_classes() -> dict[str, str]:
    return {r["word"]: r["class"] for r in load("event_words")}


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lower-cased word with possessives, plurals and British -tre spellings folded."""
    w = word.lower().replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w.strip("'-")
    if len(w) > 4 and w.endswith("tre"):
        w = w[:-3] + "ter"  # theatre -> theater, centre -> center
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    """Word and number tokens of ``text`` as written."""
    return _TOKEN.findall(text or "")


_MISSING = object()
#: token as written -> its content word (None: not one); bounded (cleared when full)
_CONTENT: dict[str, str | None] = {}
#: token as written -> its name word before the exclusions (None: not one)
_NAME: dict[str, str | None] = {}
_CACHE_MAX = 500_000


def _content_word(tok: str) -> str | None:
    if _DIGITS.match(tok):
        digits = tok.replace(",", "")
        return digits if len(digits) >= 2 else None
    if len(tok) < 3 or tok.lower() in stop_words():
        return None
    return normalise_word(tok)


def _name_word(tok: str) -> str | None:
    if not tok[0].isupper() or len(tok) < 3 or tok.lower() in stop_words():
        return None
    return normalise_word(tok)


def _cached(cache: dict[str, str | None], make, tok: str) -> str | None:
    found = cache.get(tok, _MISSING)
    if found is _MISSING:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        found = cache[tok] = make(tok)
    return found  # type: ignore[return-value]


def content_words(text: str) -> frozenset[str]:
    """Normalised words of at least three letters that are not stop words, and numbers of two
    or more digits ("300", "1,300" -> "1300"); date and clock stamps are left out. (Each
    distinct token is classified once and remembered: claims repeat their words.)"""
    out = set()
    for tok in _TOKEN.findall(_STAMP.sub(" ", text or "")):
        word = _CONTENT.get(tok, _MISSING)
        if word is _MISSING:
            word = _cached(_CONTENT, _content_word, tok)
        if word:
            out.add(word)
    return frozenset(out)


def name_words(text: str, exclude: Iterable[str] = ()) -> frozenset[str]:
    """Normalised capitalised words (names of people, places, organisations), minus stop words
    and the words of ``exclude`` (e.g. the claim's own source names)."""
    out = set()
    for tok in _TOKEN.findall(text or ""):
        word = _NAME.get(tok, _MISSING)
        if word is _MISSING:
            word = _cached(_NAME, _name_word, tok)
        if word:
            out.add(word)
    if out and exclude:
        for name in exclude:
            out -= _name_skip(name)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _name_skip(name: str) -> frozenset[str]:
    """The normalised words of a source name (left out of a claim's name words)."""
    return frozenset(normalise_word(w) for w in tokens(name))


def event_words(words: Iterable[str]) -> frozenset[str]:
    """Event classes (``lexicons/event_words.tsv``) of normalised words: {"attack", ...}."""
    classes = _event_classes()
    return frozenset(classes[w] for w in words if w in classes)


class DocumentFrequencies:
    """Document frequencies of words over a set of claims, for IDF weights."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.docs = 0
        self._idf: dict[str, float] = {}
        self._totals: dict[frozenset[str], float] = {}

    def add(self, words: Iterable[str]) -> None:
        """Count one document's distinct words."""
        self.counts.update(set(words))
        self.docs += 1
        self._idf.clear()
        self._totals.clear()

    def merge(self, other: DocumentFrequencies) -> None:
        """Add the counts of ``other`` (documents counted elsewhere) to these."""
        self.counts.update(other.counts)
        self.docs += other.docs
        self._idf.clear()
        self._totals.clear()

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency (at least 0.1)."""
        found = self._idf.get(word)
        if found is None:
            found = self._idf[word] = max(
                0.1, math.log((self.docs + 1) / (self.counts.get(word, 0) + 1)))
        return found

    def total(self, words: frozenset[str]) -> float:
        """Sum of the IDF weights of a word set (cached: a claim's set is scored many times)."""
        found = self._totals.get(words)
        if found is None:
            if len(self._totals) > 250_000:  # recent claims only: bounded memory
                self._totals.clear()
            found = self._totals[words] = self.sum_idf(words)
        return found

    def sum_idf(self, words: Iterable[str]) -> float:
        """Sum of the IDF weights of ``words``."""
        known = self._idf
        total = 0.0
        for w in words:
            found = known.get(w)
            total += found if found is not None else self.idf(w)
        return total

    def weighted_jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Sum of IDF weights of the shared words over that of all words (0 when both empty)."""
        if not a or not b:
            return 0.0
        shared = self.sum_idf(a & b)
        union = self.total(a) + self.total(b) - shared
        return shared / union if union > 0 else 0.0

    def weighted_overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Sum of IDF weights of the shared words over the geometric mean of the two sets'
        (an Ochiai coefficient): gentler than Jaccard with the word unions of group profiles,
        without letting a large profile cover every small one."""
        if not a or not b:
            return 0.0
        norm = math.sqrt(self.total(a) * self.total(b))
        return self.sum_idf(a & b) / norm if norm else 0.0

    def rarest(self, words: Iterable[str], n: int) -> list[str]:
        """The ``n`` words with the lowest document frequency (ties by the word)."""
        return sorted(words, key=lambda w: (self.counts.get(w, 0), w))[:n]
