"""Reader for the Szeged Uncertainty Corpus (Szarvas, Vincze et al. 2012), BioScope-style XML.

The corpus is research-only and is *not* shipped with allegedly; point the reader at your copy
(``factbank.xml`` is the news part, ``wiki.xml`` the Wikipedia weasel-word part). Each
``<Sentence>`` may hold ``<ccue type="speculation_modal_probable_">might</ccue>`` elements.

Sentence text is whitespace-normalised (runs of spaces collapsed, ends stripped) and cue offsets
are mapped onto the normalised text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# gold cue types, short names: speculation_hypo_doxastic -> doxastic, etc.
CUE_TYPES = ("doxastic", "probable", "possible", "condition", "investigation")


@dataclass(frozen=True)
class GoldCue:
    start: int
    end: int
    text: str
    type: str  # one of CUE_TYPES (or the raw type when unknown)


@dataclass(frozen=True)
class GoldSentence:
    doc: str
    sid: str
    text: str
    cues: tuple[GoldCue, ...]

    @property
    def uncertain(self) -> bool:
        return bool(self.cues)


def short_type(raw: str) -> str:
    """``"speculation_hypo_investigation _"`` -> ``"investigation"``."""
    name = raw.strip().rstrip("_").strip()
    last = name.rsplit("_", 1)[-1]
    return last if last in CUE_TYPES else name


def _normalise(pieces: list[tuple[str, int | None]]) -> tuple[str, dict[int, tuple[int, int]]]:
    """Join (text, cue index) pieces, collapse whitespace, return text and cue offsets."""
    chars: list[str] = []
    owner: list[int | None] = []
    for text, idx in pieces:
        chars.extend(text)
        owner.extend([idx] * len(text))
    out: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    prev_space = True  # strips leading whitespace
    for ch, idx in zip(chars, owner, strict=True):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        if idx is not None and not ch.isspace():
            s, e = spans.get(idx, (len(out), len(out)))
            spans[idx] = (min(s, len(out)), len(out) + 1)
        out.append(ch)
    return "".join(out).rstrip(), spans


def _sentence(doc_id: str, elem: ET.Element) -> GoldSentence:
    pieces: list[tuple[str, int | None]] = [(elem.text or "", None)]
    types: list[str] = []
    for child in elem:
        if child.tag == "ccue":
            types.append(short_type(child.get("type", "")))
            pieces.append(("".join(child.itertext()), len(types) - 1))
        else:
            pieces.append(("".join(child.itertext()), None))
        pieces.append((child.tail or "", None))
    text, spans = _normalise(pieces)
    cues = tuple(GoldCue(s, e, text[s:e], types[i]) for i, (s, e) in sorted(spans.items()))
    return GoldSentence(doc_id, elem.get("id", ""), text, cues)


def resolve(path: str | Path) -> Path:
    """A corpus XML file: ``path`` itself, or ``factbank.xml`` (the news part) inside a folder."""
    p = Path(path)
    if p.is_dir():
        p = p / "factbank.xml"
    if not p.is_file():
        raise FileNotFoundError(f"No Szeged uncertainty XML at {p}: pass the folder holding "
                                f"factbank.xml or the XML file itself.")
    return p


def read_sentences(path: str | Path) -> Iterator[GoldSentence]:
    """Sentences of one Szeged XML file (or of ``factbank.xml`` in a folder), in corpus order."""
    root = ET.parse(resolve(path)).getroot()
    for document in root.iter("Document"):
        doc_id = re.sub(r"\s+", " ", document.findtext("DocID") or "").strip()
        for elem in document.iter("Sentence"):
            yield _sentence(doc_id, elem)
