"""``allegedly eval extraction PATH``: main-text extraction accuracy on real pages.

Two gold sets (neither is shipped; point PATH at them):

- the Zyte article-extraction benchmark (a folder with ``ground-truth.json`` and
  ``html/<id>.html.gz``): word 4-gram shingle precision/recall per page, averaged
  (:func:`zyte_score`, the benchmark's own metric);
- trafilatura's evaluation set (a folder with ``evaldata.json``, ``eval/`` and ``cache/``):
  segments that must appear (``with``) or must not (``without``) in the output
  (:func:`segment_score`).

Three outputs are scored per page: ``allegedly`` = the text allegedly analyses (``Article.text``
minus the ``removed`` regions), ``article-text`` = ``Article.text`` as stored (clutter kept), and
``trafilatura`` = trafilatura with its default options (the reference point).
"""

from __future__ import annotations

import gzip
import json
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from allegedly.errors import InputError

_TOK = re.compile(r"\w+", re.UNICODE)


# ---- the Zyte metric -------------------------------------------------------------------------


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word ``n``-gram shingles (words = ``\\w+`` runs)."""
    t = _TOK.findall(text or "")
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])


def doc_prf(gold: str | None, pred: str | None) -> tuple[float | None, float | None, float]:
    """Per-page (precision, recall, exact-match); precision is None for an empty prediction,
    recall None for an empty gold text (those pages leave the respective mean)."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    tpn, fpn, fnn = (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)
    prec = None if tpn + fpn == 0 else (1.0 if fpn == fnn == 0 else tpn / (tpn + fpn))
    rec = None if tpn + fnn == 0 else (1.0 if fpn == fnn == 0 else tpn / (tpn + fnn))
    return prec, rec, float(_TOK.findall(gold or "") == _TOK.findall(pred or ""))


def zyte_score(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, float]:
    """The Zyte benchmark metric over (gold, predicted) text pairs: mean precision and recall over
    pages, F1 of the two means, exact-match accuracy (rounded to 3 places, as published)."""
    rows = [doc_prf(g, p) for g, p in pairs]
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "accuracy": 0.0}
    ps = [r[0] for r in rows if r[0] is not None]
    rs = [r[1] for r in rows if r[1] is not None]
    p, r = sum(ps) / max(1, len(ps)), sum(rs) / max(1, len(rs))
    if p + r == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "accuracy": 0.0}
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3),
            "accuracy": round(sum(x[2] for x in rows) / len(rows), 3)}


def segment_score(docs: Iterable[tuple[str, list[str], list[str]]]) -> dict[str, float]:
    """trafilatura's evaluation metric over (output, with, without) triples: a ``with`` segment
    found is a TP (missing: FN); a ``without`` segment found is an FP (missing: TN)."""
    tp = fn = fp = tn = 0
    for out, with_, without in docs:
        for s in with_:
            if s in out:
                tp += 1
            else:
                fn += 1
        for s in without:
            if s in out:
                fp += 1
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    total = tp + tn + fp + fn
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "accuracy": round((tp + tn) / total, 3) if total else 0.0}


# ---- systems ---------------------------------------------------------------------------------


def system_outputs(html: str, url: str | None) -> dict[str, str]:
    """The three scored outputs for one page (see the module docstring)."""
    import trafilatura

    from allegedly.ingest import article_from_html
    from allegedly.ingest.clean import without

    out: dict[str, str] = {}
    try:
        art = article_from_html(html, url=url, origin=url)
        out["allegedly"] = without(art.text, art.removed)
        out["article-text"] = art.text
    except InputError:
        out["allegedly"] = out["article-text"] = ""
    out["trafilatura"] = trafilatura.extract(html, url=url) or ""
    return out


# ---- gold sets -------------------------------------------------------------------------------


def _read_gz(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def iter_zyte(root: Path) -> Iterator[dict[str, Any]]:
    """Pages of the Zyte benchmark at ``root``: dicts with id, url, html, gold."""
    gt = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for item_id, rec in gt.items():
        raw = gzip.decompress((root / "html" / f"{item_id}.html.gz").read_bytes())
        yield {"id": item_id, "url": rec.get("url"), "html": raw.decode("utf-8", "replace"),
               "gold": rec["articleBody"]}


def iter_trafilatura(root: Path) -> Iterator[dict[str, Any]]:
    """Pages of trafilatura's evaluation set at ``root``: dicts with url, html, with, without."""
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    for url, rec in data.items():
        for sub in ("eval", "cache"):
            p = root / sub / (rec["file"] + ".gz")
            if p.exists():
                yield {"url": url, "html": _read_gz(p), "with": rec.get("with", []),
                       "without": rec.get("without", [])}
                break


def evaluate_zyte(root: Path, limit: int | None = None,
                  progress: Callable[[int], None] | None = None) -> dict[str, dict[str, float]]:
    """Zyte metric per system on the benchmark at ``root`` (first ``limit`` pages if given)."""
    pairs: dict[str, list[tuple[str, str]]] = {}
    for i, d in enumerate(iter_zyte(root)):
        if limit is not None and i >= limit:
            break
        for name, text in system_outputs(d["html"], d["url"]).items():
            pairs.setdefault(name, []).append((d["gold"], text))
        if progress:
            progress(i + 1)
    return {name: zyte_score(p) for name, p in pairs.items()}


def evaluate_trafilatura(root: Path, limit: int | None = None,
                         progress: Callable[[int], None] | None = None
                         ) -> dict[str, dict[str, float]]:
    """Segment metric per system on trafilatura's evaluation set at ``root``."""
    triples: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    for i, d in enumerate(iter_trafilatura(root)):
        if limit is not None and i >= limit:
            break
        for name, text in system_outputs(d["html"], d["url"]).items():
            triples.setdefault(name, []).append((text, d["with"], d["without"]))
        if progress:
            progress(i + 1)
    return {name: segment_score(t) for name, t in triples.items()}


def find_sets(path: Path) -> dict[str, Path]:
    """Which gold sets live at ``path`` (the set's own folder or a folder holding them)."""
    found: dict[str, Path] = {}
    for cand in (path, path / "zyte_aeb", path / "trafilatura_eval"):
        if (cand / "ground-truth.json").exists() and (cand / "html").is_dir():
            found["zyte"] = cand
        if (cand / "evaldata.json").exists():
            found["trafilatura_eval"] = cand
    return found


@click.command("extraction")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Score only the first N pages of each set.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(path: Path, limit: int | None, as_json: bool) -> None:
    """Main-text extraction accuracy: Zyte benchmark and/or trafilatura's evaluation set at PATH."""
    sets = find_sets(path)
    if not sets:
        raise click.ClickException(
            f"No extraction gold set at {path}: expected a folder with ground-truth.json and "
            "html/ (Zyte benchmark) or evaldata.json (trafilatura evaluation set).")
    cmd = "allegedly eval extraction " + " ".join(shlex.quote(a) for a in sys.argv[3:]) \
        if len(sys.argv) > 3 else f"allegedly eval extraction {path}"
    results: dict[str, Any] = {"command": cmd}
    for name, root in sets.items():
        t0 = time.perf_counter()
        if name == "zyte":
            scores = evaluate_zyte(root, limit)
            metric = "Zyte word-4-gram shingles, mean over pages"
        else:
            scores = evaluate_trafilatura(root, limit)
            metric = "trafilatura segments (with/without)"
        results[name] = {"metric": metric, "seconds": round(time.perf_counter() - t0, 1),
                         "scores": scores}
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    click.echo(f"$ {cmd}")
    for name, res in results.items():
        if name == "command":
            continue
        click.echo(f"\n{name} ({res['metric']}; {res['seconds']} s)")
        click.echo(f"  {'system':14s} {'P':>6s} {'R':>6s} {'F1':>6s} {'exact':>6s}")
        for system, s in res["scores"].items():
            click.echo(f"  {system:14s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                       f"{s['accuracy']:6.3f}")
