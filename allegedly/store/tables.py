"""The store's tables as plain data: column definitions and the rows of one article.

Everything here is pure (no database): :func:`article_rows` turns one analysed (or failed)
article into ``{table: [row, ...]}`` dicts whose keys are exactly the columns declared in
:data:`COLUMNS`. The SQLite writer and the Dask/Parquet path both use it, so the two engines
produce the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allegedly import keys
from allegedly.errors import message
from allegedly.model import Article, ArticleAnalysis, Attribution, Hedge, Span

#: Column name -> SQLite type, per table, in column order. ``runs`` and ``schema_version`` are
#: store bookkeeping; the others hold corpus content (and are the Parquet tables).
COLUMNS: dict[str, dict[str, type]] = {
    "articles": {
        "id": str, "url": str, "outlet": str, "title": str, "author": str, "published": str,
        "language": str, "origin": str, "input_format": str, "text": str, "removed": str,
        "status": str, "status_reason": str, "n_attributions": int, "n_figures": int,
        "n_claims": int, "warnings": str, "run_id": int,
        # added by schema migration 4: the allegedly/1 JSON of the analysis without "text"
        "analysis": str,
        # added by schema migration 5
        "wire": str,
    },
    "article_locations": {
        "article_id": str, "origin": str, "url": str, "outlet": str, "run_id": int,
    },
    "sources": {"id": str, "name": str, "kind": str, "description": str},
    "attributions": {
        "article_id": str, "id": str, "parent": str, "source_id": str, "source_name": str,
        "source_kind": str, "source_text": str, "source_start": int, "source_end": int,
        "source_description": str, "cue_text": str, "cue_lemma": str, "cue_class": str,
        "cue_start": int, "cue_end": int, "content_text": str, "content_start": int,
        "content_end": int, "quote_type": str, "hedges": str, "depth": int,
        # added by schema migration 6 (new and migrated stores both have them last)
        "act": str, "act_method": str,
        # added by schema migration 7: the outlet the source spoke to
        "via_name": str, "via_text": str, "via_start": int, "via_end": int,
    },
    "figures": {
        "article_id": str, "id": str, "text": str, "start": int, "end": int, "value": float,
        "low": float, "high": float, "bound": str, "change": str, "unit": str, "counted": str,
        "measure": str, "actor": str, "time_text": str, "as_of": str, "attribution": str,
        "source_id": str, "source_name": str, "source_kind": str, "figure_key": str,
        "warnings": str,
        # added by schema migration 3 (new and migrated stores both have them last)
        "measure_scope": str, "figure_key_exact": str,
    },
    "claims": {
        "article_id": str, "id": str, "text": str, "start": int, "end": int, "chain": str,
        "chain_text": str, "source_id": str, "source_name": str, "source_kind": str,
        "stance": str, "hedges": str, "n_hedges": int, "figures": str,
    },
    "relations": {
        "article_id": str, "seq": int, "kind": str, "a": str, "b": str, "key": str,
        "evidence_text": str, "evidence_start": int, "evidence_end": int, "note": str,
    },
    "errors": {
        "run_id": int, "origin": str, "code": str, "message": str, "time": str,
    },
}

#: Primary keys of the content tables.
PKS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "article_locations": ("article_id", "origin"),
    "sources": ("id",),
    "attributions": ("article_id", "id"),
    "figures": ("article_id", "id"),
    "claims": ("article_id", "id"),
    "relations": ("article_id", "seq"),
}

#: Tables whose rows belong to one article (deleted/written together with it).
ARTICLE_TABLES = ("articles", "article_locations", "attributions", "figures", "claims",
                  "relations")


@dataclass(frozen=True)
class Copy:
    """An input whose text is already stored (or pending) under another origin: a copy.

    Only its location is recorded (``article_locations``); it is not analysed again.
    """

    article: Article


@dataclass(frozen=True)
class Failure:
    """A per-item error in a picklable form (exceptions with keyword details do not pickle).

    ``article`` is set when the item was read but its analysis failed (it is then stored with
    ``status = 'not_analysed'``); it is None for inputs that could not be read at all.
    """

    code: str
    origin: str | None
    message: str
    article: Article | None = None

    @classmethod
    def from_error(cls, err: BaseException, article: Article | None = None) -> Failure:
        """Wrap an :class:`~allegedly.errors.AllegedlyError` (or any exception, as E202)."""
        origin = getattr(err, "origin", None) or (article.origin if article else None)
        code = getattr(err, "code", None)
        if code is None:  # an unexpected exception: report it as a failed analysis
            code, text = "E202", f"{origin or '-'}: E202 " + message("E202",
                                                                     detail=repr(err)[:300])
        else:
            text = str(err)
        return cls(code=code, origin=origin, message=text, article=article)


def source_id(name: str | None, kind: str) -> str | None:
    """Stable id of a resolved source: the same (name, kind) in any article, any engine; None
    for an unresolved pronoun (no name: it names nobody across articles)."""
    if name is None:
        return None
    key = f"{kind}\x1f{' '.join(name.split()).casefold()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def figure_key_exact(measure: str | None, counted: str | None, actor: str | None,
                     as_of: str | None) -> str | None:
    """The strict key ``measure|counted|actor|as_of`` as written (whitespace-normalised,
    casefolded; None without a measure): the ``figures.figure_key_exact`` column."""
    if not measure:
        return None
    parts = [measure, counted or "", actor or "", as_of or ""]
    return "|".join(" ".join(p.split()).casefold() for p in parts)


def figure_key_columns(measure: str | None, counted: str | None, actor: str | None,
                       as_of: str | None) -> dict[str, str | None]:
    """The comparison columns of a ``figures`` row, from the figure's own columns.

    - ``figure_key``: the key the corpus report and within-article relations compare figures
      on, :func:`allegedly.keys.figure_key` joined as ``actor|group|family`` (``russian|troops|
      fatal`` for "498 Russian soldiers killed" and "over 7,000 troops died"); None when the
      figure is not comparable (no measure, unknown measure family or counted group);
    - ``measure_scope``: :func:`allegedly.keys.measure_scope` (killed, died -> deaths; lost ->
      losses): figures with the same key and scope are directly comparable;
    - ``figure_key_exact``: :func:`figure_key_exact`, the stricter grouping.

    Used both for new rows and by the schema migration that recomputes stored rows.
    """
    shared = keys.figure_key(measure, counted, actor)
    return {"figure_key": "|".join(shared) if shared is not None else None,
            "measure_scope": keys.measure_scope(measure),
            "figure_key_exact": figure_key_exact(measure, counted, actor, as_of)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _hedges(hedges: Iterable[Hedge]) -> str:
    return _dumps([h.to_dict() for h in hedges])


def _span_cols(span: Span | None, prefix: str) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}text": None, f"{prefix}start": None, f"{prefix}end": None}
    return {f"{prefix}text": span.text, f"{prefix}start": span.start, f"{prefix}end": span.end}


def article_row(article: Article, *, run_id: int | None, status: str,
                reason: str | None = None) -> dict[str, Any]:
    """The ``articles`` row of an article (no analysis counts)."""
    return {
        "id": article.id, "url": article.url, "outlet": article.outlet, "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language, "origin": article.origin or "-",
        "input_format": article.input_format, "text": article.text,
        "removed": _dumps([r.to_dict() for r in article.removed]),
        "status": status, "status_reason": reason, "n_attributions": 0, "n_figures": 0,
        "n_claims": 0, "warnings": "[]", "run_id": run_id, "analysis": None, "wire": article.wire,
    }


def location_row(article: Article, run_id: int | None) -> dict[str, Any]:
    """One ``article_locations`` row: where this text was found."""
    return {"article_id": article.id, "origin": article.origin or article.url or "-",
            "url": article.url, "outlet": article.outlet, "run_id": run_id}


def error_row(failure: Failure, run_id: int | None, time: str) -> dict[str, Any]:
    """One ``errors`` row."""
    return {"run_id": run_id, "origin": failure.origin or "-", "code": failure.code,
            "message": failure.message, "time": time}


def empty_rows() -> dict[str, list[dict[str, Any]]]:
    """``{table: []}`` for every table in :data:`COLUMNS`."""
    return {t: [] for t in COLUMNS}


def analysis_json(analysis: ArticleAnalysis) -> str:
    """The ``articles.analysis`` column: ``analysis.to_dict()`` without the article ``text``
    (stored once, in ``articles.text``); :mod:`allegedly.store.read` puts it back."""
    data = analysis.to_dict()
    data.pop("text", None)
    return _dumps(data)


def analysis_rows(analysis: ArticleAnalysis, run_id: int | None,
                  rows: dict[str, list[dict[str, Any]]] | None = None
                  ) -> dict[str, list[dict[str, Any]]]:
    """All rows of one analysed article (appended to ``rows`` when given)."""
    rows = empty_rows() if rows is None else rows
    art = analysis.article
    aid = art.id
    if analysis.meta.get("analysed") is False:  # stored, not analysed (e.g. E108 language)
        why = "; ".join(f"{w.code}: {w.message}" for w in analysis.warnings) or None
        row = article_row(art, run_id=run_id, status="not_analysed", reason=why)
    else:
        row = article_row(art, run_id=run_id, status="analysed")
    row.update(n_attributions=len(analysis.attributions), n_figures=len(analysis.figures),
               n_claims=len(analysis.claims),
               warnings=_dumps([w.to_dict() for w in analysis.warnings]),
               analysis=analysis_json(analysis))
    rows["articles"].append(row)
    rows["article_locations"].append(location_row(art, run_id))

    by_id: dict[str, Attribution] = {a.id: a for a in analysis.attributions}

    def depth(att: Attribution) -> int:
        d, seen = 0, {att.id}
        while att.parent is not None and att.parent in by_id and att.parent not in seen:
            att = by_id[att.parent]
            seen.add(att.id)
            d += 1
        return d

    def src(att_id: str | None) -> tuple[str | None, str | None, str | None]:
        att = by_id.get(att_id) if att_id else None
        if att is None or att.source is None:
            return None, None, None
        s = att.source
        return source_id(s.name, s.kind), s.name, s.kind

    for att in analysis.attributions:
        s = att.source
        if s is not None and s.name is not None:
            rows["sources"].append({"id": source_id(s.name, s.kind), "name": s.name,
                                    "kind": s.kind, "description": s.description})
        r: dict[str, Any] = {
            "article_id": aid, "id": att.id, "parent": att.parent,
            "source_id": source_id(s.name, s.kind) if s else None,
            "source_name": s.name if s else None, "source_kind": s.kind if s else None,
            **_span_cols(s.span if s else None, "source_"),
            "source_description": s.description if s else None,
            **_span_cols(att.cue.span if att.cue else None, "cue_"),
            "cue_lemma": att.cue.lemma if att.cue else None,
            "cue_class": att.cue.cls if att.cue else None,
            **_span_cols(att.content, "content_"),
            "quote_type": att.quote, "hedges": _hedges(att.hedges), "depth": depth(att),
            "act": att.act, "act_method": att.act_method,
            "via_name": att.via.name if att.via else None,
            **_span_cols(att.via.span if att.via else None, "via_"),
        }
        rows["attributions"].append(r)

    for f in analysis.figures:
        sid, sname, skind = src(f.attribution)
        if f.attribution is None and art.outlet:
            sid, sname, skind = source_id(art.outlet, "publisher"), art.outlet, "publisher"
            rows["sources"].append({"id": sid, "name": sname, "kind": skind,
                                    "description": None})
        rows["figures"].append({
            "article_id": aid, "id": f.id, **_span_cols(f.span, ""), "value": f.value,
            "low": f.low, "high": f.high, "bound": f.bound, "change": f.change, "unit": f.unit,
            "counted": f.counted, "measure": f.measure, "actor": f.actor,
            "time_text": f.time.text if f.time else None, "as_of": f.as_of,
            "attribution": f.attribution, "source_id": sid, "source_name": sname,
            "source_kind": skind,
            "warnings": _dumps(list(f.warnings)),
            **figure_key_columns(f.measure, f.counted, f.actor, f.as_of),
        })

    for c in analysis.claims:
        names = [by_id[x].source.label for x in c.chain
                 if x in by_id and by_id[x].source is not None]
        sid, sname, skind = src(c.chain[-1] if c.chain else None)
        rows["claims"].append({
            "article_id": aid, "id": c.id, **_span_cols(c.span, ""), "chain": _dumps(list(c.chain)),
            "chain_text": " <- ".join(names) if names else None,
            "source_id": sid, "source_name": sname, "source_kind": skind, "stance": c.stance,
            "hedges": _hedges(c.hedges), "n_hedges": len(c.hedges),
            "figures": _dumps(list(c.figures)),
        })

    for i, rel in enumerate(analysis.relations):
        rows["relations"].append({
            "article_id": aid, "seq": i, "kind": rel.kind, "a": rel.a, "b": rel.b, "key": rel.key,
            **_span_cols(rel.evidence, "evidence_"), "note": rel.note,
        })
    return rows


def result_rows(results: Iterable[ArticleAnalysis | Failure | Copy], run_id: int | None,
                time: str, rows: dict[str, list[dict[str, Any]]] | None = None
                ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """Rows of a sequence of results, and the run counters they add.

    Counter names are those of the ``runs`` table (``articles_analysed`` ...).
    """
    rows = empty_rows() if rows is None else rows
    counts = {"articles_analysed": 0, "articles_not_analysed": 0, "duplicates": 0, "errors": 0}
    for item in results:
        if isinstance(item, ArticleAnalysis):
            analysis_rows(item, run_id, rows)
            done = rows["articles"][-1]["status"] == "analysed"
            counts["articles_analysed" if done else "articles_not_analysed"] += 1
        elif isinstance(item, Failure):
            failure_rows(item, run_id, time, rows)
            counts["errors"] += 1
            counts["articles_not_analysed"] += item.article is not None
        elif isinstance(item, Copy):
            rows["article_locations"].append(location_row(item.article, run_id))
            counts["duplicates"] += 1
        else:
            raise TypeError(f"cannot store {type(item).__name__}")
    return rows, counts


def failure_rows(failure: Failure, run_id: int | None, time: str,
                 rows: dict[str, list[dict[str, Any]]] | None = None
                 ) -> dict[str, list[dict[str, Any]]]:
    """Rows of a failed item: an ``errors`` row, plus the article (``not_analysed``) if read."""
    rows = empty_rows() if rows is None else rows
    rows["errors"].append(error_row(failure, run_id, time))
    if failure.article is not None:
        art = failure.article
        rows["articles"].append(article_row(art, run_id=run_id, status="not_analysed",
                                            reason=f"{failure.code}: {failure.message}"))
        rows["article_locations"].append(location_row(art, run_id))
    return rows
