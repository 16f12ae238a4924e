"""Sentence-level claims and within-article relations, built from records (no spaCy here).

This module lives beside ``model.py`` (not in ``extract/``) because it builds on the records of
``allegedly.model`` -- attributions, figures, hedges with article offsets and ids -- after
``nlp/convert.py`` has made them; the extractors work on parsed Docs and never see records.

A claim is a sentence with the chain of attributions that carries it (outermost first; empty
= asserted by the publisher), its stance, hedges and figures. Relations are evidence for a
reader, never verdicts: two sources giving different values for the same key (``differs``),
the same key at a different scope (``scope``, e.g. killed vs lost), a later figure from the
same source (``update``), a sentence casting doubt on an earlier one (``disputes``), and a
sentence set against the previous one by "However," (``contrast``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

from allegedly import keys
from allegedly.keys import measure_scope
from allegedly.lexicons import load
from allegedly.model import Attribution, Claim, Figure, Hedge, Relation, Span

STANCE_OF_CUE_CLASS = {
    "report": "reported", "allegation": "alleged", "admission": "admitted",
    "estimate": "estimated", "denial": "denied", "dispute": "disputed",
    "question": "questioned", "confirmation": "confirmed", "warning": "warned",
    "evidence": "shown",
}
STANCE_OF_HEDGE = {"allegedly": "alleged", "reportedly": "reported", "purportedly": "alleged",
                   "supposedly": "alleged", "apparently": "reported"}


@cache
def _patterns(kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"], re.I) for r in load("relations") if r["kind"] == kind)


@cache
def _any_pattern(kind: str) -> re.Pattern[str]:
    """One alternation of a kind's patterns: does any of them match? (a cheap pre-check)"""
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns(kind)) or "(?!)", re.I)


def _first_match(kind: str, sent: str) -> re.Match[str] | None:
    """The match of the first of ``kind``'s patterns (in lexicon order) that matches."""
    if _any_pattern(kind).search(sent) is None:
        return None
    return next((m for p in _patterns(kind) if (m := p.search(sent))), None)



def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _segments(a: Attribution) -> tuple[tuple[int, int], ...]:
    return a.content.segments or ((a.content.start, a.content.end),)


def chain_of(att_id: str | None, by_id: dict[str, Attribution]) -> tuple[str, ...]:
    """Ids from the outermost attribution down to ``att_id``."""
    out: list[str] = []
    seen: set[str] = set()
    while att_id is not None and att_id not in seen:
        seen.add(att_id)
        out.append(att_id)
        att_id = by_id[att_id].parent
    return tuple(reversed(out))


def build_claims(text: str, sentences: Sequence[tuple[int, int]],
                 attributions: Sequence[Attribution], hedges: Sequence[Hedge],
                 figures: Sequence[Figure]) -> list[Claim]:
    """One claim per sentence, attributed to the deepest attribution whose content covers it.

    Only links whose act is ``claim`` carry claims ("Pakistan condemned the strikes" is the
    publisher's sentence, not Pakistan's claim). A content "covers" a sentence when it overlaps
    at least a quarter of it (or 40 chars), or overlaps it at all when the link's cue is in the
    sentence ("asking him: “How are you?"), so a stray quote mark across a boundary does not
    attribute the next sentence.
    """
    by_id = {a.id: a for a in attributions}
    segments = [_segments(a) for a in attributions]
    depths = [len(chain_of(a.id, by_id)) for a in attributions]
    candidates = _overlapping(sentences, segments)
    hedges_in = _contained(hedges)
    figures_in = _contained(figures)
    claims = []
    for n, (s, e) in enumerate(sentences):
        length = max(1, e - s)
        best: Attribution | None = None
        best_depth = 0
        for k in candidates[n]:  # in input order: the first of equals wins, as before
            a = attributions[k]
            if not a.is_claim:  # a stance, plan, perception or the writer's voice: no claim
                continue
            ov = sum(_overlap((s, e), seg) for seg in segments[k])
            cue_here = a.cue is not None and s <= a.cue.span.start < e
            if ov < min(40, length * 0.25) and not (cue_here and ov > 0):
                continue
            depth = depths[k]
            if depth > best_depth or (depth == best_depth and best is not None and
                                      a.content.end - a.content.start
                                      < best.content.end - best.content.start):
                best, best_depth = a, depth
        own_hedges = hedges_in(s, e)
        chain = chain_of(best.id, by_id) if best else ()
        if best and best.cue:
            stance = STANCE_OF_CUE_CLASS.get(best.cue.cls, "reported")
        else:
            stance = next((STANCE_OF_HEDGE[h.cue.lower()] for h in own_hedges
                           if h.cue.lower() in STANCE_OF_HEDGE), "asserted" if not best
                          else "reported")
        figs = tuple(f.id for f in figures_in(s, e))
        claims.append(Claim(f"c{n + 1}", Span.of(text, s, e), chain, stance, own_hedges, figs))
    return claims


def _overlapping(sentences: Sequence[tuple[int, int]],
                 segments: Sequence[tuple[tuple[int, int], ...]]) -> list[list[int]]:
    """Per sentence, the (ascending) indices of the attributions that may overlap it: a
    superset of those with a segment overlapping it, found by a sweep over both sorted by
    start instead of testing every attribution against every sentence."""
    extent = [(min(a for a, _ in segs), max(b for _, b in segs)) if segs else None
              for segs in segments]
    order = sorted((k for k, x in enumerate(extent) if x is not None),
                   key=lambda k: extent[k][0])
    out: list[list[int]] = [[] for _ in sentences]
    active: list[int] = []
    p = 0
    for n in sorted(range(len(sentences)), key=lambda n: sentences[n][0]):
        s, e = sentences[n]
        while p < len(order) and extent[order[p]][0] < e:
            active.append(order[p])
            p += 1
        active = [k for k in active if extent[k][1] > s]  # later sentences start no earlier
        out[n] = sorted(k for k in active if extent[k][0] < e)
    return out


def _contained(records: Sequence[Hedge] | Sequence[Figure]):  # noqa: ANN202 - a closure
    """``(s, e) -> tuple`` of the records whose span lies in [s, e), in input order; by
    bisection when the records are sorted by start (as ``convert`` passes them)."""
    starts = [r.span.start for r in records]
    ok = all(r.span.start <= r.span.end for r in records) and \
        all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    if not ok:
        return lambda s, e: tuple(r for r in records if s <= r.span.start and r.span.end <= e)

    def within(s: int, e: int) -> tuple:
        lo, hi = bisect_left(starts, s), bisect_right(starts, e)
        return tuple(r for r in records[lo:hi] if r.span.end <= e)

    return within


# ---- relations ----------------------------------------------------------------------------


def figure_key(fig: Figure) -> tuple[str, str, str] | None:
    """(actor, counted group, measure family) of a figure (see :mod:`allegedly.keys`)."""
    return keys.figure_key(fig.measure, fig.counted, fig.actor)


def _subscope(fig: Figure, text: str) -> bool:
    """Does the figure count only a part ("750 soldiers in his unit")? Looks at the counted
    phrase and the words right after the figure, up to the next clause break."""
    after = re.split(r"[.;:!?]\s|,\s", text[fig.span.end:fig.span.end + 80], maxsplit=1)[0]
    return keys.is_subscope(fig.counted, after)


def _speaker(fig: Figure, by_id: dict[str, Attribution]) -> str:
    if fig.attribution is None:
        return "publisher"
    a = by_id[fig.attribution]
    return a.source.label if a.source else f"(unattributed {a.cue.lemma if a.cue else 'claim'})"


MAX_KEY_NEIGHBOURS = 20
"""Within one key group, each figure is compared with at most this many of the group's next
figures (document order). The largest group in the ~700 articles of ``bench/equivalence.py``
has 4 figures, so an ordinary article keeps every pair; a dump with thousands of figures on
one key costs linear time and at most this many relations per figure (docs/contract.md)."""


def _key_groups(keyed: Sequence[tuple[Figure, tuple[str, str, str]]]) -> list[list[int]]:
    """Per figure (by its index in ``keyed``), the indices of the figures on its
    (counted group, measure family), ascending: the only ones it can be compared with."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (_, k) in enumerate(keyed):
        groups.setdefault(k[1:], []).append(i)
    return [groups[k[1:]] for _, k in keyed]


def build_relations(text: str, claims: Sequence[Claim], attributions: Sequence[Attribution],
                    figures: Sequence[Figure],
                    neighbours: int = MAX_KEY_NEIGHBOURS) -> list[Relation]:
    """Figure comparisons on a shared key, disputes and contrasts between claims.

    Figures are compared only within their key group (counted group and measure family; the
    actors must agree where both are known), each with at most ``neighbours`` later figures of
    its group, in document order (the pairs come out in the order of an all-pairs loop)."""
    by_id = {a.id: a for a in attributions}
    out: list[Relation] = []
    keyed = [(f, k) for f in figures if (k := figure_key(f)) is not None]
    claim_of = {fid: c.id for c in claims for fid in c.figures}
    about = _FigureFacts(text, claim_of, by_id)
    group_of = _key_groups(keyed)
    for i, (f1, k1) in enumerate(keyed):
        group = group_of[i]
        at = bisect_right(group, i)
        for j in group[at:at + neighbours]:
            f2, k2 = keyed[j]
            if k1[0] and k2[0] and k1[0] != k2[0]:
                continue
            if rel := _figure_relation(f1, k1, f2, k2, about):
                out.append(rel)
    out += _claim_relations(text, claims, by_id)
    return out


class _FigureFacts:
    """What a comparison asks about each figure, worked out once per figure."""

    def __init__(self, text: str, claim_of: dict[str, str],
                 by_id: dict[str, Attribution]) -> None:
        self.text, self.claim_of, self.by_id = text, claim_of, by_id
        self._speaker: dict[str, str] = {}
        self._subscope: dict[str, bool] = {}

    def speaker(self, fig: Figure) -> str:
        if fig.id not in self._speaker:
            self._speaker[fig.id] = _speaker(fig, self.by_id)
        return self._speaker[fig.id]

    def subscope(self, fig: Figure) -> bool:
        if fig.id not in self._subscope:
            self._subscope[fig.id] = _subscope(fig, self.text)
        return self._subscope[fig.id]


def _figure_relation(f1: Figure, k1: tuple[str, str, str], f2: Figure,
                     k2: tuple[str, str, str], about: _FigureFacts) -> Relation | None:
    """The relation of two figures on one key, or None (one statement, or the same figure)."""
    if (f1.value, f1.low, f1.high, f1.bound) == (f2.value, f2.low, f2.high, f2.bound):
        return None  # the same figure again (tested first: the cheapest test)
    speakers = (about.speaker(f1), about.speaker(f2))
    if about.claim_of.get(f1.id) == about.claim_of.get(f2.id) and speakers[0] == speakers[1]:
        return None  # "750 out of 1,500", "498 killed and 1,500 wounded": one statement
    key = "|".join(x for x in (k1[0] or k2[0], k1[1], k1[2]))
    if about.subscope(f1) != about.subscope(f2):
        kind, note = "scope", "one figure counts only a part (unit, town …)"
    elif measure_scope(f1.measure) != measure_scope(f2.measure):
        kind, note = "scope", f"{f1.measure} vs {f2.measure}"
    elif speakers[0] == speakers[1]:
        kind, note = "update", f"both from {speakers[0]}"
    else:
        kind, note = "differs", f"{speakers[0]} vs {speakers[1]}"
    return Relation(kind, f1.id, f2.id, key, None, note)


_SALIENT = re.compile(r"[a-z]{5,}")


def _stems(s: str) -> set[str]:
    return {w.rstrip("s") for w in _SALIENT.findall(s.lower())}


def _claim_relations(text: str, claims: Sequence[Claim],
                     by_id: dict[str, Attribution]) -> list[Relation]:
    """Disputes and contrasts. The claim a dispute points back to is found from what has been
    seen so far (the last claim with figures, the last claim holding each salient word), so
    the cost stays linear however many claims come before."""
    out: list[Relation] = []
    last_with_figures: Claim | None = None
    last_with_stem: dict[str, int] = {}
    for i, c in enumerate(claims):
        sent = c.span.text
        if i > 0:
            out += _claim_relations_of(c, claims, i, by_id, last_with_figures, last_with_stem)
        if c.figures:
            last_with_figures = c
        last_with_stem.update(dict.fromkeys(_stems(sent), i))
    return out


def _claim_relations_of(c: Claim, claims: Sequence[Claim], i: int,
                        by_id: dict[str, Attribution], last_with_figures: Claim | None,
                        last_with_stem: dict[str, int]) -> list[Relation]:
    """The disputes and contrast relations of claim ``c`` (at index ``i > 0``)."""
    out: list[Relation] = []
    sent = c.span.text
    ev = _first_match("disputes", sent)
    anaphor = _first_match("anaphor", sent) if ev else None  # searched only when used
    if ev and anaphor:
        wants_figure = re.search(r"number|figure|toll|count|estimate|tally|data",
                                 anaphor.group(), re.I)
        target = last_with_figures if wants_figure else claims[i - 1]
        if target:
            out.append(_rel("disputes", c, target, ev, "refers back with "
                            f"“{anaphor.group()}”"))
    elif c.chain and (counter := _first_match("counter", sent)):
        seen = [last_with_stem[w] for w in _stems(sent[counter.end():]) if w in last_with_stem]
        if seen:
            out.append(_rel("disputes", c, claims[max(seen)], counter,
                            "offers another account"))
    prev = claims[i - 1]
    if c.chain and prev.chain and (contrast := _first_match("contrast", sent)) and \
            by_id[c.chain[-1]].source != by_id[prev.chain[-1]].source:
        out.append(_rel("contrast", c, prev, contrast, None))
    return out


def _rel(kind: str, a: Claim, b: Claim, m: re.Match[str], note: str | None) -> Relation:
    start = a.span.start + m.start()
    end = a.span.start + m.end()
    return Relation(kind, a.id, b.id, None,
                    Span(start, end, a.span.text[m.start():m.end()]), note)
