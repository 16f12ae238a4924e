"""Clause-shape helpers of the verb strategies, on hand-built parses (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from allegedly.extract.attribution.clauses import inverted_final

VOCAB = spacy.blank("en").vocab  # English lexical attributes (is_punct, lower_)


def _doc(words, heads, deps, tags):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags)


def test_inverted_final_needs_another_content_clause_of_the_head():
    # "The bridge will reopen, the Ledger reported.": "reported" closes the content of "reopen"
    words = ["The", "bridge", "will", "reopen", ",", "the", "Ledger", "reported", "."]
    heads = [1, 3, 3, 3, 3, 6, 7, 3, 3]
    deps = ["det", "nsubj", "aux", "ROOT", "punct", "det", "nsubj", "ccomp", "punct"]
    tags = ["DT", "NN", "MD", "VB", ",", "DT", "NNP", "VBD", "."]
    reopen = _doc(words, heads, deps, tags)
    assert not inverted_final(reopen[7])  # the head "reopen" is no cue with a content of its own
    # "Officials said it, the Ledger reported.": the only ccomp of "said" is "reported" itself,
    # which must not count as another content clause (Tokens compared with ==, not `is`)
    words = ["Officials", "said", "it", ",", "the", "Ledger", "reported", "."]
    heads = [1, 1, 1, 1, 5, 6, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "punct", "det", "nsubj", "ccomp", "punct"]
    tags = ["NNS", "VBD", "PRP", ",", "DT", "NNP", "VBD", "."]
    said = _doc(words, heads, deps, tags)
    assert not inverted_final(said[6])
    # with a content clause of its own ("said [they left]"), the closing cue is inverted-final
    words = ["Officials", "said", "they", "left", ",", "the", "Ledger", "reported", "."]
    heads = [1, 1, 3, 1, 1, 6, 7, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "punct", "det", "nsubj", "ccomp", "punct"]
    tags = ["NNS", "VBD", "PRP", "VBD", ",", "DT", "NNP", "VBD", "."]
    left = _doc(words, heads, deps, tags)
    assert inverted_final(left[7])
