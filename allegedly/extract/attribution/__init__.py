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
  :func:`~spans.make_match`, shared by every strategy), ``entity_index.py`` (the entities by
  position: the antecedent look-backs bisect it instead of scanning the document).

Quote finding is :mod:`allegedly.extract.quotes`; cues come from
``lexicons/reporting_verbs.tsv``. To add a strategy, see the docstring of ``strategies.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from allegedly.extract.attribution.cues import TRIGGER_FORMS, cue_classes
from allegedly.extract.attribution.entity_index import entity_index_for
from allegedly.extract.attribution.spans import text_of
from allegedly.extract.attribution.strategies import (
    DOCUMENT_PASSES,
    TOKEN_STRATEGIES,
    Family,
    switchable,
)
from allegedly.extract.matches import AttributionMatch, RuleFailure
from allegedly.extract.quotes import Quote, find_quotes
from allegedly.extract.rules import Rule, enabled, set_disabled
from allegedly.extract.tokens import token_at

__all__ = ["TRIGGER_FORMS", "cue_classes", "find_attributions", "switchable"]

log = logging.getLogger(__name__)
_DASHES = frozenset("―—")


def _candidate(tok: Token) -> bool:
    """Can ``tok`` start or mark a cue? (a cue form, a colon or a dash; '”―' is one token)"""
    return tok.lower_ in TRIGGER_FORMS or tok.text in {":", "―", "—"} \
        or tok.text[-1:] in _DASHES


class _Guard:
    """Runs rules so that one that raises is recorded (a :class:`RuleFailure`, reported as
    W202) and the other rules go on: a malformed parse must never sink the document."""

    def __init__(self, failures: list[RuleFailure] | None) -> None:
        self.failures = failures if failures is not None else []

    def call(self, name: str, tok: Token, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - reported per rule, the document goes on
            log.warning("attribution rule %s failed at %r: %r", name, tok.text, exc)
            self.failures.append(RuleFailure(name, tok.idx, tok.idx + len(tok.text),
                                             repr(exc)[:200]))
            return None


def _run(strategy: Rule | Family, tok: Token, quotes: list[Quote], guard: _Guard
         ) -> AttributionMatch | None:
    """The link ``strategy`` finds at ``tok`` (None if it finds none, fails or is off)."""
    doc = tok.doc
    if not enabled(doc, strategy.name):
        return None
    if isinstance(strategy, Rule):
        match = guard.call(strategy.name, tok, strategy.fn, tok, quotes)
        return replace(match, method=strategy.method) if match is not None else None
    cue = guard.call(strategy.name, tok, strategy.gate, tok, quotes)
    if cue is None:
        return None
    for rule in strategy.contents:
        if not enabled(doc, rule.name):
            continue
        found = guard.call(rule.name, tok, _content_link, strategy, rule, cue)
        if found is not None:  # the first content found decides
            content, match = found
            return replace(match, method=rule.method) if match is not None else None
    return None


def _content_link(family: Family, rule: Rule, cue: Any
                  ) -> tuple[Any, AttributionMatch | None] | None:
    """(content, finished link or None) of one content rule of ``family``; None: no content."""
    content = rule.fn(cue)
    return None if content is None else (content, family.finish(cue, content))


def find_attributions(doc: Doc, disabled: Iterable[str] = (),
                      failures: list[RuleFailure] | None = None) -> list[AttributionMatch]:
    """All attribution links in ``doc`` (outer and inner links of chains), in text order.
    ``disabled``: names of rules to switch off (see ``strategies.py``; unknown names raise
    ValueError). ``failures``: gets a :class:`RuleFailure` for every rule that raised (the
    other rules went on)."""
    disabled = frozenset(disabled)
    unknown = disabled - switchable()
    if unknown:
        raise ValueError(f"unknown attribution rule(s) {sorted(unknown)}; "
                         f"known: {sorted(switchable())}")
    set_disabled(doc, disabled)
    guard = _Guard(failures)
    quotes = find_quotes(text_of(doc))
    with entity_index_for(doc, quotes):  # the entities by position, for the look-backs
        found = _token_links(doc, quotes, guard)
        found = _passes(doc, found, quotes, guard)
    return _dedupe(sorted(found, key=lambda m: (m.content[0][0], m.cue or (0, 0))))


def _token_links(doc: Doc, quotes: list[Quote], guard: _Guard) -> list[AttributionMatch]:
    """The links of the token strategies: at each candidate token, the first strategy that
    finds a link with a cue not seen yet."""
    found: list[AttributionMatch] = []
    seen_cues: set[tuple[int, int] | None] = set()
    for tok in doc:
        if not _candidate(tok):
            continue
        for strategy in TOKEN_STRATEGIES:
            match = _run(strategy, tok, quotes, guard)
            if match is not None and match.cue not in seen_cues:
                seen_cues.add(match.cue)
                found.append(match)
                break
    return found


def _passes(doc: Doc, found: list[AttributionMatch], quotes: list[Quote], guard: _Guard
            ) -> list[AttributionMatch]:
    """The links after the document passes (each switchable, each guarded)."""
    follow_on, previous_speaker, *filters = DOCUMENT_PASSES
    if enabled(doc, follow_on.name):
        out = []
        for m in found:
            out.append(guard.call(follow_on.name, _token_of(doc, m), follow_on.fn, doc, m, quotes)
                       or m)
        found = out
    if enabled(doc, previous_speaker.name) and len(doc):
        found = found + (guard.call(previous_speaker.name, doc[0], previous_speaker.fn,
                                    doc, quotes, found) or [])
    for rule in filters:  # inner links without a speech event of their own (nested.py)
        if enabled(doc, rule.name) and len(doc):
            kept = guard.call(rule.name, doc[0], rule.fn, doc, found, quotes)
            found = kept if kept is not None else found
    return found


def _token_of(doc: Doc, m: AttributionMatch) -> Token:
    """The token at the start of a link's cue (or content), for failure reports."""
    pos = m.cue[0] if m.cue else m.content[0][0]
    return token_at(doc, pos) or doc[0]


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
