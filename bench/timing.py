"""Timing helper shared by the bench scripts (run them as `python bench/<script>.py`)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeat: int, fn: Callable[[], object], reset: Callable[[], object] | None = None,
            ) -> float:
    """The fastest of ``repeat`` timed calls of ``fn`` (``reset`` runs untimed before each);
    on a shared, noisy machine the minimum is the most repeatable estimate."""
    times = []
    for _ in range(repeat):
        if reset:
            reset()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
