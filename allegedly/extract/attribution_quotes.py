"""Quote-driven attribution rules: quotes that run on after the cue, speaker labels
(``PENCE: Well, …``), dash signatures (``“…” ― Name``) and bare quote paragraphs that continue the
previous speaker. Used by :func:`allegedly.extract.attribution.find_attributions`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution_common import (
    MIN_QUOTE_WORDS,
    VERB_FORMS,
    ltrim_punct,
    make_match,
    paragraph,
    quote_after,
    text_of,
)
from allegedly.extract.matches import AttributionMatch, SourceMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.sources import make_source


def follow_on_quotes(doc: Doc, m: AttributionMatch, quotes: list[Quote]) -> AttributionMatch:
    """``"A," he said. "B." "C."``: quotes that run on right after the cue clause of a direct
    quote, in the same paragraph, belong to the same content."""
    if m.cue is None or m.quote == "indirect" or m.cue[0] < m.content[0][0]:
        return m
    text = text_of(doc)
    pos = max(m.cue[1], m.source.span[1] if m.source and m.source.span else 0)
    if pos < m.content[-1][1]:
        return m
    tail = re.match(r"[^\n“\"]{0,60}?[.,:;]", text[pos:])  # the rest of the cue clause
    long_tail = _LONG_TAIL.match(text, pos)
    if tail is None and long_tail is None:
        return m
    tail_end = pos + tail.end() if tail is not None else pos
    if long_tail is not None and text[tail_end:long_tail.end()].strip() \
            and not _speech_verb_in(doc, pos, long_tail.end()):
        # '"A," DuVernay said, emphasizing why .... "B."': a longer cue clause up to its full
        # stop, with no other speech verb in it
        pos = long_tail.end() - 1
    elif tail is not None:
        pos = tail_end
    else:
        return m
    segs = list(m.content)
    for q in quotes:
        if q.start < pos:
            continue
        gap = text[pos:q.start]
        if gap.strip():
            break
        if "\n" in gap and not _fills_paragraph(text, q):
            break
        segs.extend(q.segments)
        pos = q.end
    if len(segs) == len(m.content):
        return m
    return AttributionMatch(m.cue, m.cue_lemma, m.cue_class, tuple(segs), m.quote, m.source)


def _speech_verb_in(doc: Doc, start: int, end: int) -> bool:
    """A finite speech verb between ``start`` and ``end`` (a new attribution, not the tail of the
    cue clause; "after he was formally called to a hearing" is no speech verb)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return any(t.lower_ in VERB_FORMS and t.tag_ in {"VBD", "VBZ", "VBP"} for t in span)


def _fills_paragraph(text: str, q: Quote) -> bool:
    """The quote is a whole paragraph of its own (``\n“B.”\n``)."""
    line_end = text.find("\n", q.end)
    return text[q.end:line_end if line_end >= 0 else len(text)].strip() in {"", "."}


_LONG_TAIL = re.compile(r"[^\n“\"]{0,140}?[.!?] +(?=[“\"])")


def colon_attribution(colon: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """``NAME: "…"``, a speaker label opening a paragraph (``PENCE: Well, …``, a headline
    ``Pat Caddell: Voters Worried …``) or a quote signed with a dash (``“…” ― Sonya Herridge``)."""
    if colon.text[-1:] in {"―", "—"}:  # also '”―' tokenised as one
        return _dash_signature(colon, quotes)
    if colon.text != ":":
        return None
    doc = colon.doc
    prev = doc[colon.i - 1] if colon.i > 0 else None
    if prev is None or prev.lower_ in VERB_FORMS:
        return None  # handled by verb_attribution
    row = {"lemma": ":", "class": "report"}
    label = _speaker_label(colon)
    if label is not None:
        ps, pe = paragraph(text_of(doc), colon.idx)
        content = (ltrim_punct(text_of(doc), colon.idx + 1, pe), pe)
        if len(re.findall(r"\w+", text_of(doc)[content[0]:content[1]])) >= 3:
            src = make_source(label.root)
            span = (label.start_char, label.end_char)
            src = SourceMatch(span, src.name, src.kind, src.description, src.antecedent)
            return make_match(doc, (colon.idx, colon.idx + 1), row, content, quotes, src)
    q = quote_after(doc, colon.idx + 1, quotes)
    if q is None or q.words(text_of(doc)) < 2:
        return None
    head = prev if prev.pos_ in {"PROPN", "NOUN", "PRON"} else None
    if head is not None and head.dep_ in {"dobj", "dative", "iobj", "pobj"}:
        return None
    if head is None or colon.i - head.left_edge.i > 5 \
            or head.ent_type_ in {"GPE", "LOC", "NORP", "DATE", "EVENT"}:
        return None  # "Ukraine: 'cutting off' ...": a place is a headline topic, not a speaker
    src = make_source(head)
    return make_match(doc, (colon.idx, colon.idx + 1), row, (q.start, q.end), quotes, src)


def _speaker_label(colon: Token) -> Span | None:
    """1-4 name tokens between the paragraph start (or an opening quote) and ``colon``."""
    doc = colon.doc
    ps, _ = paragraph(text_of(doc), colon.idx)
    i = colon.i - 1
    while i >= 0 and doc[i].idx >= ps and colon.i - i <= 4:
        i -= 1
    first = i + 1
    while first < colon.i and (doc[first].is_space or doc[first].text in '"“'):
        first += 1
    if first >= colon.i or doc[first].idx < ps or text_of(doc)[ps:doc[first].idx].strip(' "“') \
            or colon.i - first > 4:
        return None
    toks = doc[first:colon.i]
    if not all(t.pos_ == "PROPN" or (t.is_upper and t.is_alpha) or t.text in {".", "-"}
               for t in toks) or toks[0].lower_ in {"update", "source", "note", "editor",
                                                    "watch", "read", "photo", "video"}:
        return None
    if toks.root.ent_type_ in {"GPE", "LOC", "NORP", "DATE", "TIME", "EVENT"}:
        return None  # "Ukraine: Counter-attack close to ..." is a headline topic, not a speaker
    if len(toks) == 1 and not toks[0].is_upper and toks[0].ent_type_ != "PERSON":
        return None  # a bare capitalised word ("Brastovo: ...") is a topic; "PENCE:" a label
    return toks


def _dash_signature(dash: Token, quotes: list[Quote]) -> AttributionMatch | None:
    doc = dash.doc
    at = dash.idx + len(dash.text) - 1  # the dash itself, also in a '”―' token
    q = next((q for q in quotes if 0 <= at - q.end <= 2), None)
    if q is None or dash.i + 1 >= len(doc):
        return None
    name = doc[dash.i + 1]
    if name.is_space and dash.i + 2 < len(doc):
        name = doc[dash.i + 2]
    if name.pos_ != "PROPN":
        return None
    end = name.i
    while end + 1 < len(doc) and "\n" not in doc[end].whitespace_ and (
            doc[end + 1].pos_ == "PROPN" or _initial(doc[end + 1].text)):
        end += 1  # "Julie A. Diaz Martinez"
    span = doc[name.i:end + 1]
    src = make_source(span.root)
    src = SourceMatch((span.start_char, span.end_char), src.name, src.kind, src.description,
                      src.antecedent)
    row = {"lemma": "―", "class": "report"}
    return make_match(doc, (at, at + 1), row, (q.start, q.end), quotes, src)


def _initial(word: str) -> bool:
    """A middle initial ("A.", "J.")."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def bare_quote_attributions(doc: Doc, quotes: list[Quote],
                            found: list[AttributionMatch]) -> list[AttributionMatch]:
    """A quote paragraph with no cue right after a paragraph whose attribution names a speaker."""
    covered = [s for m in found for s in m.content]
    out: list[AttributionMatch] = []
    text = text_of(doc)
    for q in quotes:
        if q.words(text) < MIN_QUOTE_WORDS or any(a <= q.inner[0] < b for a, b in covered):
            continue
        line_start = text.rfind("\n", 0, q.start) + 1
        if text[line_start:q.start].strip():
            continue  # the quote does not open its paragraph
        line_end = text.find("\n", q.end)
        rest = text[q.end:line_end if line_end >= 0 else len(text)]
        if rest.strip() not in {"", "."}:
            continue
        prev = [m for m in found if m.content[-1][1] <= q.start and m.source is not None
                and m.source.span is not None and m.source.kind == "person"]
        if not prev:
            continue
        last = max(prev, key=lambda m: m.content[-1][1])
        if q.start - last.content[-1][1] > 400 or _paragraphs_between(text, last, q) > 1:
            continue
        segs = tuple((s, e) for s, e in q.segments if e > s)
        out.append(AttributionMatch(cue=None, cue_lemma="", cue_class="report", content=segs,
                                    quote="direct", source=last.source))
    return out


def _paragraphs_between(text: str, m: AttributionMatch, q: Quote) -> int:
    return len([p for p in text[m.content[-1][1]:q.start].split("\n") if p.strip()])
