"""Browser tests: the real server (``python -m allegedly serve``) on a free loopback port,
driven in headless Chromium (Debian's ``chromium`` package) by Playwright for Python.

Skipped, with the reason, when Chromium or Playwright is missing (``.ci/run`` installs both).
Screenshots go to ``tests/artifacts/`` (git-ignored): look at them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path

CHROMIUM = os.environ.get("ALLEGEDLY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]

#: An article of our own whose text is an XSS attempt in every form we know.
XSS_TEXT = (
    "Officials said the page was safe.\n\n"
    "<script>window.__xss = 'script'; fetch('/xss-script')</script>\n\n"
    "<img src=\"/xss-img\" onerror=\"window.__xss = 'img'; alert('img')\">\n\n"
    "A spokesman said <a href=\"javascript:alert('link')\" id=\"evil\">click here</a> and "
    "<div onmouseover=\"alert('hover')\" style=\"position:fixed;inset:0\">hover</div> "
    "12 people were hurt.\n\n"
    "<svg onload=\"alert('svg')\"></svg><iframe src=\"javascript:alert('frame')\"></iframe>")


def _chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium "
                    "chromium-driver (.ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright for Python is not installed: pip install -e '.[dev]'")
    return CHROMIUM


def _ingest(store: Path, records: list[dict]) -> None:
    jsonl = store.with_suffix(".jsonl")
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "allegedly", "ingest", str(jsonl), "--db", str(store),
                    "-q"], check=True, cwd=REPO, timeout=300)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """``(base URL, {name: article id})`` of a real server over a fresh store."""
    _chromium_or_skip()
    seed = shared_path("examples", "tank-mutiny.txt").read_text(encoding="utf-8")
    store = tmp_path_factory.mktemp("browser") / "seed.db"
    _ingest(store, [
        {"text": seed, "outlet": "Express", "published": "2022-03-21",
         "title": "Putin mutiny as soldier drives tank over commanding officer"},
        {"text": XSS_TEXT, "outlet": "<b onmouseover=alert('outlet')>Evil</b>",
         "published": "2024-01-01", "title": "<script>alert('title')</script>",
         "url": "javascript:alert('url')"}])
    proc = subprocess.Popen([sys.executable, "-m", "allegedly", "serve", "--db", str(store),
                             "--port", "0"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert match, f"no start-up line: {line!r}"
        base = match.group(1)
        items = json.load(urllib.request.urlopen(base + "api/articles"))["items"]
        ids = {("seed" if a["outlet"] == "Express" else "xss"): a["id"] for a in items}
        yield base, ids
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _serve(store: Path):
    """Start ``allegedly serve`` on a free port: ``(process, base URL)``."""
    proc = subprocess.Popen([sys.executable, "-m", "allegedly", "serve", "--db", str(store),
                             "--port", "0"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        proc.terminate()
        proc.wait(timeout=10)
        raise AssertionError(f"no start-up line: {line!r}")
    return proc, match.group(1)


@pytest.fixture(scope="session")
def corpus_server(tmp_path_factory):
    """Base URL of a real server over the bundled (fictional) demo corpus plus an XSS pair of
    our own (tests/unit/web/conftest.py), ingested and linked by the real commands."""
    from allegedly.demo import corpus_path
    from tests.unit.web.conftest import XSS_PAIR

    _chromium_or_skip()
    store = tmp_path_factory.mktemp("corpus") / "corpus.db"
    demo = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()
            if line.strip()]
    _ingest(store, demo + XSS_PAIR)  # ingest links the new articles (link_after_ingest)
    proc, base = _serve(store)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium_or_skip()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


class Watched:
    """A page with everything it did recorded: dialogs, requests, console errors."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def shot(self, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture()
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()
    time.sleep(0)  # nothing left running: the context is closed
