"""Outlet names from declared site names and addresses (allegedly.ingest.outlet_name)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allegedly.ingest.html import extract, host_outlet
from allegedly.ingest.outlet_name import (
    OUTLET_STRATEGIES,
    host_labels,
    names_host,
    outlet_name,
    outlet_name_with_method,
)


def _name(sitename: str | None, url: str) -> tuple[str | None, str]:
    return outlet_name_with_method(sitename, url, host_outlet(url))


@pytest.mark.parametrize(("sitename", "url", "expected", "method"), [
    ("Latest Headlines and Breaking Stories - 7Ledger", "https://www.7ledger.example/a", "7Ledger",
     "outlet.site_part"),
    ("Council vote delayed again: unions march | Sarn Courier", "https://sarncourier.example/x",
     "Sarn Courier", "outlet.site_part"),
    ("Harbour Post, Portvale, Freedonia", "https://www.harbourpost.example/x", "Harbour Post",
     "outlet.place_suffix"),
    ("Meridian Verlags- und Vertriebs GmbH", "https://meridian.example/x", "meridian.example",
     "outlet.company"),
    ("Ediciones La Voz S.L.", "https://lavoz.example/x", "lavoz.example", "outlet.company"),
    ("https://social.example/dailybeacon", "https://dailybeacon.example/x", "dailybeacon.example",
     "outlet.address"),
    ("Where The Truth Finally Comes Home", "https://valleypundit.example/x", "valleypundit.example",
     "outlet.slogan"),
    ("Westmark Allgemeine Zeitung", "https://www.waz.example/x", "Westmark Allgemeine Zeitung",
     "outlet.sitename"),
    ("Radio Sarn und Fernsehen (RSF)", "https://www.rsf.example/x", "Radio Sarn und Fernsehen (RSF)",
     "outlet.sitename"),
    ("朝日新聞デジタル", "https://www.asahi.example/x", "朝日新聞デジタル", "outlet.sitename"),
    (None, "https://www.harbourpost.example/x", "harbourpost.example", "outlet.host"),
])
def test_outlet_name_strategies(sitename, url, expected, method):
    assert _name(sitename, url) == (expected, method)


def test_strategies_are_named_and_ordered():
    names = [name for name, _ in OUTLET_STRATEGIES]
    assert names[0] == "outlet.address" and len(set(names)) == len(names)
    assert all(name.startswith("outlet.") for name in names)


def test_host_labels_skip_top_level_and_www():
    assert host_labels("https://www1.sarn.example.co.uk/x") == ("sarn", "example")
    assert host_labels("https://www.9ledger.com.au/x") == ("9ledger",)
    assert host_labels(None) == ()


def test_names_host_by_letters_or_initials():
    assert names_host("The Times of Sarn", ("timesofsarn",))
    assert names_host("EL PAÍS", ("elpais",))
    assert names_host("Sarn Nachrichten", ("sn",))
    assert not names_host("Breaking Stories Today", ("7ledger",))


def test_html_extraction_uses_the_cleaned_name():
    html = ("<html lang='en'><head><title>Port reopens</title>"
            "<meta property='og:site_name' content='Top Stories and Breaking News - Harbour Post'>"
            "<link rel='canonical' href='https://www.harbourpost.example/port-reopens'></head>"
            "<body><article><h1>Port reopens</h1><p>" + "The port of Sarn reopened on Monday after "
            "a week of repairs, the harbour authority said in a statement to reporters. " * 3 +
            "</p></article></body></html>")
    assert extract(html).outlet == "Harbour Post"


@given(st.text(max_size=80), st.sampled_from(["https://a.example/x", "https://www.b-c.co.uk/",
                                              "", "not a url"]))
def test_outlet_name_never_fails_or_returns_blank(sitename, url):
    name = outlet_name(sitename, url, host_outlet(url))
    assert name is None or name.strip()
    if sitename.strip() and host_outlet(url) is None:
        assert name  # no host to fall back to: something readable is kept


@pytest.mark.parametrize(("title", "link", "expected"), [
    ("Port news | Harbour Post", "https://www.harbourpost.example/port", "Harbour Post"),
    ("Harbour Post - Port news", "https://www.harbourpost.example/port", "Harbour Post"),
    ("Port news | Harbour Post", None, "Harbour Post"),  # no host: the last part, as before
    ("Meridian Verlags GmbH", "https://meridian.example/", "meridian.example"),
    ("Harbour Post", None, "Harbour Post"),
])
def test_feed_titles_give_the_outlet(title, link, expected):
    from allegedly.ingest.feeds import _outlet

    assert _outlet(title, link) == expected
