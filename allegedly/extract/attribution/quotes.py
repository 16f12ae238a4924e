"""Quote-driven attribution strategies: dash signatures (``“…” ― Name``,
``quote.dash_signature``), speaker labels (``PENCE: Well, …``, ``quote.speaker_label``), a
colon before a quote (``Name: “…”``, ``quote.colon``), and the document passes: quotes that
run on after the cue (``quote.follow_on``), bare quote paragraphs that continue the previous
speaker (``quote.previous_speaker``) and a quoted "I" / "we" named for the quote's speaker
(``source.quoted_first_person``). Listed in :mod:`allegedly.extract.attribution.strategies`.
(Where the quotes of a text are is decided by :mod:`allegedly.extract.quotes`.)
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.cues import VERB_FORMS
from allegedly.extract.attribution.sources import make_source, named_span
from allegedly.extract.attribution.spans import (
    MIN_QUOTE_WORDS,
    ltrim_punct,
    make_match,
    paragraph,
    quote_after,
    text_of,
)
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import method
from allegedly.lexicons import load, word_list

_NOT_LABELS = word_list("not_speaker_labels")
_QUOTED_SELF = word_list("first_person_pronouns")
_SPEAKER_NOUNS = frozenset(r["noun"].lower() for r in load("source_nouns") if r["match"] == "head")
"""Head nouns of speaking sources (``source_nouns.tsv``): "Insiders: …", "Officials: …"."""


def follow_on(doc: Doc, m: AttributionMatch, quotes: list[Quote]) -> AttributionMatch:
    """``"A," he said. "B." "C."``: quotes that run on right after the cue clause of a direct
    quote, in the same paragraph, belong to the same content."""
    if m.cue is None or m.quote == "indirect" or m.cue[0] < m.content[0][0]:
        return m
    speaker = named_span(m.source)
    pos = max(m.cue[1], speaker[1] if speaker else 0)
    if pos < m.content[-1][1]:
        return m
    text = without_title_marks(text_of(doc), pos, quotes)
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
    return replace(m, content=tuple(segs))


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


_LONG_TAIL = re.compile(r"[^\n“\"]{0,140}?[.!?][ \u00a0]+(?=[“\"])")
_TITLE_SMALL = word_list("headline_small_words")


def without_title_marks(text: str, pos: int, quotes: list[Quote], reach: int = 140) -> str:
    """``text`` with the marks of the Title Case quotes opening within ``reach`` characters after
    ``pos`` blanked (same length): the name of a show or paper in a cue clause ('Sanders said on
    CNN’s “State of the Union” Sunday.', 'told NBC’s “Today”') is part of the clause, not a
    quote of the speaker."""
    chars = list(text)
    for q in quotes:
        if pos <= q.start < pos + reach and _is_title(text[q.inner[0]:q.inner[1]]):
            for i in (*range(q.start, q.inner[0]), *range(q.inner[1], q.end)):
                chars[i] = " "
    return "".join(chars)


def _is_title(inner: str) -> bool:
    """One to six words in one sentence, the first and every other one capitalised unless a
    small word ("State of the Union", "Meet the Press.")."""
    words = re.findall(r"[\w’']+", inner)
    if re.search(r"[.!?]\W*\w", inner):  # 'The Donald. Big Daddy.': two sentences, a quote
        return False
    return 0 < len(words) <= 6 and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL for w in words)


def dash_signature(dash: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """``“…” ― Sonya Herridge``: a quote signed with a dash and a name (also '”―' as one
    token)."""
    if dash.text[-1:] not in {"―", "—"}:
        return None
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
    src = replace(make_source(span.root, found_by="source.signature"),
                  span=(span.start_char, span.end_char))
    row = {"lemma": "―", "class": "report"}
    return make_match(doc, (at, at + 1), row, (q.start, q.end), quotes, src)


def _colon_after_name(colon: Token) -> Token | None:
    """The token before a ":" that is not a cue verb ("said:" belongs to the verb family)."""
    if colon.text != ":" or colon.i == 0:
        return None
    prev = colon.doc[colon.i - 1]
    return None if prev.lower_ in VERB_FORMS else prev


def speaker_label(colon: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """``PENCE: Well, …``, a headline ``Pat Caddell: Voters Worried …``: a speaker label of one
    to four name words opening a paragraph; content = the rest of the paragraph (3+ words)."""
    if _colon_after_name(colon) is None:
        return None
    label = _speaker_label(colon)
    if label is None:
        return None
    doc = colon.doc
    text = text_of(doc)
    _, pe = paragraph(text, colon.idx)
    content = (ltrim_punct(text, colon.idx + 1, pe), pe)
    if len(re.findall(r"\w+", text[content[0]:content[1]])) < 3:
        return None
    src = replace(make_source(label.root, found_by="source.speaker_label"),
                  span=(label.start_char, label.end_char))
    return make_match(doc, (colon.idx, colon.idx + 1), _COLON_ROW, content, quotes, src)


_COLON_ROW = {"lemma": ":", "class": "report"}


def colon_quote(colon: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """``Name: “…”``: a short noun phrase (not an object, not a place or date) before a colon
    and a quote of two or more words."""
    prev = _colon_after_name(colon)
    if prev is None:
        return None
    doc = colon.doc
    q = quote_after(doc, colon.idx + 1, quotes)
    if q is None or q.words(text_of(doc)) < 2:
        return None
    head = prev if prev.pos_ in {"PROPN", "NOUN", "PRON"} else None
    if head is not None and head.dep_ in {"dobj", "dative", "iobj", "pobj"}:
        return None
    if head is None or colon.i - head.left_edge.i > 5 \
            or head.ent_type_ in {"GPE", "LOC", "NORP", "DATE", "EVENT"}:
        return None  # "Ukraine: 'cutting off' ...": a place is a headline topic, not a speaker
    src = make_source(head, found_by="source.colon_head")
    return make_match(doc, (colon.idx, colon.idx + 1), _COLON_ROW, (q.start, q.end), quotes, src)


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
    if len(toks) == 1 and _known_speaker(toks[0]):
        return toks  # "Pence: Flowers Won't Be at Debate", "Insiders: Trump will rebound"
    if not all(t.pos_ == "PROPN" or (t.is_upper and t.is_alpha) or t.text in {".", "-"}
               for t in toks) or toks[0].lower_ in _NOT_LABELS:
        return None
    if toks.root.ent_type_ in {"GPE", "LOC", "NORP", "DATE", "TIME", "EVENT"}:
        return None  # "Ukraine: Counter-attack close to ..." is a headline topic, not a speaker
    if len(toks) == 1 and not toks[0].is_upper and toks[0].ent_type_ != "PERSON":
        return None  # a bare capitalised word ("Brastovo: ...") is a topic; "PENCE:" a label
    return toks


def _known_speaker(tok: Token) -> bool:
    """A one-word label that names a speaker: the surname of a person the document names in
    full elsewhere ("Pence" for "Mike Pence"), or a plural speaking noun ("Insiders",
    "Officials"); a bare capitalised topic ("Brastovo") is neither."""
    if not tok.is_title or tok.lower_ in _NOT_LABELS:
        return False
    if tok.tag_ == "NNS" and tok.lower_.rstrip("s") in _SPEAKER_NOUNS:
        return True
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == tok.text
               and not e.start <= tok.i < e.end for e in tok.doc.ents)


def _initial(word: str) -> bool:
    """A middle initial ("A.", "J.")."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def previous_speaker(doc: Doc, quotes: list[Quote],
                     found: list[AttributionMatch]) -> list[AttributionMatch]:
    """A quote paragraph with no cue right after a paragraph whose attribution names a person:
    the same speaker goes on."""
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
        source = replace(last.source, method=method("source.previous_speaker"))
        out.append(AttributionMatch(cue=None, cue_lemma="", cue_class="report", content=segs,
                                    quote="direct", source=source,
                                    method=method("quote.previous_speaker")))
    return out


def _paragraphs_between(text: str, m: AttributionMatch, q: Quote) -> int:
    return len([p for p in text[m.content[-1][1]:q.start].split("\n") if p.strip()])


def quoted_first_person(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                        ) -> list[AttributionMatch]:
    """'“I have made clear to them that …,” the minister said': an inner link inside a quote
    whose source is the quoted speaker's own "I" or "we" (``first_person_pronouns``), left
    unnamed by the resolvers, is named for the speaker of the smallest link whose content
    holds that quote (``source.quoted_first_person``; the mention stays as written)."""
    text = text_of(doc)
    out = []
    for m in links:
        src = m.source
        quote = _quote_at(m, quotes)
        if src is None or src.name is not None or src.span is None or quote is None \
                or text[src.span[0]:src.span[1]].lower() not in _QUOTED_SELF:
            out.append(m)
            continue
        outer = _speaker_of_quote(text, m, quote, links)
        if outer is None or outer.source is None:
            out.append(m)
            continue
        named = replace(src, name=outer.source.name, kind=outer.source.kind,
                        description=outer.source.description,
                        antecedent=outer.source.span or outer.source.antecedent,
                        method=method("source.quoted_first_person"))
        out.append(replace(m, source=named))
    return out


def _quote_at(m: AttributionMatch, quotes: list[Quote]) -> Quote | None:
    """The quote the cue of ``m`` stands in, or None."""
    if m.cue is None:
        return None
    return next((q for q in quotes if q.start <= m.cue[0] < q.end), None)


def _speaker_of_quote(text: str, m: AttributionMatch, quote: Quote,
                      links: list[AttributionMatch]) -> AttributionMatch | None:
    """The smallest other link whose content holds all of ``quote``'s words and whose source
    is named and no first-person pronoun itself."""
    def holds(o: AttributionMatch) -> bool:
        return any(s <= quote.inner[0] and quote.inner[1] <= e for s, e in o.content) \
            or o.content[0][0] <= quote.inner[0] and quote.inner[1] <= o.content[-1][1] \
            and any(s <= m.cue[0] < e for s, e in o.content)
    cands = [o for o in links if o is not m and o.source is not None and o.source.name
             and o.source.span is not None
             and text[o.source.span[0]:o.source.span[1]].lower() not in _QUOTED_SELF
             and holds(o)]
    return min(cands, key=lambda o: o.content[-1][1] - o.content[0][0], default=None)


__all__ = ["colon_quote", "dash_signature", "follow_on", "previous_speaker",
           "quoted_first_person", "speaker_label"]
