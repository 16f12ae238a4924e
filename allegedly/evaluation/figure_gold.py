"""Figure gold of our own (``gold/figures/*.jsonl``): reader, text construction and scorer.

``allegedly eval figures gold/figures/war-politics.jsonl`` comes here (the format is recognised
by :func:`is_figure_gold`). Each line is one item: a fundus page, a FA-KES record or a RUWA
record, with offsets into the text allegedly's own reader produces for it (``gold/README.md``,
"Figure gold"). The third-party files stay in ``../shared/data``; when they are absent the run
is skipped with the reason, and when an item's text no longer hashes to its ``text_sha256`` the
run refuses to score (the offsets would point at other words).

Scored, over all items (one-to-one matching per item: a prediction matches a gold figure when
their spans overlap and their values agree; bound-compatible pairs are taken first):

* value P/R/F1 and value+bound F1 (value matched *and* the same bound);
* unit accuracy and counted-head accuracy over matched figures (the head of allegedly's
  ``counted`` phrase against the gold head noun, singular/plural folded), measure accuracy over
  matched figures where the gold or the prediction names a measure (exact, and by scope through
  ``lexicons/figure_keys.tsv``: killed = died = dead);
* false positives by class: an unmatched prediction over a gold *negative* span (dates, stamps,
  clock times, ordinals, names …) counts under that span's class, one over a gold figure with
  another value under ``wrong_value``, any other under ``other``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import click

from allegedly.model import Article

SOURCES = ("fundus", "fakes", "ruwa")


class GoldTextChanged(click.ClickException):
    """An item's text no longer matches the text it was annotated on."""


# ---- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldFigure:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    bound: str
    unit: str | None = None
    counted: tuple[int, int] | None = None
    measure: str | None = None


@dataclass(frozen=True)
class Negative:
    start: int
    end: int
    cls: str


@dataclass(frozen=True)
class GoldItem:
    item: str  # "fundus:uk/Metro_2024_11_29", "fakes:36", "ruwa:4782"
    source: str
    ref: dict[str, Any]  # page / file / member / record, as stored
    text_sha256: str
    text_chars: int
    figures: tuple[GoldFigure, ...]
    negatives: tuple[Negative, ...]


@dataclass(frozen=True)
class PredFigure:
    """A prediction in scorer form (allegedly's ``Figure`` or a peer's)."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    unit: str | None = None
    counted: str | None = None
    measure: str | None = None


def is_figure_gold(path: Path) -> bool:
    """Is ``path`` a JSONL file whose first record carries ``figures`` and ``text_sha256``?"""
    if Path(path).suffix != ".jsonl":
        return False
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and {"figures", "text_sha256"} <= set(first)
    return False


def _gold_figure(d: dict[str, Any]) -> GoldFigure:
    counted = d.get("counted")
    return GoldFigure(d["span"][0], d["span"][1], d.get("value"), d.get("low"), d.get("high"),
                      d["bound"], d.get("unit"), tuple(counted) if counted else None,
                      d.get("measure"))


def load_record(d: dict[str, Any]) -> GoldItem:
    """One gold record (a parsed JSONL line) as a GoldItem (KeyError/ValueError when malformed)."""
    if d["source"] not in SOURCES:
        raise ValueError(f"unknown source {d['source']!r} (expected one of {SOURCES})")
    ref = {k: d[k] for k in ("doc", "page", "file", "member", "record") if k in d}
    return GoldItem(d["item"], d["source"], ref, d["text_sha256"], d["text_chars"],
                    tuple(_gold_figure(f) for f in d["figures"]),
                    tuple(Negative(x["span"][0], x["span"][1], x["class"])
                          for x in d["negatives"]))


def load(path: Path) -> list[GoldItem]:
    """The items of a figure gold file (raises ClickException naming the bad line)."""
    items: list[GoldItem] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(load_record(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as exc:
            raise click.ClickException(f"{path} line {n}: not a figure gold record ({exc!r}); "
                                       "see gold/README.md, 'Figure gold'") from None
    return items


# ---- the texts, read the way allegedly reads them ------------------------------------------------


def default_data_root(gold_path: Path | None = None) -> Path:
    """``$ALLEGEDLY_SHARED/data``, else ``../shared/data`` from the working directory, else from
    the repository the gold file sits in."""
    env = os.environ.get("ALLEGEDLY_SHARED")
    if env:
        return Path(env) / "data"
    candidates = [Path.cwd().parent / "shared" / "data"]
    parents = Path(gold_path).resolve().parents if gold_path is not None else ()
    if len(parents) > 3:  # <repo>/gold/figures/<file>.jsonl -> <repo>/../shared/data
        candidates.append(parents[3] / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), candidates[0])


def ruwa_text(row: dict[str, str]) -> str:
    """A RUWA record as one text: headline and lead (``title``, ``desc``), stripped, joined by a
    blank line; an empty part is left out."""
    return "\n\n".join(p for p in ((row.get("title") or "").strip(), (row.get("desc") or "").strip())
                       if p)


def ruwa_record(row: dict[str, str]) -> dict[str, Any]:
    """The JSONL record allegedly ingests for a RUWA row (read by ``ingest.records.iter_jsonl``)."""
    return {"text": ruwa_text(row), "title": (row.get("title") or "").strip() or None,
            "url": row.get("src") or None, "published": row.get("Date") or None,
            "outlet": row.get("Site") or None}


@cache
def _csv_articles(path: str) -> tuple[Any, ...]:
    from allegedly.ingest import iter_articles

    return tuple(iter_articles([path]))


@cache
def _zip_rows(path: str, member: str) -> tuple[dict[str, str], ...]:
    with zipfile.ZipFile(path) as zf:
        raw = zf.read(member).decode("utf-8")
    return tuple(csv.DictReader(io.StringIO(raw)))


def read_article(item: GoldItem, root: Path) -> Article:
    """The Article allegedly reads for ``item`` (raises FileNotFoundError / LookupError)."""
    from allegedly.ingest import article_from_html
    from allegedly.ingest.records import DEFAULT_FIELDS, iter_jsonl

    ref = item.ref
    if item.source == "fundus":
        page = root / ref["page"]
        return article_from_html(gzip.decompress(page.read_bytes()), origin=str(page))
    path = root / ref["file"]
    if not path.exists():
        raise FileNotFoundError(path)
    n = int(ref["record"])
    if item.source == "fakes":
        arts = _csv_articles(str(path))
        if not 0 < n <= len(arts) or not isinstance(arts[n - 1], Article):
            raise LookupError(f"{path} has no readable record {n}")
        return arts[n - 1]
    rows = _zip_rows(str(path), ref["member"])
    if not 0 < n <= len(rows):
        raise LookupError(f"{path}::{ref['member']} has no record {n}")
    origin = f"{path}::{ref['member']}"
    [art] = list(iter_jsonl([json.dumps(ruwa_record(rows[n - 1]))], origin,
                            fields=DEFAULT_FIELDS))
    if not isinstance(art, Article):
        raise LookupError(f"{origin} record {n}: {art}")
    return art


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_all(items: Sequence[GoldItem], root: Path) -> tuple[list[Article | None], dict[str, str]]:
    """Articles in item order (None where unreadable) and per-item read failures.

    Raises :class:`GoldTextChanged` when any readable item's text differs from its annotation.
    """
    arts: list[Article | None] = []
    failed: dict[str, str] = {}
    changed: list[str] = []
    for it in items:
        try:
            art = read_article(it, root)
        except (OSError, LookupError, ValueError) as exc:
            failed[it.item] = f"{type(exc).__name__}: {exc}"
            arts.append(None)
            continue
        if text_sha256(art.text) != it.text_sha256 or len(art.text) != it.text_chars:
            changed.append(f"{it.item} ({len(art.text)} chars, annotated on {it.text_chars})")
        arts.append(art)
    if changed:
        raise GoldTextChanged(
            f"refusing to score: the text allegedly reads for {len(changed)} item(s) changed "
            f"since they were annotated, so the offsets no longer fit: {', '.join(changed[:5])}"
            f"{' …' if len(changed) > 5 else ''}. Re-annotate them (gold/README.md) or run the "
            "allegedly version the gold was made with.")
    return arts, failed


# ---- matching and scores -------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _share_as_fraction(g: GoldFigure, p: PredFigure) -> bool:
    """A share is gold as a percentage ("about half" = 50 percent); a prediction may state the
    same share as a fraction without a unit (0.5)."""
    return g.unit == "percent" and not p.unit


def value_match(g: GoldFigure, p: PredFigure) -> bool:
    """Equal point values; a gold range or vague plural equals a prediction with the same ends."""
    scale = 0.01 if _share_as_fraction(g, p) else 1.0
    if g.value is not None:
        return _close(g.value, p.value) or (scale != 1.0 and _close(g.value * scale, p.value))
    lo, hi = (g.low or 0.0), (g.high or 0.0)
    for k in {1.0, scale}:
        if (_close(lo * k, p.low) and _close(hi * k, p.high)) or (
                _close(lo * k, p.high) and _close(hi * k, p.low)):
            return True
    return False


def unit_match(g: GoldFigure, p: PredFigure) -> bool:
    """Same normalised unit (a share stated as a fraction counts as percent)."""
    return (g.unit or "").lower() == (p.unit or "").lower() or (
        _share_as_fraction(g, p) and value_match(g, p) and not _close(g.value, p.value))


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def align(gold: Sequence[GoldFigure], preds: Sequence[PredFigure]) -> list[tuple[int, int]]:
    """One-to-one (gold, prediction) pairs: overlapping spans with equal values, pairs with the
    same bound first, then the largest overlap."""
    cands = sorted(((g.bound != p.bound, -_overlap(g.start, g.end, p.start, p.end), gi, pi)
                    for gi, g in enumerate(gold) for pi, p in enumerate(preds)
                    if _overlap(g.start, g.end, p.start, p.end) > 0 and value_match(g, p)))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return sorted(pairs)


_PREP = {"of", "in", "from", "at", "on", "for", "with", "who", "that", "which", "to", "by", "as",
         "during", "near", "across", "including"}


def singular(word: str) -> str:
    """Fold a plural for comparison: "missiles" -> "missile", "casualties" -> "casualty"."""
    w = word.lower().strip("'’")
    for plural, single in (("men", "man"), ("children", "child"), ("people", "person")):
        if w.endswith(plural):
            return w[: -len(plural)] + single
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@cache
def _measure_adjectives() -> frozenset[str]:
    from allegedly.lexicons import load as load_lexicon

    return frozenset(r["word"].lower() for r in load_lexicon("measures") if r["pos"] == "adj")


def phrase_head(phrase: str | None) -> str | None:
    """The head word of a counted phrase: the last word of its first chunk (up to a preposition,
    relative word or punctuation), without a trailing measure adjective ("Ukrainian prisoners of
    war" -> "prisoners", "people dead" -> "people", "jobs - report" -> "jobs")."""
    words: list[str] = []
    for tok in re.findall(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]", phrase or ""):
        if not tok[0].isalpha() or (tok.lower() in _PREP and words):
            break
        words.append(tok)
    while len(words) > 1 and words[-1].lower() in _measure_adjectives():
        words.pop()
    return words[-1] if words else None


def head_match(gold_head: str, predicted: str | None) -> bool:
    head = phrase_head(predicted)
    return head is not None and singular(head) == singular(gold_head)


def _measure_scope(measure: str | None) -> str | None:
    from allegedly.keys import measure_scope

    return measure_scope(measure)


def fp_class(p: PredFigure, item: GoldItem) -> str:
    """Why an unmatched prediction is wrong: the class of a negative span under it, else
    ``wrong_value`` over a gold figure, else ``other``."""
    for n in item.negatives:
        if _overlap(n.start, n.end, p.start, p.end) > 0:
            return n.cls
    if any(_overlap(g.start, g.end, p.start, p.end) > 0 for g in item.figures):
        return "wrong_value"
    return "other"


@dataclass
class Tally:
    """Counts for one slice (all items, or one source)."""

    items: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    bound_ok: int = 0
    unit_ok: int = 0
    counted_n: int = 0
    counted_ok: int = 0
    measure_n: int = 0
    measure_ok: int = 0
    measure_scope_ok: int = 0
    false_positives: Counter[str] = field(default_factory=Counter)
    missed_by_bound: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items, "gold": self.gold, "predicted": self.predicted,
            "matched": self.matched,
            "value": _prf(self.matched, self.predicted, self.gold),
            "value_bound": _prf(self.bound_ok, self.predicted, self.gold),
            "unit": {"accuracy": _ratio(self.unit_ok, self.matched), "n": self.matched},
            "counted_head": {"accuracy": _ratio(self.counted_ok, self.counted_n),
                             "n": self.counted_n},
            "measure": {"accuracy": _ratio(self.measure_ok, self.measure_n),
                        "scope_accuracy": _ratio(self.measure_scope_ok, self.measure_n),
                        "n": self.measure_n},
            "false_positives": dict(self.false_positives.most_common()),
            "missed_by_bound": dict(self.missed_by_bound.most_common()),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score_item(item: GoldItem, text: str, preds: Sequence[PredFigure], tally: Tally,
               errors: list[dict[str, Any]] | None = None) -> None:
    """Add one item's matches and misses to ``tally`` (and its disagreements to ``errors``)."""
    pairs = align(item.figures, preds)
    tally.items += 1
    tally.gold += len(item.figures)
    tally.predicted += len(preds)
    tally.matched += len(pairs)
    issues: list[str] = []
    for gi, pi in pairs:
        g, p = item.figures[gi], preds[pi]
        surface = text[g.start:g.end]
        tally.bound_ok += g.bound == p.bound
        tally.unit_ok += unit_match(g, p)
        if g.bound != p.bound:
            issues.append(f"bound {surface!r}: gold {g.bound}, predicted {p.bound}")
        if g.counted is not None:
            tally.counted_n += 1
            gold_head = text[g.counted[0]:g.counted[1]]
            if head_match(gold_head, p.counted):
                tally.counted_ok += 1
            else:
                issues.append(f"counted {surface!r}: gold {gold_head!r}, predicted {p.counted!r}")
        if g.measure or p.measure:
            tally.measure_n += 1
            tally.measure_ok += g.measure == p.measure
            tally.measure_scope_ok += _measure_scope(g.measure) == _measure_scope(p.measure)
            if g.measure != p.measure:
                issues.append(f"measure {surface!r}: gold {g.measure}, predicted {p.measure}")
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    spurious = [p for i, p in enumerate(preds) if i not in matched_p]
    for p in spurious:
        tally.false_positives[fp_class(p, item)] += 1
    missed = [g for i, g in enumerate(item.figures) if i not in matched_g]
    for g in missed:
        tally.missed_by_bound[g.bound] += 1
    if errors is not None and (missed or spurious or issues):
        errors.append({"item": item.item, "issues": issues,
                       "missed": [{"span": [g.start, g.end], "text": text[g.start:g.end],
                                   "value": g.value, "low": g.low, "high": g.high,
                                   "bound": g.bound} for g in missed],
                       "spurious": [{"span": [p.start, p.end], "text": text[p.start:p.end],
                                     "value": p.value, "bound": p.bound,
                                     "class": fp_class(p, item)} for p in spurious]})


def score(items: Sequence[GoldItem], texts: Sequence[str],
          predictions: Sequence[Sequence[PredFigure]],
          errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Scores over all items and per source (``fundus``, ``fakes``, ``ruwa``)."""
    total = Tally()
    by_source: dict[str, Tally] = {}
    for item, text, preds in zip(items, texts, predictions, strict=True):
        score_item(item, text, preds, total, errors)
        score_item(item, text, preds, by_source.setdefault(item.source, Tally()))
    result = total.as_dict()
    result["by_source"] = {s: t.as_dict() for s, t in sorted(by_source.items())}
    result["negatives"] = dict(Counter(n.cls for it in items for n in it.negatives).most_common())
    return result


# ---- allegedly's predictions ---------------------------------------------------------------------


def predict_allegedly(articles: Iterable[Article]) -> list[list[PredFigure] | str]:
    """allegedly's figures for each article, through the analyser users run (clutter masked,
    pre-pass on); a failed analysis gives its error message instead of figures."""
    from allegedly.errors import AllegedlyError
    from allegedly.nlp.pipeline import get_analyzer

    out: list[list[PredFigure] | str] = []
    for res in get_analyzer().analyze_articles(articles):
        if isinstance(res, AllegedlyError):
            out.append(str(res))
            continue
        out.append([PredFigure(f.span.start, f.span.end, f.value, f.low, f.high, f.bound,
                               f.unit, f.counted, f.measure) for f in res.figures])
    return out


Predictor = Callable[[list[Article]], list[list[PredFigure] | str]]


def run(path: Path, root: Path | None = None, predictor: Predictor = predict_allegedly,
        errors: list[dict[str, Any]] | None = None, limit: int | None = None) -> dict[str, Any]:
    """Read, check and score a figure gold file; ``{"skipped": reason}`` without the data."""
    items = load(path)[:limit] if limit else load(path)
    root = root or default_data_root(path)
    if not root.is_dir():
        return {"skipped": f"third-party data not found at {root}: the gold's texts are read "
                           "from ../shared/data (set ALLEGEDLY_SHARED to the folder holding "
                           "data/)", "items": len(items)}
    arts, failed = read_all(items, root)
    readable = [(it, a) for it, a in zip(items, arts, strict=True) if a is not None]
    preds = predictor([a for _, a in readable]) if readable else []
    analysis_failed = {it.item: p for (it, _), p in zip(readable, preds, strict=True)
                       if isinstance(p, str)}
    result = score([it for it, _ in readable], [a.text for _, a in readable],
                   [[] if isinstance(p, str) else p for p in preds], errors)
    result.update(file=str(path), data=str(root), unreadable=failed,
                  analysis_failed=analysis_failed)
    return result


def format_report(r: dict[str, Any]) -> str:
    """Lines of text for the terminal."""
    if "skipped" in r:
        return f"skipped: {r['skipped']}"
    lines = [_row("all", r)]
    lines += [_row(s, t) for s, t in r["by_source"].items()]
    fps = ", ".join(f"{k} {v}" for k, v in r["false_positives"].items()) or "none"
    lines.append(f"false positives by class: {fps}")
    for key in ("unreadable", "analysis_failed"):
        for item, why in r.get(key, {}).items():
            lines.append(f"{key.replace('_', ' ')}: {item}: {why}")
    return "\n".join(lines)


def _row(name: str, r: dict[str, Any]) -> str:
    v, vb = r["value"], r["value_bound"]
    return (f"{name:<7} items={r['items']:<3} gold={r['gold']:<4} pred={r['predicted']:<4} "
            f"value P/R/F1 {v['p']:.3f}/{v['r']:.3f}/{v['f1']:.3f}  value+bound F1 "
            f"{vb['f1']:.3f}  unit {r['unit']['accuracy']:.3f}  counted-head "
            f"{r['counted_head']['accuracy']:.3f} (n={r['counted_head']['n']})  measure "
            f"{r['measure']['accuracy']:.3f}/scope {r['measure']['scope_accuracy']:.3f} "
            f"(n={r['measure']['n']})")


def command_main(path: Path, errors_path: Path | None, limit: int | None, as_json: bool) -> None:
    """What ``allegedly eval figures`` does for a figure gold file."""
    errors: list[dict[str, Any]] | None = [] if errors_path else None
    result = run(path, errors=errors, limit=limit)
    if errors_path is not None and errors is not None:
        with errors_path.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
