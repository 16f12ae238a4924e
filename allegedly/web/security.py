"""Security layers of the web app (article text is attacker-controlled).

- :class:`SecurityHeaders`: a Content-Security-Policy without inline scripts (or any inline
  style), ``X-Content-Type-Options``, ``frame-ancestors``/``X-Frame-Options``,
  ``Referrer-Policy`` and friends on every response;
- :class:`HostCheck`: answers only Host headers naming this server (a page on another site
  whose name was re-pointed at 127.0.0.1 (DNS rebinding) gets a 400, not the corpus);
- :class:`BodyLimit`: request bodies over the limit get a 413 (declared or streamed);
- :func:`require_same_origin`: a dependency for state-changing POSTs, refusing requests a
  browser marks as coming from another site.

The middlewares are plain ASGI (no Starlette internals), so they run before any routing.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

from allegedly.errors import WebError, message
from allegedly.ingest.text import human_size
from allegedly.web.config import ServerConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The policy of every page: scripts, styles, images, fetches and forms from this server only.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
#: The API docs page: Swagger UI sets element styles from its script, so styles may be inline
#: there (scripts still may not).
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # no article URL ever leaks to another site
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


async def send_json_error(send: Send, status: int, code: str, text: str) -> None:
    """Answer with the API's error body ``{"error": {"code", "message"}}``."""
    body = json.dumps({"error": {"code": code, "message": text}}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers (and the CSP for the path) to every HTTP response."""

    def __init__(self, app: ASGIApp, docs_path: str = "/docs") -> None:
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == self.docs_path else CSP

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = [(k, v) for k, v in msg.get("headers", [])
                           if k.lower() not in (b"content-security-policy",)]
                headers.append((b"content-security-policy", csp.encode()))
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                msg["headers"] = headers
            await send(msg)

        await self.app(scope, receive, with_headers)


class HostCheck:
    """Refuses (400, E608) requests whose Host header is not one this server answers to."""

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            name = urlsplit(f"//{host}").hostname or ""
            if not self.config.host_allowed(name):
                await send_json_error(send, 400, "E608", message("E608", detail=repr(host)))
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Answers 413 (E604) when a request body is over ``limit`` bytes: at once when the
    Content-Length says so, else as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send, int(declared))
            return
        seen = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal seen, refused
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit and not refused:
                    refused = True
                    if not started:
                        await self._refuse(send, seen)
                    return {"type": "http.disconnect"}  # the app stops reading the body
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 is already sent: drop the app's own answer
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not refused:  # the app's reading of a refused body may fail: that is expected
                raise

    async def _refuse(self, send: Send, size: int) -> None:
        text = message("E604", detail=f"over {human_size(size)}" if size else "too large",
                       limit=human_size(self.limit))
        await send_json_error(send, 413, "E604", text)


def _origin_of(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def is_same_origin(headers: MutableMapping[str, str] | Any, scheme: str) -> bool:
    """Whether a request with these headers comes from this server's own pages (or from a
    non-browser client, which sends neither ``Sec-Fetch-Site`` nor ``Origin``).

    ``Sec-Fetch-Site`` (set by the browser, not by page scripts) decides when present;
    else the ``Origin`` header must name this server.
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    return origin != "null" and _origin_of(origin) == _origin_of(f"{scheme}://{host}")


def require_same_origin(request: Request) -> None:
    """FastAPI dependency for state-changing requests: raises WebError E607 (403) for a
    request a browser sent from another site."""
    if not is_same_origin(request.headers, request.url.scheme):
        raise WebError("E607", status=403, detail=request.method)
