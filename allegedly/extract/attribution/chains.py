"""Document passes over the links of a chain: who a first-person source inside a quote is.

``“We condemn the attack,” said Ihtisham Hibatullah`` holds a link of its own (*We / condemn /
the attack*): the "we" is the quoted speaker, not a source called "We". These passes run after
the token strategies (:data:`~allegedly.extract.attribution.strategies.DOCUMENT_PASSES`), when
every link of the document is known, because who speaks a quote is decided by the link whose
content holds it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from allegedly.extract.attribution.spans import text_of
from allegedly.extract.matches import AttributionMatch, Offsets
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import method
from allegedly.lexicons import word_list

_FIRST_PERSON = word_list("first_person_pronouns")


def _first_person(doc: Doc, m: AttributionMatch) -> bool:
    """Is the link's source mention a bare first-person pronoun ("I", "we", "our")?"""
    src = m.source
    if src is None or src.span is None or src.antecedent is not None:
        return False
    return text_of(doc)[src.span[0]:src.span[1]].lower() in _FIRST_PERSON


def _inside(pos: Offsets, segments: tuple[Offsets, ...]) -> bool:
    return any(s <= pos[0] and pos[1] <= e for s, e in segments)


def quoted_container(m: AttributionMatch, found: list[AttributionMatch],
                     quotes: list[Quote]) -> AttributionMatch | None:
    """The smallest other link whose content holds the quote around ``m``'s source mention
    (None when the mention is in no quote, or no link quotes it)."""
    if m.source is None or m.source.span is None:
        return None
    span = m.source.span
    quote = next((q for q in quotes if q.start <= span[0] and span[1] <= q.end), None)
    if quote is None:
        return None
    holders = [o for o in found if o is not m and _inside(span, o.content)
               and _inside((quote.inner[0], quote.inner[0] + 1), o.content)]
    if not holders:
        return None
    return min(holders, key=lambda o: sum(e - s for s, e in o.content))


def quoted_speaker(doc: Doc, found: list[AttributionMatch], quotes: list[Quote]
                   ) -> list[AttributionMatch]:
    """``“I heard three explosions,” said Muhammad Sabir``: a first-person source inside a
    quote is the quoted speaker (the source of the link whose content holds the quote), when
    that speaker has a name."""
    out = []
    for m in found:
        outer = quoted_container(m, found, quotes) if _first_person(doc, m) else None
        if outer is not None and outer.source is not None and outer.source.name is not None \
                and outer.source.kind != "vague" and not _first_person(doc, outer):
            src = replace(outer.source, span=m.source.span, antecedent=outer.source.span,
                          method=method("source.quoted_speaker"))
            m = replace(m, source=src)
        out.append(m)
    return out


__all__ = ["quoted_container", "quoted_speaker"]
