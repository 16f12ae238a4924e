"""Comparison keys for figures, shared by within-article relations and the corpus report.

A key says which figures count the same thing: (actor, counted group, measure family), e.g.
``("russian", "troops", "fatal")`` for "498 Russian soldiers killed" and "over 7,000 troops
died". The measure *scope* then separates directly comparable figures (killed = died = dead)
from ones that differ in scope (killed vs lost vs casualties). The tables are in
``lexicons/figure_keys.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from allegedly.lexicons import load

_WORDS = re.compile(r"[a-z]+")


@cache
def _table(table: str, column: str = "group") -> dict[str, str]:
    return {r["word"]: r[column] for r in load("figure_keys") if r["table"] == table}


def measure_scope(measure: str | None) -> str | None:
    """What a measure really counts: killed, died, dead -> deaths; lost -> losses."""
    if not measure:
        return None
    return _table("measure", "scope").get(measure.lower(), measure.lower())


def counted_group(counted: str | None) -> str | None:
    """The group of the counted phrase's head word ("Russian soldiers" -> troops)."""
    words = _WORDS.findall((counted or "").lower())
    groups = _table("counted")
    for w in reversed(words):
        for form in (w, w[:-3] + "y" if w.endswith("ies") else w.rstrip("s")):
            if form in groups:
                return groups[form]  # "soldiers" -> soldier, "bodies" -> body
    return None


def figure_key(measure: str | None, counted: str | None,
               actor: str | None) -> tuple[str, str, str] | None:
    """(actor, counted group, measure family), or None when the figure is not comparable."""
    if not measure or not counted:
        return None
    family = _table("measure").get(measure.lower())
    group = counted_group(counted)
    if family is None or group is None:
        return None
    return ((actor or "").lower(), group, family)


def is_subscope(counted: str | None, following: str = "") -> bool:
    """Does the figure count only a part ("750 soldiers in his unit")? ``following`` is the
    text right after the figure, up to the next clause break."""
    words = set(_WORDS.findall(f"{counted or ''} {following}".lower()))
    return bool(words & set(_table("subscope")))
