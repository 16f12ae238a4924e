"""DNS pinning in fetch(): each host is resolved once and the connection goes to that address,
so a resolver that answers "public" for the check and "loopback" for the connection (DNS
rebinding) cannot reach a private address."""

from __future__ import annotations

import socket

import httpx
import pytest

from allegedly.errors import FetchError
from allegedly.ingest import fetch as fetch_mod
from allegedly.ingest.fetch import fetch, pinned_target
from allegedly.settings import Settings

SETTINGS = Settings(fetch_timeout=5.0, fetch_max_bytes=50_000, fetch_max_redirects=2)
PUBLIC, OTHER_PUBLIC = "93.184.216.34", "151.101.1.69"


class RebindingResolver:
    """getaddrinfo that answers each host name from a list, one answer per call, and
    counts the calls per name (IP literals answer themselves, as the real one does)."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.calls: dict[str, int] = {}

    def __call__(self, host, port, *args, **kwargs):
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
            ip = host
        except OSError:
            n = self.calls.get(host, 0)
            self.calls[host] = n + 1
            ip = self.answers[host][min(n, len(self.answers[host]) - 1)]
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (ip, port))]


@pytest.fixture()
def resolver(monkeypatch):
    def install(answers: dict[str, list[str]]) -> RebindingResolver:
        fake = RebindingResolver(answers)
        monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", fake)
        return fake

    return install


def recording_transport(routes: dict[str, httpx.Response]) -> tuple[httpx.MockTransport, list]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return routes.get(request.url.path, httpx.Response(404))

    return httpx.MockTransport(handle), seen


def test_connection_goes_to_the_checked_address_even_if_dns_rebinds(resolver) -> None:
    dns = resolver({"news.example": [PUBLIC, "127.0.0.1"]})  # public first, then loopback
    transport, seen = recording_transport({"/story": httpx.Response(
        200, headers={"Content-Type": "text/html"}, content=b"<p>ok</p>")})
    body, info = fetch("http://news.example/story", settings=SETTINGS, transport=transport)
    assert body == b"<p>ok</p>" and info["url"] == "http://news.example/story"
    assert dns.calls == {"news.example": 1}  # resolved once ...
    (request,) = seen
    assert request.url.host == PUBLIC  # ... and connected to that answer
    assert request.headers["host"] == "news.example"


def test_https_keeps_the_host_name_for_sni_and_the_certificate(resolver) -> None:
    resolver({"news.example": [PUBLIC]})
    transport, seen = recording_transport({"/a": httpx.Response(200, content=b"x")})
    fetch("https://news.example:8443/a?x=1", settings=SETTINGS, transport=transport)
    (request,) = seen
    assert str(request.url) == f"https://{PUBLIC}:8443/a?x=1"
    assert request.headers["host"] == "news.example:8443"
    assert request.extensions["sni_hostname"] == "news.example"


def test_private_answer_is_refused_before_any_request(resolver) -> None:
    resolver({"rebind.example": ["127.0.0.1", PUBLIC]})
    transport, seen = recording_transport({})
    with pytest.raises(FetchError) as info:
        fetch("http://rebind.example/", settings=SETTINGS, transport=transport)
    assert info.value.code == "E401" and seen == []


def test_each_redirect_hop_is_resolved_once_and_checked(resolver) -> None:
    dns = resolver({"a.example": [PUBLIC], "b.example": ["10.0.0.5"]})
    transport, seen = recording_transport({"/r": httpx.Response(
        302, headers={"Location": "http://b.example/secret"})})
    with pytest.raises(FetchError) as info:
        fetch("http://a.example/r", settings=SETTINGS, transport=transport)
    assert info.value.code == "E401" and "b.example -> 10.0.0.5" in str(info.value)
    assert [r.url.host for r in seen] == [PUBLIC] and dns.calls == {"a.example": 1,
                                                                    "b.example": 1}


def test_redirect_to_a_public_host_is_followed_with_its_own_address(resolver) -> None:
    resolver({"a.example": [PUBLIC], "b.example": [OTHER_PUBLIC]})
    transport, seen = recording_transport({
        "/r": httpx.Response(301, headers={"Location": "http://b.example/final"}),
        "/final": httpx.Response(200, content=b"done")})
    body, info = fetch("http://a.example/r", settings=SETTINGS, transport=transport)
    assert body == b"done" and info["redirects"] == ["http://a.example/r"]
    assert [(r.url.host, r.headers["host"]) for r in seen] == [
        (PUBLIC, "a.example"), (OTHER_PUBLIC, "b.example")]


def test_ipv6_addresses_are_bracketed() -> None:
    target, headers, ext = pinned_target("http://v6.example/p", "2606:2800:220:1::1")
    assert target == "http://[2606:2800:220:1::1]/p" and headers == {"Host": "v6.example"}
    assert ext == {}


def test_real_server_by_name_with_allow_private(http_server) -> None:
    base, routes = http_server
    routes["/a"] = (200, {"Content-Type": "text/plain"}, b"local text")
    port = base.rsplit(":", 1)[1]
    body, info = fetch(f"http://localhost:{port}/a", settings=SETTINGS, allow_private=True)
    assert body == b"local text" and info["url"] == f"http://localhost:{port}/a"
