"""An index of a document's named entities by position, for the antecedent look-backs.

Resolving "He", "Mr Tsimbalyuk" or "it" looks for the most recent entity of some sort before
the mention. Scanning ``doc.ents`` backwards for every mention costs the whole document each
time (quadratic on a long live blog); :class:`EntityIndex` sorts the entities once into lists
by end token (full PERSON names, PERSON names by surname, entities by label) and answers each
look-back with a bisection. The answers are exactly those of the backward scans they replace.
It also tells whether a character lies inside a direct quotation (:meth:`EntityIndex.in_quote`,
a bisection over :func:`~allegedly.extract.quotes.find_quotes`, computed once on first use).

:func:`indexed` builds the index once per document while :func:`find_attributions` runs (the
entities do not change during the extraction) and, outside it, on each call.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from spacy.tokens import Doc, Span

from allegedly.extract.attribution.mentions import is_full_name, name_tokens
from allegedly.extract.quotes import Quote, find_quotes
from allegedly.extract.tokens import text_of

_KEY = "allegedly.attribution.entity_index"


class _ByEnd:
    """Entities in text order with their end tokens (ascending: entities never overlap)."""

    def __init__(self) -> None:
        self.ends: list[int] = []
        self.ents: list[Span] = []

    def add(self, ent: Span) -> None:
        self.ends.append(ent.end)
        self.ents.append(ent)

    def last_before(self, before: int) -> Span | None:
        """The last entity ending at or before token ``before``."""
        n = bisect_right(self.ends, before)
        return self.ents[n - 1] if n else None

    def last_where(self, before: int, ok: Callable[[Span], bool]) -> Span | None:
        """The last entity ending at or before token ``before`` for which ``ok`` holds."""
        for n in range(bisect_right(self.ends, before) - 1, -1, -1):
            if ok(self.ents[n]):
                return self.ents[n]
        return None


class EntityIndex:
    """The entities of one document, sorted for "the most recent X before token i"."""

    def __init__(self, doc: Doc) -> None:
        self.full_names = _ByEnd()
        self.by_surname: defaultdict[str, _ByEnd] = defaultdict(_ByEnd)
        self.by_given_name: defaultdict[str, _ByEnd] = defaultdict(_ByEnd)
        self.by_label: defaultdict[str, _ByEnd] = defaultdict(_ByEnd)
        self.doc = doc
        self._quotes: tuple[list[int], list[int]] | None = None
        self.memo: dict[str, object] = {}
        """Facts of the document other rules gather once (genders, resolved pronouns)."""
        for ent in doc.ents:
            self.by_label[ent.label_].add(ent)
            if is_full_name(ent):
                self.full_names.add(ent)
                self.by_surname[name_tokens(ent)[-1].lower_].add(ent)
                self.by_given_name[name_tokens(ent)[0].lower_].add(ent)

    def person(self, before: int, surname: str | None = None) -> Span | None:
        """The most recent full-name PERSON entity ending before token ``before`` (with the
        last name ``surname``, lower-cased, when given)."""
        if surname is None:
            return self.full_names.last_before(before)
        group = self.by_surname.get(surname)
        return group.last_before(before) if group is not None else None

    def person_by_given_name(self, before: int, given: str) -> Span | None:
        """The most recent full-name PERSON entity ending before token ``before`` whose first
        name is ``given`` (lower-cased): "Sir Keir" -> "Keir Starmer"."""
        group = self.by_given_name.get(given)
        return group.last_before(before) if group is not None else None

    def person_where(self, before: int, ok: Callable[[Span], bool]) -> Span | None:
        """The most recent full-name PERSON entity ending before token ``before`` for which
        ``ok`` holds (e.g. one named outside quotes)."""
        return self.full_names.last_where(before, ok)

    def named_where(self, before: int, ok: Callable[[Span], bool]) -> Span | None:
        """The most recent PERSON entity (a full or a short name) ending before token
        ``before`` for which ``ok`` holds; a short name gives the full name with its surname
        mentioned last before it, when there is one ("President Obama" -> "Barack Obama")."""
        group = self.by_label.get("PERSON")
        found = group.last_where(before, ok) if group is not None else None
        if found is None or is_full_name(found):
            return found
        names = name_tokens(found)
        full = self.person(found.start, names[-1].lower_) if names else None
        return full or found

    def use_quotes(self, found: list[Quote]) -> None:
        """Answer :meth:`in_quote` from ``found`` (``find_quotes`` of the doc's text)."""
        self._quotes = [q.start for q in found], [q.end for q in found]

    def in_quote(self, char: int) -> bool:
        """Character ``char`` lies inside a direct quotation (its marks included)."""
        if self._quotes is None:
            self.use_quotes(find_quotes(text_of(self.doc)))
        starts, ends = self._quotes
        n = bisect_right(starts, char)
        return bool(n) and char < ends[n - 1]

    def entity(self, before: int, labels: set[str]) -> Span | None:
        """The most recent entity with one of ``labels`` ending before token ``before``."""
        found = [e for e in (self.by_label[x].last_before(before) for x in labels
                             if x in self.by_label) if e is not None]
        return max(found, key=lambda e: e.end) if found else None


def indexed(doc: Doc) -> EntityIndex:
    """The document's index: the one :func:`entity_index_for` holds, else a fresh one."""
    held = doc.user_data.get(_KEY)
    return held if isinstance(held, EntityIndex) else EntityIndex(doc)


@contextmanager
def entity_index_for(doc: Doc, quotes: list[Quote] | None = None) -> Iterator[EntityIndex]:
    """Hold one index on ``doc`` for the duration of the block (the extraction of one
    document), and drop it after, so that a later change of ``doc.ents`` is never missed.
    ``quotes``: ``find_quotes`` of the doc's text when the caller has it already (else the
    index finds them on first use)."""
    index = EntityIndex(doc)
    if quotes is not None:
        index.use_quotes(quotes)
    doc.user_data[_KEY] = index
    try:
        yield index
    finally:
        doc.user_data.pop(_KEY, None)


__all__ = ["EntityIndex", "entity_index_for", "indexed"]
