"""Datasette metadata for a store: table/column descriptions and facets (``metadata.json``).

Serve a store with ``allegedly export --db corpus.db --datasette-metadata meta.json`` then
``datasette corpus.db -m meta.json`` (datasette is not a dependency of allegedly).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _shipped() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("metadata.json").read_text(encoding="utf-8")
    return json.loads(text)


def datasette_metadata(database: str = "allegedly") -> dict[str, Any]:
    """The shipped metadata with its database keyed as ``database`` (the db file's stem)."""
    meta = copy.deepcopy(_shipped())
    meta["databases"] = {database: meta["databases"]["allegedly"]}
    return meta
