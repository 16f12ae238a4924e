"""report/html.py: properly nested marks, escaping, the offline page's CSP hashes."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from markupsafe import Markup

from allegedly.report.html import _mark, nest_marks, safe_href, standalone_html


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag) -> None:
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def test_crossing_marks_nest_properly_and_text_is_escaped() -> None:
    text = "<b>one</b> two three four"
    marks = [_mark("claim", 0, 20, "", href="x", claim="c1"), _mark("content", 5, 25, "q"),
             _mark("source", 11, 14, "s"), _mark("figure", 15, 20, "f")]
    html = nest_marks(text, 0, len(text), marks)
    assert isinstance(html, Markup) and "&lt;b&gt;on" in html and "<b>" not in html
    checker = _Balance()
    checker.feed(str(html))
    assert checker.ok and checker.stack == []
    plain = re.sub(r"<[^>]+>", "", str(html)).replace("&lt;", "<").replace("&gt;", ">")
    assert plain == text
    assert html.count('class="alg-content"') == 2  # split where it crosses the claim's end


def test_safe_href() -> None:
    assert safe_href("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//a", None):
        assert safe_href(bad) is None


def test_standalone_page_allows_exactly_its_own_style_and_script(analyzer) -> None:
    a = analyzer.analyze_text("<script>alert(1)</script> Police said 2 men were held.",
                              outlet="Gazette")
    page = standalone_html(a)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)

    def h(s: str) -> str:
        return base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    assert f"sha256-{h(style)}" in page and f"sha256-{h(script)}" in page
    assert "default-src &#39;none&#39;" in page
    assert a._repr_html_().startswith("<style>") and "alg-claim" in a._repr_html_()
