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


def _serve(path):
    """A TestClient over a server on the store at ``path`` (a context manager)."""
    from fastapi.testclient import TestClient

    return TestClient(create_app(ServerConfig(db_path=path)), base_url=BASE_URL)


@pytest.fixture()
def client(store_path):
    with _serve(store_path) as c:
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


#: Two articles of our own that state the same claim and attack every HTML view they reach:
#: their outlets, titles, claim text and source names carry markup and event handlers.
XSS_PAIR = [
    {"outlet": "Evil <b onmouseover=alert(1)>Outlet</b>", "published": "2025-05-07",
     "title": "<script>alert('t')</script>", "url": "javascript:alert('url')",
     "text": "Depot blast\n\n<script>window.__xss = 1</script> The Brastovo fire brigade said "
             "on Tuesday that at least 12 people were hurt in the blast at the fuel depot "
             "<img src=x onerror=\"window.__xss=2\">.\n\nThe cause of the blast was not known."},
    {"outlet": "Other <i>Outlet</i>", "published": "2025-05-08",
     "title": "Depot <a href=\"javascript:alert(2)\">blast</a>",
     "text": "Fuel depot blast\n\n<a href=\"javascript:alert(3)\">Firefighters</a> in Brastovo "
             "said at least 20 people were hurt in the blast at the fuel depot on Tuesday "
             "<svg onload=\"alert(4)\"></svg>.\n\nInvestigators are looking at the site."},
]


@pytest.fixture(scope="session")
def linked_store_path(tmp_path_factory, analyzer) -> Path:
    """The bundled (fictional) demo corpus plus XSS_PAIR, analysed and linked: claim groups
    with suggested members, figure comparisons of every kind, origins."""
    from allegedly.corpus.pipeline import run_link
    from allegedly.demo import corpus_path
    from allegedly.ingest import iter_articles
    from allegedly.store import open_store

    folder = tmp_path_factory.mktemp("linked")
    xss = write_jsonl(folder / "xss.jsonl", XSS_PAIR)
    articles = list(iter_articles([str(corpus_path()), str(xss)]))
    path = folder / "linked.db"
    with open_store(path) as store:
        run = store.start_run(inputs=["demo"], options={}, engine="local", jobs=1)
        store.write(run, list(analyzer.analyze_articles(articles)), read=len(articles))
        store.finish_run(run)
        run_link(store)
    return path


def copy_store(src: Path, dst: Path) -> Path:
    """A private copy of a store (SQLite's backup: the WAL's pages come along)."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


@pytest.fixture()
def linked_client(linked_store_path):
    """A client over the shared linked store (read-only tests only)."""
    with _serve(linked_store_path) as c:
        yield c


@pytest.fixture()
def writable_client(linked_store_path, tmp_path):
    """``(client, store path)`` over a private copy of the linked store (for decisions)."""
    path = copy_store(linked_store_path, tmp_path / "copy.db")
    with _serve(path) as c:
        yield c, path
