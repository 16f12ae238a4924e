"""Security layers: headers/CSP, Host check, body limit (413), same-origin check, escaping."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from allegedly.web.config import ServerConfig
from allegedly.web.security import CSP, BodyLimit, is_same_origin, require_same_origin


def test_every_answer_has_the_security_headers(client, ids) -> None:
    for path in ("/", f"/articles/{ids['Daily Planet']}", "/api/articles", "/nope",
                 "/static/app.css"):
        h = client.get(path).headers
        assert h["content-security-policy"] == CSP, path
        assert "'unsafe-inline'" not in h["content-security-policy"]
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "same-origin" and h["x-frame-options"] == "DENY"
    docs = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self';" in docs  # the docs page relaxes styles only


def test_foreign_host_header_is_refused(client) -> None:
    r = client.get("/api/articles", headers={"host": "attacker.example"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E608"
    assert "content-security-policy" in r.headers
    for ok in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/articles", headers={"host": ok}).status_code == 200


def test_configured_hosts() -> None:
    assert ServerConfig(db_path="x", allowed_hosts=("news.lan",)).host_allowed("news.lan")
    assert not ServerConfig(db_path="x").host_allowed("news.lan")
    assert ServerConfig(db_path="x", allowed_hosts=("*",)).host_allowed("anything")


def test_body_over_the_limit_is_413(store_path) -> None:
    from allegedly.web.app import create_app

    app = create_app(ServerConfig(db_path=store_path, max_body_bytes=2000))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.post("/api/analyze", json={"text": "word " * 1000})
        assert r.status_code == 413 and r.json()["error"]["code"] == "E604"
        r = c.post("/analyze", data={"text": "word " * 1000})
        assert r.status_code == 413


def test_streamed_body_over_the_limit_is_413() -> None:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: dict) -> dict:
        return {"n": len(request)}

    def chunks():
        for _ in range(10):
            yield b'{"a": "' + b"x" * 500 + b'"}'

    with TestClient(BodyLimit(app, 1000)) as c:
        r = c.post("/echo", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E604"


@pytest.mark.parametrize(("headers", "same"), [
    ({}, True),  # curl, a script: no Origin, no Sec-Fetch-Site
    ({"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000"}, True),
    ({"host": "127.0.0.1:8000", "origin": "http://evil.example"}, False),
    ({"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:9999"}, False),
    ({"host": "127.0.0.1:8000", "origin": "null"}, False),
    ({"sec-fetch-site": "same-origin"}, True),
    ({"sec-fetch-site": "cross-site"}, False),
    ({"sec-fetch-site": "same-site"}, False),
    ({"sec-fetch-site": "same-origin", "origin": "null"}, True),  # Chromium, no-referrer
    ({"sec-fetch-site": "cross-site", "host": "a:1", "origin": "http://a:1"}, False),
])
def test_is_same_origin(headers, same) -> None:
    assert is_same_origin(headers, "http") is same


def test_same_origin_dependency_guards_posts() -> None:
    from allegedly.web.app import _install_error_handlers

    app = FastAPI()
    _install_error_handlers(app)

    @app.post("/api/correct", dependencies=[Depends(require_same_origin)])
    def correct() -> dict:
        return {"done": True}

    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.post("/api/correct").json() == {"done": True}
        assert c.post("/api/correct", headers={"origin": "http://127.0.0.1:8000"}).status_code == 200
        r = c.post("/api/correct", headers={"origin": "https://evil.example"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "E607"
        r = c.post("/api/correct", headers={"sec-fetch-site": "cross-site"})
        assert r.status_code == 403


def test_cross_site_posts_to_the_app_are_refused(client) -> None:
    r = client.post("/api/analyze", json={"text": "Police said so."},
                    headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E607"
    r = client.post("/analyze", data={"text": "Police said so."},
                    headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403


def test_no_state_changing_get() -> None:
    from allegedly.web import api, corpus_api, corpus_pages, pages

    posts = set()
    for router in (api.router, pages.router, corpus_api.router, corpus_pages.router):
        for route in router.routes:
            if "GET" in route.methods:
                assert route.endpoint.__name__ not in ("confirm", "reject", "correct",
                                                       "confirm_form", "reject_form")
                assert not route.path.endswith(("/confirm", "/reject"))
            else:
                posts.add(route.endpoint.__name__)
    assert {"confirm", "reject", "confirm_form", "reject_form"} <= posts
    # and the store is opened read-only: a write through it fails
    import sqlite3

    from allegedly.web.service import Services

    with pytest.raises(sqlite3.OperationalError):  # noqa: SIM117
        with Services(ServerConfig(db_path=_any_store())).reader() as r:
            r.conn.execute("DELETE FROM articles")


def _any_store():
    import tempfile
    from pathlib import Path

    from allegedly.store import open_store

    path = Path(tempfile.mkdtemp()) / "s.db"
    open_store(path).close()
    return path


def test_article_text_and_metadata_are_escaped(client, ids) -> None:
    html = client.get(f"/articles/{ids['Evil <b>Outlet</b>']}").text
    assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss" in html
    assert "<img src=x" not in html and 'onerror="window' not in html
    assert 'href="javascript:' not in html and "<div onmouseover" not in html
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in html
    star = client.get(f"/articles/{ids['Morning Star']}").text
    assert "javascript:alert(&#39;url&#39;)" in star  # shown as text ...
    assert 'href="javascript' not in star  # ... never as a link
    scripts = [s for s in html.split("<script")[1:]]
    assert all(s.startswith(' src="/static/') for s in scripts)  # no inline script at all
