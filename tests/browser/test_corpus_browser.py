"""The corpus views in headless Chromium: a claim group's provenance graph drawn by
cytoscape.js, the figure timeline with its classified comparisons, confirming a suggested
member (its status changes and the correction is stored), and attacker text inert on the
corpus pages. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.browser.test_web_browser import _assert_inert

pytestmark = pytest.mark.slow


def _get(base: str, path: str):
    with urllib.request.urlopen(base + path.lstrip("/")) as r:
        return json.load(r)


def _rendered_graph(page) -> int:
    """Wait for cytoscape to draw the page's graph; the number of nodes it drew."""
    page.wait_for_selector(".prov-graph[data-rendered]", timeout=20_000)
    assert page.locator(".prov-graph canvas").count() >= 1
    return page.evaluate("document.querySelector('.prov-graph').cy.nodes().length")


def test_group_page_draws_the_provenance_graph(corpus_server, watched) -> None:
    base = corpus_server
    top = _get(base, "/api/groups?limit=1")["items"][0]
    graph = _get(base, f"/api/graph?group={top['group']}")
    page = watched.page
    page.goto(f"{base}groups/{top['group']}")
    assert _rendered_graph(page) == len(graph["nodes"]) > 3
    drawn = page.evaluate("document.querySelector('.prov-graph').cy.edges().length")
    assert drawn == len(graph["edges"])
    stars = page.evaluate("document.querySelector('.prov-graph').cy"
                          ".nodes('[origin = \"independent\"]').length")
    assert stars == top["independent_origins"]
    n = top["independent_origins"]
    assert f"{n} independent origin" in page.locator("p.flags").inner_text()
    # the graph is painted: the canvas is not blank
    painted = page.evaluate("""() => {
        const c = [...document.querySelectorAll('.prov-graph canvas')];
        return c.some(cv => { const d = cv.getContext('2d').getImageData(0, 0, cv.width,
            cv.height).data; for (let i = 3; i < d.length; i += 4) if (d[i]) return true;
            return false; });
    }""")
    assert painted
    watched.shot("group")
    page.set_viewport_size({"width": 1280, "height": 820})
    watched.shot("docs-group")
    assert watched.console_errors == [] and watched.dialogs == []  # no CSP violation either
    # clicking a report opens its article
    doc = next(x for x in graph["nodes"] if x["kind"] == "document")
    page.evaluate(f"document.querySelector('.prov-graph').cy.getElementById("
                  f"{json.dumps(doc['id'])}).emit('tap')")
    page.wait_for_url(f"**/articles/{doc['article']}*")


def test_source_page_graph_and_groups(corpus_server, watched) -> None:
    base = corpus_server
    src = _get(base, "/api/sources?q=Dorin")["items"][0]
    page = watched.page
    page.goto(f"{base}sources/{src['id']}")
    assert _rendered_graph(page) >= 3
    assert page.locator("table.groups a[href^='/groups/g']").count() >= 1
    watched.shot("source-graph")
    assert watched.console_errors == []


def test_figure_timeline_with_comparisons(corpus_server, watched) -> None:
    base = corpus_server
    page = watched.page
    page.goto(f"{base}figures?key=people%7Cfatal")
    chart = page.locator("section.figure-key svg.timeline")
    assert chart.count() == 1 and chart.locator("text.point-label").count() >= 5
    compared = page.locator("details.compared article.comparison")
    assert compared.count() >= 5
    assert page.locator("details.compared article.comparison.kind-conflict").count() >= 1
    first = compared.first
    assert first.locator(".side").count() == 2
    assert first.locator(".side blockquote.evidence mark").count() == 2
    watched.shot("figures-corpus", full_page=False)
    page.goto(f"{base}conflicts?kind=conflict")
    assert page.locator("article.comparison.kind-conflict").count() >= 1
    assert page.locator("article.comparison:not(.kind-conflict)").count() == 0
    watched.shot("conflicts")
    assert watched.console_errors == []


def test_confirm_a_suggested_member(corpus_server, watched) -> None:
    base = corpus_server
    group, member = next((g["group"], m["id"])
                         for g in _get(base, "/api/groups?limit=100")["items"]
                         for m in g["members"] if m["status"] == "suggested")
    page = watched.page
    page.goto(f"{base}groups/{group}")
    row = page.locator(f"#member-{member}")
    assert row.locator(".status").first.inner_text() == "suggested"
    row.locator("input[name=by]").fill("Browser Test")
    row.locator("input[name=why]").fill("same toll, same source")
    with page.expect_navigation():
        row.locator("button.confirm").click()
    assert "decided=confirm" in page.url and page.url.endswith(f"#member-{member}")
    row = page.locator(f"#member-{member}")
    assert row.locator(".status").first.inner_text() == "confirmed"
    assert "confirmed by Browser Test" in row.inner_text()
    assert row.locator("button.confirm").count() == 0  # decided: only "reject" is left
    assert "stored in the corrections layer" in page.locator("p.notice").inner_text()
    watched.shot("group-confirmed")
    stored = _get(base, "/api/corrections")
    assert stored[0]["member_id"] == member and stored[0]["decision"] == "confirm"
    assert stored[0]["by"] == "Browser Test" and stored[0]["why"] == "same toll, same source"
    assert watched.console_errors == []


def test_attacker_text_on_corpus_pages_is_inert(corpus_server, watched) -> None:
    base = corpus_server
    page = watched.page
    g = _get(base, "/api/groups?q=fuel+depot")["items"][0]
    page.goto(f"{base}groups/{g['group']}")
    _rendered_graph(page)
    assert "Evil <b onmouseover=alert(1)>Outlet</b>" in page.locator("main").inner_text()
    page.get_by_text("Outlet", exact=False).first.hover()
    page.wait_for_timeout(300)
    _assert_inert(watched, base)
    watched.shot("xss-group")
    for url in ("groups?q=fuel+depot", "conflicts", ""):
        page.goto(base + url)
        page.wait_for_timeout(200)
        _assert_inert(watched, base)
    assert watched.console_errors == []
