"""The corpus pages (claim groups, a group with its members and graph, comparisons, and the
corpus parts of the overview, figures and source pages) through the TestClient."""

from __future__ import annotations

import re
import sqlite3

from tests.unit.web.test_corpus_api import _suggested


def _no_inline_script(html: str) -> None:
    scripts = html.split("<script")[1:]
    assert scripts and all(s.startswith(' src="/static/') for s in scripts)


def test_group_list_flags_and_filters(linked_client) -> None:
    r = linked_client.get("/groups")
    assert r.status_code == 200
    assert re.search(r"\d+ reports, 1 origin", r.text)  # the flag
    assert "independent origins" in r.text and 'href="/groups/g' in r.text
    from allegedly.web.pages import PER_PAGE

    one = linked_client.get("/groups", params={"one_origin": "true"}).text
    assert one.count("<tr data-group=") == min(PER_PAGE, linked_client.get(
        "/api/groups", params={"one_origin": True}).json()["total"])  # one page of them
    assert "suggested</span>" in r.text
    assert "No claim group matches." in linked_client.get("/groups", params={"q": "zebra"}).text


def test_group_page_members_origins_graph_forms(linked_client) -> None:
    group, member = _suggested(linked_client)
    html = linked_client.get(f"/groups/{group}").text
    data = linked_client.get(f"/api/groups/{group}").json()
    assert f'id="member-{member}"' in html and "status-suggested" in html
    assert f'action="/groups/{group}/members/{member}/confirm"' in html
    assert f'formaction="/groups/{group}/members/{member}/reject"' in html
    assert 'method="post"' in html
    n = data["independent_origins"]
    assert f"{n} independent origin" in html
    assert f'data-graph-url="/api/graph?group={group}"' in html
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html
    assert 'id="__________cytoscape_stylesheet"' in html  # cytoscape then injects no <style>
    for o in data["origins"]:
        assert o["name"].replace("'", "&#39;") in html
    _no_inline_script(html)
    assert linked_client.get("/groups/gnothere").status_code == 404


def test_conflicts_page_side_by_side_with_evidence(linked_client) -> None:
    html = linked_client.get("/conflicts", params={"kind": "conflict"}).text
    cards = html.count('<article class="comparison kind-conflict"')
    assert cards == min(25, linked_client.get("/api/conflicts", params={
        "kind": "conflict"}).json()["total"]) and cards > 0
    assert '<article class="comparison kind-update"' not in html
    assert html.count('<div class="side">') == 2 * cards
    assert '<mark class="alg-figure">' in html and "vs" in html  # spans and the reasons
    every = linked_client.get("/conflicts").text
    assert "kind-update" in every and "kind-consistent" in every
    keyed = linked_client.get("/conflicts", params={"key": "people|wounded"}).text
    assert "people|fatal</code></a> ·" not in keyed
    assert linked_client.get("/conflicts", params={"kind": "verdict"}).status_code == 422
    group, _ = _suggested(linked_client)
    assert "in the event of group" in linked_client.get("/conflicts",
                                                        params={"group": group}).text


def test_overview_figures_and_source_pages_show_the_corpus(linked_client) -> None:
    home = linked_client.get("/").text
    assert "Recent conflicts" in home and "Most reported claims" in home
    assert 'class="comparison kind-conflict"' in home and 'href="/groups/g' in home
    figs = linked_client.get("/figures", params={"key": "|people|fatal"}).text
    assert "classified comparisons between these figures" in figs
    assert 'class="comparison kind-' in figs and "<svg" in figs
    corpus_key = linked_client.get("/figures", params={"key": "people|fatal"}).text
    assert "<svg" in corpus_key and 'class="comparison kind-' in corpus_key
    sid = linked_client.get("/api/sources", params={"q": "Dorin"}).json()["items"][0]["id"]
    src = linked_client.get(f"/sources/{sid}").text
    assert 'href="/groups/g' in src and f'data-graph-url="/api/graph?source={sid}"' in src
    _no_inline_script(src)


def test_unlinked_store_pages_say_so(client) -> None:
    for url in ("/groups", "/conflicts", "/groups/g1"):
        r = client.get(url)
        assert r.status_code == 503 and "E503" in r.text and "allegedly link" in r.text, url
    home = client.get("/")
    assert home.status_code == 200 and "has not been linked yet" in home.text
    assert "Run <code>allegedly link" in client.get("/figures").text


def test_attacker_text_on_corpus_pages_is_escaped(linked_client) -> None:
    g = linked_client.get("/api/groups", params={"q": "fuel depot"}).json()["items"][0]
    for url in (f"/groups/{g['group']}", "/groups?q=fuel+depot", "/conflicts"):
        html = linked_client.get(url).text
        assert "<b onmouseover" not in html and "<i>Outlet" not in html, url
        assert "<img src=x" not in html and "<svg onload" not in html, url
        assert 'href="javascript' not in html, url
    html = linked_client.get(f"/groups/{g['group']}").text
    assert "Evil &lt;b onmouseover=alert(1)&gt;Outlet&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=" in html
    _no_inline_script(html)


def test_confirm_form_posts_redirect_and_store_the_correction(writable_client) -> None:
    client, path = writable_client
    group, member = _suggested(client)
    r = client.post(f"/groups/{group}/members/{member}/confirm",
                    data={"by": "Desk <b>2</b>", "why": "same figure"},
                    headers={"sec-fetch-site": "same-origin"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].endswith(f"?decided=confirm#member-{member}")
    page = client.get(r.headers["location"]).text
    assert "stored in the corrections layer" in page
    assert "confirmed by Desk &lt;b&gt;2&lt;/b&gt;" in page
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT member_id, decision, by FROM corrections").fetchall() == [
            (member, "confirm", "Desk <b>2</b>")]
    r = client.post(f"/groups/{group}/members/{member}/reject",
                    headers={"sec-fetch-site": "cross-site"}, follow_redirects=False)
    assert r.status_code == 403 and "E607" in r.text
    again = client.post(r.url.path.replace("reject", "confirm"), follow_redirects=False)
    assert again.status_code == 409 and "E609" in again.text
