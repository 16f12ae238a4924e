"""HTML pages to article text and metadata (trafilatura + htmldate).

Extraction settings were chosen by measurement on the Zyte article-extraction benchmark
(``allegedly eval extraction``): ``favor_precision=True, include_comments=False`` scores best
(see docs/accuracy.md, "Extraction").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from htmldate import find_date

from allegedly.errors import InputError
from allegedly.ingest.outlet_name import host_outlet, outlet_name

# The options measured best on the Zyte benchmark (allegedly eval extraction).
EXTRACT_OPTIONS: dict[str, object] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
}

# A page whose extracted text has no line this long is a menu / link list, not an article.
MIN_LINE_CHARS = 40

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?",
                   re.IGNORECASE)
_META_LANG = re.compile(
    r"<meta[^>]+(?:http-equiv\s*=\s*[\"']content-language[\"']|property\s*=\s*[\"']og:locale[\"'])"
    r"[^>]*content\s*=\s*[\"']([A-Za-z]{2,3})", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    """What :func:`extract` found in a page."""

    text: str
    title: str | None
    author: str | None
    published: date | None
    outlet: str | None
    language: str | None
    url: str | None


def page_language(html: str) -> str | None:
    """The language the page declares (``<html lang>``, content-language, og:locale), lower-cased."""
    head = html[:20000]
    m = _LANG.search(head) or _META_LANG.search(head)
    if not m or m.group(1).lower() in ("utf", "und", "xx"):
        return None
    return m.group(1).lower()


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract(html: str, *, url: str | None = None, origin: str | None = None) -> Extracted:
    """Main text and metadata of an HTML page. Raises E105 when no article text is found."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    except Exception as exc:  # lxml/trafilatura errors on pathological markup
        raise InputError("E105", origin, detail=f"the HTML could not be parsed: {exc}") from exc
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        # a second chance: recall mode finds text in pages precision mode rejects
        try:
            doc2 = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                               favor_recall=True, include_comments=False)
        except Exception:
            doc2 = None
        if doc2 is not None and (doc2.text or "").strip():
            doc, text = doc2, doc2.text
    if doc is None or not text.strip():
        raise InputError("E105", origin, detail="no main text block found")
    if max(len(line.strip()) for line in text.splitlines()) < MIN_LINE_CHARS:
        raise InputError("E105", origin, detail=f"only short lines (no line of "
                         f"{MIN_LINE_CHARS}+ characters), such as menus and link lists")
    published = _parse_date(doc.date)
    if published is None:
        try:
            published = _parse_date(find_date(html, url=url, original_date=True))
        except Exception:
            published = None
    page_url = url or doc.url
    return Extracted(
        text=text,
        title=(doc.title or None),
        author=(doc.author or None),
        published=published,
        outlet=outlet_name(doc.sitename, page_url, host_outlet(page_url)),
        language=page_language(html) or (doc.language or None),
        url=page_url,
    )


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def title_line(text: str, title: str | None) -> tuple[int, int] | None:
    """Offsets of a first line that repeats the page title (extractors often keep the headline).

    The title may carry a site suffix ("Headline | Site") or an "Opinion | " prefix.
    """
    if not title:
        return None
    m = re.match(r"\s*([^\n]+)", text)
    if not m:
        return None
    first = _norm(m.group(1))
    if not first:
        return None
    candidates = {_norm(title)}
    candidates.update(_norm(p) for p in re.split(r"\s+[|–—-]\s+", title) if len(p) > 15)
    if first in candidates:
        return m.start(1), m.end(1)
    return None
