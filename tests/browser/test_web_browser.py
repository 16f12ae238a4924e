"""The web app in headless Chromium: the seed article's chain and figures, a click on a claim,
the figure timeline, the API docs, and an XSS article rendered inert."""

from __future__ import annotations

import pytest

from tests.browser.conftest import XSS_TEXT

pytestmark = pytest.mark.slow

CHAIN = "Express ← The Sun ← Roman Tsimbalyuk"


def test_seed_article_view_and_claim_chain(server, watched) -> None:
    base, ids = server
    page = watched.page
    page.goto(f"{base}articles/{ids['seed']}")
    text = page.locator(".alg-text")
    figures = text.locator(".alg-figure").all_inner_texts()
    assert {"498", "over 7,000", "over 15,000"} <= set(figures)
    assert "The Sun" in text.locator(".alg-source").all_inner_texts() or \
        "the Sun" in text.locator(".alg-source").all_inner_texts()
    assert text.locator(".alg-source", has_text="Roman Tsimbalyuk").count() >= 1
    assert page.locator(".alg-claim-detail:visible").count() == 0  # nothing selected yet
    watched.shot("article")
    claim = text.locator("a.alg-claim", has_text="has alleged").first
    claim.click()
    shown = page.locator(".alg-claim-detail:visible")
    assert shown.count() == 1
    assert shown.locator(".alg-chain-line").inner_text() == CHAIN
    assert "alleged" in shown.locator(".alg-stance").inner_text().lower()
    assert "has alleged" in shown.inner_text()  # the cue of the inner link
    assert "alg-selected" in (claim.get_attribute("class") or "")
    assert page.url.endswith(f"#alg-{ids['seed']}-{claim.get_attribute('data-claim')}")
    watched.shot("article-claim")
    page.set_viewport_size({"width": 1100, "height": 640})
    page.evaluate("window.scrollTo(0, 330)")
    watched.shot("docs-article")
    # a second claim replaces the first; the layer switch turns a highlight off
    text.locator("a.alg-claim", has_text="498").first.click()
    assert page.locator(".alg-claim-detail:visible .alg-chain-line").inner_text() == \
        "Express ← the Russian defence ministry"
    page.locator("input.alg-layer[data-layer='figure']").uncheck()
    assert "alg-off-figure" in page.locator(".alg-article").get_attribute("class")
    assert watched.dialogs == [] and watched.console_errors == []


def test_figure_timeline(server, watched) -> None:
    base, _ = server
    page = watched.page
    page.goto(f"{base}figures?key=russian%7Ctroops%7Cfatal")
    chart = page.locator("section.figure-key svg.timeline")
    assert chart.count() == 1
    labels = chart.locator("text.point-label").all_text_contents()
    assert {"498", ">7,000", ">15,000"} <= set(labels), labels
    assert chart.locator("polygon").count() >= 2  # the arrows of the two "over" bounds
    assert "Russian defence ministry" in page.locator("ul.chart-legend").inner_text()
    watched.shot("figures")
    assert watched.console_errors == []


def test_overview_sources_and_docs(server, watched) -> None:
    base, ids = server
    page = watched.page
    page.goto(base)
    assert "Express" in page.locator("main").inner_text()
    watched.shot("overview")
    page.get_by_role("link", name="Roman Tsimbalyuk").first.click()
    assert "Express ← The Sun ← Roman Tsimbalyuk" in page.locator("main").inner_text() or \
        "Express ← the Sun ← Roman Tsimbalyuk" in page.locator("main").inner_text()
    watched.shot("source")
    page.goto(f"{base}docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 7
    watched.shot("api-docs")
    outside = [u for u in watched.requests if not u.startswith(base) and not
               u.startswith("data:")]
    assert outside == [] and watched.console_errors == []


def _assert_inert(watched, base: str) -> None:
    page = watched.page
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []
    assert not [u for u in watched.requests if "xss" in u or "javascript" in u]
    assert page.locator("main script").count() == 0
    assert page.locator("main img, main iframe, main svg[onload], #evil").count() == 0
    assert [u for u in watched.requests if not u.startswith(base) and
            not u.startswith("data:")] == []


def test_xss_article_is_inert(server, watched) -> None:
    base, ids = server
    page = watched.page
    page.goto(f"{base}articles/{ids['xss']}")
    page.wait_for_timeout(300)
    text = page.locator(".alg-text").inner_text()
    assert "<script>window.__xss = 'script'" in text and "onerror=" in text
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    page.get_by_text("hover", exact=False).first.hover()
    page.locator(".alg-text").get_by_text("click here").first.click()
    page.locator(".alg-url").hover()
    assert page.locator("a.alg-url").count() == 0  # a javascript: URL is not a link
    page.wait_for_timeout(300)
    _assert_inert(watched, base)
    watched.shot("xss-article")


def test_xss_pasted_into_the_analyze_box_is_inert(server, watched) -> None:
    base, _ = server
    page = watched.page
    page.goto(f"{base}analyze")
    page.fill("textarea[name=text]", XSS_TEXT)
    page.select_option("select[name=kind]", "text")
    page.fill("input[name=outlet]", "<img src=/xss-outlet onerror=alert(1)>")
    page.click("form.paste button[type=submit]")
    page.wait_for_selector(".alg-article")
    assert "<script>window.__xss" in page.locator(".alg-text").inner_text()
    page.get_by_text("hover", exact=False).first.hover()
    page.wait_for_timeout(300)
    _assert_inert(watched, base)
    watched.shot("xss-paste")
