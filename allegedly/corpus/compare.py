"""Compare figures that count the same thing, per key group (never all pairs).

Within one claim group, figures are put on a key (counted group, measure family, side; see
:class:`~allegedly.corpus.records.FigureRef`); a figure that states no counted thing ("300
dead") takes the group's usual counted thing for its family. Each key group is ordered by time
(the article's publication date, else the figure's as-of date), identical statements from one
origin are collapsed, and every statement is compared with at most ``k`` earlier distinct ones
(and the nearest earlier one of every other scope), so the cost is linear in the figures.

Kinds (evidence, never a verdict; every comparison carries a one-line reason):

- ``scope``: one counts deaths, the other losses or casualties; or one counts only a part;
- ``consistent``: the values the two allow overlap ("over 50" and "52");
- ``revision``: a different count more than ``revision_days`` later, or a lower count from the
  same origin (a later, fuller count replaces an earlier one: 300 -> 600 after an
  investigation);
- ``update``: a higher count later (cumulative tolls rise: 39 -> 50 -> 52), whoever reports it;
  on the same day in different articles the order is unknown and counts are taken to rise
  (unless they are two exact counts more than ``SAME_DAY_RATIO`` apart from different origins);
- ``conflict``: incompatible counts from different origins stated at the same time (in one
  article, with the same explicit as-of date, two exact counts of one day far apart), or a
  lower count from another origin within ``SAME_TIME_DAYS`` (later than that: a recount,
  ``revision``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from allegedly import keys
from allegedly.corpus.matching import interval, overlaps
from allegedly.corpus.records import NOT_ORIGINS, ClaimRef, FigureRef
from allegedly.corpus.source_names import name_key, same_sources

KINDS = ("consistent", "update", "revision", "scope", "conflict")


@dataclass(frozen=True)
class Statement:
    """A figure as stated in one claim of one article, with who it traces back to."""

    figure: FigureRef
    claim: ClaimRef
    origin: str  # the named source, else the wire, else the outlet
    time: dt.date | None
    explicit_time: bool  # the figure has its own as-of date
    origin_key: str = ""  # the origin as one source across names (set by compare_group)

    @property
    def source_ident(self) -> str:
        """Who it traces back to, for "same origin" (names of one source are one)."""
        return self.origin_key or name_key(self.origin)

    @property
    def article_id(self) -> str:
        return self.claim.article_id


@dataclass(frozen=True)
class Comparison:
    """Two statements on one key, classified."""

    group: str
    key: str
    kind: str
    reason: str
    a: Statement
    b: Statement


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.split("/")[0][:10]) if value else None
    except ValueError:
        return None


def figure_origin(figure: FigureRef, claim: ClaimRef) -> str:
    """Who a figure traces back to: its own source, the claim's, the wire, the outlet."""
    if figure.source and figure.source_kind not in NOT_ORIGINS:
        return figure.source
    origin = claim.origin
    if origin:
        return origin[0]
    return claim.wire or claim.outlet or claim.article_id


def statements(claims: Iterable[ClaimRef]) -> list[Statement]:
    """The comparable figures of a group's claims, with the unstated counted group filled."""
    out = []
    for claim in claims:
        for f in claim.figures:
            if f.family is None or (f.value is None and f.low is None):
                continue
            own = _day(f.as_of)
            # ordered by the report's date: an as-of date is often the event's ("the strike on
            # 5 May killed 71", reported four weeks later), not the count's
            out.append(Statement(f, claim, figure_origin(f, claim), claim.published or own,
                                 own is not None and own == claim.published))
    usual: dict[tuple, Counter] = defaultdict(Counter)
    for s in out:
        if s.figure.group != "*":
            usual[(s.figure.family, s.figure.side)][s.figure.group] += 1
    filled = []
    for s in out:
        if s.figure.group == "*" and usual[(s.figure.family, s.figure.side)]:
            group = usual[(s.figure.family, s.figure.side)].most_common(1)[0][0]
            s = replace(s, figure=replace(s.figure, group=group))
        filled.append(s)
    return filled


def _origin_kind(s: Statement) -> str:
    if s.figure.source and s.figure.source_kind not in NOT_ORIGINS:
        return s.figure.source_kind or "organisation"
    origin = s.claim.origin
    return origin[1] if origin and origin[0] == s.origin else "media"


def _fmt(f: FigureRef) -> str:
    return f.text or str(f.value)


def classify(a: Statement, b: Statement, revision_days: int = 14) -> tuple[str, str] | None:
    """(kind, reason) for ``a`` (earlier or same time) and ``b``; None for two statements of
    the same value by the same origin (a repeat, not a comparison)."""
    fa, fb = a.figure, b.figure
    if fa.scope != fb.scope:
        return "scope", (f"{fa.measure} vs {fb.measure}: {fa.scope} and {fb.scope} count "
                         "different things")
    sub_a, sub_b = keys.is_subscope(fa.counted), keys.is_subscope(fb.counted)
    if sub_a != sub_b:
        part = fa if sub_a else fb
        return "scope", f"{part.counted!r} counts only a part"
    if overlaps(fa, fb):
        if a.source_ident == b.source_ident and interval(fa) == interval(fb):
            return None
        return "consistent", f"{_fmt(fa)} and {_fmt(fb)} agree within their bounds"
    gap = (b.time - a.time).days if a.time and b.time else 0
    if gap > revision_days:
        return "revision", (f"{_fmt(fb)} {gap} days after {_fmt(fa)}: a later count replaces "
                            "the earlier one")
    same_origin = a.source_ident == b.source_ident
    same_time = a.article_id == b.article_id or (a.explicit_time and b.explicit_time and gap == 0)
    if same_time and not same_origin:
        return "conflict", (f"{_fmt(fa)} ({a.origin}) vs {_fmt(fb)} ({b.origin}) for the same "
                            "time, from different origins")
    if gap == 0:
        return _same_day(a, b, same_origin)
    if interval(fb)[0] > interval(fa)[1]:
        return "update", f"{_fmt(fa)} -> {_fmt(fb)}, {gap} day(s) later: a cumulative count rising"
    if same_origin:
        return "revision", f"{a.origin} lowers {_fmt(fa)} to {_fmt(fb)}"
    if gap <= SAME_TIME_DAYS:
        return "conflict", (f"{_fmt(fb)} ({b.origin}) {gap} day(s) after {_fmt(fa)} "
                            f"({a.origin}): a lower count, from a different origin")
    return "revision", (f"{_fmt(fb)} ({b.origin}) {gap} days after {_fmt(fa)} ({a.origin}): "
                        "a lower recount")


#: Exact counts on one day further apart than this factor are not one count rising.
SAME_DAY_RATIO = 1.5
#: A lower count from another origin this many days later is a conflict, later a recount.
SAME_TIME_DAYS = 3
_RUNNING = ("at_least", "more_than")


def _same_day(a: Statement, b: Statement, same_origin: bool) -> tuple[str, str]:
    """Two counts of one day in different articles: the order is unknown; counts rise unless
    two exact counts from different origins are far apart."""
    lo, hi = sorted((a, b), key=lambda s: interval(s.figure)[1])
    ratio = interval(hi.figure)[0] / max(interval(lo.figure)[1], 1e-9)
    running = lo.figure.bound in _RUNNING or hi.figure.bound in _RUNNING
    if same_origin or running or ratio <= SAME_DAY_RATIO:
        return "update", (f"{_fmt(lo.figure)} -> {_fmt(hi.figure)} the same day (order "
                          "unknown): a count rising")
    return "conflict", (f"{_fmt(lo.figure)} ({lo.origin}) vs {_fmt(hi.figure)} ({hi.origin}) the "
                        f"same day: exact counts {ratio:.1f}x apart, from different origins")


def _order(s: Statement) -> tuple:
    return (s.time or dt.date.max, s.claim.published or dt.date.max, s.article_id,
            s.figure.start)


def compare_key(group: str, key: str, items: list[Statement], k: int = 3,
                revision_days: int = 14) -> list[Comparison]:
    """Comparisons within one key group (see the module docstring)."""
    items = sorted(items, key=_order)
    distinct: list[Statement] = []
    seen: set[tuple] = set()
    for s in items:
        ident = (interval(s.figure), s.figure.scope, s.source_ident, s.article_id)
        if ident not in seen:
            seen.add(ident)
            distinct.append(s)
    out = []
    for j, b in enumerate(distinct):
        picked: list[Statement] = []
        values: set = set()
        scopes: set = set()
        for a in reversed(distinct[:j]):
            if a.figure.scope != b.figure.scope:
                if a.figure.scope in scopes:
                    continue
                scopes.add(a.figure.scope)
            elif interval(a.figure) in values or len(values) >= k:
                continue
            else:
                values.add(interval(a.figure))
            picked.append(a)
        for a in picked:
            result = classify(a, b, revision_days)
            if result:
                out.append(Comparison(group, key, result[0], result[1], a, b))
    return out


def compare_group(group: str, claims: Iterable[ClaimRef], k: int = 3,
                  revision_days: int = 14) -> list[Comparison]:
    """All comparisons of one claim group, key group by key group; the names of one source
    in the group (:func:`~allegedly.corpus.source_names.same_sources`) are one origin."""
    found = statements(claims)
    alias = same_sources((s.origin, _origin_kind(s)) for s in found)
    by_key: dict[str, list[Statement]] = defaultdict(list)
    for s in found:
        s = replace(s, origin_key=alias.get(name_key(s.origin), name_key(s.origin)))
        by_key["|".join(p for p in (s.figure.group, s.figure.family, s.figure.side) if p)
               ].append(s)
    out = []
    for key in sorted(by_key):
        out.extend(compare_key(group, key, by_key[key], k, revision_days))
    return out
