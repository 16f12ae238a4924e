"""Shared test configuration: where the third-party data lives, the --update-golden flag."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALLEGEDLY_SHARED", REPO.parent / "shared")).resolve()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/expected/*.json from the current output "
                          "(review the diff line by line before committing).")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"third-party data not available: {path} (CI provides ../shared)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    """One Analyzer (one loaded model) for the whole test session."""
    from allegedly.nlp.pipeline import get_analyzer

    return get_analyzer()
