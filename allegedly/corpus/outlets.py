"""One name per outlet across a corpus: "bbc.co.uk", "BBC News" -> "BBC"; "the Beacon" ->
"Daily Beacon" when the corpus has one outlet of that name; "CPA" -> "Continental Press Agency".

:func:`canonical_outlet` uses the outlet lexicon (``lexicons/outlets.tsv``: names, aliases and
domains) first, then the domain's name ("reuters.com" -> "Reuters"), then the outlets seen in
the corpus (:class:`OutletNames`): a short form whose distinctive words end exactly one known
outlet's name ("Beacon", "the Ledger"), or an acronym of exactly one ("CPA"), is that outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from allegedly.lexicons import load

#: Words that do not distinguish one outlet from another ("the Daily Beacon" = "the Beacon").
GENERIC = frozenset({"the", "daily", "sunday", "weekly", "online", "news", "com", "www"})
_WORD = re.compile(r"[a-z0-9]+")


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in load("outlets"):
        for name in (row["alias"], row["name"]):
            out.setdefault(_key(name), row["name"])
    return out


def _key(name: str) -> str:
    name = name.strip().lower()
    name = name[4:] if name.startswith("the ") else name
    return " ".join(name.split())


def _domain(name: str) -> str | None:
    """"www.bbc.co.uk" / "https://bbc.co.uk/x" -> "bbc.co.uk" (None when not a domain)."""
    m = re.match(r"^(?:https?://)?(?:www\d?\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/.*)?$",
                 name.strip().lower())
    return m.group(1) if m else None


def core_words(name: str) -> tuple[str, ...]:
    """The distinctive words of an outlet name ("The Daily Beacon" -> ("beacon",))."""
    return tuple(w for w in _WORD.findall(name.lower()) if w not in GENERIC)


def lexicon_outlet(name: str | None) -> str | None:
    """The lexicon's name for an outlet name, alias or domain (None when unknown)."""
    if not name or not name.strip():
        return None
    aliases = _aliases()
    found = aliases.get(_key(name))
    if found:
        return found
    domain = _domain(name)
    if domain:
        for candidate in (domain, domain.split(".")[0]):
            if candidate in aliases:
                return aliases[candidate]
    return None


class OutletNames:
    """Canonical outlet names for one corpus (the outlets of its articles are known)."""

    def __init__(self, outlets: Iterable[str | None] = ()) -> None:
        self.known: dict[tuple[str, ...], str] = {}
        for name in outlets:
            if name:
                canon = self._base(name)
                self.known.setdefault(core_words(canon), canon)

    @staticmethod
    def _base(name: str) -> str:
        found = lexicon_outlet(name)
        if found:
            return found
        domain = _domain(name)
        if domain and " " not in name.strip():
            return domain
        return " ".join(name.split())

    def canonical(self, name: str | None) -> str | None:
        """The corpus' name for ``name`` (itself, tidied, when nothing matches)."""
        if not name or not name.strip():
            return None
        base = self._base(name)
        core = core_words(base)
        if not core or core in self.known:
            return self.known.get(core, base)
        matches = {canon for words, canon in self.known.items()
                   if len(words) > len(core) and words[-len(core):] == core}
        if not matches and re.fullmatch(r"[A-Z]{2,5}", name.strip()):
            matches = {canon for words, canon in self.known.items()
                       if "".join(w[0] for w in words) == name.strip().lower()}
        return matches.pop() if len(matches) == 1 else base


def canonical_outlet(name: str | None, corpus_outlets: Iterable[str | None] = ()) -> str | None:
    """One-off form of :meth:`OutletNames.canonical`."""
    return OutletNames(corpus_outlets).canonical(name)
