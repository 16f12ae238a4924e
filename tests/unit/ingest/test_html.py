"""HTML extraction and metadata on a page written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from allegedly.errors import InputError
from allegedly.ingest import article_from_html
from allegedly.ingest.html import host_outlet, page_language, title_line
from tests.unit.ingest.conftest import ARTICLE_HTML


def test_article_text_and_metadata() -> None:
    art = article_from_html(ARTICLE_HTML, url="https://www.example-times.com/world/bridge")
    assert "At least 12 people were killed" in art.text
    assert "built in 1974" in art.text
    assert "Home" not in art.text.split("\n")  # navigation is not article text
    assert art.title == "Bridge collapse kills 12, governor says"
    assert art.author == "Jane Reporter"
    assert art.published == date(2022, 3, 21)
    assert art.outlet == "Example Times"
    assert art.language == "en"
    assert art.input_format == "html"
    assert [(r.reason, r.text) for r in art.removed] == [
        ("headline", "Bridge collapse kills 12, governor says"),
        ("read-more", "READ MORE: Floods force thousands from their homes"),
        ("share-line", "Share this article"),
    ]
    for r in art.removed:
        assert art.text[r.start:r.end] == r.text


def test_caller_metadata_wins_and_outlet_falls_back_to_host() -> None:
    html = ARTICLE_HTML.replace('<meta property="og:site_name" content="Example Times">', "")
    art = article_from_html(html, url="https://www.example-times.com/x", published="2022-04-01")
    assert art.published == date(2022, 4, 1)
    assert art.outlet == "example-times.com"
    art = article_from_html(html.encode("utf-8"), url="https://news.example.org/x",
                            outlet="My Outlet")
    assert art.outlet == "My Outlet"


def test_page_without_article_is_e105() -> None:
    page = "<html><head><title>App</title><script src='a.js'></script></head><body></body></html>"
    with pytest.raises(InputError) as info:
        article_from_html(page, origin="app.html")
    assert info.value.code == "E105" and str(info.value).startswith("app.html: E105")


def test_helpers() -> None:
    assert host_outlet("https://www.express.co.uk/news/world/1") == "express.co.uk"
    assert host_outlet("https://edition.cnn.com/x") == "edition.cnn.com"
    assert host_outlet(None) is None
    assert page_language('<html lang="de-DE"><head>') == "de"
    assert page_language("<html><head>") is None
    text = "Bridge collapse kills 12, governor says\nAt least 12 people ..."
    assert title_line(text, "Bridge collapse kills 12, governor says | Example Times") == (0, 39)
    assert title_line(text, "Something else entirely") is None
