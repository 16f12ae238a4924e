"""Attribution links: who (source) says (cue) what (content), over a parsed ``Doc``.

:func:`find_attributions` returns every link of every chain, in ``doc.text`` character offsets.
For "Tsimbalyuk has alleged that ..., the Sun reported." it returns the outer link (the Sun /
reported / "Tsimbalyuk has alleged that ...") *and* the inner one (Tsimbalyuk / has alleged /
"that ..."); nesting is derived downstream from containment.

Cues come from ``lexicons/reporting_verbs.tsv`` (verbs, nouns, phrases with a cue class); the
rules themselves live in :mod:`allegedly.extract.attribution_rules` (verbs, nouns, "according
to", sharing helpers in :mod:`allegedly.extract.attribution_common`) and :mod:`allegedly.extract.attribution_quotes` (quote-driven rules), quote finding in
:mod:`allegedly.extract.quotes` and source typing/resolution in :mod:`allegedly.extract.sources`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from allegedly.extract.attribution_common import CUES, text_of
from allegedly.extract.attribution_headlines import headline_attribution
from allegedly.extract.attribution_naming import naming_attribution
from allegedly.extract.attribution_nouns import possessive_noun_attribution
from allegedly.extract.attribution_passive import agent_passive_attribution
from allegedly.extract.attribution_quotes import (
    bare_quote_attributions,
    colon_attribution,
    follow_on_quotes,
)
from allegedly.extract.attribution_rules import (
    noun_attribution,
    phrase_attribution,
    verb_attribution,
)
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import find_quotes
from allegedly.lexicons import load

__all__ = ["TRIGGER_FORMS", "find_attributions"]

TRIGGER_FORMS: frozenset[str] = frozenset(
    form.lower()
    for row in load("reporting_verbs") if row["pos"] != "doubt"
    for form in row["forms"].split()
)
"""Every lower-cased surface form that can start or mark an attribution cue."""


_DASHES = frozenset("―—")


def find_attributions(doc: Doc) -> list[AttributionMatch]:
    """All attribution links in ``doc`` (outer and inner links of chains), in text order."""
    quotes = find_quotes(text_of(doc))
    found: list[AttributionMatch] = []
    seen_cues: set[tuple[int, int] | None] = set()
    for tok in doc:
        low = tok.lower_
        if low not in TRIGGER_FORMS and tok.text not in {":", "―", "—"} \
                and tok.text[-1:] not in _DASHES:  # '”―' is one token
            continue
        for rule in (headline_attribution, phrase_attribution, naming_attribution,
                     verb_attribution,
                     agent_passive_attribution,
                     possessive_noun_attribution, noun_attribution, colon_attribution):
            try:
                match = rule(tok, quotes)
            except (IndexError, ValueError):  # a malformed parse must never sink the document
                match = None
            if match is not None and match.cue not in seen_cues:
                seen_cues.add(match.cue)
                found.append(match)
                break
    found = [follow_on_quotes(doc, m, quotes) for m in found]
    found.extend(bare_quote_attributions(doc, quotes, found))
    return _dedupe(sorted(found, key=lambda m: (m.content[0][0], m.cue or (0, 0))))


def _dedupe(matches: list[AttributionMatch]) -> list[AttributionMatch]:
    """Drop links whose cue lies inside their own content or duplicates another link exactly."""
    out: list[AttributionMatch] = []
    keys: set[tuple[object, ...]] = set()
    for m in matches:
        key = (m.cue, m.content)
        if key in keys or not m.content:
            continue
        keys.add(key)
        out.append(m)
    return out


def cue_classes() -> dict[str, str]:
    """Cue lemma -> cue class, as in the lexicon (for documentation and reports)."""
    return {lem: row["class"] for lem, row in CUES.items()}
