"""Fetching article URLs with httpx: timeouts, a size cap, bounded redirects, no private hosts.

Every hop of a redirect chain is resolved and checked: a public page that redirects to
``http://127.0.0.1/`` or ``http://169.254.169.254/`` is refused (E401) unless ``allow_private``.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urljoin, urlsplit

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


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and (unless ``allow_private``) every address its
    host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("E402", url, detail=f"{url} (only http:// and https:// URLs are fetched)")
    if allow_private:
        return
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("E402", url, detail=f"{url} (the host name does not resolve: {exc})") \
            from None
    for info in infos:
        ip = str(info[4][0])
        if not is_public_ip(ip):
            raise FetchError("E401", url, detail=f"{url} ({host} -> {ip})")


def fetch(url: str, *, settings: Settings | None = None,
          allow_private: bool = False) -> tuple[bytes, dict[str, Any]]:
    """GET ``url``; returns ``(body, info)`` with info keys ``url`` (final), ``status``,
    ``content_type``, ``encoding`` (charset from the header or None), ``redirects``.

    Raises :class:`FetchError`: E401 for private/loopback/link-local/reserved addresses (checked
    on every redirect hop) unless ``allow_private``; E402 for network errors, HTTP errors, too
    many redirects or a body over ``settings.fetch_max_bytes`` (the download stops there).
    """
    settings = settings or Settings()
    allow_private = allow_private or settings.allow_private
    timeout = httpx.Timeout(settings.fetch_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,"
               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"}
    current = url
    hops: list[str] = []
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        while True:
            check_url(current, allow_private=allow_private)
            try:
                with client.stream("GET", current) as resp:
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
                    return bytes(body), {"url": str(resp.url), "status": resp.status_code,
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
