"""Lemmas on demand.

The pipeline loads spaCy's rule lemmatizer but keeps it *disabled* (it costs ~20% of a parse and
we need lemmas for a few candidate tokens only). :func:`lemma` asks it lazily, per token. For
hand-built ``Doc``s in tests (no lemmatizer registered) a small suffix heuristic is used.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

_LEMMATIZERS: dict[int, Any] = {}  # id(vocab) -> spaCy Lemmatizer (registered by nlp.pipeline)


def register_lemmatizer(vocab: Any, lemmatizer: Any) -> None:
    """Make ``lemmatizer`` answer :func:`lemma` for tokens of ``vocab`` (called by the pipeline)."""
    _LEMMATIZERS[id(vocab)] = lemmatizer


_MEMO_KEY = "allegedly.lemmas"  # doc.user_data: token index -> (orth, pos, lemma id, answer)


def lemma(token: Token) -> str:
    """Lower-cased lemma of ``token`` ("alleged" -> "allege", "has" -> "have").

    Rules ask for the lemmas of the same few tokens many times: each answer is kept on the
    Doc (``doc.user_data``) with the token's form, POS and lemma, and asked again only when one
    of those has changed (the morphology is set before, by the attribute ruler)."""
    memo = token.doc.user_data.setdefault(_MEMO_KEY, {})
    state = (token.orth, token.pos, token.lemma)
    kept = memo.get(token.i)
    if kept is not None and kept[:3] == state:
        return kept[3]
    found = _lemma(token)
    memo[token.i] = (*state, found)
    return found


def _lemma(token: Token) -> str:
    """:func:`lemma`, computed: the token's own lemma, else the registered lemmatizer's
    rule lemma, else the suffix heuristic."""
    if token.lemma_:
        return token.lemma_.lower()
    lem = _LEMMATIZERS.get(id(token.vocab))
    if lem is not None and token.pos_:
        forms = lem.rule_lemmatize(token)
        if forms:
            return forms[0].lower()
    return _heuristic(token.lower_, token.tag_)


_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "thought": "think", "wrote": "write",
              "written": "write", "knew": "know", "known": "know", "found": "find", "was": "be",
              "were": "be", "is": "be", "are": "be", "been": "be", "has": "have", "had": "have",
              "felt": "feel", "heard": "hear", "saw": "see", "seen": "see", "shown": "show",
              "lost": "lose", "died": "die", "dead": "dead", "went": "go", "gone": "go"}


def _heuristic(word: str, tag: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if tag in {"VBD", "VBN"} and word.endswith("ied"):
        return word[:-3] + "y"
    if tag in {"VBD", "VBN"} and word.endswith("ed"):
        stem = word[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            return stem[:-1]
        return stem + "e" if stem.endswith(("ig", "ur", "at", "iz", "as", "ot", "uc", "ov", "iv")) else stem
    if tag == "VBG" and word.endswith("ing"):
        return word[:-3]
    if tag in {"VBZ", "NNS"} and word.endswith("ies"):
        return word[:-3] + "y"
    if tag in {"VBZ", "NNS"} and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
