"""The REST API through FastAPI's TestClient: the same records as the CLI, coded errors."""

from __future__ import annotations

from allegedly.model import ArticleAnalysis
from tests.unit.web.conftest import ARTICLES


def test_articles_page_search_and_filters(client) -> None:
    page = client.get("/api/articles").json()
    assert page["total"] == 3 and page["offset"] == 0 and len(page["items"]) == 3
    assert [a["published"] for a in page["items"]] == ["2024-05-04", "2024-05-03", "2024-05-02"]
    assert "text" not in page["items"][0] and "analysis" not in page["items"][0]
    found = client.get("/api/articles", params={"q": "missing rescue"}).json()
    assert [a["outlet"] for a in found["items"]] == ["Daily Planet"]
    assert "missing" in found["items"][0]["snippet"].lower()
    assert client.get("/api/articles", params={"q": 'AND "('}).status_code == 200  # no FTS error
    by_outlet = client.get("/api/articles", params={"outlet": "Morning Star"}).json()
    assert by_outlet["total"] == 1
    dated = client.get("/api/articles", params={"from": "2024-05-03", "to": "2024-05-03"}).json()
    assert [a["outlet"] for a in dated["items"]] == ["Morning Star"]
    media = client.get("/api/articles", params={"source_kind": "media"}).json()
    assert [a["outlet"] for a in media["items"]] == ["Daily Planet"]  # "the Morning Star reported"
    killed = client.get("/api/articles", params={"measure": "killed"}).json()
    assert [a["outlet"] for a in killed["items"]] == ["Daily Planet"]
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert second["total"] == 3 and len(second["items"]) == 1


def test_article_is_the_cli_contract(client, ids, analyzer) -> None:
    data = client.get(f"/api/articles/{ids['Daily Planet']}").json()
    assert data["schema"] == "allegedly/1" and data["text"] == ARTICLES[0]["text"]
    fresh = analyzer.analyze_text(ARTICLES[0]["text"], outlet="Daily Planet",
                                  published="2024-05-02", title="Flood toll rises",
                                  url="https://planet.example/flood", origin="test#0")
    assert data == fresh.to_dict()
    assert list(data) == list(fresh.to_dict())  # same key order as --format json
    assert ArticleAnalysis.from_dict(data).to_dict() == data


def test_unknown_article_and_route_are_coded_404s(client) -> None:
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E606"
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E606"


def test_sources_and_one_source_with_its_routes(client) -> None:
    page = client.get("/api/sources", params={"q": "governor"}).json()
    governor = next(s for s in page["items"] if s["name"].lower().endswith("governor"))
    assert governor["attributions"] >= 2 and governor["articles"] == 2
    detail = client.get(f"/api/sources/{governor['id']}").json()
    assert detail["total_statements"] == len(detail["statements"]) >= 2
    assert {tuple(r["route"]) for r in detail["cited_through"]} >= {("Daily Planet",),
                                                                    ("Morning Star",)}
    star = next(s for s in client.get("/api/sources", params={"q": "Morning Star"})
                .json()["items"] if s["kind"] == "media")
    cites = client.get(f"/api/sources/{star['id']}").json()["cites"]
    assert any("Rescue workers" in c["name"] for c in cites)
    assert client.get("/api/sources/nope").json()["error"]["code"] == "E606"


def test_figures_by_key(client) -> None:
    keys = client.get("/api/figures/keys").json()
    key = next(k["key"] for k in keys if k["key"].endswith("|people|fatal"))
    figs = client.get("/api/figures", params={"key": key}).json()
    assert {f["text"] for f in figs["items"]} >= {"At least 40", "55"}
    assert all(f["figure_key"] == key for f in figs["items"])
    assert {"outlet", "published", "title"} <= set(figs["items"][0])


def test_overview(client) -> None:
    o = client.get("/api/overview").json()
    assert o["totals"]["articles"] == 3 and o["last_run"]["errors"] == 0
    assert any(x["outlet"] == "Morning Star" for x in o["top_outlets"])


def test_analyze_text_html_and_errors(client) -> None:
    r = client.post("/api/analyze", json={"text": "Police said 3 people were arrested.",
                                          "outlet": "Gazette", "published": "2024-01-02"})
    assert r.status_code == 200
    d = r.json()
    assert d["schema"] == "allegedly/1" and d["outlet"] == "Gazette"
    assert d["attributions"][0]["source"]["name"] == "Police"
    html = "<html><body><article><p>" + "The mayor said the bridge would reopen. " * 8 + \
        "</p></article></body></html>"
    r = client.post("/api/analyze", json={"html": html})
    assert r.status_code == 200 and "bridge" in r.json()["text"]
    for body, code in (({}, "E605"), ({"text": "a", "html": "<p>b</p>"}, "E605"),
                       ({"text": "   "}, "E101"), ({"text": "x", "colour": "red"}, "E605"),
                       ({"text": "x", "published": "yesterday"}, "E605")):
        r = client.post("/api/analyze", json=body)
        assert r.status_code == 422 and r.json()["error"]["code"] == code, (body, r.text)
    r = client.post("/api/analyze", content=b"{not json", headers={"content-type":
                                                                  "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E605"


def test_analyze_by_url_refuses_loopback_without_opt_in(client) -> None:
    r = client.post("/api/analyze", json={"url": "http://127.0.0.1:9/secret"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E401"
    r = client.post("/api/analyze", json={"url": "file:///etc/passwd"})
    assert r.status_code == 502 and r.json()["error"]["code"] == "E402"


def test_analyze_by_url_with_opt_in(store_path, http_page) -> None:
    from fastapi.testclient import TestClient

    from allegedly.web.app import create_app
    from allegedly.web.config import ServerConfig

    app = create_app(ServerConfig(db_path=store_path, allow_private=True))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.post("/api/analyze", json={"url": http_page, "outlet": "Local"})
    assert r.status_code == 200, r.text
    assert r.json()["url"] == http_page and "ministry" in r.json()["text"]


def test_openapi_lists_the_routes(client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/sources",
            "/api/sources/{source_id}", "/api/figures"} <= set(spec["paths"])
    assert not any(p.startswith("/articles") for p in spec["paths"])  # pages are not API
