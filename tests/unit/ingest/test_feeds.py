"""Feeds: full content, summaries with teasers, fetched links, broken feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from allegedly.errors import InputError
from allegedly.ingest import iter_articles
from allegedly.ingest.feeds import fragment_text, iter_feed, looks_like_feed
from allegedly.model import Article
from tests.unit.ingest.conftest import ARTICLE_HTML

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World news | Example Herald</title><link>https://herald.example.com/</link>
<item><title>Talks resume</title><link>https://herald.example.com/1</link>
<pubDate>Mon, 21 Mar 2022 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Negotiators met again on Monday.</p>]]></description>
<content:encoded><![CDATA[<p>Negotiators met again on Monday, officials said.</p>
<p>The ministry said 40 prisoners would be exchanged.</p><p>Related: <a href="/x">Earlier talks failed</a></p>]]></content:encoded>
</item>
<item><title>Strike hits depot</title><link>LINK2</link>
<pubDate>Tue, 22 Mar 2022 08:00:00 GMT</pubDate>
<description><![CDATA[<p>A fuel depot was hit overnight, the governor said.</p> <a href="LINK2">Continue reading...</a>]]></description>
</item>
</channel></rss>
"""


def test_full_content_and_summary_items() -> None:
    items = list(iter_feed(RSS.encode(), "f.rss", fetch_links=False))
    a, b = items
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.origin == "f.rss#item-1" and a.input_format == "feed"
    assert a.outlet == "Example Herald" and a.title == "Talks resume"
    assert a.published == date(2022, 3, 21) and a.url == "https://herald.example.com/1"
    assert a.text.splitlines()[1] == "The ministry said 40 prisoners would be exchanged."
    assert dict(a.extra)["content"] == "full"
    assert [(r.reason, r.text) for r in a.removed] == [("related-link", "Related: Earlier talks failed")]
    assert dict(b.extra)["content"] == "summary"
    assert [(r.reason, r.text) for r in b.removed] == [("read-more", "Continue reading...")]


def test_links_are_fetched_when_there_is_no_full_content(http_server) -> None:
    base, routes = http_server
    routes["/2"] = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode())
    routes["/feed.rss"] = (200, {"Content-Type": "application/rss+xml"},
                           RSS.replace("LINK2", base + "/2").encode())
    items = list(iter_articles([base + "/feed.rss"], allow_private=True))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    page = items[1]
    assert dict(page.extra)["content"] == "page" and "At least 12 people" in page.text
    assert page.title == "Strike hits depot" and page.published == date(2022, 3, 22)
    assert page.origin == base + "/feed.rss#item-2" and page.outlet == "Example Herald"
    # a link that cannot be fetched falls back to the summary and says why
    routes["/feed.rss"] = (200, {}, RSS.replace("LINK2", base + "/gone").encode())
    items = list(iter_articles([base + "/feed.rss"], allow_private=True))
    assert "HTTP 404" in dict(items[1].extra)["fetch_error"]


def test_not_xml_and_empty_feeds(data_dir: Path) -> None:
    (err,) = iter_feed((data_dir / "bad" / "not-a-feed.rss").read_bytes(), "bad.rss")
    assert isinstance(err, InputError) and err.code == "E107" and "not a valid RSS" in str(err)
    (err,) = iter_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                       b"</channel></rss>", "empty.rss")
    assert err.code == "E110"


def test_json_feed_and_helpers() -> None:
    data = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": ['
            b'{"id": "1", "url": "https://w.example/1", "title": "Quake", '
            b'"content_html": "<p>The agency said the quake measured 6.1.</p>", '
            b'"date_published": "2022-03-23T10:00:00Z"}]}')
    assert looks_like_feed(data)
    (art,) = iter_feed(data, "w.json")
    assert art.text == "The agency said the quake measured 6.1." and art.outlet == "Wire"
    assert art.published == date(2022, 3, 23)
    assert fragment_text("<p>One <b>two</b></p><ul><li>three</li></ul>") == "One two\nthree"
    assert fragment_text("no markup") == "no markup"


def test_an_item_read_from_its_summary_says_why() -> None:
    _, summary = iter_feed(RSS.encode(), "f.rss", fetch_links=False)
    (w,) = [w for w in summary.ingest_warnings if w.code.startswith("W4")]
    assert w.code == "W402" and "fetching links is off" in w.message
    assert f"{len(summary.text)} characters" in w.message

    def unreachable(url: str) -> Article:
        raise InputError("E402", url, detail=url)

    _, summary = iter_feed(RSS.encode(), "f.rss", fetcher=unreachable)
    (w,) = [w for w in summary.ingest_warnings if w.code.startswith("W4")]
    assert w.code == "W401" and "E402" in w.message and "LINK2" in w.message
    assert dict(summary.extra)["content"] == "summary"


def test_the_feed_language_is_the_items_tag() -> None:
    rss = RSS.replace("<channel>", "<channel><language>de-DE</language>")
    full, _ = iter_feed(rss.encode(), "f.rss", fetch_links=False)
    assert full.language == "de"
