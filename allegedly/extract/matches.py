"""Intermediate results of the extractors, in character offsets of the ``Doc`` text.

Extractors (pure functions over a parsed ``Doc``) return these small mutable-free records;
``allegedly.nlp.convert`` maps their offsets back to the article text, assigns ids, links
them together and builds the public records of ``allegedly.model``. Keeping spaCy objects out
of them means they can be pickled, tested and compared without a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Offsets = tuple[int, int]


@dataclass(frozen=True)
class SourceMatch:
    """A source mention. ``span`` is None when no words of the text name the source ("Russia
    has been accused"); an unnamed source whose words are there ("There are claims", "it is
    alleged") has their span."""

    span: Offsets | None
    name: str | None  # resolved full name ("Roman Tsimbalyuk"), or the mention text; None for
    # a pronoun that could not be resolved ("he" with no antecedent): the kind is kept
    kind: str  # see allegedly.model.SOURCE_KINDS
    description: str | None = None  # "Ukrainian journalist"
    antecedent: Offsets | None = None  # the mention a pronoun / short name was resolved to
    method: str = ""  # the rule that named it: "rule:source.pronoun" (docs/contract.md)


@dataclass(frozen=True)
class AttributionMatch:
    """One attribution link. Nesting is derived later from content containment."""

    cue: Offsets | None
    cue_lemma: str
    cue_class: str  # see allegedly.model.CUE_CLASSES
    content: tuple[Offsets, ...]  # one or more segments, in order
    quote: str  # direct | indirect | mixed
    source: SourceMatch | None = None
    method: str = ""  # the strategy that found it: "rule:verb.ccomp" (docs/contract.md)
    act: str = "claim"  # what the link reports: see allegedly.model.ACTS
    act_method: str = ""  # the act rule that decided a non-claim act: "rule:act.private_plan"
    via: SourceMatch | None = None  # the outlet the source spoke to ("told the AP"): via.py


@dataclass(frozen=True)
class RuleFailure:
    """A rule that raised on a token: reported as a W202 warning, the other rules go on."""

    rule: str  # "verb.ccomp"
    start: int  # the token it was reading
    end: int
    error: str  # repr of the exception, shortened


@dataclass(frozen=True)
class HedgeMatch:
    start: int
    end: int
    cue: str
    kind: str  # adverb | modal | epistemic | unknown | weasel | conditional


@dataclass(frozen=True)
class FigureMatch:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    change: str | None = None
    unit: str | None = None
    counted: str | None = None
    measure: str | None = None
    actor: str | None = None
    time: Offsets | None = None
    as_of: str | None = None
    warnings: tuple[str, ...] = field(default=())
    method: str = ""  # the step that made it a figure: "rule:figure.cardinal" (docs/contract.md)
