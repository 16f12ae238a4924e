"""Hypothesis profiles for the property suites.

The default run uses a few dozen generated cases per test (seconds); the slow run uses 10,000
for the main property of every target and 2,000 for the auxiliary ones (docs/testing.md)::

    ALLEGEDLY_HYPOTHESIS=slow python -m pytest -m slow tests/property

With ``ALLEGEDLY_HYPOTHESIS=slow`` every test of this folder is also marked ``slow`` (so
``-m slow`` selects them); without it they are ordinary quick tests of the default run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("ALLEGEDLY_HYPOTHESIS", "default")
SLOW_EXAMPLES = 10_000
AUXILIARY = 2_000  # slow-run cases of a target's auxiliary properties

settings.register_profile("default", deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("slow", deadline=None, max_examples=SLOW_EXAMPLES,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
if PROFILE not in ("default", "slow"):
    raise pytest.UsageError(f"ALLEGEDLY_HYPOTHESIS={PROFILE!r}: use 'default' or 'slow'")
settings.load_profile(PROFILE)


def examples(quick: int, slow: int = SLOW_EXAMPLES) -> int:
    """``quick`` generated cases in the default run, ``slow`` in the slow one (10,000 for the
    main property of every target, fewer for the auxiliary ones)."""
    return slow if PROFILE == "slow" else quick


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PROFILE != "slow":
        return
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.slow)
