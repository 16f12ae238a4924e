"""Golden tests: real articles read from ../shared (never copied), reviewed expected JSON.

The expected files keep offsets, resolved names, kinds, classes, values and chains in full, but
only the first words of each span text (so they do not reproduce the articles). Regenerate with
``pytest tests/golden --update-golden`` and review the diff line by line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import shared_path

EXPECTED = Path(__file__).parent / "expected"
CLIP = 32

# name -> (path under ../shared, metadata overrides); .html.gz pages go through the HTML reader
CASES = {
    "tank-mutiny": (("examples", "tank-mutiny.txt"),
                    {"outlet": "Express", "published": dt.date(2022, 3, 21)}),
    "globalnews-kyiv-missile": (("data", "fundus_testdata", "data", "ca",
                                 "GlobalNews_2026_05_24.html.gz"), {}),
    "euronews-swedish-police": (("data", "fundus_testdata", "data", "uk",
                                 "EuronewsEN_2024_04_30.html.gz"), {}),
    "dailymaverick-icj-gaza": (("data", "fundus_testdata", "data", "za",
                                "DailyMaverick_2025_05_22.html.gz"), {}),
}


def read_case(name: str):
    """The Article for a case, read from ../shared through the real readers."""
    import dataclasses
    import gzip

    from allegedly.ingest import article_from_html, article_from_text

    rel, meta = CASES[name]
    path = shared_path(*rel)
    if path.name.endswith(".html.gz"):
        article = article_from_html(gzip.decompress(path.read_bytes()), origin=name)
    else:
        article = article_from_text(path.read_text(encoding="utf-8"), origin=name)
    return dataclasses.replace(article, **meta)


def _clip_spans(obj):
    """Shorten every span text to CLIP chars; drop the article text itself."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k == "text" and isinstance(v, str) and "start" in obj:
                out[k] = v if len(v) <= CLIP else v[:CLIP] + "…"
            elif k == "text":
                continue  # the article text
            else:
                out[k] = _clip_spans(v)
        return out
    if isinstance(obj, list):
        return [_clip_spans(x) for x in obj]
    return obj


def golden_view(analysis) -> dict:
    return _clip_spans(analysis.to_dict())


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, analyzer, request):
    got = golden_view(analyzer.analyze(read_case(name)))
    expected_file = EXPECTED / f"{name}.json"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    if not expected_file.exists():
        pytest.fail(f"no golden file {expected_file}: run pytest tests/golden --update-golden")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert got == expected
