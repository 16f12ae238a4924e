"""FA-KES (Abu Salem et al., ICWSM 2019): Syrian-war articles labelled 1 (credible) or 0 (fake:
their casualty figures disagree with the VDC's independent record).

``allegedly eval fakes ../shared/data/fakes_syria`` ingests the articles, links them, and on
the events (location + date) covered by three or more outlets flags every article that has a
figure in a ``conflict`` comparison (allegedly's own output, nothing tuned on the labels).
It reports precision, recall and balanced accuracy of the flag against label 0, beside the
always-flag baseline, how well linking puts articles of one event together (article
pairs sharing a claim group vs pairs of the same event), and how many figure comparisons are
between articles of one location (and date).
"""

from __future__ import annotations

import csv
import itertools
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

CSV = "FA-KES-Dataset.csv"
READER: dict[str, str] = {}  # the field aliases read FA-KES as it is (article_content, ...)


def _meta(store: Any, csv_path: Path) -> dict[str, dict[str, str]]:
    from allegedly.evaluation.corpus_data import record_number

    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for a in store.query("SELECT id, origin FROM articles"):
        r = rows[record_number(a["origin"]) - 1]
        out[a["id"]] = {"event": f"{r['location'].strip().lower()}|{r['date'].strip()}",
                        "source": r["source"].strip(), "label": r["labels"].strip()}
    return out


def scores(flags: dict[str, bool], truth: dict[str, bool]) -> dict[str, Any]:
    """Precision, recall, balanced accuracy of ``flags`` against ``truth`` (True = fake)."""
    tp = sum(flags[a] and truth[a] for a in truth)
    fp = sum(flags[a] and not truth[a] for a in truth)
    fn = sum(not flags[a] and truth[a] for a in truth)
    tn = sum(not flags[a] and not truth[a] for a in truth)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    spec = tn / (tn + fp) if tn + fp else 0.0
    return {"n": len(truth), "flagged": tp + fp, "precision": round(p, 4),
            "recall": round(r, 4), "balanced_accuracy": round((r + spec) / 2, 4),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def evaluate(store: Any, csv_path: Path, min_outlets: int = 3) -> dict[str, Any]:
    """The flag scores on events with ``min_outlets`` or more outlets, and event linking."""
    meta = _meta(store, csv_path)
    outlets: dict[str, set[str]] = defaultdict(set)
    for m in meta.values():
        outlets[m["event"]].add(m["source"])
    covered = {a for a, m in meta.items() if len(outlets[m["event"]]) >= min_outlets}
    conflicted = {r[0] for r in store.conn.execute(
        "SELECT a_article FROM figure_comparisons WHERE kind = 'conflict' UNION "
        "SELECT b_article FROM figure_comparisons WHERE kind = 'conflict'")}
    truth = {a: meta[a]["label"] == "0" for a in covered}
    flag = scores({a: a in conflicted for a in covered}, truth)
    always = scores({a: True for a in covered}, truth)
    return {"articles": len(meta), "events": sum(1 for e in outlets.values()
                                                 if len(e) >= min_outlets),
            "covered_articles": len(covered), "flag": flag, "always_flag": always,
            "event_linking": event_linking(store, meta),
            "comparisons": comparison_events(store, meta)}


def comparison_events(store: Any, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    """How many figure comparisons are between articles of one FA-KES location, and of one
    location and date (comparisons are made within corpus events: a low share means events
    that merge different incidents)."""
    total = place = same = 0
    for a, b in store.conn.execute("SELECT a_article, b_article FROM figure_comparisons"):
        total += 1
        place += meta[a]["event"].split("|")[0] == meta[b]["event"].split("|")[0]
        same += meta[a]["event"] == meta[b]["event"]
    return {"total": total,
            "same_location_share": round(place / total, 4) if total else None,
            "same_event_share": round(same / total, 4) if total else None}


def event_linking(store: Any, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Article pairs sharing a claim group vs article pairs of the same event."""
    groups: dict[str, set[str]] = defaultdict(set)
    for gid, aid in store.conn.execute(
            "SELECT group_id, article_id FROM group_members WHERE status != 'rejected'"):
        groups[gid].add(aid)
    pred = {p for arts in groups.values() for p in itertools.combinations(sorted(arts), 2)}
    by_event: dict[str, list[str]] = defaultdict(list)
    for a, m in meta.items():
        by_event[m["event"]].append(a)
    gold = {p for arts in by_event.values() for p in itertools.combinations(sorted(arts), 2)}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"predicted_pairs": len(pred), "gold_pairs": len(gold), "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@click.command("fakes")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Store to build (or reuse); default: a temporary one.")
@click.option("--embedding/--no-embedding", default=False, help="Link with the embedding.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64))
def command(path: Path, db_path: Path | None, embedding: bool, jobs: int) -> None:
    """FA-KES conflict flags vs label 0, and event linking (PATH: ../shared/data/fakes_syria)."""
    from allegedly.evaluation.corpus_data import linked_store
    from allegedly.settings import load_settings

    csv_path = Path(path) / CSV
    db_path = db_path or Path(tempfile.mkdtemp(prefix="allegedly-fakes-")) / "fakes.db"
    settings = load_settings().with_(link_embedding=embedding, link_after_ingest=False)
    with linked_store(csv_path, db_path, READER, settings, jobs) as store:
        click.echo(json.dumps(evaluate(store, csv_path), indent=1))
