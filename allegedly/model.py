"""Plain, frozen records: the output contract of allegedly (schema ``allegedly/1``).

Everything the analyser finds ends up in these dataclasses; nothing here knows about spaCy.
``ArticleAnalysis.to_dict()`` is exactly the JSON documented in ``docs/contract.md``.

All offsets are Python ``str`` indices into ``Article.text`` (for plain-text input: the original
input text, clutter included; for HTML: the extracted main text).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

SCHEMA = "allegedly/1"

# ---- vocabularies -------------------------------------------------------------------------

SOURCE_KINDS = (
    "person",  # a named (or described) individual: "Roman Tsimbalyuk", "a Pentagon spokesman"
    "organisation",  # companies, NGOs, parties, armed groups, intelligence agencies
    "government",  # governments, ministries, official bodies, officials speaking for them
    "media",  # news outlets (outlet lexicon) and journalists speaking as their outlet
    "anonymous",  # unnamed human sources: "sources said", "officials", "a source close to"
    "vague",  # no source at all: "there are claims", "reports suggest", "it is alleged"
    "evidence",  # footage, figures, documents, data
    "publisher",  # the article's own outlet: the implicit outer hop of every chain
)
CUE_CLASSES = (
    "report",  # say, tell, report, state, add, write, according to
    "allegation",  # allege, claim, accuse
    "admission",  # admit, concede, acknowledge
    "estimate",  # estimate, suggest, believe, calculate
    "denial",  # deny, reject, refute
    "dispute",  # dispute, question, cast doubt, "treated with scepticism"
    "question",  # ask, wonder
    "confirmation",  # confirm, verify
    "warning",  # warn, threaten
    "evidence",  # show, reveal, indicate (footage shows ...)
)
ACTS = (
    "claim",  # a statement, report, promise, request, admission, denial …: what can be checked
    "stance",  # an evaluation of a target or a topic, no checkable proposition: "condemned X"
    "plan",  # a private wish, plan, decision or aim: "wants to", "plans to", "to determine"
    "perception",  # a perceived event, not a statement: "heard explosions", "found two pilots"
    "writer",  # the writer's own voice: "seems to", "realised that", "the data underscored X"
    "question",  # a question put to someone by an unnamed asker: "Asked whether X, he said"
)
"""What an attribution link reports (``Attribution.act``; docs/contract.md#acts). Only claims
become sentence claims, corpus claims and groups; the other acts are shown apart."""
QUOTE_TYPES = ("direct", "indirect", "mixed")
BOUNDS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
STANCES = ("asserted", "reported", "alleged", "estimated", "admitted", "denied", "disputed",
           "questioned", "confirmed", "warned", "shown")


# ---- basic spans ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of the article text. ``text == article.text[start:end]`` always holds.

    ``segments`` is set only for discontinuous spans (e.g. a quote interrupted by "he said").
    """

    start: int
    end: int
    text: str
    segments: tuple[tuple[int, int], ...] | None = None

    @classmethod
    def of(cls, text: str, start: int, end: int,
           segments: tuple[tuple[int, int], ...] | None = None) -> Span:
        """Build a span over ``text[start:end]``; drop ``segments`` when there is only one."""
        if segments is not None and len(segments) <= 1:
            segments = None
        return cls(start, end, text[start:end], segments)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.segments:
            d["segments"] = [list(s) for s in self.segments]
        return d

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Removed:
    """A region of the input dropped as clutter (kept in the text, excluded from analysis)."""

    start: int
    end: int
    text: str
    reason: str  # e.g. "consent-notice", "related-link", "share-line", "source-footer"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


# ---- the input --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One article as read by ``allegedly.ingest``: text plus metadata, before analysis."""

    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    removed: tuple[Removed, ...] = ()
    origin: str | None = None  # where it was read from: "path/to/file.html", "feed.xml#3", "-"
    input_format: str = "text"  # text | html | warc | feed | jsonl | csv | url
    extra: tuple[tuple[str, str], ...] = ()
    # what reading it found (language, summary-only feed item, suspected clutter): W3xx/W4xx;
    # the analysis lists them first among its ``warnings``
    ingest_warnings: tuple[AnalysisWarning, ...] = ()
    wire: str | None = None  # wire credit (AP, Reuters, AFP, UPI ...); found in text if None

    def __post_init__(self) -> None:
        if self.wire is None:  # the credit in the text or byline (allegedly.ingest.wires)
            from allegedly.ingest.wires import wire_of

            object.__setattr__(self, "wire", wire_of(self.text, self.author))

    @property
    def id(self) -> str:
        """Content identity: a hash of the normalised text (same text = same article)."""
        return content_id(self.text)


def normalise_for_identity(text: str) -> str:
    """Case-, punctuation-style- and whitespace-insensitive form used for article identity."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(_QUOTE_MAP)
    return re.sub(r"\s+", " ", text).strip()


_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def content_id(text: str) -> str:
    """16-hex-digit identity of an article text (see :func:`normalise_for_identity`)."""
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]


# ---- analysis records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Who is speaking. ``span`` is the mention as written (None for the implicit publisher)."""

    span: Span | None
    name: str | None  # resolved: "Roman Tsimbalyuk" for "He" / "Mr Tsimbalyuk"; None: a pronoun
    # that could not be resolved (the mention is in ``span``, the kind is kept)
    kind: str  # one of SOURCE_KINDS
    description: str | None = None  # "Ukrainian journalist", "who made headlines as ..."
    resolved_from: Span | None = None  # the antecedent mention a pronoun/short name was resolved to
    method: str | None = None  # the rule that found or named it: "rule:source.pronoun"

    @property
    def label(self) -> str:
        """The name, or for an unresolved pronoun the mention and a mark: "he (unresolved)"."""
        if self.name is not None:
            return self.name
        return f"{self.span.text if self.span else '?'} (unresolved)"

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict() if self.span else {"start": None, "end": None, "text": None}
        d.update(name=self.name, kind=self.kind, description=self.description,
                 resolved_from=self.resolved_from.to_dict() if self.resolved_from else None,
                 method=self.method)
        return d


@dataclass(frozen=True)
class Cue:
    """The words that mark the attribution: "has alleged", "according to", "said"."""

    span: Span
    lemma: str
    cls: str  # one of CUE_CLASSES

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict()
        d.update(lemma=self.lemma, **{"class": self.cls})
        return d


@dataclass(frozen=True)
class Hedge:
    """An uncertainty or distancing cue: "allegedly", "may", "it is not known"."""

    span: Span
    cue: str  # normalised cue, e.g. "allegedly", "may", "it is not known"
    kind: str  # adverb | modal | epistemic | unknown | weasel | conditional

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict()
        d.update(cue=self.cue, kind=self.kind)
        return d


@dataclass(frozen=True)
class Attribution:
    """One link of a chain: ``source`` said (``cue``) ``content``.

    ``parent`` is the id of the attribution whose content contains this one ("the Sun reported"
    is the parent of "Tsimbalyuk has alleged"); None for top-level links, whose implicit parent
    is the publisher.
    """

    id: str
    parent: str | None
    source: Source | None
    cue: Cue | None
    content: Span
    quote: str  # direct | indirect | mixed
    hedges: tuple[Hedge, ...] = ()
    method: str | None = None  # the strategy that found it: "rule:verb.ccomp"
    act: str = "claim"  # one of ACTS: what the link reports
    act_method: str | None = None  # the act rule that decided a non-claim act, else None
    # the outlet the source spoke to when it is not the publisher ("X told the AP that"):
    # a Source of kind media whose ``method`` is the rule that found it ("rule:via.addressee")
    via: Source | None = None

    @property
    def is_claim(self) -> bool:
        """Does this link report a claim (``act == "claim"``), not a stance, plan, perception
        or the writer's own voice?"""
        return self.act == "claim"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "quote": self.quote,
            "hedges": [h.to_dict() for h in self.hedges],
            "method": self.method,
            "act": self.act,
            "act_method": self.act_method,
            "via": self.via.to_dict() if self.via else None,
        }


@dataclass(frozen=True)
class Figure:
    """A number stated in the text, normalised."""

    id: str
    span: Span
    value: float | None  # the point value (None for a pure range)
    low: float | None
    high: float | None
    bound: str  # one of BOUNDS
    change: str | None = None  # increase | decrease | None
    unit: str | None = None  # normalised unit: "percent", "USD", "mile" ...
    counted: str | None = None  # what is counted: "Russian soldiers", "generals"
    measure: str | None = None  # killed | wounded | lost | ... (measures lexicon)
    actor: str | None = None  # whose losses: "Russian", "civilians"
    time: Span | None = None  # the time expression the figure is tied to
    as_of: str | None = None  # ISO date or "start/end" window resolved against `published`
    attribution: str | None = None  # innermost attribution whose content holds the figure
    warnings: tuple[str, ...] = ()
    method: str | None = None  # the step that made it a figure: "rule:figure.cardinal"

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict()
        d.update(
            id=self.id, value=self.value, low=self.low, high=self.high, bound=self.bound,
            change=self.change, unit=self.unit, counted=self.counted, measure=self.measure,
            actor=self.actor, time=self.time.to_dict() if self.time else None, as_of=self.as_of,
            attribution=self.attribution, warnings=list(self.warnings), method=self.method,
        )
        return d


@dataclass(frozen=True)
class Relation:
    """A relation between figures or claims inside one article (evidence, never a verdict).

    kind: ``differs`` (same key, different values from different sources), ``update`` (same
    source, later as-of), ``disputes`` (a claim explicitly disputes another), ``scope`` (same
    key but a different measure/scope, e.g. killed vs lost).
    """

    kind: str
    a: str  # figure or claim id
    b: str
    key: str | None = None  # comparison key, e.g. "russian|killed|soldiers"
    evidence: Span | None = None  # the words that establish it ("should be treated with scepticism")
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "key": self.key,
                "evidence": self.evidence.to_dict() if self.evidence else None, "note": self.note}


@dataclass(frozen=True)
class Claim:
    """A sentence-level claim: what is said, who says it (chain), how hedged, which figures."""

    id: str
    span: Span
    chain: tuple[str, ...]  # attribution ids, outermost first; () = asserted by the publisher
    stance: str  # one of STANCES
    hedges: tuple[Hedge, ...] = ()
    figures: tuple[str, ...] = ()  # figure ids

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.span.to_dict(), "chain": list(self.chain),
                "stance": self.stance, "hedges": [h.to_dict() for h in self.hedges],
                "figures": list(self.figures)}


@dataclass(frozen=True)
class AnalysisWarning:
    """A per-article warning with a stable code (see ``allegedly.errors``)."""

    code: str
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message,
                "span": self.span.to_dict() if self.span else None}


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything allegedly found in one article. ``to_dict()`` is the ``allegedly/1`` JSON."""

    article: Article
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[AnalysisWarning, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        return self.article.id

    def attribution(self, att_id: str) -> Attribution:
        """The attribution with this id (KeyError if none)."""
        for a in self.attributions:
            if a.id == att_id:
                return a
        raise KeyError(att_id)

    def chain(self, att_id: str | None) -> list[Attribution]:
        """Attributions from the outermost down to ``att_id``."""
        out: list[Attribution] = []
        while att_id is not None:
            a = self.attribution(att_id)
            out.append(a)
            att_id = a.parent
        return out[::-1]

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema": SCHEMA,
            "id": a.id,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "author": a.author,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "origin": a.origin,
            "wire": a.wire,
            "text": a.text,
            "removed": [r.to_dict() for r in a.removed],
            "attributions": [x.to_dict() for x in self.attributions],
            "figures": [x.to_dict() for x in self.figures],
            "claims": [x.to_dict() for x in self.claims],
            "relations": [x.to_dict() for x in self.relations],
            "warnings": [x.to_dict() for x in self.warnings],
        }

    # -- reading the contract back, and notebooks ----------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleAnalysis:
        """The analysis an ``allegedly/1`` dict describes: ``from_dict(a.to_dict()).to_dict() ==
        a.to_dict()``.

        Records are rebuilt field by field from the dataclass definitions, so a field added to
        a record (and to its ``to_dict``) is read back without changes here; keys no record has
        a field for are ignored. Raises ValueError for another schema or a missing ``text``.
        """
        return _analysis_from_dict(data)

    def _repr_html_(self) -> str:
        """Jupyter: the highlighted article (:func:`allegedly.report.html.notebook_html`)."""
        from allegedly.report.html import notebook_html

        return notebook_html(self)


# ---- from_dict helpers ----------------------------------------------------------------------

#: Contract keys that differ from the record's field name.
_KEY_OF_FIELD = {"cls": "class"}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    """``value`` (JSON data) as an instance of the annotation ``hint``."""
    if value is None:
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(value)
    if is_dataclass(hint) and isinstance(hint, type):
        return _record(hint, value)
    if hint is date:
        return date.fromisoformat(value)
    return value


def _record(cls: type, data: Mapping[str, Any]) -> Any:
    """A ``cls`` record from its contract dict (a ``span`` field is stored flattened)."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        key = _KEY_OF_FIELD.get(f.name, f.name)
        if f.name == "span" and "span" not in data:
            kwargs["span"] = None if data.get("start") is None else _record(Span, data)
        elif key in data:
            kwargs[f.name] = _convert(hints[f.name], data[key])
    return cls(**kwargs)


def _analysis_from_dict(data: Mapping[str, Any]) -> ArticleAnalysis:
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ValueError(f"cannot read schema {schema!r}: this allegedly reads {SCHEMA!r}")
    if not isinstance(data.get("text"), str):
        raise ValueError("an allegedly/1 dict needs the article 'text' that its offsets refer to")
    hints = _hints(ArticleAnalysis)
    kwargs: dict[str, Any] = {"article": _record(Article, data)}
    for f in fields(ArticleAnalysis):
        if f.name not in ("article", "meta") and f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return ArticleAnalysis(**kwargs)
