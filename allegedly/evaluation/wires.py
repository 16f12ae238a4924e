"""Wire-credit detection on PolNeAR (``polnear/metadata.tsv``, column ``wire``: AP, AFP, UPI,
Reuters or None) over the train and dev articles.

``allegedly eval wires ../shared/data/polnear`` runs :func:`allegedly.ingest.wires.detect_wire`
on each article's *text only* (the metadata's author column is not given, it would leak the
answer) and reports precision and recall of "this article is wire copy" and the accuracy of
the agency named. Rows whose wire is ``NA`` (not annotated) are left out and counted.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import click

COMPARTMENTS = ("train", "dev")


def rows(base: Path) -> list[dict[str, str]]:
    """Metadata rows of the train and dev compartments whose text file exists."""
    with open(base / "metadata.tsv", encoding="utf-8", newline="") as fh:
        meta = list(csv.DictReader(fh, delimiter="\t"))
    return [r for r in meta if r["compartment"] in COMPARTMENTS
            and (base / r["compartment"] / "text" / f"{r['filename']}.txt").exists()]


def _gold(value: str) -> str | None:
    return None if value in ("None", "") else {"reuters": "Reuters"}.get(value, value)


def evaluate(base: Path) -> dict[str, Any]:
    """Precision / recall of wire detection; agency accuracy on the true positives."""
    from allegedly.ingest.wires import wire_of

    tp = fp = fn = tn = right = skipped = 0
    for r in rows(base):
        if r["wire"] in ("NA",):
            skipped += 1
            continue
        gold = _gold(r["wire"])
        text = (base / r["compartment"] / "text" / f"{r['filename']}.txt").read_text(
            encoding="utf-8")
        pred = wire_of(text)
        if pred and gold:
            tp += 1
            right += pred == gold
        elif pred:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"articles": tp + fp + fn + tn, "not_annotated": skipped, "wire_articles": tp + fn,
            "precision": round(p, 4), "recall": round(rec, 4),
            "f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0,
            "agency_accuracy": round(right / tp, 4) if tp else None,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


@click.command("wires")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def command(path: Path) -> None:
    """Wire-credit detection on PolNeAR train + dev (PATH: ../shared/data/polnear)."""
    click.echo(json.dumps(evaluate(Path(path)), indent=1))
