"""One source, one origin: source names compared across articles.

Articles name one body in many ways: "the Defence Ministry", "the country's Defence Ministry",
"Ukraine's Defence Ministry", "the Ukrainian Ministry of Defence"; "Mariupol city council" and
"the city council of Mariupol"; "Darko Liss" and "Mr Liss". Two steps:

- :func:`name_key` — the same name written differently: case, determiners and prepositions,
  possessives, person titles ("Mr", "Colonel"), demonyms and spellings
  (``lexicons/source_name_words.tsv``: Ukrainian -> ukraine, defence -> defense) and word order
  ("X of Y" = "Y X") are ignored; a generic place in a possessive ("the country's", "the
  city's") is dropped, as it stands for a place the article names. The key is the sorted set of
  the remaining words, with the name's *head* (the word it is a name of: "ministry" in "Ministry
  of Defence" and "Defence Ministry") kept apart.
- :func:`same_sources` — a shorter name for a longer one *in the same claim group*: a name
  whose words are all in another's, with the same head, stands for it when exactly one longest
  such name exists ("the Defence Ministry" -> "Ukraine's Defence Ministry", but not when the
  group also names "Russia's Defence Ministry"; "Liss" -> "Darko Liss"). This is the
  word-inclusion and head-match test of deterministic name coreference (Lee et al., 2013,
  "strict head match"), applied to the names of one group. Anonymous and vague sources are
  only ever merged by their key ("officials" is not "Ukrainian officials").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from allegedly.lexicons import column, load

_TOKEN = re.compile(r"[^\W_][\w.'\-]*")
#: Kinds whose shorter names never stand for longer ones (nobody one could name twice).
UNNAMED = frozenset({"anonymous", "vague", "publisher"})


@cache
def _words() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """canonical of demonyms/spellings, placeholders, fillers."""
    rows = load("source_name_words")
    canon = {r["word"]: r["canonical"] for r in rows if r["kind"] in ("demonym", "spelling")}
    placeholders = frozenset(r["word"] for r in rows if r["kind"] == "placeholder")
    fillers = frozenset(r["word"] for r in rows if r["kind"] == "filler")
    return canon, placeholders, fillers


@cache
def _titles() -> frozenset[str]:
    return column("person_titles", "title")


def _word(token: str) -> str:
    from allegedly.corpus.text import normalise_word

    token = token.strip("'-")
    return _words()[0].get(token) or normalise_word(token.strip("."))


@lru_cache(maxsize=50_000)
def name_parts(name: str) -> tuple[str, frozenset[str]]:
    """(head, words) of a source name (see the module docstring); ("", {}) for no words."""
    _canon, placeholders, fillers = _words()
    text = " ".join((name or "").replace("’", "'").replace("‘", "'").casefold().split())
    tokens: list[tuple[str, bool]] = []  # (token, possessive)
    for raw in _TOKEN.findall(text):
        possessive = raw.endswith(("'s", "s'"))
        tokens.append((raw[:-2] if raw.endswith("'s") else raw.rstrip("'"), possessive))
    # "X of Y": the head is X's last word ("ministry" in "ministry of defence of ukraine")
    words = [t for t, _p in tokens]
    cut = words.index("of") if "of" in words[1:] else len(words)
    head_part = [t for t, p in tokens[:cut] if t not in fillers and not p]
    kept: list[str] = []
    for token, possessive in tokens:
        if token in fillers or (not kept and token in _titles()):
            continue  # "the", "of" ...; a title before the name ("Mr Liss", "Colonel Belsky")
        if possessive and token in placeholders:
            continue  # "the country's": the place the article names
        kept.append(token)
    words_out = frozenset(w for w in map(_word, kept) if w)
    head = _word(head_part[-1]) if head_part else (_word(kept[-1]) if kept else "")
    return head, words_out


def name_key(name: str) -> str:
    """The identity of a source name across articles: its head and its sorted words."""
    head, words = name_parts(name)
    return head + "|" + " ".join(sorted(words - {head}))


def same_sources(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """name -> the key it counts as within one group, from (name, kind) pairs: its own
    :func:`name_key`, or that of the one longest name with the same head whose words include
    all of its own (see the module docstring)."""
    parts: dict[str, tuple[str, frozenset[str]]] = {}
    kinds: dict[str, set[str]] = {}
    for name, kind in named:
        parts.setdefault(name_key(name), name_parts(name))
        kinds.setdefault(name_key(name), set()).add(kind)
    by_head: dict[str, list[str]] = {}  # names are compared only with names of their head
    for key, (head, _words) in parts.items():
        by_head.setdefault(head, []).append(key)
    out: dict[str, str] = {}
    for key, (head, words) in parts.items():
        out[key] = key
        if not head or kinds[key] <= UNNAMED:
            continue
        wider = [k for k in by_head[head]
                 if k != key and words < parts[k][1] and not kinds[k] <= UNNAMED]
        widest = [k for k in wider if not any(parts[k][1] < parts[o][1] for o in wider)]
        if len(widest) == 1:
            out[key] = widest[0]
    return out
