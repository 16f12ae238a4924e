"""URL fetching against a local server (allow_private=True) and the private-address guard."""

from __future__ import annotations

import pytest

from allegedly.errors import FetchError
from allegedly.ingest.fetch import check_url, fetch, is_public_ip
from allegedly.settings import Settings
from tests.unit.ingest.conftest import ARTICLE_HTML

SETTINGS = Settings(fetch_timeout=5.0, fetch_max_bytes=50_000, fetch_max_redirects=2)


def test_fetch_page_with_charset_and_user_agent(http_server) -> None:
    base, routes = http_server
    routes["/a"] = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode())
    body, info = fetch(base + "/a", settings=SETTINGS, allow_private=True)
    assert body == ARTICLE_HTML.encode()
    assert info["status"] == 200 and info["content_type"] == "text/html"
    assert info["encoding"] == "utf-8" and info["url"] == base + "/a"


def test_redirects_are_followed_and_bounded(http_server) -> None:
    base, routes = http_server
    routes["/old"] = (301, {"Location": "/a"}, b"")
    routes["/a"] = (200, {"Content-Type": "text/html"}, b"<p>moved here</p>")
    body, info = fetch(base + "/old", settings=SETTINGS, allow_private=True)
    assert body == b"<p>moved here</p>" and info["redirects"] == [base + "/old"]
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(FetchError) as info_:
        fetch(base + "/loop", settings=SETTINGS, allow_private=True)
    assert info_.value.code == "E402" and "more than 2 redirects" in str(info_.value)


def test_http_errors_and_size_limit(http_server) -> None:
    base, routes = http_server
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(base + "/missing", settings=SETTINGS, allow_private=True)
    routes["/big"] = (200, {"Content-Type": "text/html"}, b"x" * 60_000)
    with pytest.raises(FetchError, match="over the limit"):
        fetch(base + "/big", settings=SETTINGS, allow_private=True)


def test_loopback_is_refused_without_allow_private(http_server) -> None:
    base, routes = http_server
    routes["/a"] = (200, {"Content-Type": "text/html"}, b"<p>secret</p>")
    with pytest.raises(FetchError) as info:
        fetch(base + "/a", settings=SETTINGS)
    assert info.value.code == "E401" and "127.0.0.1" in str(info.value)


@pytest.mark.parametrize("url", ["http://localhost/", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]:8080/", "http://10.0.0.7/", "http://0.0.0.0/"])
def test_private_hosts_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as info:
        check_url(url)
    assert info.value.code == "E401"


def test_only_http_urls() -> None:
    with pytest.raises(FetchError, match="only http"):
        check_url("file:///etc/passwd", allow_private=True)


def test_is_public_ip() -> None:
    assert is_public_ip("93.184.216.34")
    assert not is_public_ip("192.168.1.1")
    assert not is_public_ip("::ffff:127.0.0.1")
    assert not is_public_ip("fe80::1")
