"""Events: claim groups (and lone claims with figures) about one event, whose figures are
compared with each other (the Brastovo market toll stated as 34, 41, nine, 47 and 71 in
differently worded claims; a station strike's "more than 30", "39 as of 13:00", "over 50").

Every group is first reduced to a *profile* (:func:`allegedly.corpus.groups.profile`: its
members' words, names, event words and figures, its first date), and the profiles are linked
with the claim linker, without the time feature and without comparing values. Events are then
built in four steps, each recorded as evidence on the items it moved (:class:`Events`):

1. ``link`` — **cores**: center clustering (:func:`~allegedly.corpus.groups.build_groups`) of
   the links between profiles first reported at most ``merge_days`` apart. An event's core
   is made of the reports of its first days, so a report is never tied to an unrelated
   earlier event (a war total or another strike weeks before) just because that one was
   reported first and their words overlap.
2. ``average`` — cores first reported at most ``merge_days`` apart merge by **average
   linkage** (:func:`merge_average`): the mean link score over *all* pairs of their members
   (an unlinked pair counts 0) reaches ``merge_threshold``. One strong link is not enough.
3. ``anchor`` — cores merge on **what makes an event** (:func:`merge_anchored`): the same
   distinctive place or name (one of the two rarest of the names most of each core's
   members give, given by at most a tenth of all profiles, with the cores' names agreeing
   overall), the same kind of event
   (``lexicons/event_words.tsv``), a compatible figure key (``people|fatal`` and
   ``*|fatal``) and first reports at most ``anchor_days`` apart. Two groups about one strike
   whose words differ (numbers, "rockets" vs "missile") are linked by none of their words,
   and still meet here.
4. ``later`` — a cluster first reported more than ``merge_days`` after an event (within
   ``window_days``) joins it when at least half of its members are linked to that event's
   core members, it shares the kind of event and a figure key, and one of its figures is
   dated back to the event (an as-of date at most ``dated_days`` from its first report: "the
   shelling on 5 May killed 71", four weeks later)
   (:func:`attach_later`): an investigation's count weeks later is a revision within the
   event, while a new strike's reports, worded like an old one's, stay a new event.

Nothing chains through look-alikes: links are only followed from members of a core (never
from a report attached in step 4), and merges compare first dates.
The event id is the id of its earliest group; lone claims in no event with a group are left
out. Cost: the links of the profiles (blocked, near-linear), plus sorted buckets per name.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from allegedly.corpus.groups import Group, build_groups, profile
from allegedly.corpus.linker import Link
from allegedly.corpus.records import ClaimRef, FigureRef


@dataclass
class Events:
    """Which event every item (group id, or uid of a lone claim) belongs to, and how."""

    event_of: dict[str, str] = field(default_factory=dict)
    #: item -> the steps that brought it into its event (empty: it started the event)
    evidence: dict[str, list[dict]] = field(default_factory=dict)


class _Clusters:
    """Clusters of profile uids with their first dates; merging records the evidence on the
    members of the cluster merged in."""

    def __init__(self, clusters: Iterable[list[str]], dates: Mapping[str, dt.date | None],
                 item: Mapping[str, str]) -> None:
        self.members = {i: list(c) for i, c in enumerate(clusters)}
        self.of = {u: i for i, c in self.members.items() for u in c}
        self.first = {i: min((dates[u] for u in c if dates.get(u)), default=None)
                      for i, c in self.members.items()}
        self.item = item
        self.how: dict[str, list[dict]] = defaultdict(list)

    def head(self, i: int) -> str:
        """The item standing for cluster ``i`` in evidence (its first member)."""
        return self.item[self.members[i][0]]

    def merge(self, i: int, j: int, step: dict) -> None:
        """Merge cluster ``j`` into ``i``; ``step`` (with ``to`` = i's head) goes on j's
        members."""
        step = {**step, "to": self.head(i)}
        for u in self.members[j]:
            self.how[u].append(step)
            self.of[u] = i
        self.members[i] += self.members.pop(j)
        self.first[i] = min((d for d in (self.first[i], self.first.pop(j)) if d), default=None)


def _days(a: dt.date | None, b: dt.date | None) -> int | None:
    return abs((a - b).days) if a and b else None


def events(groups: list[Group], claims: Mapping[str, ClaimRef], *, threshold: float,
           window_days: int = 120, singles: Iterable[ClaimRef] = (),
           merge_threshold: float | None = None, merge_days: int = 1,
           anchor_days: int = 1, dated_days: int = 3) -> Events:
    """The events of ``groups`` (see the module docstring). ``singles``: claims in no group
    (with figures) that may join an event as they are. ``merge_threshold`` defaults to half
    of ``threshold``."""
    from allegedly.corpus.blocking import BlockingOptions
    from allegedly.corpus.linker import link_claims, prepare
    from allegedly.corpus.matching import Weights

    profiles = [p for p in (profile(g, claims) for g in groups) if p is not None]
    profiles += [replace(c, article_id=f"claim:{c.uid}", claim_id="c") for c in singles]
    profiles.sort(key=lambda p: (p.published is None, p.published, p.article_id))
    item_of = {p.uid: (p.claim_id if p.article_id.startswith("group:") else
                       p.article_id.split(":", 1)[1]) for p in profiles}
    order = {p.uid: (p.published.isoformat() if p.published else "9999", p.uid)
             for p in profiles}
    dates = {p.uid: p.published for p in profiles}
    prepared = prepare(profiles)
    links = list(link_claims(profiles, prepared, threshold=threshold,
                             options=BlockingOptions(window_days=window_days, neighbours=20,
                                                     rare_names=6),
                             weights=Weights(time=0.0, overlap=True, values=False)))
    near = [x for x in links if (_days(dates[x.a], dates[x.b]) or 0) <= merge_days]
    clusters, how = _cores(near, order, threshold, item_of)
    clustered = {u for c in clusters for u in c}
    group_ids = {g.id for g in groups}
    clusters += [[p.uid] for p in profiles if p.uid not in clustered]
    state = _Clusters(clusters, dates, item_of)
    for u, steps in how.items():
        state.how[u].extend(steps)
    merge_average(state, near, threshold / 2 if merge_threshold is None else merge_threshold,
                  merge_days)
    by_uid = {p.uid: p for p in profiles}
    merge_anchored(state, by_uid, prepared.df, anchor_days)
    attach_later(state, links, by_uid, prepared.df, threshold=threshold,
                 merge_days=merge_days, window_days=window_days, dated_days=dated_days)
    return _result(state, order, item_of, group_ids)


def _cores(links: list[Link], order: Mapping[str, tuple], threshold: float,
           item_of: Mapping[str, str]) -> tuple[list[list[str]], dict[str, list[dict]]]:
    """Center clusters of ``links`` (uids in date order) and each member's link to its
    center."""
    clusters, how = [], {}
    for e in build_groups(links, order, suggested=threshold, confirmed=threshold):
        clusters.append(sorted((m.claim for m in e.members), key=lambda u: order[u]))
        for m in e.members:
            if m.method != "seed":
                how[m.claim] = [{"step": "link", "to": item_of[e.seed],
                                 "score": round(m.score, 3)}]
    return clusters, how


def _result(state: _Clusters, order: Mapping[str, tuple], item_of: Mapping[str, str],
            group_ids: set[str]) -> Events:
    out = Events()
    for uids in state.members.values():
        uids = sorted(uids, key=lambda u: order[u])
        firsts = [item_of[u] for u in uids if item_of[u] in group_ids]
        if not firsts:  # single claims only are not an event of any group
            continue
        for u in uids:
            out.event_of[item_of[u]] = firsts[0]
            out.evidence[item_of[u]] = list(state.how.get(u, ()))
    return out


def merge_average(state: _Clusters, links: list[Link], threshold: float, days: int) -> None:
    """Greedy average-linkage merging over ``links``: the pair of clusters with the highest
    mean link score over all their member pairs (unlinked pairs count 0) merges first, while
    that mean is ``threshold`` or more and their first dates are at most ``days`` apart. Only
    linked clusters are ever considered, so the cost grows with the links."""
    members, first = state.members, state.first
    sums: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for link in links:
        i, j = state.of.get(link.a), state.of.get(link.b)
        if i is not None and j is not None and i != j:
            sums[i][j] += link.score
            sums[j][i] += link.score

    def mean(i: int, j: int) -> float:
        return sums[i][j] / (len(members[i]) * len(members[j]))

    heap = [(-mean(i, j), i, j) for i in sums for j in sums[i] if i < j]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members or -neg != mean(i, j):
            continue  # merged away or stale
        if -neg < threshold:
            break
        if (_days(first[i], first[j]) or 0) > days:
            continue
        state.merge(i, j, {"step": "average", "mean": round(-neg, 3)})
        for k, v in sums.pop(j).items():
            sums[k].pop(j, None)
            if k != i:
                sums[i][k] += v
                sums[k][i] = sums[i][k]
        for k in sums[i]:
            heapq.heappush(heap, (-mean(i, k), min(i, k), max(i, k)))


@dataclass(frozen=True)
class _Signature:
    """What a cluster says about its event: the names most of its members give (IDF weights),
    its kinds of event and its figures."""

    names: dict[str, float]
    anchors: tuple[str, ...]  # the two rarest of ``names``
    kinds: frozenset[str]
    figures: tuple[FigureRef, ...]


def _signature(uids: list[str], profiles: Mapping[str, ClaimRef], df) -> _Signature:
    counts = Counter(n for u in uids for n in profiles[u].names)
    need = math.ceil(len(uids) / 2)
    names = {n: df.idf(n) for n, k in counts.items() if k >= need}
    anchors = tuple(sorted(names, key=lambda n: (-names[n], n))[:2])
    figures = tuple(f for u in uids for f in profiles[u].figures if f.family)[:64]
    return _Signature(names, anchors, frozenset().union(*(profiles[u].events for u in uids)),
                      figures)


def _name_agreement(a: _Signature, b: _Signature) -> float:
    """IDF-weighted overlap (Ochiai) of two clusters' names."""
    shared = sum(w for n, w in a.names.items() if n in b.names)
    norm = math.sqrt(sum(a.names.values()) * sum(b.names.values()))
    return shared / norm if norm else 0.0


def _shared_key(a: _Signature, b: _Signature) -> str | None:
    from allegedly.corpus.matching import same_key

    for x in a.figures:
        for y in b.figures:
            if same_key(x, y):
                return x.key if x.group != "*" else y.key
    return None


#: A name given by more than this share of all profiles (and more than ``COMMON_MIN`` of them)
#: names a country or a war, not an event, and anchors nothing.
COMMON_SHARE = 0.1
COMMON_MIN = 5
#: Clusters compared with each cluster under one anchor name (the next ones by date).
ANCHOR_NEIGHBOURS = 50


def merge_anchored(state: _Clusters, profiles: Mapping[str, ClaimRef], df, days: int,
                   min_agreement: float = 0.3) -> None:
    """Merge clusters on the same distinctive name (given by at most ``COMMON_SHARE`` of the
    profiles), kind of event and compatible figure key,
    first reported at most ``days`` apart, with names agreeing (:func:`_name_agreement`) at
    ``min_agreement`` or more (see the module docstring). Candidates come from buckets per
    anchor name sorted by date: each cluster is compared with the next ``ANCHOR_NEIGHBOURS``
    of nearby days only."""
    sigs = {i: _signature(c, profiles, df) for i, c in state.members.items()}
    common = max(COMMON_MIN, COMMON_SHARE * df.docs)
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, s in sigs.items():
        if state.first[i] is not None:
            for name in s.anchors:
                if df.counts.get(name, 0) <= common:  # "Ukraine" names a country, not an event
                    buckets[name].append(i)
    pairs = {}
    for name, ids in buckets.items():
        ids.sort(key=lambda i: state.first[i])
        for x, i in enumerate(ids):
            for j in ids[x + 1:x + 1 + ANCHOR_NEIGHBOURS]:  # bounded: cost linear in clusters
                if (state.first[j] - state.first[i]).days > days:
                    break
                found = _anchor(sigs[i], sigs[j], name, min_agreement)
                if found and (i, j) not in pairs:
                    pairs[(i, j)] = found
    seeds = {i: c[0] for i, c in state.members.items()}  # clusters are found by a member
    for (i, j), step in sorted(pairs.items(), key=lambda kv: -kv[1]["agreement"]):
        i, j = state.of[seeds[i]], state.of[seeds[j]]
        if i == j:
            continue
        gap = _days(state.first[i], state.first[j])
        if gap is not None and gap <= days:
            state.merge(i, j, {**step, "days": gap})


def _anchor(a: _Signature, b: _Signature, name: str, min_agreement: float) -> dict | None:
    if name not in a.anchors or name not in b.anchors:
        return None
    kinds = a.kinds & b.kinds
    if not kinds:
        return None
    agreement = _name_agreement(a, b)
    if agreement < min_agreement:
        return None
    key = _shared_key(a, b)
    if key is None:
        return None
    return {"step": "anchor", "name": name, "event": sorted(kinds)[0], "key": key,
            "agreement": round(agreement, 3)}


def _dated_back(uids: list[str], profiles: Mapping[str, ClaimRef], first: dt.date,
                days: int) -> str | None:
    """A figure of the cluster whose own as-of date is the event's time (at most ``days`` from
    its first report), e.g. "71 were killed in the shelling on 5 May" four weeks later."""
    for u in uids:
        for f in profiles[u].figures:
            when = f.as_of and f.as_of[:10]
            try:
                day = dt.date.fromisoformat(when) if when else None
            except ValueError:
                day = None
            if f.family and day and abs((day - first).days) <= days:
                return f.text
    return None


def _same_event(state: _Clusters, e: int, i: int, profiles: Mapping[str, ClaimRef], df,
                dated_days: int) -> dict | None:
    """Why later cluster ``i`` is about event ``e`` (None: nothing says so): the same kind of
    event, a compatible figure key and a figure dated back to the event's time. (Shared names
    are not enough weeks later: on RUWA they tied every daily toll of a region to the first
    one.)"""
    a = _signature(state.members[e], profiles, df)
    b = _signature(state.members[i], profiles, df)
    key = _shared_key(a, b)
    if key is None or not a.kinds & b.kinds:
        return None
    dated = _dated_back(state.members[i], profiles, state.first[e], dated_days)
    if dated:
        return {"dated": dated, "key": key}
    return None


def attach_later(state: _Clusters, links: list[Link], profiles: Mapping[str, ClaimRef], df, *,
                 threshold: float, merge_days: int, window_days: int,
                 dated_days: int = 3) -> None:
    """A cluster first reported more than ``merge_days`` (and at most ``window_days``) after
    an event joins the event when half or more of its members are linked at ``threshold`` or
    more to the event's core members (members of a cluster before this step), and something
    says it is about that event (:func:`_same_event`); the event with the most supported
    members, then the highest sum of link scores, wins."""
    core = dict(state.of)
    near: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for x in links:
        if x.score >= threshold:
            near[x.a].append((x.b, x.score))
            near[x.b].append((x.a, x.score))
    ordered = sorted(state.members, key=lambda i: (state.first[i] is None,
                                                    state.first[i] or dt.date.max, i))
    for i in ordered:
        if i not in state.members or state.first[i] is None:
            continue
        support: dict[int, set[str]] = defaultdict(set)
        best: dict[int, float] = defaultdict(float)
        mass: dict[int, float] = defaultdict(float)
        for u in state.members[i]:
            for v, score in near.get(u, ()):
                if v not in core:  # linked to a core member (of the event it is in now)
                    continue
                e = state.of[v]
                if e == i or state.first[e] is None:
                    continue
                if merge_days < (state.first[i] - state.first[e]).days <= window_days:
                    support[e].add(u)
                    best[e] = max(best[e], score)
                    mass[e] += score
        for e in sorted(support, key=lambda k: (-len(support[k]), -mass[k], k)):
            share = len(support[e]) / len(state.members[i])
            if share < 0.5:
                break
            why = _same_event(state, e, i, profiles, df, dated_days)
            if why:
                state.merge(e, i, {"step": "later", "share": round(share, 3),
                                   "score": round(best[e], 3),
                                   "days": (state.first[i] - state.first[e]).days, **why})
                break
