"""RSS / Atom / RDF feeds (feedparser) and JSON Feed.

Each item becomes one article: its full content (``content:encoded`` / Atom ``content`` /
JSON Feed ``content_html``) when present; otherwise its link is fetched (``fetch_links``, the
default) and, when fetching is off or fails, its summary is used (``extra`` says which:
``("content", "full" | "page" | "summary")``). Titles, dates, authors and the feed's outlet name
come from the feed. Origins are ``path#item-N`` (N from 1).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from allegedly.errors import AllegedlyError, InputError
from allegedly.model import Article
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


def _outlet(title: str | None) -> str | None:
    """"US news | The Guardian" -> "The Guardian"; plain titles are kept."""
    if not title:
        return None
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
    feed = {"title": doc.get("title"), "link": doc.get("home_page_url")}
    items = [{"title": it.get("title"), "link": it.get("url") or it.get("external_url"),
              "content": it.get("content_html") or it.get("content_text"),
              "summary": it.get("summary"), "published": it.get("date_published"),
              "author": (it.get("author") or {}).get("name")} for it in doc.get("items", [])]
    return feed, items


def _items_xml(data: bytes, origin: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        exc = parsed.get("bozo_exception")
        raise InputError("E107", origin, detail=f"not a valid RSS/Atom feed "
                         f"({type(exc).__name__}: {str(exc)[:120]})")
    feed = {"title": parsed.feed.get("title"), "link": parsed.feed.get("link")}
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
    raise an AllegedlyError); without one, links are not fetched."""
    from allegedly.ingest import article_from_text, to_date

    settings = settings or Settings()
    try:
        if data.lstrip()[:1] == b"{":
            feed, items = _items_json(data, origin)
        else:
            feed, items = _items_xml(data, origin)
    except InputError as exc:
        yield exc
        return
    outlet = _outlet(feed.get("title"))
    if not items:
        yield InputError("E110", origin, detail="a feed with no items")
        return
    for n, item in enumerate(items, 1):
        item_origin = f"{origin}#item-{n}"
        meta = {"url": item.get("link"), "title": item.get("title"),
                "published": to_date(item.get("published")), "author": item.get("author")}
        full = fragment_text(item.get("content") or "")
        summary = fragment_text(item.get("summary") or "")
        if full:
            kind, text = "full", full
        else:
            kind, text = "summary", summary or full
            if fetch_links and fetcher is not None and item.get("link"):
                try:
                    page = fetcher(item["link"])
                except AllegedlyError as exc:
                    if not text:
                        yield InputError(exc.code, item_origin, **exc.details)
                        continue
                    meta_extra: tuple[tuple[str, str], ...] = (("fetch_error", str(exc)),)
                else:
                    yield Article(
                        text=page.text, url=page.url or meta["url"],
                        outlet=outlet or page.outlet, title=meta["title"] or page.title,
                        author=meta["author"] or page.author,
                        published=meta["published"] or page.published, language=page.language,
                        removed=page.removed, origin=item_origin, input_format="feed",
                        extra=(("content", "page"),))
                    continue
            else:
                meta_extra = ()
        if kind == "full":
            meta_extra = ()
        if not text:
            why = ("it has no link" if not item.get("link") else
                   "fetching links is off" if not (fetch_links and fetcher) else "")
            yield InputError("E110", item_origin, detail=f"a feed item with no text ({why})")
            continue
        art = article_from_text(text, origin=item_origin, outlet=outlet,
                                input_format="feed", **meta)
        yield replace(art, extra=(("content", kind),) + meta_extra)
