"""A small fictional demo corpus shipped with allegedly (see README.md in this folder).

Nine articles from six invented outlets about one invented event (the shelling of a market in
the town of Brastovo, Valdoria, 5 May 2025), written to exercise every phenomenon allegedly
reports: attribution chains, hedges, figures with bounds and dates, conflicts, corroboration,
syndicated copies and page clutter. Everything in it -- people, places, outlets -- is fictional.
"""

from __future__ import annotations

import pathlib
from importlib import resources

__all__ = ["corpus_path"]


def corpus_path() -> pathlib.Path:
    """Filesystem path of ``corpus.jsonl`` (one JSON article per line)."""
    return pathlib.Path(str(resources.files(__name__).joinpath("corpus.jsonl")))
