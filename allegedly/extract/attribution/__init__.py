"""Attribution links: who (source) says (cue) what (content), over a parsed ``Doc``.

:func:`find_attributions` returns every link of every chain, in ``doc.text`` character offsets.
For "Tsimbalyuk has alleged that ..., the Sun reported." it returns the outer link (the Sun /
reported / "Tsimbalyuk has alleged that ...") *and* the inner one (Tsimbalyuk / has alleged /
"that ..."); nesting is derived downstream from containment. Each link and each source says
which named rule produced it (``method``, e.g. ``"rule:verb.ccomp"``, ``"rule:source.pronoun"``).

Layout of this package (one module per family of constructions):

* ``strategies.py`` -- the ordered lists of named strategies: **start reading here**;
* ``verbs.py`` (reporting verbs: gate, content strategies, finishing), ``clauses.py`` (their
  clause-shape helpers), ``nouns.py``, ``passives.py``, ``naming.py``, ``phrases.py``
  ("according to"), ``headlines.py``, ``quotes.py`` (labels, signatures, quote passes);
* ``speakers.py`` (who speaks for a cue verb), ``sources.py`` (who a mention refers to:
  pronoun -> previous speaker, short name -> full name, ...), ``mentions.py`` (a mention's extent
  and kind);
* ``cues.py`` (the cue lexicon, cue spans), ``spans.py`` (trimming, paragraphs and
  :func:`~spans.make_match`, shared by every strategy).

Quote finding is :mod:`allegedly.extract.quotes`; cues come from
``lexicons/reporting_verbs.tsv``. To add a strategy, see the docstring of ``strategies.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from allegedly.extract.attribution.cues import TRIGGER_FORMS, cue_classes
from allegedly.extract.attribution.spans import text_of
from allegedly.extract.attribution.strategies import (
    DOCUMENT_PASSES,
    TOKEN_STRATEGIES,
    Family,
    switchable,
)
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote, find_quotes
from allegedly.extract.rules import Rule, enabled, set_disabled

__all__ = ["TRIGGER_FORMS", "cue_classes", "find_attributions", "switchable"]

_DASHES = frozenset("―—")


def _candidate(tok: Token) -> bool:
    """Can ``tok`` start or mark a cue? (a cue form, a colon or a dash; '”―' is one token)"""
    return tok.lower_ in TRIGGER_FORMS or tok.text in {":", "―", "—"} \
        or tok.text[-1:] in _DASHES


def _run(strategy: Rule | Family, tok: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """The link ``strategy`` finds at ``tok`` (None if it finds none or is switched off)."""
    doc = tok.doc
    if not enabled(doc, strategy.name):
        return None
    if isinstance(strategy, Rule):
        match = strategy.fn(tok, quotes)
        return replace(match, method=strategy.method) if match is not None else None
    cue = strategy.gate(tok, quotes)
    if cue is None:
        return None
    for rule in strategy.contents:
        if not enabled(doc, rule.name):
            continue
        content = rule.fn(cue)
        if content is not None:  # the first content found decides
            match = strategy.finish(cue, content)
            return replace(match, method=rule.method) if match is not None else None
    return None


def find_attributions(doc: Doc, disabled: Iterable[str] = ()) -> list[AttributionMatch]:
    """All attribution links in ``doc`` (outer and inner links of chains), in text order.
    ``disabled``: names of rules to switch off (see ``strategies.py``; unknown names raise
    ValueError)."""
    disabled = frozenset(disabled)
    unknown = disabled - switchable()
    if unknown:
        raise ValueError(f"unknown attribution rule(s) {sorted(unknown)}; "
                         f"known: {sorted(switchable())}")
    set_disabled(doc, disabled)
    quotes = find_quotes(text_of(doc))
    found: list[AttributionMatch] = []
    seen_cues: set[tuple[int, int] | None] = set()
    for tok in doc:
        if not _candidate(tok):
            continue
        for strategy in TOKEN_STRATEGIES:
            try:
                match = _run(strategy, tok, quotes)
            except (IndexError, ValueError):  # a malformed parse must never sink the document
                match = None
            if match is not None and match.cue not in seen_cues:
                seen_cues.add(match.cue)
                found.append(match)
                break
    follow_on, previous_speaker = DOCUMENT_PASSES
    if enabled(doc, follow_on.name):
        found = [follow_on.fn(doc, m, quotes) for m in found]
    if enabled(doc, previous_speaker.name):
        found.extend(previous_speaker.fn(doc, quotes, found))
    return _dedupe(sorted(found, key=lambda m: (m.content[0][0], m.cue or (0, 0))))


def _dedupe(matches: list[AttributionMatch]) -> list[AttributionMatch]:
    """Drop links with no content or duplicating another link exactly (same cue and content)."""
    out: list[AttributionMatch] = []
    keys: set[tuple[object, ...]] = set()
    for m in matches:
        key = (m.cue, m.content)
        if key in keys or not m.content:
            continue
        keys.add(key)
        out.append(m)
    return out
