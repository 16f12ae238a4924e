"""Commented TSV lexicons shipped with allegedly.

Format: UTF-8, tab-separated; lines starting with ``#`` are comments; the first other line is the
header. Empty cells are ``""``. Load with :func:`load`; results are cached per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``allegedly/lexicons/<name>.tsv`` as dicts keyed by the header."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ValueError(f"lexicon {name}.tsv line {number}: {len(cells)} cells for "
                             f"{len(header)} columns ({header}); check the tabs")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)


def column(name: str, key: str) -> frozenset[str]:
    """All non-empty values of one column (lower-cased)."""
    return frozenset(r[key].lower() for r in load(name) if r.get(key))


@cache
def word_list(name: str, lexicon: str = "rule_words") -> frozenset[str]:
    """The words of the list called ``name`` in ``lexicons/<lexicon>.tsv`` (columns ``list``
    and ``words``, space-separated; ``_`` joins the words of a phrase: ``a_few``); KeyError for
    an unknown list."""
    for row in load(lexicon):
        if row["list"] == name:
            return frozenset(w.replace("_", " ") for w in row["words"].split())
    raise KeyError(f"no word list {name!r} in lexicons/{lexicon}.tsv")


def flagged(name: str, key: str, flag: str) -> frozenset[str]:
    """Values of column ``key`` in the rows whose column ``flag`` is ``1``."""
    return frozenset(r[key].lower() for r in load(name) if r.get(flag) == "1")
