"""Real third-party inputs from ../shared/data (skipped with a reason when absent)."""

from __future__ import annotations

import collections
import gzip
import json
import re

import pytest

from allegedly.errors import InputError
from allegedly.ingest import article_from_html, iter_articles
from allegedly.model import Article
from tests.conftest import shared_path


def test_all_181_zyte_pages_are_read() -> None:
    root = shared_path("data", "zyte_aeb", "html")
    items = list(iter_articles([str(root)]))
    assert len(items) == 181
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == []
    for art in items:
        assert art.input_format == "html" and art.text.strip() and art.origin.endswith(".html.gz")
        for r in art.removed:
            assert art.text[r.start:r.end] == r.text
    assert sum(1 for a in items if a.published) > 150  # htmldate/trafilatura find most dates
    assert sum(1 for a in items if a.title) > 170


def test_warc_samples_broken_records_reported_rest_read() -> None:
    root = shared_path("data", "warc_samples")
    items = list(iter_articles([str(root)]))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    by_file = collections.Counter(a.origin.split("::")[0].rsplit("/", 1)[1] for a in arts)
    # the Common Crawl sample: every HTML response with an article is read, in its encoding
    assert by_file["warcfile.warc.gz"] >= 15
    cc = [a for a in arts if "warcfile.warc.gz" in a.origin]
    assert any("О компании" in a.text for a in cc)  # Russian page decoded, not mojibake
    assert by_file["clipped.warc.gz"] == 1
    assert by_file["example.arc.gz"] == 1  # ARC is read too
    # warcio's deliberately broken files: the good records are read, the bad ones reported
    assert by_file["example-bad-non-chunked.warc.gz"] == 1
    assert by_file["example-trunc.warc"] == 1
    broken = [e for e in errs if "example-wrong-chunks" in e.origin]
    assert broken and all(e.code in ("E101", "E107") for e in broken)
    skipped = [e for e in errs if e.code == "E110"]
    assert skipped and all("post-test.warc.gz" in e.origin for e in skipped)
    for e in errs:
        assert "::" in e.origin and "\n" not in str(e)


def test_rss_feeds() -> None:
    root = shared_path("data", "rss_feeds")
    items = list(iter_articles([str(root / "rss-parser" / "*.rss"),
                                str(root / "rss-parser" / "*.atom"),
                                str(root / "trafilatura" / "*")], fetch_links=False))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) > 150
    guardian = [a for a in arts if "guardian.rss" in a.origin]
    assert len(guardian) == 55 and all(a.outlet == "The Guardian" for a in guardian)
    reasons = collections.Counter(r.reason for a in guardian for r in a.removed)
    assert reasons["read-more"] >= 50  # "Continue reading..." footers
    related = [ln for a in guardian for ln in a.text.splitlines() if ln.startswith("Related:")]
    assert related and reasons["related-link"] == len(related)  # every "Related: ..." teaser
    latin = [a for a in arts if "encoding.rss" in a.origin]
    assert latin and any("ã" in a.text or "ç" in a.text for a in latin)
    heise = [a for a in arts if "heise.atom" in a.origin]
    assert heise and all(dict(a.extra)["content"] == "full" for a in heise)


def test_fakes_csv_reads_with_its_own_field_names() -> None:
    path = shared_path("data", "fakes_syria", "FA-KES-Dataset.csv")
    items = list(iter_articles([str(path)]))
    assert len(items) == 804 and all(isinstance(i, Article) for i in items)
    first = items[0]
    assert first.origin == f"{path}#record-1" and first.input_format == "csv"
    assert first.title and first.outlet and first.published
    assert {"unit_id", "labels", "location"} <= {k for k, _ in first.extra}


def test_fundus_pages_metadata() -> None:
    root = shared_path("data", "fundus_testdata", "data")
    checked = 0
    for meta_path in sorted(root.glob("*/meta.info"))[:40]:
        meta = json.loads(meta_path.read_text("utf-8"))
        for name, info in list(meta.items())[:1]:
            page = meta_path.parent / name
            gold_path = meta_path.parent / (re.sub(r"_\d{4}_\d\d_\d\d\.html\.gz$", "", name) +
                                            ".json")
            if not page.exists() or not gold_path.exists():
                continue
            try:
                art = article_from_html(gzip.decompress(page.read_bytes()), url=info.get("url"),
                                        origin=str(page))
            except InputError:
                continue
            assert art.text.strip() and art.url
            checked += 1
    if checked == 0:
        pytest.skip("no fundus page with metadata found")
    assert checked >= 20
