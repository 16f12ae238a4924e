"""RUWA (Khairova et al., LDK 2023): headline + lead records of nine 2022 events from nine
outlets. ``allegedly eval ruwa ../shared/data/ruwa`` ingests the records of four events
(title + lead as the text, with the CSV options), links them, and reports:

- the Mariupol drama-theatre strike: the group holding the BBC "Estimated 300 dead", Reuters
  "… estimates 300 were killed …" and Censor.net "… about 300 people were killed …" records,
  its reports and independent origins, whether the unattributed BBC record inherits a
  suggested origin, and what the AP investigation's 600 weeks later is compared as;
- the Kramatorsk station strike (8 April 2022): how the "more than 30", "over 50", "at least
  52" and "39 … as of 13:00" records are compared (never a conflict);
- every event: the groups whose articles mostly carry that event label, the share of
  grouped article pairs with the same label, and the share of figure comparisons between
  articles with the same label (comparisons are made within corpus events: a low share
  means events merged across RUWA's). Labels are RUWA's, and noisy: the AP 600 records are
  filed under another event.

No rule or lexicon entry was written for these records; the records are identified here by
their own words only to report on them.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import click

EVENTS = ("theatre", "railway", "supermarket", "sinking")
READER = {"text_field": "text", "title_field": "title", "url_field": "url",
          "date_field": "published", "outlet_field": "outlet"}
MARIUPOL = {"BBC": "Estimated 300 dead", "Reuters": "estimates 300 were killed",
            "Censor.net": "about 300 people were killed"}
KRAMATORSK = {"more than 30": "More than 30 people were killed",
              "over 50": "killed over 50", "at least 52": "killed at least 52",
              "39 as of 13:00": "As of 13:00, 39 people"}


def write_csv(data_dir: Path, out: Path, events: tuple[str, ...] = EVENTS) -> int:
    """The records of ``events`` as a CSV with text = title + lead; return the row count."""
    zips = sorted(Path(data_dir).glob("*.zip"))
    if not zips:
        raise click.ClickException(f"no RUWA zip in {data_dir}")
    with zipfile.ZipFile(zips[0]) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv") and "__MACOSX" not in n)
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["text", "title", "url", "published", "outlet", "event"])
        w.writeheader()
        for r in rows:
            title, lead = r["title"].strip(), r["desc"].strip()
            if r["Event"] in events and (title or lead):
                w.writerow({"text": "\n\n".join(x for x in (title, lead) if x), "title": title,
                            "url": r["src"], "published": r["Date"], "outlet": r["Site"],
                            "event": r["Event"]})
                n += 1
    return n


def _labels(store: Any, csv_path: Path) -> dict[str, str]:
    from allegedly.evaluation.corpus_data import record_number

    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {a["id"]: rows[record_number(a["origin"]) - 1]["event"]
            for a in store.query("SELECT id, origin FROM articles")}


def _find(groups: list[dict[str, Any]], words: str) -> dict[str, Any] | None:
    return next((g for g in groups for m in g["members"] if words in (m["text"] or "")), None)


def mariupol(store: Any, groups: list[dict[str, Any]]) -> dict[str, Any]:
    """The Mariupol theatre group and the AP 600 comparisons."""
    from allegedly.corpus.views import iter_comparisons

    group = _find(groups, MARIUPOL["BBC"])
    out: dict[str, Any] = {"group": group and group["group"]}
    if group:
        texts = {o: any(w in (m["text"] or "") for m in group["members"])
                 for o, w in MARIUPOL.items()}
        bbc = next(m for m in group["members"] if MARIUPOL["BBC"] in (m["text"] or ""))
        out.update(members=texts, reports=group["reports"],
                   independent_origins=group["independent_origins"],
                   origins=[o["name"] for o in group["origins"] if not o["inherited"]],
                   bbc_inherits=bbc["inherited"],
                   bbc_origins=[o["name"] for o in bbc["origins"]])
    kinds = Counter()
    for c in iter_comparisons(store, kinds=()):
        values = {c["a"]["value"], c["b"]["value"]}
        if 600 in values and 300 in values and "Mariupol" in json.dumps(c):
            kinds[c["kind"]] += 1
    out["ap_600_vs_300"] = dict(kinds)
    return out


def kramatorsk(store: Any, groups: list[dict[str, Any]]) -> dict[str, Any]:
    """Which Kramatorsk records share a group and an event, and the kinds of the comparisons
    between their fatal figures."""
    from allegedly.corpus.views import iter_comparisons

    found = {k: _find(groups, w) for k, w in KRAMATORSK.items()}
    claims = {(m["article"], m["claim"]) for k, g in found.items() if g
              for m in g["members"] if KRAMATORSK[k] in (m["text"] or "")}
    kinds: Counter = Counter()
    seen = set()
    for g in {g["group"]: g for g in found.values() if g}.values():
        for c in iter_comparisons(store, kinds=(), group=g["group"]):
            ident = (c["a"]["article"], c["a"]["figure"], c["b"]["article"], c["b"]["figure"])
            if ident in seen or c["a"]["measure"] == "wounded":
                continue
            seen.add(ident)
            if {(c["a"]["article"], c["a"]["claim"]), (c["b"]["article"], c["b"]["claim"])
                    } <= claims:
                kinds[c["kind"]] += 1
    events = {g["event"] for g in found.values() if g}
    grouped = Counter(g["group"] for g in found.values() if g)
    return {"groups": {k: g and g["group"] for k, g in found.items()},
            "largest_shared_group": max(grouped.values(), default=0),
            "events": len(events), "kinds_between_them": dict(kinds)}


def per_event(groups: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """Groups per majority event label, and same-label share of grouped article pairs."""
    by_event: Counter = Counter()
    same = total = 0
    for g in groups:
        arts = sorted({m["article"] for m in g["members"] if m["status"] != "rejected"})
        by_event[Counter(labels[a] for a in arts).most_common(1)[0][0]] += 1
        for a, b in itertools.combinations(arts, 2):
            total += 1
            same += labels[a] == labels[b]
    return {"groups_by_event": dict(by_event), "pairs": total,
            "same_event_share": round(same / total, 4) if total else None}


def evaluate(store: Any, csv_path: Path) -> dict[str, Any]:
    """Everything the module docstring lists, as a dict."""
    from allegedly.corpus.views import iter_comparisons, iter_groups

    groups = list(iter_groups(store))
    labels = _labels(store, csv_path)
    kinds: Counter = Counter()
    same = 0
    for c in iter_comparisons(store, kinds=()):
        kinds[c["kind"]] += 1
        same += labels[c["a"]["article"]] == labels[c["b"]["article"]]
    total = sum(kinds.values())
    return {"articles": store.count("articles"), "groups": len(groups),
            "comparisons": dict(kinds),
            "comparisons_same_event_share": round(same / total, 4) if total else None,
            "mariupol": mariupol(store, groups), "kramatorsk": kramatorsk(store, groups),
            "events": per_event(groups, labels)}


@click.command("ruwa")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Store to build (or reuse); default: a temporary one.")
@click.option("--embedding/--no-embedding", default=False, help="Link with the embedding.")
def command(path: Path, db_path: Path | None, embedding: bool) -> None:
    """RUWA Mariupol / Kramatorsk / per-event results (PATH: ../shared/data/ruwa)."""
    from allegedly.evaluation.corpus_data import linked_store
    from allegedly.settings import load_settings

    tmp = Path(tempfile.mkdtemp(prefix="allegedly-ruwa-"))
    csv_path = tmp / "ruwa.csv"
    click.echo(f"{write_csv(path, csv_path)} records", err=True)
    settings = load_settings().with_(link_embedding=embedding, link_after_ingest=False)
    with linked_store(csv_path, db_path or tmp / "ruwa.db", READER, settings) as store:
        click.echo(json.dumps(evaluate(store, csv_path), indent=1, default=str))


__all__ = ["command", "evaluate", "write_csv"]
