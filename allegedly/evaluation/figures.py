"""``allegedly eval figures PATH``: figure extraction scored on quantity gold data.

Two gold formats are recognised by their keys:

* NewsQuant (CQE evaluation set): ``[{"text", "quantities": [{"value", "change", "unit",
  "normalized_unit", "referred_concepts"}]}]``; a value ``"a-b"`` is a range (low a, high b);
* quantulum3's test file: ``[{"req", "res": [{"surface", "value", "unit", "uncertainty"?}]}]``;
  a value with an uncertainty u is the range value-u .. value+u.

Matching, per sentence and one-to-one: a predicted figure matches a gold quantity when the values
are equal (relative tolerance 1e-6); a gold range matches a prediction whose (low, high) equal
its ends in either order. Reported: value P/R/F1; value+bound F1 (NewsQuant ``change``:
``=`` -> exact or range, ``~`` -> approx, ``>`` -> at_least/more_than, ``<`` -> at_most/less_than,
``up``/``down`` -> change increase/decrease); unit F1 (units normalised through
``lexicons/units.tsv``; nouns such as "workers" count as no unit); counted-concept accuracy over
matched quantities whose gold concept is not "-" (token F1 between the gold concept and the
predicted counted thing or actor >= 0.5).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from allegedly.extract.figures import unit_aliases
from allegedly.extract.matches import FigureMatch
from allegedly.lexicons import load

BOUND_OF_CHANGE = {"=": {"exact", "range"}, "~": {"approx"}, ">": {"at_least", "more_than"},
                   "<": {"at_most", "less_than"}}
_NUM = r"-?\d[\d.]*(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"\s*({_NUM})\s*-\s*({_NUM})\s*")
_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "its", "his", "her",
         "their", "s", "-"}


@dataclass(frozen=True)
class GoldQuantity:
    value: float | None
    low: float | None
    high: float | None
    change: str | None  # NewsQuant change code (=, ~, >, <, up, down); None for quantulum3
    unit: str | None  # normalised through units.tsv; None = dimensionless / a counted noun
    concept: str | None  # NewsQuant referred_concepts; None if "-" or absent
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class GoldSentence:
    text: str
    quantities: tuple[GoldQuantity, ...]


def canonical_unit(name: str | None) -> str | None:
    """A gold unit name ("percentage", "dollar per barrel") as allegedly's normalised unit."""
    if not name or name.strip() in {"-", "dimensionless"}:
        return None
    aliases = unit_aliases()
    key = name.strip().lower()
    if key in aliases:
        return aliases[key]
    if " per " in key:
        parts = [aliases.get(p.strip()) for p in key.split(" per ")]
        if all(parts):
            return " per ".join(p for p in parts if p)
    return None


def _parse_value(raw: Any) -> tuple[float | None, float | None, float | None]:
    if isinstance(raw, int | float):
        return float(raw), None, None
    text = str(raw).strip()
    try:
        return float(text), None, None
    except ValueError:
        pass
    m = _RANGE.fullmatch(text)
    if m:
        return None, float(m.group(1)), float(m.group(2))
    return None, None, None


def load_gold(path: Path) -> tuple[str, list[GoldSentence]]:
    """(format name, sentences) of a NewsQuant or quantulum3 gold file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not data:
        raise click.ClickException(f"{path}: expected a non-empty JSON list of sentences")
    first = data[0]
    out: list[GoldSentence] = []
    if "quantities" in first and "text" in first:
        for item in data:
            qs = []
            for q in item["quantities"]:
                value, low, high = _parse_value(q.get("value"))
                concept = q.get("referred_concepts")
                qs.append(GoldQuantity(value, low, high, q.get("change"),
                                       canonical_unit(q.get("normalized_unit")),
                                       None if concept in {None, "", "-"} else concept, q))
            out.append(GoldSentence(item["text"], tuple(qs)))
        return "newsquant", out
    if "req" in first and "res" in first:
        for item in data:
            qs = []
            for q in item["res"]:
                value = float(q["value"])
                unc = q.get("uncertainty")
                if unc:
                    qs.append(GoldQuantity(None, value - unc, value + unc, None,
                                           canonical_unit(q.get("unit")), None, q))
                else:
                    qs.append(GoldQuantity(value, None, None, None,
                                           canonical_unit(q.get("unit")), None, q))
            out.append(GoldSentence(item["req"], tuple(qs)))
        return "quantulum3", out
    raise click.ClickException(f"{path}: unknown gold format (keys {sorted(first)}); expected "
                               "NewsQuant (text, quantities) or quantulum3 (req, res)")


# ---- matching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pred:
    """A prediction in scorer form (allegedly's FigureMatch or a peer's output)."""

    value: float | None
    low: float | None
    high: float | None
    bound: str = "exact"
    change: str | None = None
    unit: str | None = None
    counted: str | None = None
    actor: str | None = None
    surface: str = ""


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_match(g: GoldQuantity, p: Pred) -> bool:
    """Equal values; a gold range equals a prediction with the same two ends (a range, or a
    point value with a stated uncertainty)."""
    if g.value is not None:
        return _close(g.value, p.value)
    if g.low is None or g.high is None:
        return False
    return (_close(g.low, p.low) and _close(g.high, p.high)) or (
        _close(g.low, p.high) and _close(g.high, p.low))


def bound_match(g: GoldQuantity, p: Pred) -> bool:
    if g.change is None:
        return True
    if g.change == "up":
        return p.change == "increase"
    if g.change == "down":
        return p.change == "decrease"
    if g.change == "=" and _vague(p):
        return True  # NewsQuant writes "thousands of" as "=" with a range value
    return p.bound in BOUND_OF_CHANGE.get(g.change, set())


def _vague(p: Pred) -> bool:
    """allegedly's vague plural ("thousands of"): approx, no point value, high = 10 x low."""
    return p.bound == "approx" and p.value is None and p.low is not None and p.high is not None \
        and _close(p.high, 10 * p.low)


def _tokens(text: str | None) -> list[str]:
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP]


def token_f1(a: str | None, b: str | None) -> float:
    """Token-overlap F1 of two phrases (lower-cased, stop words and plural s dropped)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def concept_parts(concept: str | None) -> list[str]:
    """NewsQuant's ``referred_concepts`` is a comma-separated list of the things the quantity
    is about ("fine, crime", "stock prices companies, Blackmores"); each part is one concept."""
    return [c.strip() for c in (concept or "").split(",") if c.strip()]


def concept_match(g: GoldQuantity, p: Pred) -> bool:
    """Some gold concept part has token F1 >= 0.5 with the predicted counted thing or actor."""
    return any(token_f1(c, part) >= 0.5 for c in (p.counted, p.actor) if c
               for part in concept_parts(g.concept))


def concept_partial(g: GoldQuantity, p: Pred) -> bool:
    """CQE's lenient "partial" concept match: any word shared with the gold concepts."""
    gold = set(_tokens(g.concept))
    return bool(gold & set(_tokens(f"{p.counted or ''} {p.actor or ''}")))


def align(gold: Sequence[GoldQuantity], preds: Sequence[Pred]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) value matches, preferring bound-compatible pairs."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for strict in (True, False):
        for gi, g in enumerate(gold):
            if any(gi == a for a, _ in pairs):
                continue
            for pi, p in enumerate(preds):
                if pi in used or not value_match(g, p):
                    continue
                if strict and not bound_match(g, p):
                    continue
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(sentences: Sequence[GoldSentence], predictions: Sequence[Sequence[Pred]],
          errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Value / value+bound / unit P-R-F1 and counted-concept accuracy."""
    n_gold = n_pred = tp = tp_bound = tp_unit = c_total = c_ok = c_partial = 0
    for s, preds in zip(sentences, predictions, strict=True):
        pairs = align(s.quantities, preds)
        n_gold += len(s.quantities)
        n_pred += len(preds)
        tp += len(pairs)
        issues: list[str] = []
        for gi, pi in pairs:
            g, p = s.quantities[gi], preds[pi]
            if bound_match(g, p):
                tp_bound += 1
            else:
                issues.append(f"bound: gold {g.change} vs {p.bound}/{p.change} on {p.surface!r}")
            if g.unit == p.unit:
                tp_unit += 1
            else:
                issues.append(f"unit: gold {g.unit} vs {p.unit} on {p.surface!r}")
            if g.concept is not None:
                c_total += 1
                c_partial += concept_partial(g, p)
                if concept_match(g, p):
                    c_ok += 1
                else:
                    issues.append(f"concept: gold {g.concept!r} vs {p.counted!r}/{p.actor!r}")
        if errors is not None:
            missed = [s.quantities[i] for i in range(len(s.quantities)) if i not in {a for a, _ in pairs}]
            spurious = [preds[i] for i in range(len(preds)) if i not in {b for _, b in pairs}]
            if missed or spurious or issues:
                errors.append({
                    "text": s.text,
                    "missed": [{"value": g.value, "low": g.low, "high": g.high, "change": g.change,
                                "unit": g.unit} for g in missed],
                    "spurious": [{"surface": p.surface, "value": p.value, "low": p.low,
                                  "high": p.high, "bound": p.bound, "unit": p.unit} for p in spurious],
                    "issues": issues,
                })
    return {
        "sentences": len(sentences), "gold": n_gold, "predicted": n_pred, "matched": tp,
        "value": _prf(tp, n_pred, n_gold),
        "value_bound": _prf(tp_bound, n_pred, n_gold),
        "unit": _prf(tp_unit, n_pred, n_gold),
        "concept": {"accuracy": c_ok / c_total if c_total else 0.0, "n": c_total,
                    "partial": c_partial / c_total if c_total else 0.0},
    }


# ---- allegedly's predictions --------------------------------------------------------------------


def to_pred(text: str, f: FigureMatch) -> Pred:
    """Scorer form of one of allegedly's figures."""
    return Pred(f.value, f.low, f.high, f.bound, f.change, f.unit, f.counted, f.actor,
                text[f.start:f.end])


def load_nlp_for_eval() -> Any:
    """The pipeline's parser (tagger, parser, NER; lemmatizer on demand)."""
    try:
        from allegedly.nlp.pipeline import load_nlp

        return load_nlp()
    except (ImportError, AttributeError):  # pragma: no cover - before the pipeline exists
        import spacy

        from allegedly.extract.lemmas import register_lemmatizer
        from allegedly.settings import load_settings

        nlp = spacy.load(load_settings().model, disable=["lemmatizer"])
        register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
        return nlp


def predict_allegedly(texts: Iterable[str], nlp: Any = None) -> list[list[Pred]]:
    """allegedly's figures for each text (no publication date)."""
    from allegedly.extract.figures import find_figures

    nlp = nlp or load_nlp_for_eval()
    texts = list(texts)
    from allegedly.nlp.pipeline import OUR_COMPONENTS

    # skip our extractor components (find_figures is called directly below); the pipeline's
    # own annotators (fast attributes, paragraph boundaries) must keep running
    disable = [p for p in nlp.pipe_names if p in OUR_COMPONENTS]
    return [[to_pred(doc.text, f) for f in find_figures(doc)]
            for doc in nlp.pipe(texts, disable=disable)]


# ---- the news view: gold items allegedly deliberately does not report ----------------------------

_PARTITIVE_ONE = re.compile(r"(?i)(?<![\w-])one(?![\w-])(?!\s+(?:hundred|thousand|million|billion))")
_FOCUS_ONE = re.compile(r"(?i)\b(?:only|just|exactly|merely)\s+one\b")


_TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "decade")


def _number_surfaces(value: float) -> list[str]:
    """How a small whole number can be written: "2", "two" (and "a"/"an" for 1)."""
    n = int(value)
    out = [str(n)] + (["a", "an", "one"] if n == 1 else [])
    out += [r["word"] for r in load("number_words") if r["kind"] in ("unit", "tens")
            and r["value"].isdigit() and int(r["value"]) == n]
    return out


def relative_time(sentence: GoldSentence, g: GoldQuantity) -> bool:
    """A time unit stated as an offset from another event ("Two years later", "a week earlier")."""
    if g.unit not in _TIME_UNITS or g.value is None or not float(g.value).is_integer():
        return False
    alts = "|".join(re.escape(w) for w in _number_surfaces(g.value))
    return re.search(rf"(?i)\b(?:{alts})[ -]{g.unit}s?\s+(?:later|earlier|afterwards?|"
                     rf"beforehand)\b", sentence.text) is not None


def not_a_news_figure(sentence: GoldSentence, g: GoldQuantity) -> str | None:
    """Why a gold quantity is outside what allegedly reports as a figure, or None.

    ``relative_time`` - a time unit stated as an offset from another event ("Two years
    later": a time, not a quantity; ``figure.not_relative_time``). Three more documented rules,
    applied only to gold items without a unit of measure (a counted
    noun such as "workers" is not a unit): ``year`` - an integer 1800..2100 written as a
    4-digit token ("in 1979", "the 1960s"), a date, never a count in our product; ``name`` -
    a number that is part of a name or designation, directly after a capitalised or
    letter-digit word other than the first of the sentence ("Voyager 2", "English 101",
    "South 32 Ltd", "i7 860"); ``one`` - value 1 from the word "one" used as a pronoun or
    determiner ("one of the best speakers", "One proposal asks") when the sentence has no
    digit "1" and no focus word ("only/just one"), since a bare "one" is not a figure for us.
    """
    if relative_time(sentence, g):
        return "relative_time"
    if g.unit is not None or g.value is None or not float(g.value).is_integer():
        return None
    text, n = sentence.text, int(g.value)
    if 1800 <= n <= 2100 and re.search(rf"(?<![\d,.]){n}(?:s\b|\b)(?![,.]\d)", text):
        return "year"
    m = re.search(rf"(?<![\d,.])(?:\S*?[—–\"'(])?(\w+)\s+{n}(?![\d,.%])", text)
    if m and m.start(1) > 0 and re.fullmatch(r"[A-Z][A-Za-z]+|[A-Za-z]+\d+", m.group(1)) and \
            re.search(r"(?i)\b(?:January|February|March|April|May|June|July|August|September|"
                      r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
                      r"Dec)$", m.group(1)) is None:
        return "name"
    if n == 1 and _PARTITIVE_ONE.search(text) and not re.search(r"(?<![\d.,])1(?![\d.,])", text) \
            and not _FOCUS_ONE.search(text):
        return "one"
    return None


def news_view(sentences: Sequence[GoldSentence], predictions: Sequence[Sequence[Pred]]
              ) -> tuple[list[GoldSentence], list[list[Pred]], dict[str, int]]:
    """Gold without the items :func:`not_a_news_figure` excludes, and predictions without those
    that value-match an excluded item (so neither side is scored on them)."""
    out_s: list[GoldSentence] = []
    out_p: list[list[Pred]] = []
    excluded: dict[str, int] = {}
    for s, preds in zip(sentences, predictions, strict=True):
        keep, drop = [], []
        for g in s.quantities:
            why = not_a_news_figure(s, g)
            if why:
                excluded[why] = excluded.get(why, 0) + 1
                drop.append(g)
            else:
                keep.append(g)
        matched = {pi for _, pi in align(drop, preds)}
        out_s.append(GoldSentence(s.text, tuple(keep)))
        out_p.append([p for i, p in enumerate(preds) if i not in matched])
    return out_s, out_p, excluded


def read_positions(path: Path) -> dict[int, str | None]:
    """Sentence positions named in a split file (``gold/splits/newsquant-report-only.txt``):
    one position per line, optionally a tab and the SHA-1 of the sentence; ``#`` comments."""
    out: dict[int, str | None] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pos, _, sha = line.partition("\t")
        if not pos.strip().isdigit():
            raise click.UsageError(f"{path} line {n}: expected a sentence position (and a tab "
                                   f"and its SHA-1), got {line[:40]!r}")
        out[int(pos)] = sha.strip() or None
    return out


def select_positions(sentences: Sequence[GoldSentence], split: Path, keep: bool
                     ) -> list[GoldSentence]:
    """The sentences at the positions of ``split`` (``keep``) or all others (not ``keep``), in
    gold order. A position past the end or a sentence whose SHA-1 differs from the one the
    split file records is a usage error (the split would select other sentences)."""
    wanted = read_positions(split)
    bad = [i for i, sha in wanted.items() if i >= len(sentences) or sha is not None and
           hashlib.sha1(sentences[i].text.encode("utf-8")).hexdigest() != sha]
    if bad:
        raise click.UsageError(f"{len(bad)} position(s) of {split} do not fit this gold file "
                               f"(first: {bad[:3]}): missing or another sentence there")
    return [s for i, s in enumerate(sentences) if (i in wanted) == keep]


def run(path: Path, predictor: Callable[[list[str]], list[list[Pred]]],
        errors: list[dict[str, Any]] | None = None, limit: int | None = None,
        docs: Path | None = None, exclude_docs: Path | None = None) -> dict[str, Any]:
    """Score ``predictor`` on the gold file (only the positions of ``docs``, or all but those
    of ``exclude_docs``); adds format, seconds and sentences/s."""
    fmt, sentences = load_gold(path)
    if docs is not None:
        sentences = select_positions(sentences, docs, keep=True)
    if exclude_docs is not None:
        sentences = select_positions(sentences, exclude_docs, keep=False)
    if limit:
        sentences = sentences[:limit]
    t0 = time.perf_counter()
    preds = predictor([s.text for s in sentences])
    secs = time.perf_counter() - t0
    result = score(sentences, preds, errors)
    result.update(format=fmt, seconds=round(secs, 3),
                  sentences_per_s=round(len(sentences) / secs, 1) if secs else None)
    ns, np_, excluded = news_view(sentences, preds)
    result["news_view"] = score(ns, np_)
    result["news_view"].update(excluded=excluded)
    return result


def format_row(name: str, r: dict[str, Any]) -> str:
    """One line of scores (plus a second line for the news view when present)."""
    row = _row(name, r)
    nv = r.get("news_view")
    if nv:
        why = ", ".join(f"{k} {v}" for k, v in sorted(nv["excluded"].items())) or "none"
        row += (f"\n  news view, gold without {why}: gold={nv['gold']} value P/R/F1 "
                f"{nv['value']['p']:.3f}/{nv['value']['r']:.3f}/{nv['value']['f1']:.3f}  "
                f"value+bound F1 {nv['value_bound']['f1']:.3f}  unit F1 {nv['unit']['f1']:.3f}")
    return row


def _row(name: str, r: dict[str, Any]) -> str:
    return (f"{name:<12} {r['format']:<11} n={r['sentences']:<4} gold={r['gold']:<4} "
            f"pred={r['predicted']:<4} value P/R/F1 {r['value']['p']:.3f}/{r['value']['r']:.3f}/"
            f"{r['value']['f1']:.3f}  value+bound F1 {r['value_bound']['f1']:.3f}  "
            f"unit F1 {r['unit']['f1']:.3f}  concept {r['concept']['accuracy']:.3f} "
            f"(partial {r['concept']['partial']:.3f}) "
            f"(n={r['concept']['n']})  {r['sentences_per_s']} sent/s")


@click.command("figures")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write per-sentence errors (missed, spurious, wrong bound/unit/concept) as JSONL.")
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--docs", "docs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Only the sentences at the positions this file names (one "
                                 "position per line, a tab and the sentence's SHA-1, # comments), "
                                 "e.g. gold/splits/newsquant-report-only.txt.")
@click.option("--exclude-docs", "exclude_docs",
              type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="All sentences but those at the positions this file names (the tuning part "
                   "of a split).")
def command(path: Path, errors_path: Path | None, limit: int | None, as_json: bool,
            docs: Path | None, exclude_docs: Path | None) -> None:
    """Score figure extraction on NewsQuant, quantulum3 or our figure gold JSONL (detected)."""
    from allegedly.evaluation import figure_gold

    if figure_gold.is_figure_gold(path):  # gold/figures/*.jsonl: offsets into real pages
        if docs or exclude_docs:
            raise click.UsageError("--docs/--exclude-docs select NewsQuant or quantulum3 "
                                   "sentences; a figure gold file is scored whole")
        return figure_gold.command_main(path, errors_path, limit, as_json)
    errors: list[dict[str, Any]] | None = [] if errors_path else None
    result = run(path, lambda texts: predict_allegedly(texts), errors, limit, docs, exclude_docs)
    if docs is not None:
        result["docs_file"] = str(docs)
    if exclude_docs is not None:
        result["exclude_docs_file"] = str(exclude_docs)
    if errors_path is not None and errors is not None:
        with errors_path.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        if docs is not None:
            click.echo(f"wrote {len(errors)} errors to {errors_path} (never read them for a "
                       "report-only set while writing rules)", err=True)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(format_row("allegedly", result))
