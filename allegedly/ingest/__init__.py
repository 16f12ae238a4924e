"""Reading articles: plain text, HTML, bytes of unknown kind, and whole collections of inputs.

Public API (other code calls exactly these):

- :func:`article_from_text` -- plain text; ``Article.text`` is the input unchanged, clutter listed
  in ``Article.removed``.
- :func:`article_from_html` -- HTML; ``Article.text`` is the extracted main text (trafilatura),
  clutter found in it listed in ``Article.removed`` (kept in the text, excluded from analysis).
- :func:`article_from_bytes` -- sniffs gzip / binary / empty / size / encoding / HTML vs text.
- :func:`iter_articles` -- files, directories, globs, ``-``, WARC, feeds, JSONL/CSV, URL lists and
  URLs; yields an :class:`~allegedly.errors.InputError` for each broken item and goes on.

Every article read gets the same checks (:func:`checked`): clutter by wording (``clutter.tsv``,
:mod:`.clean`) and by shape (:mod:`.regions`), and its language (:mod:`.language`); what they
find that the user should know goes into ``Article.ingest_warnings`` (W3xx codes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TextIO

from allegedly.errors import InputError
from allegedly.ingest.clean import find_clutter, without
from allegedly.ingest.text import bytes_to_text, looks_like_html, without_surrogates
from allegedly.model import AnalysisWarning, Article, Removed
from allegedly.settings import Settings

__all__ = ["article_from_text", "article_from_html", "article_from_bytes", "iter_articles",
           "to_date", "checked", "headline_title"]

# A first line of a text file is its title when it reads as a headline: not too short or long,
# no closing stop, comma, colon or dash (a dateline), and more text after it.
_HEADLINE = re.compile(r"[\"'“‘(]?[A-Z0-9][^\n]{8,198}(?<![.,;:\-–—])")
HEADLINE_WORDS = (3, 25)


def headline_title(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline (else None)."""
    m = re.match(r"\s*([^\n]*)\n\s*\S", text)
    if not m:
        return None
    line = m.group(1).strip()
    words = len(line.split())
    if not HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] or not _HEADLINE.fullmatch(line):
        return None
    if "://" in line or line.startswith(("-", "•", "*")):
        return None
    return line


def checked(text: str, removed: list[Removed], language: str | None
            ) -> tuple[tuple[Removed, ...], str | None, tuple[AnalysisWarning, ...]]:
    """The checks every article gets: clutter regions by shape added to ``removed``, the
    language decided (``language`` is the tag given, if any), and the warnings of both."""
    from allegedly.ingest.language import resolve
    from allegedly.ingest.regions import find_regions

    cut, region_warnings = find_regions(text, removed)
    regions = sorted([*removed, *cut], key=lambda r: r.start)
    lang, lang_warnings = resolve(without(text, regions), language)
    return tuple(regions), lang, (*lang_warnings, *region_warnings)


def to_date(value: date | datetime | str | None) -> date | None:
    """A ``date`` from a date, datetime, ISO string or free-form date string (None if unknown)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    value = str(value).strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser  # slow import: only for free-form dates

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first",
                                               "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def article_from_text(text: str, *, origin: str | None = None, url: str | None = None,
                      outlet: str | None = None, title: str | None = None,
                      published: date | datetime | str | None = None,
                      settings: Settings | None = None, author: str | None = None,
                      language: str | None = None, input_format: str = "text") -> Article:
    """An :class:`Article` over plain ``text`` (kept unchanged; clutter listed in ``removed``).

    Raises E101 when the text is empty or only whitespace. Lone surrogates (which no encoding
    can write) become U+FFFD, so offsets are unchanged.
    """
    from allegedly.ingest.outlet_name import host_outlet

    if not text or not text.strip():
        raise InputError("E101", origin)
    text = without_surrogates(text)
    removed, language, warnings = checked(text, find_clutter(text), language)
    return Article(text=text, url=url, outlet=outlet or host_outlet(url),
                   title=title or headline_title(text), author=author,
                   published=to_date(published), language=language, removed=removed,
                   origin=origin, input_format=input_format, ingest_warnings=warnings)


def article_from_html(html: str | bytes, *, origin: str | None = None, url: str | None = None,
                      outlet: str | None = None, title: str | None = None,
                      published: date | datetime | str | None = None,
                      settings: Settings | None = None, author: str | None = None,
                      language: str | None = None, input_format: str = "html") -> Article:
    """An :class:`Article` from an HTML page: main text (trafilatura) plus metadata.

    ``Article.text`` is the extracted text; a first line repeating the headline and clutter lines
    are listed in ``removed`` (kept in the text). Metadata given by the caller wins over what the
    page says. Raises E105 when the page holds no article text.
    """
    from allegedly.ingest import html as _html

    settings = settings or Settings()
    if isinstance(html, bytes):
        html, _ = bytes_to_text(html, origin=origin, max_bytes=settings.max_bytes)
    ex = _html.extract(without_surrogates(html), url=url, origin=origin)
    text = ex.text
    removed: list[Removed] = []
    head = _html.title_line(text, ex.title)
    if head is not None:
        removed.append(Removed(head[0], head[1], text[head[0]:head[1]], "headline"))
    removed += [r for r in find_clutter(text) if head is None or r.start >= head[1]]
    removed.sort(key=lambda r: r.start)
    regions, language, warnings = checked(text, removed, language or ex.language)
    return Article(text=text, url=url or ex.url, outlet=outlet or ex.outlet,
                   title=title or ex.title, author=author or ex.author,
                   published=to_date(published) or ex.published, language=language,
                   removed=regions, origin=origin, input_format=input_format,
                   ingest_warnings=warnings)


def article_from_bytes(data: bytes, *, origin: str | None, settings: Settings | None = None,
                       **meta: Any) -> Article:
    """Sniff ``data`` and read it as HTML or text.

    Checks, in order: size (E104, ``settings.max_bytes``), gzip (E106 when truncated), binary
    (E102), empty (E101), encoding (E103 only when nothing decodes). ``meta`` may hold ``url``,
    ``outlet``, ``title``, ``published``, ``author``, ``language``, ``input_format`` and
    ``encoding`` (a charset declared by a transport, e.g. an HTTP header).
    """
    settings = settings or Settings()
    declared = meta.pop("encoding", None)
    fmt = meta.pop("input_format", None)
    text, _ = bytes_to_text(data, origin=origin, max_bytes=settings.max_bytes, declared=declared)
    if looks_like_html(text):
        return article_from_html(text, origin=origin, settings=settings,
                                 input_format=fmt or "html", **meta)
    return article_from_text(text, origin=origin, settings=settings,
                             input_format=fmt or "text", **meta)


def iter_articles(inputs: Iterable[str], *, settings: Settings | None = None,
                  text_field: str = "text", html_field: str = "html", url_field: str = "url",
                  date_field: str = "published", outlet_field: str = "outlet",
                  title_field: str = "title", fmt: str | None = None,
                  allow_private: bool = False, stdin: TextIO | Any | None = None,
                  fetch_links: bool = True, language: str | None = None,
                  ) -> Iterator[Article | InputError]:
    """Every article in ``inputs`` (files, dirs, globs, ``-``, WARC, feeds, JSONL/CSV, URL lists,
    URLs), in order. A broken item yields an :class:`InputError` naming its origin; the iteration
    always goes on. ``fmt`` forces a format (text, html, warc, feed, jsonl, csv, urls).
    ``fetch_links``: fetch a feed item's link when the feed carries no full content.
    ``language``: the language of every input (no tag or detection is used then).
    """
    from allegedly.ingest.sources import Reader

    reader = Reader(settings=settings or Settings(), fields={
        "text": text_field, "html": html_field, "url": url_field, "published": date_field,
        "outlet": outlet_field, "title": title_field}, fmt=fmt, allow_private=allow_private,
        stdin=stdin, fetch_links=fetch_links, language=language)
    for item in inputs:
        yield from reader.read(item)
