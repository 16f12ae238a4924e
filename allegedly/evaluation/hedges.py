"""``allegedly eval hedges PATH``: hedge detection against the Szeged Uncertainty Corpus.

PATH is the corpus folder (its news part, ``factbank.xml``, is read) or one XML file of it.
Every sentence is parsed with the same spaCy model as the pipeline and run through
:func:`allegedly.extract.hedges.find_hedge_cues`. Reported:

* **sentence level**: does the sentence contain an uncertainty cue (P/R/F1);
* **cue level, exact**: our cue words (``cue_start``..``cue_end``, e.g. "may") equal a gold cue's
  offsets; **cue level, overlap**: our evidence span ("may have been lost") shares a token with a
  gold cue. Predictions and gold cues are paired one-to-one.
* ``--by-kind``: recall per gold cue type (doxastic, probable, possible, condition,
  investigation) and precision per predicted kind (adverb, modal, ...), overlap matching: the
  two taxonomies differ, so each side is scored by its own labels.

The corpus annotates speculation broadly (forecasts like "is expected to", conditionals "if",
open questions "whether"), and allegedly reports these too, labelled by kind; it does not
annotate pure distancing ("reportedly" is rare in it), so precision on such cues is not tested.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from allegedly.evaluation.szeged import CUE_TYPES, GoldCue, GoldSentence, read_sentences
from allegedly.extract.hedges import HEDGE_KINDS, HedgeCue, find_hedge_cues


@dataclass
class PRF:
    """True/false positive and false negative counts with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class HedgeScores:
    sentences: int = 0
    sentence: PRF = field(default_factory=PRF)
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    recall_by_type: dict[str, PRF] = field(default_factory=dict)  # tp/fn per gold type
    precision_by_kind: dict[str, PRF] = field(default_factory=dict)  # tp/fp per predicted kind
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "sentence": self.sentence.as_dict(),
            "cue_exact": self.exact.as_dict(),
            "cue_overlap": self.overlap.as_dict(),
            "recall_by_gold_type": {k: v.as_dict() for k, v in self.recall_by_type.items()},
            "precision_by_kind": {k: v.as_dict() for k, v in self.precision_by_kind.items()},
        }


def _pair(preds: Sequence[tuple[int, int]], golds: Sequence[GoldCue], exact: bool
          ) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedy in text order."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, (ps, pe) in enumerate(preds):
        for j, g in enumerate(golds):
            if j in used:
                continue
            hit = (ps, pe) == (g.start, g.end) if exact else ps < g.end and g.start < pe
            if hit:
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def score_sentence(scores: HedgeScores, gold: GoldSentence, cues: Sequence[HedgeCue]) -> None:
    """Add one sentence's gold cues and predicted hedges to ``scores`` (and its errors)."""
    scores.sentences += 1
    predicted, uncertain = bool(cues), gold.uncertain
    s = scores.sentence
    s.tp += predicted and uncertain
    s.fp += predicted and not uncertain
    s.fn += uncertain and not predicted
    cores = [(c.cue_start, c.cue_end) for c in cues]
    spans = [(c.match.start, c.match.end) for c in cues]
    for prf, preds, exact in ((scores.exact, cores, True), (scores.overlap, spans, False)):
        pairs = _pair(preds, gold.cues, exact)
        prf.tp += len(pairs)
        prf.fp += len(preds) - len(pairs)
        prf.fn += len(gold.cues) - len(pairs)
    pairs = _pair(spans, gold.cues, exact=False)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    for j, g in enumerate(gold.cues):
        prf = scores.recall_by_type.setdefault(g.type, PRF())
        if j in matched_gold:
            prf.tp += 1
        else:
            prf.fn += 1
            scores.errors.append(_error("FN", gold, g.start, g.end, g.text, g.type))
    for i, c in enumerate(cues):
        prf = scores.precision_by_kind.setdefault(c.match.kind, PRF())
        if i in matched_pred:
            prf.tp += 1
        else:
            prf.fp += 1
            scores.errors.append(_error("FP", gold, c.match.start, c.match.end, c.match.cue,
                                        c.match.kind))


def _error(kind: str, gold: GoldSentence, start: int, end: int, cue: str, label: str
           ) -> dict[str, Any]:
    return {"error": kind, "doc": gold.doc, "sid": gold.sid, "start": start, "end": end,
            "span": gold.text[start:end], "cue": cue, "label": label,
            "sentence_uncertain": gold.uncertain,
            "gold_cues": [c.text for c in gold.cues], "text": gold.text}


def evaluate(golds: Iterable[GoldSentence], nlp: Any, batch_size: int = 64) -> HedgeScores:
    """Parse every gold sentence with ``nlp`` and score :func:`find_hedge_cues` on it."""
    golds = list(golds)
    scores = HedgeScores()
    docs = nlp.pipe((g.text for g in golds), batch_size=batch_size)
    for gold, doc in zip(golds, docs, strict=True):
        score_sentence(scores, gold, find_hedge_cues(doc))
    return scores


def _load_nlp(model: str) -> Any:
    import spacy

    from allegedly.errors import ModelError
    from allegedly.extract.lemmas import register_lemmatizer

    try:
        nlp = spacy.load(model, disable=["lemmatizer"])
    except OSError as exc:
        raise ModelError("E201", detail=model) from exc
    register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
    return nlp


def _row(name: str, prf: PRF, fields: str = "pr") -> str:
    p = f"{prf.precision:6.3f}" if "p" in fields else "     -"
    r = f"{prf.recall:6.3f}" if "r" in fields else "     -"
    f = f"{prf.f1:6.3f}" if fields == "pr" else "     -"
    return f"{name:<24} {p} {r} {f}   tp={prf.tp} fp={prf.fp} fn={prf.fn}"


def format_table(scores: HedgeScores, by_kind: bool = False) -> str:
    """A plain-text table of the scores (the one pasted into docs/accuracy.md)."""
    lines = [f"sentences: {scores.sentences}",
             f"{'level':<24} {'P':>6} {'R':>6} {'F1':>6}",
             _row("sentence", scores.sentence),
             _row("cue (exact)", scores.exact),
             _row("cue (token overlap)", scores.overlap)]
    if by_kind:
        lines.append("recall by gold cue type (overlap):")
        for t in [*CUE_TYPES, *sorted(set(scores.recall_by_type) - set(CUE_TYPES))]:
            if t in scores.recall_by_type:
                lines.append(_row(f"  {t}", scores.recall_by_type[t], "r"))
        lines.append("precision by predicted kind (overlap):")
        for k in HEDGE_KINDS:
            if k in scores.precision_by_kind:
                lines.append(_row(f"  {k}", scores.precision_by_kind[k], "p"))
    return "\n".join(lines)


@click.command("hedges")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--by-kind", is_flag=True, help="Recall per gold cue type, precision per kind.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write false positives/negatives (with their sentences) as JSON lines.")
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default=None, help="spaCy model (default: the configured one).")
def command(path: Path, by_kind: bool, errors_path: Path | None, limit: int | None,
            as_json: bool, model: str | None) -> None:
    """Hedge detection on the Szeged Uncertainty Corpus (PATH: its folder or an XML file)."""
    from allegedly.settings import load_settings

    try:
        golds = list(read_sentences(path))
    except (FileNotFoundError, SyntaxError) as exc:  # ET.ParseError is a SyntaxError
        raise click.ClickException(str(exc)) from exc
    if limit is not None:
        golds = golds[:limit]
    nlp = _load_nlp(model or load_settings().model)
    scores = evaluate(golds, nlp)
    if errors_path is not None:
        with errors_path.open("w", encoding="utf-8") as fh:
            for err in scores.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
        counts = Counter(e["error"] for e in scores.errors)
        click.echo(f"wrote {counts['FP']} false positives and {counts['FN']} false negatives "
                   f"(cue level, overlap) to {errors_path}", err=True)
    if as_json:
        click.echo(json.dumps(scores.as_dict(), indent=2))
    else:
        click.echo(format_table(scores, by_kind))
