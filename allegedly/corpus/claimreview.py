"""schema.org ClaimReview drafts, one per claim group (JSON-LD).

Each draft names the claim, where it appeared (every member article, the first appearance
separately) and who it traces back to (the group's independent origins as the claim's
``author``). ``reviewRating`` and the review's own ``author`` are left empty: allegedly gives
evidence, not verdicts; a fact-checker fills them in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_KIND_TYPE = {"person": "Person", "anonymous": "Person"}


def _work(m: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "CreativeWork", "url": m.get("url"),
                           "datePublished": m.get("published")}
    if m.get("outlet"):
        out["publisher"] = {"@type": "Organization", "name": m["outlet"]}
    out["text"] = m.get("text")
    return {k: v for k, v in out.items() if v is not None}


def claimreview(group: dict[str, Any]) -> dict[str, Any]:
    """The ClaimReview draft of one group (a dict from :func:`allegedly.corpus.views.iter_groups`)."""
    members = [m for m in group["members"] if m["status"] != "rejected"]
    first = members[0] if members else {}
    authors = [{"@type": _KIND_TYPE.get(o["kind"], "Organization"), "name": o["name"]}
               for o in group["origins"] if not o.get("inherited")]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": group["group"],
        "claimReviewed": group["claim"],
        "datePublished": None,
        "author": None,
        "reviewRating": None,
        "itemReviewed": {
            "@type": "Claim",
            "text": group["claim"],
            "datePublished": group["first_seen"],
            "author": authors,
            "firstAppearance": _work(first),
            "appearance": [_work(m) for m in members],
        },
        "description": (f"{group['reports']} reports, {group['independent_origins']} "
                        "independent origin(s)" + (" (N reports, 1 origin)"
                                                   if group["one_origin"] else "")),
    }


def iter_claimreviews(store: Any) -> Iterator[dict[str, Any]]:
    """Drafts for every claim group of a linked store, most reported first."""
    from allegedly.corpus.views import iter_groups

    for group in iter_groups(store):
        yield claimreview(group)
