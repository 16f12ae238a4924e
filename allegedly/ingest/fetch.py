"""Fetching article URLs with httpx: timeouts, a size cap, bounded redirects, no private hosts.

Every hop of a redirect chain is resolved and checked: a public page that redirects to
``http://127.0.0.1/`` or ``http://169.254.169.254/`` is refused (E401) unless ``allow_private``.

The host name of each hop is resolved ONCE and the connection goes to an address from that
answer (the request names the host in its ``Host`` header and, for https, in TLS SNI, so the
certificate is still checked against the host name). A DNS server that answers with a public
address for the check and a private one for the connection (DNS rebinding) cannot slip past.
"""

from __future__ import annotations

import ipaddress
import socket
from contextlib import closing
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from allegedly.errors import FetchError
from allegedly.ingest.text import human_size
from allegedly.settings import Settings

_REDIRECTS = {301, 302, 303, 307, 308}


def is_public_ip(ip: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return not (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
                or addr.is_reserved or addr.is_unspecified or not addr.is_global)


def check_url(url: str, *, allow_private: bool = False) -> list[str]:
    """The addresses ``url``'s host resolves to, resolved once; raise FetchError unless
    ``url`` is http(s) and (unless ``allow_private``) every one of them is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("E402", url, detail=f"{url} (only http:// and https:// URLs are fetched)")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError("E402", url, detail=f"{url} (the host name does not resolve: {exc})") \
            from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for ip in addresses:
            if not is_public_ip(ip):
                raise FetchError("E401", url, detail=f"{url} ({host} -> {ip})")
    if not addresses:
        raise FetchError("E402", url, detail=f"{url} (the host name has no address)")
    return addresses


def pinned_target(url: str, ip: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """``(request URL, headers, extensions)`` that fetch ``url`` from the address ``ip``: the
    URL names the address, the ``Host`` header and TLS SNI the original host."""
    parts = urlsplit(url)
    literal = f"[{ip}]" if ":" in ip else ip
    netloc = literal + (f":{parts.port}" if parts.port else "")
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    host = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": parts.hostname or ""} if parts.scheme == "https" else {}
    return target, {"Host": host}, extensions


def _open_pinned(client: httpx.Client, url: str, addresses: list[str]) -> httpx.Response:
    """Send GET ``url`` (streamed) to the first of ``addresses`` that accepts a connection."""
    for i, ip in enumerate(addresses):
        target, headers, extensions = pinned_target(url, ip)
        request = client.build_request("GET", target, headers=headers, extensions=extensions)
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError:
            if i == len(addresses) - 1:
                raise
    raise AssertionError("unreachable: check_url returns at least one address")


def fetch(url: str, *, settings: Settings | None = None, allow_private: bool = False,
          transport: httpx.BaseTransport | None = None) -> tuple[bytes, dict[str, Any]]:
    """GET ``url``; returns ``(body, info)`` with info keys ``url`` (final), ``status``,
    ``content_type``, ``encoding`` (charset from the header or None), ``redirects``.

    Raises :class:`FetchError`: E401 for private/loopback/link-local/reserved addresses (checked
    on every redirect hop) unless ``allow_private``; E402 for network errors, HTTP errors, too
    many redirects or a body over ``settings.fetch_max_bytes`` (the download stops there).
    Each hop connects to an address its host resolved to in the check (DNS pinning).
    ``transport`` replaces httpx's network transport (tests, custom stacks).
    """
    settings = settings or Settings()
    allow_private = allow_private or settings.allow_private
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,"
               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"}
    current = url
    hops: list[str] = []
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False,
                      transport=transport) as client:
        while True:
            addresses = check_url(current, allow_private=allow_private)
            try:
                with closing(_open_pinned(client, current, addresses)) as resp:
                    if resp.status_code in _REDIRECTS and "location" in resp.headers:
                        if len(hops) >= settings.fetch_max_redirects:
                            raise FetchError("E402", url, detail=f"{url} (more than "
                                             f"{settings.fetch_max_redirects} redirects)")
                        hops.append(current)
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise FetchError("E402", url, detail=f"{current} (HTTP {resp.status_code})")
                    declared = resp.headers.get("content-length")
                    limit = settings.fetch_max_bytes
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise FetchError("E402", url, detail=f"{current} (it is "
                                         f"{human_size(int(declared))}, over the limit of "
                                         f"{human_size(limit)})")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > limit:
                            raise FetchError("E402", url, detail=f"{current} (stopped after "
                                             f"{human_size(len(body))}: over the limit of "
                                             f"{human_size(limit)})")
                    ctype = resp.headers.get("content-type", "")
                    return bytes(body), {"url": current, "status": resp.status_code,
                                         "content_type": ctype.split(";")[0].strip().lower(),
                                         "encoding": _charset(ctype), "redirects": hops}
            except httpx.HTTPError as exc:
                raise FetchError("E402", url, detail=f"{current} ({type(exc).__name__}: "
                                 f"{exc})") from None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
