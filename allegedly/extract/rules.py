"""Named rules: the unit in which the extractors say how an answer was produced.

Every attribution, source and figure records the rule that produced it as ``method``
(``"rule:verb.ccomp"``, ``"rule:source.pronoun"``, ``"rule:figure.cardinal"``). The ordered
lists of rules live in ``extract/attribution/strategies.py`` and ``extract/figures/steps.py``;
``docs/contract.md`` documents every name (a test keeps the table and the lists in step).

A rule can be switched off by name for one Doc (ablation, ``Settings.disabled_rules``): the
extractors call :func:`set_disabled` once per Doc and every rule asks :func:`enabled`. The set
lives on the Doc (``doc.user_data``), never in a global, so concurrent pipelines with different
settings do not see each other's switches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

_DISABLED = "allegedly.disabled_rules"
PREFIX = "rule:"


@dataclass(frozen=True)
class Rule:
    """A named rule: ``fn`` is the function that implements it."""

    name: str  # "verb.ccomp": family, a dot, what it reads
    fn: Callable[..., Any]
    doc: str = ""  # what it does, when ``fn``'s docstring does not say it (a shared function)

    @property
    def method(self) -> str:
        """The ``method`` value of what this rule produces ("rule:verb.ccomp")."""
        return PREFIX + self.name

    @property
    def summary(self) -> str:
        """``doc``, else the first paragraph of the function's docstring (for documentation)."""
        return " ".join((self.doc or self.fn.__doc__ or "").strip().split("\n\n")[0].split())


def method(name: str) -> str:
    """``"rule:" + name``."""
    return PREFIX + name


def set_disabled(doc: Doc, names: Iterable[str]) -> None:
    """Switch the rules called ``names`` off for ``doc`` (an empty iterable: all on)."""
    doc.user_data[_DISABLED] = frozenset(names)


def enabled(doc: Doc, name: str) -> bool:
    """Is the rule ``name`` switched on for ``doc``?"""
    return name not in doc.user_data.get(_DISABLED, ())


__all__ = ["PREFIX", "Rule", "enabled", "method", "set_disabled"]
