"""The attribution metric of the project (same numbers as the reference ``attrib_score.py``).

Records are ``{"source": [(s, e)...], "cue": [...], "content": [...]}`` in character offsets.

A. Unlinked per-field scores (Citron / CofeNet style): *exact* (a predicted span is right iff an
   identical gold span of that field exists, after trimming whitespace, quote marks and edge
   punctuation) and *overlap* (token-level P/R over word tokens).
B. Linked scores: predicted and gold attributions are aligned one-to-one, greedily on content
   word-token Jaccard (>= 0.5). Content F1 counts aligned pairs; source|content and cue|content
   accuracy are the share of aligned pairs whose source / cue also match (lenient: token overlap
   >= 0.5 of the longer side; exact: trimmed spans equal); triple F1 needs all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("source", "cue", "content")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"\w", re.UNICODE)
TRIM_CHARS = frozenset(" \t\r\n\"'“”‘’«»„‚,.;:!?—–-()[]")

Segs = list[tuple[int, int]]


def tokenize(text: str) -> list[tuple[int, int]]:
    """Offsets of word and punctuation tokens."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def covered(toks: list[tuple[int, int]], segs: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of the tokens lying entirely inside one of ``segs``."""
    segs = list(segs)
    return {i for i, (s, e) in enumerate(toks) if any(a <= s and e <= b for a, b in segs)}


def normalise(text: str, segs: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Segments trimmed of whitespace, quote marks and edge punctuation, sorted."""
    out = []
    for s, e in segs:
        while s < e and text[s] in TRIM_CHARS:
            s += 1
        while e > s and text[e - 1] in TRIM_CHARS:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(sorted(out))


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Alignment:
    """One document's aligned (gold index, predicted index) pairs and per-pair field verdicts."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    lenient: list[dict[str, bool]] = field(default_factory=list)
    exact: list[dict[str, bool]] = field(default_factory=list)


def align(text: str, gold: list[dict[str, Segs]], pred: list[dict[str, Segs]],
          threshold: float = 0.5, toks: list[tuple[int, int]] | None = None) -> Alignment:
    """Greedy one-to-one alignment on content token Jaccard, with per-field verdicts."""
    toks = toks if toks is not None else tokenize(text)
    words = {i for i, (s, _) in enumerate(toks) if _WORD.match(text[s])}
    gt = [{f: covered(toks, a[f]) & words for f in FIELDS} for a in gold]
    pt = [{f: covered(toks, a[f]) & words for f in FIELDS} for a in pred]
    cands = []
    for i, ga in enumerate(gt):
        for j, pa in enumerate(pt):
            inter = len(ga["content"] & pa["content"])
            if inter:
                jac = inter / len(ga["content"] | pa["content"])
                if jac >= threshold:
                    cands.append((jac, i, j))
    out = Alignment()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(cands, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.pairs.append((i, j))
        len_ok, ex_ok = {}, {}
        for f in FIELDS:
            g_, p_ = gt[i][f], pt[j][f]
            if not g_ and not p_:
                len_ok[f] = ex_ok[f] = True
                continue
            len_ok[f] = bool(g_ and p_) and len(g_ & p_) / max(len(g_), len(p_)) >= 0.5
            ex_ok[f] = normalise(text, gold[i][f]) == normalise(text, pred[j][f])
        out.lenient.append(len_ok)
        out.exact.append(ex_ok)
    return out


def score(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]],
          threshold: float = 0.5) -> dict[str, Any]:
    """All metrics over a corpus (micro-averaged); keys as in the reference scorer."""
    preds = {d["doc"]: d for d in pred_docs}
    c: dict[str, float] = defaultdict(float)
    for g in gold_docs:
        text = g["text"]
        gold = g["attributions"]
        pred = preds.get(g["doc"], {"attributions": []})["attributions"]
        toks = tokenize(text)
        words = {i for i, (s, _) in enumerate(toks) if _WORD.match(text[s])}
        for f in FIELDS:
            gs = {normalise(text, a[f]) for a in gold if a[f]} - {()}
            ps = {normalise(text, a[f]) for a in pred if a[f]} - {()}
            c[f + "_ex_tp"] += len(gs & ps)
            c[f + "_ex_np"] += len(ps)
            c[f + "_ex_ng"] += len(gs)
            gt = set().union(*[covered(toks, a[f]) for a in gold]) & words if gold else set()
            pt = set().union(*[covered(toks, a[f]) for a in pred]) & words if pred else set()
            c[f + "_ov_tp"] += len(gt & pt)
            c[f + "_ov_np"] += len(pt)
            c[f + "_ov_ng"] += len(gt)
        al = align(text, gold, pred, threshold, toks)
        c["link_np"] += len(pred)
        c["link_ng"] += len(gold)
        c["link_tp"] += len(al.pairs)
        for len_ok, ex_ok in zip(al.lenient, al.exact, strict=True):
            c["src_len"] += len_ok["source"]
            c["src_ex"] += ex_ok["source"]
            c["cue_len"] += len_ok["cue"]
            c["cue_ex"] += ex_ok["cue"]
            c["trip_len"] += len_ok["source"] and len_ok["cue"]
            c["trip_ex"] += ex_ok["source"] and ex_ok["cue"] and ex_ok["content"]
    r: dict[str, Any] = {}
    for f in FIELDS:
        r[f + " exact P/R/F"] = prf(c[f + "_ex_tp"], c[f + "_ex_np"], c[f + "_ex_ng"])
        r[f + " overlap P/R/F"] = prf(c[f + "_ov_tp"], c[f + "_ov_np"], c[f + "_ov_ng"])
    r[f"content linked (J>={threshold:.1f}) P/R/F"] = prf(c["link_tp"], c["link_np"], c["link_ng"])
    m = c["link_tp"] or 1
    r["source|content acc (lenient, exact)"] = (c["src_len"] / m, c["src_ex"] / m)
    r["cue|content acc (lenient, exact)"] = (c["cue_len"] / m, c["cue_ex"] / m)
    r["triple lenient P/R/F"] = prf(c["trip_len"], c["link_np"], c["link_ng"])
    r["triple strict P/R/F"] = prf(c["trip_ex"], c["link_np"], c["link_ng"])
    r["_counts"] = (int(c["link_np"]), int(c["link_ng"]), int(c["link_tp"]))
    return r
