"""Shared helpers of the corpus evaluations: build a linked store from a third-party CSV.

The data stays in ``../shared/data``; stores are written to a temporary or given path, never
into the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from allegedly.settings import Settings


def linked_store(csv_path: Path, db_path: Path, reader_options: dict[str, Any],
                 settings: Settings | None = None, jobs: int = 1):
    """Ingest ``csv_path`` into ``db_path`` (unless it is already there) and link it; return
    the open store."""
    from allegedly.corpus.pipeline import run_link
    from allegedly.scale.run import ingest
    from allegedly.store import open_store

    settings = settings or Settings()
    store = open_store(db_path)
    if not store.count("articles"):
        ingest([str(csv_path)], store, settings=settings, jobs=jobs,
               reader_options={"fmt": "csv", **reader_options})
    run_link(store, settings)
    return store


def record_number(origin: str) -> int:
    """The data-row number N of a ``path#record-N`` origin."""
    return int(origin.rsplit("#record-", 1)[1])
