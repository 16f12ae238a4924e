"""Real-page attribution gold (``gold/realpages/*.jsonl``): reader, name matcher and scorer.

The gold holds offsets and labels only (``gold/README.md``); each line names a page under
``../shared/data``. The reader extracts the page's text with the real reader
(``article_from_html``) and refuses to score when its SHA-256 differs from the one annotated:
shifted offsets would be scored silently otherwise.

Unlike PolNeAR, every link is annotated, nested ones included, and sources are resolved to
names; and only claims are links (``gold/README.md``: no evaluations of a target, private plans,
perceptions or the writer's own voice). So **all** predicted claim links of the analysis users
get (the :class:`Analyzer`, parents and children alike, act ``claim``: :data:`SCORED_ACTS`; the
links of other acts, which the product shows apart, are counted as "not scored") are aligned
with all gold links, one-to-one and greedily on content word-token
Jaccard >= 0.5 (:func:`allegedly.evaluation.attrib_metrics.align`). On the aligned pairs:

- *source|content*: the predicted resolved name is right (:func:`names_match`);
- *wrong speaker*: the predicted name names someone else; a bare pronoun, an empty name, a
  vague source without a mention (no speaker found) or words of the gold mention copied as
  written (*the agency* for the Storm Prediction Center) are counted apart as *unresolved*,
  neither right nor wrong;
- boundaries: content exact (trimmed spans equal) and content word-token F1; cue exact.

An unmatched prediction is a *boundary* miss when its content shares a word with an unmatched
gold link's content (the link was found, its extent was not), *spurious* otherwise (a link
nested inside a matched gold quote is spurious); unmatched gold links likewise are *boundary*
misses or *missed*.

Name matching (:func:`names_match`) is case-, accent- and punctuation-insensitive and ignores
articles and possessives. A gold name may carry an alternative in parentheses (*Netherlands
Organisation for Applied Scientific Research (TNO)*, *Government of Canada (Ottawa)*): the
whole name, the name without it and the parenthesised part are each tried. Then:

- equal token sequences, an acronym of the other (*OBR*, *Nato*, *US*, *TOI*), or a prediction
  that contains the whole gold name (*US President Donald Trump*) match;
- for a person, the prediction without titles (*Mr, Adv, President* …) must hold the surname
  (or a spelling one letter away, for surnames of five letters or more) and nothing outside the
  gold name (*Trump*, *Mr Trump*, *Donald Trump*; not *Donald*);
- for an organisation, government, outlet or document, the prediction's words must lie inside
  the gold name and include a word that is not generic (*the Treasury* for *HM Treasury*,
  *the Labor Department* for *US Department of Labor*; not *the agency*, not *a video*);
- for an unnamed source (anonymous, vague), either word set holding the other matches
  (*meteorologists* for *some meteorologists*);
- a gold link without a source (``source_name`` null or ``"unstated"``) is right only when the
  prediction has no source either (or a vague one).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from allegedly.evaluation.attrib_metrics import FIELDS, align, covered, prf, tokenize

Record = dict[str, Any]
Segs = list[tuple[int, int]]

SOURCELESS = frozenset({"", "unstated", "none", "null"})
ARTICLES = frozenset({"the", "a", "an"})
PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "he", "him", "his", "she", "her",
                      "it", "its", "they", "them", "their", "who", "whom", "whose", "which",
                      "that", "this", "these", "those", "one", "someone"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof",
                    "professor", "adv", "advocate", "president", "prime", "minister", "gen",
                    "general", "lt", "col", "colonel", "sen", "senator", "rep", "gov", "governor",
                    "mayor", "judge", "justice", "chief", "secretary", "chancellor", "king",
                    "queen", "prince", "princess", "pope", "rev", "father", "madam", "us", "uk",
                    "former", "late", "kc", "qc"})
GENERIC = frozenset({"agency", "center", "centre", "institute", "ministry", "department",
                     "government", "office", "police", "company", "firm", "group", "party",
                     "organisation", "organization", "authority", "authoritie", "committee",
                     "council", "court", "service", "administration", "campaign", "team",
                     "official", "spokesperson", "spokesman", "spokeswoman", "source",
                     "report", "study", "statement", "analysi", "research", "memo", "video",
                     "post", "body", "force", "army", "military", "state", "bank", "board",
                     "commission", "lab", "foundation", "union", "network", "newspaper",
                     "people", "country", "nation", "plaque", "sign", "document", "data",
                     "survey", "poll", "letter", "new", "recent", "own", "joint", "national",
                     "federal", "city", "family", "staff", "expert", "analyst", "policy"})
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "de", "to"})
_PAREN = re.compile(r"\(([^()]*)\)")
_WORDCHAR = re.compile(r"\w", re.UNICODE)


class RealPagesError(click.ClickException):
    """The gold file cannot be scored as it stands (text changed, bad record)."""


# ---- reading --------------------------------------------------------------------------------


def is_realpages_file(path: str | Path) -> bool:
    """True for a JSONL file whose records name pages and text hashes instead of holding text."""
    p = Path(path)
    if not p.is_file():
        return False
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return (isinstance(first, dict) and "page" in first and "text_sha256" in first
                        and "text" not in first)
    return False


def find_data_root(gold_path: str | Path | None = None) -> Path | None:
    """``../shared/data``: from ``$ALLEGEDLY_SHARED``, the working directory or the project
    holding the gold file (``<project>/gold/realpages/x.jsonl``); None when absent."""
    candidates = []
    if os.environ.get("ALLEGEDLY_SHARED"):
        candidates.append(Path(os.environ["ALLEGEDLY_SHARED"]) / "data")
    candidates.append(Path.cwd().parent / "shared" / "data")
    if gold_path is not None:
        project = Path(gold_path).resolve().parent.parent.parent
        candidates.append(project.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), None)


def load_article(data_root: Path, page: str) -> Any:
    """The :class:`Article` of one stored page, read exactly as the gold was annotated."""
    from allegedly.ingest import article_from_html

    path = data_root / page
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return article_from_html(raw, origin=str(path))


@dataclass
class GoldSet:
    """Pages ready to score (``docs``, each with its ``article``) and pages left out, with why."""

    docs: list[Record] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _spans(value: Any) -> Segs:
    return [(int(s), int(e)) for s, e in (value or [])]


def _gold_link(a: Record) -> Record:
    rec: Record = {f: _spans(a.get(f)) for f in FIELDS}
    name = a.get("source_name")
    rec.update(source_name=None if name is None or str(name).lower() in SOURCELESS else name,
               source_kind=a.get("source_kind"), quote=a.get("quote"), parent=a.get("parent"),
               via=a.get("via"))
    return rec


def read_realpages(path: str | Path, data_root: Path | None = None,
                   limit: int | None = None) -> GoldSet:
    """Gold pages of ``path`` with their extracted text; raises :class:`RealPagesError` when a
    page's text no longer hashes to ``text_sha256`` (the offsets would not fit)."""
    path = Path(path)
    out = GoldSet()
    changed = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            doc, page, sha = str(d["doc"]), str(d["page"]), str(d["text_sha256"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise RealPagesError(f"{path}:{n}: not a real-page gold record ({exc!r})") from exc
        if data_root is None:
            out.skipped.append((doc, "../shared/data not found (set ALLEGEDLY_SHARED)"))
            continue
        if not (data_root / page).is_file():
            out.skipped.append((doc, f"page {data_root / page} not found"))
            continue
        article = load_article(data_root, page)
        got = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        if got != sha:
            changed.append(f"{doc}: sha256 {got[:12]}… != annotated {sha[:12]}… "
                           f"({len(article.text)} chars, annotated {d.get('text_chars')})")
            continue
        out.docs.append({"doc": doc, "page": page, "text": article.text, "article": article,
                         "attributions": [_gold_link(a) for a in d.get("attributions", [])]})
        if limit is not None and len(out.docs) >= limit:
            break
    if changed:
        raise RealPagesError(
            "the extracted text of these pages changed since they were annotated, so the gold "
            "offsets no longer fit; refusing to score (restore the extraction, or re-annotate "
            "the pages and update text_sha256):\n  " + "\n  ".join(changed))
    return out


# ---- names ----------------------------------------------------------------------------------


def name_tokens(name: str | None) -> list[str]:
    """Lower-case, accent-free word tokens without possessives; a final plural *s* dropped."""
    if not name:
        return []
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"'s\b|'", " ", s)
    toks = re.findall(r"[^\W_]+", s)
    return [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t
            for t in toks]


def _alternatives(name: str) -> list[str]:
    inner = _PAREN.findall(name)
    outer = _PAREN.sub(" ", name).strip()
    return [name] + ([outer] if inner else []) + [i for i in inner if i.strip()]


def _acronyms(toks: list[str]) -> set[str]:
    """Initials with and without connecting words (*OBR*, *TOI* for The Times of India)."""
    if len(toks) < 2:
        return set()
    return {"".join(t[0] for t in toks if t not in _CONNECTORS), "".join(t[0] for t in toks)}


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return bool(n) and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def _near(a: str, b: str) -> bool:
    """Equal, or one edit apart for words of five letters or more (*Tosane* / *Tsosane*,
    *Zelensky* / *Zelenskyy*): spelling variants of one name."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _match_one(gold: str, pred: str, kind: str | None) -> bool:
    g = [t for t in name_tokens(gold) if t not in ARTICLES]
    p = [t for t in name_tokens(pred) if t not in ARTICLES]
    if not g or not p:
        return False
    if (len(p) == 1 and p[0] in _acronyms(g)) or (len(g) == 1 and g[0] in _acronyms(p)):
        return True
    if set(p) <= PRONOUNS:
        return False
    if g == p or _contains(p, g):
        return True
    core = set(p) - TITLES
    if kind == "person":
        surname = next((t for t in core if _near(t, g[-1])), None)
        return surname is not None and core - {surname} <= set(g)
    if kind in ("anonymous", "vague"):
        return core <= set(g) or set(g) <= set(p)
    return bool(core - GENERIC) and core <= set(g)


def names_match(gold: str | None, pred: str | None, kind: str | None = None,
                pred_kind: str | None = None) -> bool:
    """Whether a predicted source name names the gold source (rules in the module docstring)."""
    gold_none = gold is None or gold.strip().lower() in SOURCELESS
    pred_none = pred is None or pred.strip().lower() in SOURCELESS
    if gold_none:
        return pred_none or pred_kind == "vague"
    if pred_none:
        return False
    return any(_match_one(alt, pred, kind) for alt in _alternatives(gold))


def name_verdict(text: str, gold: Record, pred: Record) -> str:
    """``right``, ``unresolved`` or ``wrong``. Unresolved: no name, a vague source without a
    mention (the engine found no speaker), a bare pronoun, or a name made only of words of the
    gold mention (*the agency*, *One of the protesters*) that does not name the gold source."""
    g_name, p_name = gold.get("source_name"), pred.get("source_name")
    if names_match(g_name, p_name, gold.get("source_kind"), pred.get("source_kind")):
        return "right"
    if g_name is None:
        return "wrong"
    toks = [t for t in name_tokens(p_name) if t not in ARTICLES]
    if not toks or set(toks) <= PRONOUNS:
        return "unresolved"
    if pred.get("source_kind") == "vague" and not pred.get("source"):
        return "unresolved"
    written = {t for s, e in gold.get("source") or [] for t in name_tokens(text[s:e])}
    return "unresolved" if set(toks) <= written else "wrong"


# ---- predictions ----------------------------------------------------------------------------


SCORED_ACTS = frozenset({"claim"})
"""Acts the real-page gold annotates as links: the claims the product presents as claims.
Stances ("condemned the strikes"), plans ("wants to"), perceptions ("heard blasts") and the
writer's own voice are shown apart by the product and are no links of this gold
(``gold/README.md``: Refinements); PolNeAR's adapter counts them (``attribution.py``)."""


def set_aside(analysis: Any) -> Counter[str]:
    """How many links of an analysis the real-page scorer leaves out, by act."""
    return Counter(a.act for a in analysis.attributions if a.act not in SCORED_ACTS)


def analysis_records(analysis: Any) -> list[Record]:
    """Every claim link of an :class:`ArticleAnalysis` (nested ones too) as a scorer record:
    the links whose act is in :data:`SCORED_ACTS` (the same act the report, the store and
    corpus claims go by)."""
    out = []
    for a in analysis.attributions:
        if a.act not in SCORED_ACTS:
            continue
        src = a.source
        cue = a.cue
        out.append({
            "source": [(src.span.start, src.span.end)] if src is not None and src.span else [],
            "cue": list(cue.span.segments or [(cue.span.start, cue.span.end)]) if cue else [],
            "content": list(a.content.segments or [(a.content.start, a.content.end)]),
            "source_name": src.name if src is not None else None,
            "source_kind": src.kind if src is not None else None,
            "quote": a.quote, "nested": a.parent is not None,
            "cue_class": cue.cls if cue else "none",
            "via": a.via.name if a.via is not None else None})
    return out


def predict_pages(docs: list[Record], disabled: Sequence[str] = (),
                  aside: Counter[str] | None = None) -> list[list[Record]]:
    """All claim links of the full analysis (as ``allegedly.analyze`` gives them) for each gold
    page, with the settings as the CLI reads them and ``disabled`` rules switched off as well;
    ``aside`` counts the links of other acts left out."""
    from allegedly.nlp.pipeline import get_analyzer
    from allegedly.settings import load_settings

    settings = load_settings()
    off = tuple(sorted({*settings.disabled_rules, *disabled}))
    analyzer = get_analyzer(settings.with_(disabled_rules=off) if off else settings)
    out = []
    for doc, result in zip(docs, analyzer.analyze_articles([d["article"] for d in docs]),
                           strict=True):
        if not hasattr(result, "attributions"):
            raise RealPagesError(f"{doc['doc']}: the analysis failed: {result}")
        if result.article.text != doc["text"]:
            raise RealPagesError(f"{doc['doc']}: the analysed text differs from the gold text")
        out.append(analysis_records(result))
        if aside is not None:
            aside.update(set_aside(result))
    return out


# ---- scoring --------------------------------------------------------------------------------


def _word_tokens(text: str, toks: list[tuple[int, int]], segs: Iterable[tuple[int, int]]
                 ) -> set[int]:
    return {i for i in covered(toks, segs) if _WORDCHAR.match(text[toks[i][0]])}


def token_f1(text: str, toks: list[tuple[int, int]], gold: Segs, pred: Segs) -> float:
    """Word-token F1 of two span lists (1.0 when both are empty)."""
    g, p = _word_tokens(text, toks, gold), _word_tokens(text, toks, pred)
    if not g and not p:
        return 1.0
    return prf(len(g & p), len(p), len(g))[2]


def _mention_class(text: str, rec: Record) -> str:
    if not rec.get("source"):
        return "no mention"
    toks = [t for s, e in rec["source"] for t in name_tokens(text[s:e]) if t not in ARTICLES]
    return "pronoun" if toks and set(toks) <= PRONOUNS else "name or noun"


def _gold_classes(rec: Record) -> list[str]:
    keys = ["quote=" + str(rec.get("quote")), "kind=" + str(rec.get("source_kind"))]
    keys.append("nested" if rec.get("parent") is not None else "top-level")
    if not rec.get("cue"):
        keys.append("cueless")
    return keys


def _pred_classes(rec: Record) -> list[str]:
    return ["quote=" + str(rec.get("quote")), "cue=" + str(rec.get("cue_class")),
            "nested" if rec.get("nested") else "top-level"]


@dataclass
class PageScore:
    """Counts for one page (or the sum over pages); :meth:`metrics` turns them into rates."""

    counts: Counter[str] = field(default_factory=Counter)
    by_class: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    content_f1: float = 0.0

    def add(self, other: PageScore) -> None:
        self.counts.update(other.counts)
        self.content_f1 += other.content_f1
        for k, v in other.by_class.items():
            self.by_class[k].update(v)

    def metrics(self) -> dict[str, Any]:
        c = self.counts
        m = c["matched"] or 1
        p, r, f = prf(c["matched"], c["pred"], c["gold"])
        return {"links": {"pred": c["pred"], "gold": c["gold"], "matched": c["matched"],
                          "precision": p, "recall": r, "f1": f},
                "source|content": c["right"] / m, "wrong_speaker_rate": c["wrong"] / m,
                "unresolved_rate": c["unresolved"] / m,
                "content_exact": c["content_exact"] / m, "content_token_f1": self.content_f1 / m,
                "cue_exact": c["cue_exact"] / m, "source_span_exact": c["source_exact"] / m,
                "kind_agreement": c["kind_same"] / (c["right"] or 1),
                "via": _via_metrics(c),
                "errors": {k: c[k] for k in ("spurious", "boundary_pred", "wrong", "unresolved",
                                             "boundary_gold", "missed")},
                "by_class": {k: dict(sorted(v.items())) for k, v in sorted(self.by_class.items())}}


def _via_metrics(c: Counter[str]) -> dict[str, Any]:
    """Precision / recall / F1 of ``via`` (the outlet a source spoke to): a predicted via is
    right on a content-matched pair whose gold via names the same outlet."""
    p, r, f = prf(c["via_right"], c["via_pred"], c["via_gold"])
    return {"pred": c["via_pred"], "gold": c["via_gold"], "right": c["via_right"],
            "precision": p, "recall": r, "f1": f}


def _count_via(counts: Counter[str], gold: list[Record], pred: list[Record],
               pairs: Iterable[tuple[int, int]]) -> None:
    counts["via_pred"] += sum(1 for p in pred if p.get("via"))
    counts["via_gold"] += sum(1 for g in gold if g.get("via"))
    counts["via_right"] += sum(
        1 for i, j in pairs if gold[i].get("via") and pred[j].get("via")
        and names_match(gold[i]["via"], pred[j]["via"], "media"))


def _overlaps(text: str, toks: list[tuple[int, int]], rec: Record, others: list[Record]) -> bool:
    mine = _word_tokens(text, toks, rec["content"])
    return any(mine & _word_tokens(text, toks, o["content"]) for o in others)


def score_page(doc: Record, pred: list[Record]) -> tuple[PageScore, list[Record]]:
    """One page's counts, and its error items (for ``--errors``)."""
    text, gold = doc["text"], doc["attributions"]
    toks = tokenize(text)
    al = align(text, gold, pred, 0.5, toks)
    sc = PageScore()
    sc.counts.update(pred=len(pred), gold=len(gold), matched=len(al.pairs))
    _count_via(sc.counts, gold, pred, al.pairs)
    items: list[Record] = []
    for (i, j), ex in zip(al.pairs, al.exact, strict=True):
        g, p = gold[i], pred[j]
        verdict = name_verdict(text, g, p)
        sc.counts[verdict] += 1
        sc.counts["content_exact"] += ex["content"]
        sc.counts["cue_exact"] += ex["cue"]
        sc.counts["source_exact"] += ex["source"]
        same_kind = g.get("source_kind") == p.get("source_kind")
        sc.counts["kind_same"] += verdict == "right" and same_kind
        sc.content_f1 += token_f1(text, toks, g["content"], p["content"])
        if verdict != "right":
            key = "wrong speaker" if verdict == "wrong" else "unresolved"
            sc.by_class[key].update(["gold kind=" + str(g.get("source_kind")),
                                     "mention=" + _mention_class(text, p)])
            items.append(_item(doc["doc"], verdict.upper(), text, g, p))
        if not ex["content"]:
            sc.by_class["boundary (matched)"].update(_gold_classes(g))
    matched_g = {i for i, _ in al.pairs}
    matched_p = {j for _, j in al.pairs}
    free_gold = [g for i, g in enumerate(gold) if i not in matched_g]
    free_pred = [p for j, p in enumerate(pred) if j not in matched_p]
    for j, p in enumerate(pred):
        if j not in matched_p:
            kind = "boundary_pred" if _overlaps(text, toks, p, free_gold) else "spurious"
            sc.counts[kind] += 1
            sc.by_class["spurious" if kind == "spurious" else "boundary (pred)"].update(
                _pred_classes(p))
            items.append(_item(doc["doc"], "FP", text, None, p))
    for i, g in enumerate(gold):
        if i not in matched_g:
            kind = "boundary_gold" if _overlaps(text, toks, g, free_pred) else "missed"
            sc.counts[kind] += 1
            sc.by_class["missed" if kind == "missed" else "boundary (gold)"].update(
                _gold_classes(g))
            items.append(_item(doc["doc"], "FN", text, g, None))
    return sc, items


def _item(doc: str, kind: str, text: str, gold: Record | None, pred: Record | None) -> Record:
    def show(rec: Record | None) -> Record | None:
        if rec is None:
            return None
        out = {f: " … ".join(text[s:e] for s, e in rec[f]) for f in FIELDS}
        out["source_name"] = rec.get("source_name")
        return out

    return {"doc": doc, "type": kind, "gold": show(gold), "pred": show(pred)}


def score_pages(gold_docs: list[Record], pred_docs: list[list[Record]]
                ) -> tuple[dict[str, Any], list[Record], list[Record]]:
    """Micro-averaged metrics over pages, a per-page table and every error item."""
    total = PageScore()
    pages, items = [], []
    for doc, pred in zip(gold_docs, pred_docs, strict=True):
        sc, errs = score_page(doc, pred)
        total.add(sc)
        items += errs
        c = sc.counts
        pages.append({"doc": doc["doc"], "gold": c["gold"], "pred": c["pred"],
                      "matched": c["matched"], "right": c["right"], "wrong": c["wrong"],
                      "unresolved": c["unresolved"]})
    return total.metrics(), pages, items


# ---- command --------------------------------------------------------------------------------


def _print_report(path: Path, m: dict[str, Any], pages: list[Record], speed: float) -> None:
    ln = m["links"]
    click.echo(f"== allegedly attribution (full analysis, all links) on {path} "
               f"({len(pages)} pages, {speed:.2f} pages/s)")
    rows = [("links P/R/F", f"{ln['precision'] * 100:5.1f} {ln['recall'] * 100:5.1f} "
                            f"{ln['f1'] * 100:5.1f}"),
            ("#pred, #gold, #content-matched", f"{ln['pred']} {ln['gold']} {ln['matched']}")]
    for key in ("source|content", "wrong_speaker_rate", "unresolved_rate", "content_exact",
                "content_token_f1", "cue_exact", "source_span_exact", "kind_agreement"):
        rows.append((key, f"{m[key] * 100:5.1f}"))
    for label, value in rows:
        click.echo(f"  {label:38s} {value}")
    v = m["via"]
    click.echo(f"  {'via (outlet spoken to) P/R/F':38s} {v['precision'] * 100:5.1f} "
               f"{v['recall'] * 100:5.1f} {v['f1'] * 100:5.1f}  "
               f"(#pred {v['pred']}, #gold {v['gold']}, right {v['right']})")
    e = m["errors"]
    click.echo(f"== errors: spurious {e['spurious']}, boundary (pred side) {e['boundary_pred']}, "
               f"wrong speaker {e['wrong']}, unresolved {e['unresolved']}, boundary (gold side) "
               f"{e['boundary_gold']}, missed {e['missed']}")
    for group, counts in m["by_class"].items():
        click.echo(f"  {group:20s} " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    aside = m.get("set_aside") or {}
    click.echo("== not scored (links of other acts than claim, shown apart by the product): "
               + (", ".join(f"{k} {v}" for k, v in aside.items()) or "none"))
    click.echo("== per page: gold / pred / matched / right / wrong / unresolved")
    for p in pages:
        click.echo(f"  {p['doc']:34s} {p['gold']:4d} {p['pred']:4d} {p['matched']:4d} "
                   f"{p['right']:4d} {p['wrong']:4d} {p['unresolved']:4d}")


def run_realpages(path: Path, *, limit: int | None = None, errors_file: Path | None = None,
                  as_json: bool = False, direct: bool = False,
                  disabled: Sequence[str] = ()) -> None:
    """``allegedly eval attribution`` on a real-page gold file (see the module docstring);
    ``disabled``: rule names switched off (``--without``), on top of the settings' own."""
    if direct:
        raise click.UsageError("--direct is not available for real-page gold: it scores the "
                               "full analysis, as users get it")
    gold = read_realpages(path, find_data_root(path), limit)
    for doc, why in gold.skipped:
        click.echo(f"skipped {doc}: {why}", err=True)
    if not gold.docs:
        reason = gold.skipped[0][1] if gold.skipped else "the file holds no page"
        if as_json:
            click.echo(json.dumps({"skipped": reason, "pages": 0}))
        else:
            click.echo(f"skipped: nothing scored in {path}: {reason}")
        return
    t0 = time.perf_counter()
    aside: Counter[str] = Counter()
    preds = predict_pages(gold.docs, disabled, aside)
    speed = len(gold.docs) / ((time.perf_counter() - t0) or 1.0)
    metrics, pages, items = score_pages(gold.docs, preds)
    metrics["set_aside"] = dict(sorted(aside.items()))
    if as_json:
        click.echo(json.dumps({"metrics": metrics, "pages": pages, "docs": len(pages),
                               "skipped": [list(s) for s in gold.skipped], "docs_per_s": speed}))
    else:
        _print_report(path, metrics, pages, speed)
    if errors_file is not None:
        with errors_file.open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        click.echo(f"wrote {len(items)} errors to {errors_file} (never read them for a "
                   "report-only set while writing rules)", err=True)


__all__ = ["SCORED_ACTS", "GoldSet", "RealPagesError", "analysis_records", "find_data_root",
           "is_realpages_file",
           "name_tokens", "name_verdict", "names_match", "predict_pages", "read_realpages",
           "run_realpages", "score_page", "score_pages", "set_aside", "token_f1"]
