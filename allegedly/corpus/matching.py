"""Score a candidate pair of claims on structured agreement (and optionally an embedding).

Every feature is in [0, 1] and only counts when both claims have what it compares (a claim
without figures is neither helped nor hurt by the figure feature). The score is the weighted
mean of the present features, scaled down when the claims share too little content (the
*content gate*: IDF-weighted word overlap, or the embedding, below ``gate``), so two unrelated
claims about "killed" on the same day never match on figures, event and time alone.
:func:`score_pair` also returns the features, so every link says how it was produced.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from allegedly.corpus.records import NOT_ORIGINS, ClaimRef, FigureRef
from allegedly.corpus.text import DocumentFrequencies


@dataclass(frozen=True)
class Weights:
    """Weights of the features in the score (set to 0 to switch one off)."""

    text: float = 3.0  # IDF-weighted overlap of content words (names and numbers included)
    figures: float = 1.5  # same figure key (and compatible values)
    events: float = 1.0  # same kind of event (lexicons/event_words.tsv)
    source: float = 1.0  # same origin named
    time: float = 2.0  # close in time (exp(-days / 7))
    embedding: float = 3.0  # sentence-embedding cosine (when an embedder is used)
    gate: float = 0.2  # content overlap under which the score is scaled down proportionally
    overlap: bool = False  # text as the Ochiai coefficient, for group profiles (word unions)
    values: bool = True  # figures: compare values (False: a shared key is enough)

    @cached_property
    def by_feature(self) -> dict[str, float]:
        """The weight of each feature by name (made once per Weights)."""
        return {k: getattr(self, k) for k in ("text", "figures", "events", "source", "time",
                                              "embedding")}


DEFAULT_WEIGHTS = Weights()


_VAGUE = re.compile(r"^\s*(?:several\s+|many\s+)?(dozens|scores|hundreds|thousands|millions)\b",
                    re.I)
#: What a vague plural allows ("dozens of" = 24 to 99, whatever single value was read).
_VAGUE_RANGE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
                "thousands": (2000, 9999), "millions": (2e6, 9.99e6)}


def interval(f: FigureRef) -> tuple[float, float] | None:
    """The values a figure allows: "over 50" -> (50, inf); "about 300" -> (270, 330);
    "dozens of" -> (24, 100)."""
    value = f.value if f.value is not None else f.low
    if value is None:
        return None
    vague = _VAGUE.match(f.text or "") if f.bound == "approx" else None
    if vague:
        return _VAGUE_RANGE[vague.group(1).lower()]
    if f.bound in ("at_least", "more_than"):
        return (value, math.inf)
    if f.bound in ("at_most", "less_than"):
        return (0.0, value)
    if f.bound == "range":
        return (f.low if f.low is not None else value, f.high if f.high is not None else value)
    if f.bound == "approx":
        return (value * 0.9, value * 1.1)
    return (value, value)


def overlaps(a: FigureRef, b: FigureRef) -> bool:
    """Do the two figures' allowed values overlap?"""
    ia, ib = interval(a), interval(b)
    return bool(ia and ib and ia[0] <= ib[1] and ib[0] <= ia[1])


def same_key(a: FigureRef, b: FigureRef) -> bool:
    """Same measure family and side, and the same counted group (or one unstated)."""
    if a.family is None or a.family != b.family or a.side != b.side:
        return False
    return a.group == b.group or "*" in (a.group, b.group)


def _ratio(ia: tuple[float, float] | None, ib: tuple[float, float] | None) -> float:
    """:func:`value_ratio` of two intervals."""
    if not ia or not ib:
        return 0.0
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return 1.0
    lo, hi = (ia, ib) if ia[1] < ib[0] else (ib, ia)
    return lo[1] / hi[0] if hi[0] > 0 else 0.0


def value_ratio(a: FigureRef, b: FigureRef) -> float:
    """Smaller over larger of the two figures' values (1 when their bounds overlap): 39 and 50
    are close (0.78), 3 and 13 are not (0.23)."""
    return _ratio(interval(a), interval(b))


#: What the figure feature reads of a figure: (family, side, group, interval).
FigureParts = tuple[str, "str | None", "str | None", "tuple[float, float] | None"]


@dataclass(frozen=True, slots=True)
class Profile:
    """What the score reads of one claim, computed once per claim (:func:`profile`), not
    once per candidate pair."""

    uid: str
    words: frozenset[str]
    weight: float  # sum of the IDF weights of ``words``
    figures: tuple[FigureParts, ...]  # the figures with a measure family
    events: frozenset[str]
    origin: str | None  # the chain's innermost named source, normalised
    day: int | None  # publication date as an ordinal


#: One copy of each distinct figures tuple and event set of the profiles (claims repeat them:
#: a window of 200k profiles holds a few thousand distinct ones); bounded, cleared when full.
_SHARED: dict = {}


def _shared(value):
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= 100_000:
            _SHARED.clear()
        found = _SHARED[value] = value
    return found


def profile(claim: ClaimRef, df: DocumentFrequencies) -> Profile:
    """The :class:`Profile` of ``claim`` under the word weights ``df``."""
    return Profile(uid=claim.uid, words=claim.words, weight=df.sum_idf(claim.words),
                   figures=_shared(tuple((f.family, f.side, f.group, interval(f))
                                         for f in claim.figures if f.family)),
                   events=_shared(claim.events), origin=_origin_name(claim),
                   day=claim.published.toordinal() if claim.published else None)


def _figure_agreement(fa: tuple[FigureParts, ...], fb: tuple[FigureParts, ...],
                      values: bool) -> float | None:
    if not fa or not fb:
        return None
    best = 0.0
    for family, side, group, ia in fa:
        for family_b, side_b, group_b, ib in fb:
            if family == family_b and side == side_b and (
                    group == group_b or group == "*" or group_b == "*"):
                best = max(best, _ratio(ia, ib) if values else 1.0)
    return best


def figure_agreement(a: ClaimRef, b: ClaimRef, values: bool = True) -> float | None:
    """The best :func:`value_ratio` over figure pairs on the same key (1: compatible values);
    0 when the claims have figures but none on a shared key; None when either has none."""
    def parts(c: ClaimRef) -> tuple[FigureParts, ...]:
        return tuple((f.family, f.side, f.group, interval(f)) for f in c.figures if f.family)

    return _figure_agreement(parts(a), parts(b), values)


def _origin_name(c: ClaimRef) -> str | None:
    return _chain_origin(c.chain) if c.chain else None


@lru_cache(maxsize=100_000)
def _chain_origin(chain: tuple[tuple[str, str], ...]) -> str | None:
    for name, kind in reversed(chain):
        if kind not in NOT_ORIGINS:
            return " ".join(name.lower().split())
    return None


def profile_features(a: Profile, b: Profile, df: DocumentFrequencies, *,
                     similarity: float | None = None, time_scale: float = 7.0,
                     weights: Weights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """The present features of a pair of profiles (see :class:`Weights`)."""
    text = 0.0
    if a.words and b.words:
        shared = df.sum_idf(a.words & b.words)
        if weights.overlap:  # the Ochiai coefficient (DocumentFrequencies.weighted_overlap)
            norm = math.sqrt(a.weight * b.weight)
            text = shared / norm if norm else 0.0
        else:  # weighted Jaccard (DocumentFrequencies.weighted_jaccard)
            union = a.weight + b.weight - shared
            text = shared / union if union > 0 else 0.0
    out = {"text": text}
    figs = _figure_agreement(a.figures, b.figures, weights.values)
    if figs is not None:
        out["figures"] = figs
    if a.events and b.events:
        out["events"] = 1.0 if a.events & b.events else 0.0
    if a.origin and b.origin and a.origin == b.origin:
        out["source"] = 1.0
    if a.day is not None and b.day is not None:
        out["time"] = math.exp(-abs(a.day - b.day) / time_scale)
    if similarity is not None:
        out["embedding"] = max(0.0, similarity)
    return out


def profile_score(a: Profile, b: Profile, df: DocumentFrequencies, *,
                  time_scale: float = 7.0, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """``combine(profile_features(a, b, df))`` without the embedding, computed without building
    the features dict: the same arithmetic in the same order, so the same float (tested). The
    linker's hot path when links carry no evidence."""
    w = weights.by_feature
    text = 0.0
    if a.words and b.words:
        shared = df.sum_idf(a.words & b.words)
        if weights.overlap:
            norm = math.sqrt(a.weight * b.weight)
            text = shared / norm if norm else 0.0
        else:
            union = a.weight + b.weight - shared
            text = shared / union if union > 0 else 0.0
    total = 0.0 + w["text"]
    mean = 0.0 + w["text"] * text
    if a.figures and b.figures:
        figs = _figure_agreement(a.figures, b.figures, weights.values)
        total += w["figures"]
        mean += w["figures"] * figs
    if a.events and b.events:
        total += w["events"]
        mean += w["events"] * (1.0 if a.events & b.events else 0.0)
    if a.origin and b.origin and a.origin == b.origin:
        total += w["source"]
        mean += w["source"] * 1.0
    if a.day is not None and b.day is not None:
        total += w["time"]
        mean += w["time"] * math.exp(-abs(a.day - b.day) / time_scale)
    if not total:
        return 0.0
    mean /= total
    return mean * min(1.0, text / weights.gate) if weights.gate else mean


def features(a: ClaimRef, b: ClaimRef, df: DocumentFrequencies, *,
             similarity: float | None = None, time_scale: float = 7.0,
             weights: Weights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """The present features of a pair (see :class:`Weights`)."""
    return profile_features(profile(a, df), profile(b, df), df, similarity=similarity,
                            time_scale=time_scale, weights=weights)


def combine(feats: dict[str, float], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Weighted mean of the present features, times the content gate."""
    w = weights.by_feature
    total = mean = 0.0
    for k, v in feats.items():
        total += w[k]
        mean += w[k] * v
    if not total:
        return 0.0
    mean /= total
    content = feats.get("text", 0.0)
    if "embedding" in feats:  # cosines of unrelated sentences sit around 0.2-0.3
        content = max(content, (feats["embedding"] - 0.5) / 2)
    return mean * min(1.0, content / weights.gate) if weights.gate else mean


def score_pair(a: ClaimRef, b: ClaimRef, df: DocumentFrequencies, *,
               similarity: float | None = None, weights: Weights = DEFAULT_WEIGHTS,
               time_scale: float = 7.0) -> tuple[float, dict[str, float]]:
    """(score, features) of a candidate pair."""
    return score_profiles(profile(a, df), profile(b, df), df, similarity=similarity,
                          weights=weights, time_scale=time_scale)


def score_profiles(a: Profile, b: Profile, df: DocumentFrequencies, *,
                   similarity: float | None = None, weights: Weights = DEFAULT_WEIGHTS,
                   time_scale: float = 7.0) -> tuple[float, dict[str, float]]:
    """(score, features) of a candidate pair of :class:`Profile` s."""
    feats = profile_features(a, b, df, similarity=similarity, time_scale=time_scale,
                             weights=weights)
    return combine(feats, weights), feats
