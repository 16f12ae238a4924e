"""Readers for attribution gold data: PolNeAR brat standoff and our own JSONL format.

Both give documents as ``{"doc": id, "text": str, "attributions": [record, ...]}`` where a record
is ``{"source": [(s, e), ...], "cue": [...], "content": [...]}`` in character offsets of ``text``
(the common record of :mod:`allegedly.evaluation.attrib_metrics`).

PolNeAR layout (Newell et al., LREC 2018): ``<split>/text/<doc>.txt`` and
``<split>/attributions/<doc>_<annotator>.ann``. In the ``.ann`` files, ``T`` lines are spans
(``T3<TAB>Cue 107 114<TAB>reports``; discontinuous spans join ``start end`` pairs with ``;``) and
``E`` lines tie them into attributions (``E1<TAB>Attribution:T1 Source:T2 Cue:T3 Content:T4``).
The span text column can wrap onto continuation lines; those are skipped (offsets are enough).

PolNeAR's annotation conventions that differ from allegedly's output live here, not in the
extractors: :func:`polnear_source` maps a predicted source to the span PolNeAR would mark.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from allegedly.lexicons import word_list

FIELDS = ("source", "cue", "content")
_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)")
_EVENT_LINE = re.compile(r"^(E\d+)\t(\S+)")

Record = dict[str, list[tuple[int, int]]]
_RELATIVE_WORD = re.compile(r"(,\s*)?\b(who|whom|whose|which|that)\b", re.I)
STAND_INS = frozenset({"rule:source.unnamed", "rule:source.expletive", "rule:source.vague"})
"""Methods of unnamed sources named by the words that stand for them ("it is alleged", "There are
claims"); the same set as ``allegedly.extract.attribution.sources.STAND_INS`` (a test checks)."""


def polnear_source(text: str, source: tuple[int, int] | None, cue: tuple[int, int] | None,
                   method: str | None) -> tuple[int, int] | None:
    """``source`` as PolNeAR marks it.

    * An unnamed source has no span in PolNeAR ("it was revealed", "There are fears that"):
      allegedly gives the words that stand for it, when they are in the text.
    * allegedly gives the noun phrase a relative pronoun speaks for ("the colonel, who said
      ..." -> "the colonel"); PolNeAR marks the pronoun itself, for "who"/"whom"/"whose" and for
      "which" and a restrictive "that" as well ("a program [that] allows ...": 23 of the 33
      restrictive "that" sources of the tuning gold are the pronoun). The pronoun is the first
      relative word between the source and the cue.
    * A pronoun coordinated with a noun phrase before the cue is the whole subject
      (:func:`coordinated_pronoun`).
    """
    if method in STAND_INS:
        return None
    if source is None or cue is None or cue[0] < source[1]:
        return source
    if method != "rule:source.relative":
        return coordinated_pronoun(text, source, cue)
    m = _RELATIVE_WORD.search(text, source[1], cue[0])
    if m is None:
        return source
    return m.start(2), m.end(2)


_CONJUNCT = re.compile(r"\s+and\s+((?:[^\W\d][\w’'.-]*\s+){0,2}[^\W\d][\w’'.-]*),?\s*")


def coordinated_pronoun(text: str, source: tuple[int, int], cue: tuple[int, int]
                        ) -> tuple[int, int]:
    """A pronoun speaker coordinated with a noun phrase right before the cue ("[She and her
    aides] argue", "[they and their supporters] say"): allegedly's mention is the pronoun alone
    (the speaker it resolves to); PolNeAR marks the whole subject. The conjunct is one to three
    words opening with a possessive, a determiner or a capital ("European leaders"), with no
    auxiliary or cue adverb in it (those belong to the cue: "she and her aides have vowed")."""
    if text[source[0]:source[1]].lower() not in _SPEAKING_PRONOUNS:
        return source
    m = _CONJUNCT.fullmatch(text, source[1], cue[0])
    if m is None:
        return source
    words = m.group(1).split()
    if words[0].lower() not in _CONJUNCT_OPENERS and not words[0][0].isupper() \
            or any(w.lower() in _CONJUNCT_STOPS for w in words):
        return source
    return source[0], m.end(1)


_SPEAKING_PRONOUNS = word_list("speaking_pronouns") - {"who"}
_CONJUNCT_OPENERS = word_list("possessive_pronouns") | word_list("articles") \
    | word_list("indefinite_determiners") | word_list("conjunct_determiners")
_CONJUNCT_STOPS = word_list("conjunct_stop_words")


def parse_ann(ann: str) -> list[Record]:
    """Attribution records of one brat ``.ann`` file's text."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        m = _SPAN_LINE.match(line)
        if m:
            segs = []
            for pair in m.group(3).split(";"):
                a, b = pair.split()
                segs.append((int(a), int(b)))
            spans[m.group(1)] = segs
        elif _EVENT_LINE.match(line):
            events.append(line.split("\t", 1)[1].split())
    records: list[Record] = []
    for ev in events:
        rec: Record = {f: [] for f in FIELDS}
        for arg in ev[1:]:
            role, _, ref = arg.partition(":")
            role = role.lower().rstrip("0123456789")
            if role in rec and ref in spans:
                rec[role].extend(spans[ref])
        records.append(rec)
    return records


def read_polnear(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Documents of one PolNeAR split folder (``.../dev``); the first annotator per document."""
    root = Path(path)
    if (root / "dev").is_dir() and not (root / "text").is_dir():
        root = root / "dev"
    docs = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append({"doc": txt.stem, "text": text,
                     "attributions": parse_ann(anns[0].read_text(encoding="utf-8"))})
        if limit is not None and len(docs) >= limit:
            break
    return docs


def read_jsonl(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Documents of our JSONL gold format (one ``{"doc", "text", "attributions"}`` per line)."""
    docs = []
    for line in _lines(Path(path)):
        d = json.loads(line)
        atts = [{f: [tuple(seg) for seg in a.get(f) or []] for f in FIELDS}
                for a in d.get("attributions", [])]
        docs.append({"doc": str(d.get("doc", len(docs))), "text": d["text"], "attributions": atts})
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield line


def read_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """PolNeAR folder or JSONL file, whichever ``path`` is."""
    p = Path(path)
    if p.is_dir():
        return read_polnear(p, limit)
    return read_jsonl(p, limit)
