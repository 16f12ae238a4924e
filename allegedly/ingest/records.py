"""Dumps of articles as records: JSON Lines, JSON arrays and CSV/TSV.

A record is read as HTML when its HTML field is non-empty, else as text. Field names are options
(``text``, ``html``, ``url``, ``published``, ``outlet``, ``title`` by default); when a default name
is absent from a record, common alternatives are tried (:data:`ALIASES`: e.g. ``content``,
``article_content``, ``body`` for the text), so dumps such as FA-KES (``article_title``,
``article_content``, ``source``, ``date``) read without options. Other fields go to
``Article.extra``. Origins are ``path#record-N`` (N = line number for JSONL, data row for CSV).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from allegedly.errors import AllegedlyError, InputError
from allegedly.model import Article
from allegedly.settings import Settings

DEFAULT_FIELDS: dict[str, str] = {"text": "text", "html": "html", "url": "url",
                                  "published": "published", "outlet": "outlet", "title": "title"}
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "article_content", "body", "articleBody", "article_body",
             "maintext", "article", "full_text", "story"),
    "html": ("html", "raw_html", "content_html", "page"),
    "url": ("url", "link", "article_url", "source_url", "uri"),
    "published": ("published", "date", "date_published", "publish_date", "published_at",
                  "pubdate", "datePublished", "publication_date", "timestamp"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "source_name",
               "domain", "media"),
    "title": ("title", "article_title", "headline", "name"),
}
_EXTRA_MAX = 200


def _pick(record: Mapping[str, Any], role: str, fields: Mapping[str, str]) -> tuple[str | None, Any]:
    name = fields.get(role, DEFAULT_FIELDS[role])
    if name in record:
        return name, record[name]
    if name == DEFAULT_FIELDS[role]:  # the user did not choose: try the usual alternatives
        for alt in ALIASES[role]:
            if alt in record:
                return alt, record[alt]
    return None, None


def record_article(record: Mapping[str, Any], *, origin: str, fields: Mapping[str, str],
                   settings: Settings, input_format: str) -> Article:
    """One record as an Article (HTML field first, else text). Raises InputError."""
    from allegedly.ingest import article_from_html, article_from_text, to_date

    if not isinstance(record, Mapping):
        raise InputError("E107", origin, detail=f"expected an object, got {type(record).__name__}")
    used: set[str] = set()
    values: dict[str, Any] = {}
    for role in DEFAULT_FIELDS:
        key, value = _pick(record, role, fields)
        if key is not None:
            used.add(key)
            values[role] = value if value not in ("", None) else None
    meta: dict[str, Any] = {
        "url": _str(values.get("url")), "outlet": _str(values.get("outlet")),
        "title": _str(values.get("title")), "origin": origin, "settings": settings,
        "input_format": input_format,
    }
    try:
        meta["published"] = to_date(_str(values.get("published")))
    except (ValueError, OverflowError):
        meta["published"] = None
    extra = tuple((k, _str(v)[:_EXTRA_MAX]) for k, v in record.items()
                  if k not in used and v not in (None, "") and isinstance(v, str | int | float))
    html, text = values.get("html"), values.get("text")
    if isinstance(html, str) and html.strip():
        art = article_from_html(html, **meta)
    elif isinstance(text, str) and text.strip():
        art = article_from_text(text, **meta)
    else:
        names = f"'{fields.get('html', 'html')}' or '{fields.get('text', 'text')}'"
        have = ", ".join(sorted(map(str, record))[:12])
        raise InputError("E107", origin, detail=f"no article text: the record has no non-empty "
                         f"{names} field (its fields: {have}); choose one with --text-field")
    return replace(art, extra=art.extra + extra)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value) if isinstance(
        value, dict | list) else str(value)


def _safe(record: Any, origin: str, fields: Mapping[str, str], settings: Settings,
          fmt: str) -> Article | InputError:
    try:
        return record_article(record, origin=origin, fields=fields, settings=settings,
                              input_format=fmt)
    except InputError as exc:
        return exc
    except AllegedlyError as exc:
        return InputError(exc.code, origin, **exc.details)


def iter_jsonl(lines: Iterable[str], origin: str, *, fields: Mapping[str, str],
               settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles from JSON Lines; a malformed line yields E107 and reading goes on."""
    settings = settings or Settings()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rec_origin = f"{origin}#record-{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError("E107", rec_origin, detail=f"line {n} is not valid JSON ({exc.msg} "
                             f"at column {exc.colno})")
            continue
        yield _safe(record, rec_origin, fields, settings, "jsonl")


def iter_json(text: str, origin: str, *, fields: Mapping[str, str],
              settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles from a JSON document: an array of records, an object with a list under
    ``articles``/``items``/``records``/``data``, or a single record."""
    settings = settings or Settings()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError("E107", origin, detail=f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    if isinstance(doc, dict):
        for key in ("articles", "items", "records", "data"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    records = doc if isinstance(doc, list) else [doc]
    for n, record in enumerate(records, 1):
        yield _safe(record, f"{origin}#record-{n}", fields, settings, "jsonl")


def iter_csv(text_stream: io.TextIOBase | Iterable[str], origin: str, *,
             fields: Mapping[str, str], settings: Settings | None = None,
             delimiter: str | None = None) -> Iterator[Article | InputError]:
    """Articles from CSV (or TSV with ``delimiter="\\t"``) with a header row."""
    settings = settings or Settings()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    kw: dict[str, Any] = {"delimiter": delimiter} if delimiter else {}
    reader = csv.DictReader(text_stream, **kw)  # type: ignore[arg-type]
    n = 0
    while True:
        n += 1
        rec_origin = f"{origin}#record-{n}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError("E107", rec_origin, detail=f"malformed CSV near line "
                             f"{reader.line_num}: {exc}")
            return  # the csv module cannot resynchronise after a parse error
        if None in row:  # more cells than header names
            row = {k: v for k, v in row.items() if k is not None}
        yield _safe(row, rec_origin, fields, settings, "csv")
