"""The server-rendered pages (HTML) through the TestClient."""

from __future__ import annotations


def test_overview_page(client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "3</strong> articles" in r.text and "Morning Star" in r.text


def test_article_page_has_the_highlights_and_chains(client, ids) -> None:
    html = client.get(f"/articles/{ids['Daily Planet']}").text
    for cls in ("alg-source", "alg-cue", "alg-content", "alg-hedge", "alg-figure", "alg-claim"):
        assert f'class="{cls}' in html, cls
    assert "Daily Planet ← Morning Star ← Rescue workers" in html
    assert f'href="/api/articles/{ids["Daily Planet"]}"' in html


def test_article_list_search_and_bad_date(client) -> None:
    r = client.get("/articles", params={"q": "governor"})
    assert r.status_code == 200 and "<mark>" in r.text
    r = client.get("/articles", params={"from": "May 2024"})
    assert r.status_code == 422 and "E605" in r.text


def test_sources_source_and_figures_pages(client) -> None:
    assert "Morning Star" in client.get("/sources").text
    sid = client.get("/api/sources", params={"q": "Rescue"}).json()["items"][0]["id"]
    page = client.get(f"/sources/{sid}").text
    assert "Daily Planet ← Morning Star ← <strong>Rescue workers</strong>" in page
    figs = client.get("/figures").text
    assert "<svg" in figs and "people|fatal" in figs
    assert client.get("/sources/nope").status_code == 404


def test_paste_box_analyses_without_storing(client) -> None:
    form = client.get("/analyze")
    assert form.status_code == 200 and 'name="text"' in form.text
    before = client.get("/api/articles").json()["total"]
    r = client.post("/analyze", data={"text": "The minister said 7 schools were closed.",
                                      "outlet": "Courier", "published": "2024-02-01"})
    assert r.status_code == 200 and "Courier ← the minister" in r.text.replace("The", "the")
    r = client.post("/analyze", files={"upload": ("a.html", b"<html><body><article><p>"
                                                  + b"The mayor said the road was shut. " * 8
                                                  + b"</p></article></body></html>",
                                                  "text/html")})
    assert r.status_code == 200 and "alg-claim" in r.text
    r = client.post("/analyze", data={"text": "x", "published": "soon"})
    assert r.status_code == 422 and "E605" in r.text
    assert client.get("/api/articles").json()["total"] == before


def test_docs_page_is_served_from_the_package(client) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "http" not in \
        html.split("<body>")[1].replace("http-equiv", "")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/swagger-ui/LICENSE").status_code == 200
