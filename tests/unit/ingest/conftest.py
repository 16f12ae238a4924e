"""Fixtures for the ingest tests: the small hand-written inputs and a local HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"

ARTICLE_HTML = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Bridge collapse kills 12, governor says | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2022-03-21T09:30:00Z">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Bridge collapse kills 12, governor says</h1>
<p>At least 12 people were killed when a road bridge collapsed into the river on Monday
evening, the regional governor said on Tuesday.</p>
<p>Rescue teams were still searching the water for survivors, and officials warned that the
number of dead could rise as divers reached the submerged vehicles.</p>
<p>READ MORE: Floods force thousands from their homes</p>
<p>"We are doing everything we can," the governor told reporters at the scene, adding that an
inquiry into the bridge's maintenance record had been ordered.</p>
<p>The bridge, built in 1974, had been scheduled for repairs next year, according to
documents seen by the newspaper.</p>
<p>Share this article</p>
</article>
<footer>© Example Times. All rights reserved.</footer>
</body>
</html>
"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture()
def http_server() -> Iterator[tuple[str, dict[str, tuple[int, dict[str, str], bytes]]]]:
    """A server on 127.0.0.1 in a thread: yields (base URL, routes dict to fill)."""
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()
