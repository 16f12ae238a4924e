"""A small store for the web tests: our own sentences (no publisher's text), analysed once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegedly.web.app import create_app
from allegedly.web.config import ServerConfig

BASE_URL = "http://127.0.0.1:8000"

ARTICLES = [
    {"outlet": "Daily Planet", "published": "2024-05-02", "title": "Flood toll rises",
     "url": "https://planet.example/flood",
     "text": "Flood toll rises\n\nAt least 40 people were killed in the floods, the regional "
             "governor said on Tuesday.\n\nRescue workers claimed that over 120 people were "
             "still missing, the Morning Star reported.\n\nThe figures could not be verified."},
    {"outlet": "Morning Star", "published": "2024-05-03", "title": "Governor revises toll",
     "url": "javascript:alert('url')",
     "text": "Governor revises toll\n\nThe regional governor said 55 people had died in the "
             "floods since Sunday.\n\nAid groups allegedly warned that up to 300 homes may "
             "have been destroyed."},
    {"outlet": "Evil <b>Outlet</b>", "published": "2024-05-04",
     "title": "<script>window.__xss_title = 1</script>",
     "text": "<script>window.__xss = 1; fetch('/xss-beacon')</script>\n\n"
             "<img src=x onerror=\"window.__xss = 2; fetch('/xss-img')\"> A spokesman said "
             "<a href=\"javascript:alert(1)\">click here</a> and <div onmouseover=\"alert(2)\">"
             "hover</div> 12 people were hurt."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, analyzer) -> Path:
    """A store holding ARTICLES, ingested through the real writer."""
    from allegedly.ingest import article_from_text
    from allegedly.store import open_store

    path = tmp_path_factory.mktemp("web") / "web.db"
    articles = [article_from_text(a["text"], origin=f"test#{i}", outlet=a["outlet"],
                                  published=a["published"], title=a["title"], url=a.get("url"))
                for i, a in enumerate(ARTICLES)]
    with open_store(path) as store:
        run = store.start_run(inputs=["test"], options={}, engine="local", jobs=1)
        store.write(run, list(analyzer.analyze_articles(articles)), read=len(articles))
        store.finish_run(run)
    return path


@pytest.fixture()
def client(store_path):
    from fastapi.testclient import TestClient

    app = create_app(ServerConfig(db_path=store_path))
    with TestClient(app, base_url=BASE_URL) as c:
        yield c


@pytest.fixture()
def ids(client) -> dict[str, str]:
    """Article ids by outlet."""
    items = client.get("/api/articles", params={"limit": 50}).json()["items"]
    return {a["outlet"]: a["id"] for a in items}


@pytest.fixture()
def http_page():
    """A page served on 127.0.0.1 (for analyse-by-URL with --allow-private)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = ("<html><head><title>Local</title></head><body><article><p>"
            + "The ministry said 20 soldiers were wounded near the border. " * 6
            + "</p></article></body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story"
    finally:
        server.shutdown()
        server.server_close()
