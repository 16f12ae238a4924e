"""Provenance: who each report traces back to, how many independent origins a claim group has,
and the source graph (people, organisations, outlets, documents).

A member's *own* origin is the innermost named source of its attribution chain (the Express
report "← The Sun ← Roman Tsimbalyuk" traces back to Tsimbalyuk, via the Express and the Sun);
without one, the wire it credits (a wire story reprinted by twenty outlets is one report), or
the first publisher of the near-duplicate it is a copy of. A member with none of these (no
attribution of its own) *inherits* a suggested origin from the group's attributed members
("Estimated 300 dead" on the BBC <- the Mariupol authorities, via the Reuters and Censor.net
reports). When no member of a group names anybody, each outlet is its own origin (own
reporting). An origin that is an outlet with reports in the group resolves to that outlet's
origins (BBC citing Reuters citing the city council: one origin, the council).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from allegedly.corpus.records import NOT_ORIGINS, ClaimRef
from allegedly.corpus.source_names import name_key, same_sources


@dataclass(frozen=True)
class Origin:
    """Who a report traces back to, and through whom it reached the page."""

    name: str
    kind: str
    via: tuple[str, ...] = ()  # outermost first: the outlet, then the sources it cited
    how: str = "source"  # source | wire | copy | own | inherited
    inherited: bool = False

    @property
    def ident(self) -> str:
        """Identity of the name across articles (:func:`name_ident`)."""
        return name_ident(self.name)


def own_origins(claim: ClaimRef, copy_first: Mapping[str, str | None] | None = None,
                canonical: Callable[[str], str | None] | None = None) -> list[Origin]:
    """The member's own origin (empty when it names none and is neither wire nor copy)."""
    canon = canonical or (lambda n: n)
    outlet = claim.outlet or claim.article_id
    chain = [(canon(n) or n) if k == "media" else n for n, k in claim.chain]
    for i in range(len(claim.chain) - 1, -1, -1):
        name, kind = claim.chain[i]
        if kind not in NOT_ORIGINS:
            via = (outlet, *[c for c in chain[:i] if c != outlet])
            return [Origin(chain[i], kind, via, "source")]
    wire = (canon(claim.wire) or claim.wire) if claim.wire else None
    if wire and wire != claim.outlet:  # "CPA" in the Continental Press Agency's own story
        return [Origin(wire, "media", (outlet,), "wire")]
    first = (copy_first or {}).get(claim.article_id)
    if first and first != claim.outlet:
        return [Origin(first, "media", (outlet,), "copy")]
    return []


def _resolve_outlets(origins: dict[str, list[Origin]], outlets: dict[str, list[str]]
                     ) -> dict[str, list[Origin]]:
    """Replace a media origin that is an outlet with reports in the group by that outlet's
    own origins (one level: the BBC citing Reuters -> Reuters' source)."""
    by_outlet: dict[str, list[Origin]] = defaultdict(list)
    for outlet, uids in outlets.items():
        for uid in uids:
            by_outlet[outlet.casefold()].extend(o for o in origins.get(uid, ())
                                                if o.kind != "media")
    out = {}
    for uid, found in origins.items():
        resolved = []
        for o in found:
            deeper = by_outlet.get(o.name.casefold()) if o.kind == "media" else None
            if deeper:
                resolved.extend(replace(d, via=(*o.via, o.name)) for d in deeper)
            else:
                resolved.append(o)
        out[uid] = _dedupe(resolved)
    return out


def _dedupe(origins: Iterable[Origin]) -> list[Origin]:
    """One origin per source: names of one source (:func:`same_sources`) count once, under
    the longest name."""
    origins = list(origins)
    alias = same_sources((o.name, o.kind) for o in origins)
    seen: dict[str, Origin] = {}
    for o in origins:
        target = alias.get(o.ident, o.ident)
        if target not in seen or (o.ident == target != seen[target].ident):
            seen[target] = o
    return list(seen.values())


def group_origins(claims: list[ClaimRef], copy_first: Mapping[str, str | None] | None = None,
                  canonical: Callable[[str], str | None] | None = None
                  ) -> dict[str, list[Origin]]:
    """uid -> origins of every member claim (own, else inherited, else own reporting)."""
    own = {c.uid: own_origins(c, copy_first, canonical) for c in claims}
    outlets: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        if c.outlet:
            outlets[c.outlet].append(c.uid)
    own = _resolve_outlets(own, outlets)
    attributed = [(c, own[c.uid]) for c in claims if own[c.uid]]
    out: dict[str, list[Origin]] = {}
    for c in claims:
        if own[c.uid]:
            out[c.uid] = own[c.uid]
        elif attributed:
            pool = _dedupe(o for _m, found in attributed for o in found)
            out[c.uid] = [replace(o, via=(c.outlet or c.article_id, *o.via), how="inherited",
                                  inherited=True) for o in pool]
        else:
            name = c.outlet or c.article_id
            out[c.uid] = [Origin(name, "media", (name,), "own")]
    return out


@dataclass(frozen=True)
class Independence:
    """A group's origins and how many are independent."""

    reports: int
    independent: int
    origins: list[dict]

    @property
    def one_origin(self) -> bool:
        """"N reports, 1 origin"."""
        return self.reports > 1 and self.independent == 1


def name_ident(name: str) -> str:
    """A source name for comparing across articles: the same name written differently
    (case, determiners, possessives, titles, demonyms, word order of "X of Y") has one ident
    (:func:`allegedly.corpus.source_names.name_key`)."""
    return name_key(name)


def majority_kinds(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """name ident -> the kind the store gives that name most often (ties: the kind first in
    alphabetical order), from (name, kind) pairs of attributions. One entity typed as a person
    in one article and an organisation in another ("Biden" by two different rules) gets one
    kind across the corpus; media and publisher names are outlets and left out."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for name, kind in named:
        if name and kind and kind not in ("media", "publisher"):
            counts[name_ident(name)][kind] += 1
    return {ident: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            for ident, c in counts.items()}


def independence(claims: list[ClaimRef], origins: Mapping[str, list[Origin]],
                 kinds: Mapping[str, str] | None = None) -> Independence:
    """Reports (articles), independent origins (not inherited) and the origin list; an
    origin's kind is the store-wide majority kind of its name when ``kinds`` gives one
    (:func:`majority_kinds`). Names of one source in the group (:func:`same_sources`: "the
    Defence Ministry", "Ukraine's Defence Ministry") are one origin, shown under its longest
    name as most often written (then the shortest writing), with every name it was given in
    ``names``."""
    kinds = kinds or {}
    reports = {c.article_id for c in claims}
    alias = same_sources((o.name, o.kind) for c in claims for o in origins.get(c.uid, ()))
    summary: dict[str, dict] = {}
    for c in claims:
        for o in origins.get(c.uid, ()):
            kind = o.kind if o.kind == "media" else kinds.get(o.ident, o.kind)
            target = alias.get(o.ident, o.ident)
            row = summary.setdefault(target, {"name": o.name, "kind": kind, "own": set(),
                                              "suggested": set(), "reports": set(),
                                              "inherited": True, "names": Counter()})
            if o.ident == target != name_ident(row["name"]):
                row["kind"] = kind  # the kind of its longest name
            row["names"][o.name] += 1
            row["suggested" if o.inherited else "own"].update(o.via)
            row["reports"].add(c.article_id)
            row["inherited"] = row["inherited"] and o.inherited
    # via: the outlets and sources it reached the pages through (its own reports' when it
    # has any, else the reports it was inherited by)
    for target, r in summary.items():  # its longest name, as most often written, shortest
        longest = [n for n in r["names"] if name_ident(n) == target] or list(r["names"])
        r["name"] = min(longest, key=lambda n: (-r["names"][n], len(n), n))
    rows = [{"name": r["name"], "kind": r["kind"],
             "via": sorted(r["own"] or r["suggested"]),
             "reports": len(r["reports"]), "inherited": r["inherited"],
             **({"names": sorted(r["names"])} if len(r["names"]) > 1 else {})}
            for r in summary.values()]
    rows.sort(key=lambda r: (r["inherited"], -r["reports"], r["name"]))
    independent = sum(1 for r in rows if not r["inherited"])
    return Independence(len(reports), independent, rows)
