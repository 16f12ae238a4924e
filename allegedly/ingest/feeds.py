"""RSS / Atom / RDF feeds (feedparser) and JSON Feed.

Each item becomes one article: its full content (``content:encoded`` / Atom ``content`` /
JSON Feed ``content_html``) when present; otherwise its link is fetched (``fetch_links``, the
default) and, when fetching is off or fails, its summary is used (``extra`` says which:
``("content", "full" | "page" | "summary")``), with a warning (W401/W402) saying so. Titles,
dates, authors, the language and the feed's outlet name come from the feed. Origins are
``path#item-N`` (N from 1).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from allegedly.errors import AllegedlyError, InputError, message
from allegedly.ingest.outlet_name import host_outlet, outlet_name_with_method
from allegedly.model import AnalysisWarning, Article
from allegedly.settings import Settings

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "tr", "table", "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt"}
_SKIP = {"script", "style", "noscript", "template", "iframe"}
_FEED_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
                         rb"<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS/Atom/RDF document or a JSON Feed."""
    head = data[:2048]
    if _FEED_START.match(head):
        return True
    return head.lstrip().startswith(b"{") and b"jsonfeed.org" in data[:65536]


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, one line per block element (feed content is a fragment
    that page extractors reject as too short)."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _outlet(title: str | None, link: str | None = None) -> str | None:
    """The feed's outlet: the part of its title that names the feed's host ("US news | The
    Guardian" with theguardian.com -> "The Guardian", ``allegedly.ingest.outlet_name``); without
    a host to tell, the last part of a title in parts; plain titles are kept."""
    if not title:
        return None
    host = host_outlet(link)
    name, method = outlet_name_with_method(title, link, host)
    if method in ("outlet.site_part", "outlet.place_suffix") or (host and method != "outlet.sitename"):
        return name
    return re.split(r"\s+[|–—]\s+", title.strip())[-1] or None


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(entry, key)  # plain lookup: no feedparser key-mapping deprecation warning
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def _items_json(data: bytes, origin: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("E107", origin, detail=f"not a valid JSON Feed ({exc})") from None
    feed = {"title": doc.get("title"), "link": doc.get("home_page_url"),
            "language": doc.get("language")}
    items = [{"title": it.get("title"), "link": it.get("url") or it.get("external_url"),
              "content": it.get("content_html") or it.get("content_text"),
              "summary": it.get("summary"), "published": it.get("date_published"),
              "author": (it.get("author") or {}).get("name"), "language": it.get("language")}
             for it in doc.get("items", [])]
    return feed, items


def _items_xml(data: bytes, origin: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        exc = parsed.get("bozo_exception")
        raise InputError("E107", origin, detail=f"not a valid RSS/Atom feed "
                         f"({type(exc).__name__}: {str(exc)[:120]})")
    feed = {"title": parsed.feed.get("title"), "link": parsed.feed.get("link"),
            "language": parsed.feed.get("language")}
    items = []
    for e in parsed.entries:
        content = None
        if e.get("content"):
            content = max((c.get("value") or "" for c in e.content), key=len)
        items.append({"title": e.get("title"), "link": e.get("link"), "content": content,
                      "summary": e.get("summary"), "published": _entry_date(e),
                      "author": e.get("author")})
    return feed, items


def iter_feed(data: bytes, origin: str, *, settings: Settings | None = None,
              fetch_links: bool = True,
              fetcher: Callable[[str], Article] | None = None) -> Iterator[Article | InputError]:
    """Articles of the feed in ``data``. ``fetcher(url) -> Article`` reads a linked page (it may
    raise an AllegedlyError); without one, links are not fetched.

    An item analysed from its summary carries a warning: ``W401`` when its link could not be
    fetched, ``W402`` when it was not fetched (no link, or fetching is off).
    """
    settings = settings or Settings()
    try:
        if data.lstrip()[:1] == b"{":
            feed, items = _items_json(data, origin)
        else:
            feed, items = _items_xml(data, origin)
    except InputError as exc:
        yield exc
        return
    if not items:
        yield InputError("E110", origin, detail="a feed with no items")
        return
    for n, item in enumerate(items, 1):
        yield _item_article(item, feed, f"{origin}#item-{n}",
                            fetcher if fetch_links else None)


def _item_article(item: dict[str, Any], feed: dict[str, Any], origin: str,
                  fetcher: Callable[[str], Article] | None) -> Article | InputError:
    """One feed item: its full content, else its linked page, else its summary (warned)."""
    from allegedly.ingest import article_from_text, to_date

    outlet = _outlet(feed.get("title"), feed.get("link"))
    meta = {"url": item.get("link"), "title": item.get("title"),
            "published": to_date(item.get("published")), "author": item.get("author"),
            "language": item.get("language") or feed.get("language")}
    full = fragment_text(item.get("content") or "")
    if full:
        art = article_from_text(full, origin=origin, outlet=outlet, input_format="feed", **meta)
        return replace(art, extra=(("content", "full"),))
    summary = fragment_text(item.get("summary") or "")
    link = item.get("link")
    fetch_error: AllegedlyError | None = None
    if fetcher is not None and link:
        try:
            page = fetcher(link)
        except AllegedlyError as exc:
            fetch_error = exc
        else:
            return replace(page, url=page.url or link, outlet=outlet or page.outlet,
                           title=meta["title"] or page.title, author=meta["author"] or page.author,
                           published=meta["published"] or page.published, origin=origin,
                           input_format="feed", extra=(("content", "page"),))
    if not summary:
        if fetch_error is not None:
            return InputError(fetch_error.code, origin, **fetch_error.details)
        why = "it has no link" if not link else "fetching links is off"
        return InputError("E110", origin, detail=f"a feed item with no text ({why})")
    art = article_from_text(summary, origin=origin, outlet=outlet, input_format="feed", **meta)
    size = f"{len(summary)} characters"
    if fetch_error is not None:
        reason = " ".join(str(fetch_error).split())
        warning = AnalysisWarning("W401", message("W401", detail=f"{size}; {reason}"))
        extra: tuple[tuple[str, str], ...] = (("content", "summary"), ("fetch_error", reason))
    else:
        why = "the item has no link" if not link else "fetching links is off"
        warning = AnalysisWarning("W402", message("W402", detail=f"{size}; {why}"))
        extra = (("content", "summary"),)
    return replace(art, extra=extra, ingest_warnings=(*art.ingest_warnings, warning))
