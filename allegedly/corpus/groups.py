"""Claim groups from scored links, with suggested and confirmed members and people's decisions.

As in Meedan Check, two thresholds: a claim linked to a group's center at ``confirmed`` or more
is a confirmed member, between ``suggested`` and ``confirmed`` a *suggested* one
(:func:`build_groups`). Corrections (a person's confirm / reject of a
member, :class:`Decision`) always win: a confirmed claim is joined to the group of its anchor
claim, a rejected one is taken out of it and listed there as ``rejected``. Group ids are stable:
a hash of the group's seed (its earliest claim).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from allegedly.corpus.linker import Link
from allegedly.corpus.records import ClaimRef

STATUSES = ("suggested", "confirmed", "rejected")


@dataclass(frozen=True)
class Decision:
    """A person's decision about one claim in the group of an anchor claim."""

    claim: str  # uid
    anchor: str  # uid of a claim of the group (its seed when decided)
    decision: str  # confirm | reject
    by: str | None = None
    why: str | None = None
    time: str | None = None
    id: int | None = None


@dataclass(slots=True)
class Member:
    """One claim in a group."""

    claim: str
    status: str  # suggested | confirmed | rejected
    score: float
    method: str  # seed | score | correction
    decision: Decision | None = None


@dataclass
class Group:
    """Statements of one claim across articles."""

    id: str
    seed: str
    members: list[Member] = field(default_factory=list)

    def member(self, uid: str) -> Member | None:
        """The member for a claim uid (None if not a member)."""
        return next((m for m in self.members if m.claim == uid), None)


def group_id(seed: str) -> str:
    """Stable id of the group seeded by claim ``seed``."""
    return "g" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


def member_id(group: str, claim: str) -> str:
    """Stable id of a claim's membership in a group (what `allegedly confirm ID` takes)."""
    return "m" + hashlib.sha1(f"{group}\x1f{claim}".encode()).hexdigest()[:10]


def build_groups(links: Iterable[Link], order: Mapping[str, tuple], *, suggested: float,
                 confirmed: float, decisions: Iterable[Decision] = (),
                 presorted: bool = False) -> list[Group]:
    """Groups of claims from links by *center clustering* (see below), then people's decisions.

    Links are taken best score first. When neither claim has a group yet, the earlier one
    (by ``order``: publication date, uid) becomes the center of a new group and the other its
    member; a claim without a group joins the group whose center it is linked to. A claim is
    therefore a member because of its *own* link to the group's center, or, as a *suggested*
    member only, because of a link at ``confirmed`` or more to a confirmed member linked to the
    center directly: never through a longer chain of look-alikes (single-linkage chaining
    merges a whole war into one group). Members linked to the center at ``confirmed`` or more
    are confirmed, the others (at least ``suggested``) suggested. Groups need members from two
    or more articles.
    """
    decisions = list(decisions)
    key = lambda uid: order.get(uid, ((), uid))  # noqa: E731
    ordered = links if presorted else sorted(links, key=lambda x: (-x.score, key(x.a),
                                                                     key(x.b)))
    center_of, members = _center_clusters(ordered, key, suggested, confirmed)
    _apply_decisions(members, center_of, decisions, key)
    groups = []
    for center, ms in members.items():
        live = [m for m in ms if m.status != "rejected"]
        if len({m.claim.split("/", 1)[0] for m in live}) >= 2:
            ms.sort(key=lambda m: (m.method != "seed", key(m.claim)))
            groups.append(Group(group_id(center), center, ms))
    groups.sort(key=lambda g: key(g.seed))
    return groups


def _center_clusters(links: Iterable[Link], key, suggested: float, confirmed: float
                     ) -> tuple[dict[str, str], dict[str, list[Member]]]:
    """claim -> its center, and center -> members, from links best first (see
    :func:`build_groups`)."""
    center_of: dict[str, str] = {}
    direct: set[str] = set()  # confirmed members linked to their center directly
    members: dict[str, list[Member]] = defaultdict(list)
    for link in links:
        if link.score < suggested or (link.a in center_of and link.b in center_of):
            continue  # (both claims placed: the link changes nothing; most links at scale)
        a, b = sorted((link.a, link.b), key=key)
        if a not in center_of and b not in center_of:
            center_of[a] = a
            members[a].append(Member(a, "confirmed", link.score, "seed"))
        for lone, other in ((b, a), (a, b)):
            if lone in center_of or other not in center_of:
                continue
            center = center_of[other]
            if center == other:
                status = "confirmed" if link.score >= confirmed else "suggested"
            elif link.score >= confirmed and other in direct:
                status = "suggested"  # through a confirmed member, not the center itself
            else:
                continue
            center_of[lone] = center
            if center == other and status == "confirmed":
                direct.add(lone)
            members[center].append(Member(lone, status, link.score, "score"))
            break
    return center_of, members


def _apply_decisions(members: dict[str, list[Member]], center_of: dict[str, str],
                     decisions: list[Decision], key) -> None:
    """A confirm moves the claim into the anchor's group (confirmed, by a person); a reject
    marks it rejected there (and it stays out of it). Later decisions win."""
    for d in sorted(decisions, key=lambda d: (d.time or "", d.id or 0)):
        center = center_of.get(d.anchor)
        if center is None:
            continue
        old = center_of.get(d.claim)
        if d.decision == "confirm" and old != center:
            if old is not None:
                members[old] = [m for m in members[old] if m.claim != d.claim]
            center_of[d.claim] = center
            members[center].append(Member(d.claim, "confirmed", 1.0, "correction", d))
            continue
        for m in members[center]:
            if m.claim == d.claim:
                m.status = "confirmed" if d.decision == "confirm" else "rejected"
                m.method, m.decision = "correction", d
        if d.decision == "reject" and old != center:
            members[center].append(Member(d.claim, "rejected", 0.0, "correction", d))


def profile(group: Group, claims: Mapping[str, ClaimRef]) -> ClaimRef | None:
    """One claim-like record standing for a whole group (its members' words, names, events
    and figures; its first date), for linking groups to groups."""
    live = [claims[m.claim] for m in group.members
            if m.status != "rejected" and m.claim in claims]
    if not live:
        return None
    seed = claims.get(group.seed) or live[0]
    dates = [c.published for c in live if c.published]
    return ClaimRef(article_id=f"group:{group.id}", claim_id=group.id, text=seed.text,
                    published=min(dates) if dates else None, chain=seed.chain,
                    figures=tuple(f for c in live for f in c.figures),
                    words=frozenset().union(*(c.words for c in live)),
                    names=frozenset().union(*(c.names for c in live)),
                    events=frozenset().union(*(c.events for c in live)))
