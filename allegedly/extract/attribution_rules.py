"""The individual attribution rules used by :func:`allegedly.extract.attribution.find_attributions`.

Each rule takes one candidate token (and the document's quotes) and returns an
:class:`AttributionMatch` or None. All are pure functions over the parse; the helpers they share
with the other rule modules live in :mod:`allegedly.extract.attribution_common`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution_common import (
    CUES,
    MIN_QUOTE_WORDS,
    NOUN_CUES,
    NOUN_FORMS,
    PHRASE_FORMS,
    VERB_FORMS,
    conjoined_cue,
    cue_span,
    cue_start,
    ltrim_punct,
    make_match,
    paragraph,
    quote_after,
    source_of,
    text_of,
    verb_cue_row,
)
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, Offsets
from allegedly.extract.quotes import Quote
from allegedly.extract.sources import make_source, vague_source
from allegedly.lexicons import column

CONTENT_DEPS = {"ccomp"}
NP_DEPS = {"dobj", "oprd", "xcomp", "ccomp", "dative"}


def _trim(doc: Doc, start: int, end: int) -> Offsets | None:
    """Token range [start, end) as char offsets, with edge punctuation/space tokens removed."""
    while start < end and (doc[start].is_punct and doc[start].text not in '“"‘' or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in '”"’'
                           or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def verb_attribution(v: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """Reporting verb with a clause / quote / object as content; direct, inverted or passive."""
    if v.lower_ not in VERB_FORMS and v.lower_ not in PHRASE_FORMS \
            or v.pos_ not in {"VERB", "AUX"}:
        return None
    row = verb_cue_row(v)
    if row is None:
        return None
    if row["lemma"] == "know" and any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
        return None  # "it is not known what happened": uncertainty, not attribution
    if row["lemma"] == "call" and v.dep_ in {"acl", "amod", "advcl"} and v.tag_ == "VBN":
        return None  # "the program, called EB-5": naming, not attribution
    if v.tag_ == "VB" and v.dep_ in {"ROOT", "conj"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in v.children):
        return None  # an imperative ("Talk to us?") is an instruction, not a report
    frame = set(row["frame"].split(","))
    doc = v.doc
    cue = cue_span(v)
    content: Offsets | None = None
    comps = [c for c in v.children if c.dep_ in CONTENT_DEPS and not inverted_final(c)]
    if "to" in frame and not comps:
        comps = [c for c in v.children if c.dep_ == "xcomp" and c.i > v.i]
        if row["lemma"] in _DESIRE and comps and not _has_object(comps[0]):
            return None  # "he wanted to defect": a wish, not a stated position
    if any(_anonymity_formula(c) for c in v.children if c.dep_ == "xcomp"):
        return None  # "who asked not to be named"
    if row["class"] == "confirmation" and v.dep_ == "xcomp":
        return None  # "was unable to verify the account": a hedge, not a confirmation
    exclude = None
    raised = _raising_passive(v, row) if not comps else None
    if raised is not None:  # "About one in nine voters [is expected] to be Latino"
        subj, comp = raised
        return make_match(doc, cue, row,
                          (doc[subj.left_edge.i].idx, _end(doc[comp.right_edge.i])), quotes,
                          source_of(v), exclude=(_end(doc[subj.right_edge.i]), comp.left_edge.idx),
                          around_cue=True)
    if comps and any(c.i > v.i for c in comps):
        # "A: Republicans said B": a clause before the speaker is only part of the content
        # when set off like a quote ("A," she said, "B.")
        comps = [c for c in comps if c.i > v.i or c.right_edge.i + 1 < len(doc)
                 and doc[c.right_edge.i + 1].text in _SANDWICH_GAP]
    if comps:
        content = _trim(doc, min(c.left_edge.i for c in comps),
                        _end_before_conjoined_cue(max(comps, key=lambda c: c.right_edge.i)))
        before = [c for c in comps if c.i < v.i]
        after = [c for c in comps if c.i > v.i]
        if before and after and content is not None:  # "A," she said, "B." -> A … B
            gap_start = max(c.right_edge.i for c in before) + 1
            gap_end = min(c.left_edge.i for c in after) - 1
            exclude = (doc[gap_start].idx, doc[gap_end].idx + len(doc[gap_end].text))
        elif after and not before and content is not None:
            q = quote_after(doc, cue[1], quotes)
            opening = _quote_before_speaker(doc, v, quotes) if q is not None else None
            if opening is not None and q is not None and q.start <= content[0] < q.end:
                # '“If A,” the spokesman says, “why B?”' with "If A" parsed as an adverbial
                content, exclude = (opening.start, content[1]), (opening.end, q.start)
    from_quote = False
    if content is None:
        objs = [c for c in v.rights if c.dep_ in {"dobj", "dative", "iobj"}]
        after = max([cue[1]] + [o.right_edge.idx + len(o.right_edge.text) for o in objs])
        q = quote_after(doc, after, quotes)
        if q is not None and re.search(r"[.!?]", text_of(doc)[after:q.start]):
            q = None  # '"A?" Graham asked. "B."': the quote after the full stop is a new sentence
        dobj = next((o for o in objs if o.dep_ == "dobj"), None)
        if q is not None and dobj is not None and row["lemma"] not in _ADDRESSEE_VERBS:
            # 'described [Clinton as “a lifetime politician”]', 'called [them ''anchors'']'
            content, from_quote = (dobj.left_edge.idx, q.end), True
            obj_end = dobj.right_edge.idx + len(dobj.right_edge.text)
            if "," in text_of(doc)[obj_end:q.start]:  # 'called them in an article, “X”'
                exclude = (obj_end, q.start)
        elif q is not None:
            content, from_quote = (q.start, q.end), True
            opening = _quote_before_speaker(doc, v, quotes)
            if opening is not None:  # '“A,” the narrator says, “B?”' -> A … B
                content, exclude = (opening.start, q.end), (opening.end, q.start)
        elif text_of(doc)[after:after + 1] == ":":
            content, from_quote = _after_colon(text_of(doc), after + 1), True
    if content is None:
        content = _embedded_that_clause(v)
    opening = _quote_before_speaker(doc, v, quotes) \
        if content is None and v.tag_ in {"VBD", "VBZ", "VBP"} else None
    if opening is not None and opening.words(text_of(doc)) >= MIN_QUOTE_WORDS:
        content = opening.start, opening.end  # '“A,” Trump said when …', '“A,” X told the court'
    if content is None:
        content = _wh_clause(v)
    if content is None and ("np" in frame or _np_like(v) and "strict" not in frame):
        objs = [c for c in v.rights if c.dep_ in NP_DEPS
                or c.dep_ == "prep" and (c.lower_ in {"of", "for", "over", "about", "on"}
                                         or row["lemma"].endswith(" " + c.lower_))]
        if objs and (objs[-1].dep_ == "dobj" or row["lemma"].endswith(" " + objs[-1].lower_)):
            # "likened [RT to the BBC]", "cited [X as Y]", "pointed to [X as evidence]"
            objs += [c for c in v.rights if c.i > objs[-1].right_edge.i and c.dep_ == "prep"
                     and c.lower_ in _COMPLEMENT_PREPS and c.i == objs[-1].right_edge.i + 1]
            objs += [c for c in v.rights if c.i > objs[-1].right_edge.i and c.dep_ == "prep"
                     and c.lower_ in _NOUN_PREPS and c.i == objs[-1].right_edge.i + 1
                     and not any(p.dep_ == "pobj" and _is_setting(p) for p in c.children)]
        if objs:
            first = objs[0].left_edge.i
            if doc[first].dep_ == "prep" and doc.char_span(*cue) is not None \
                    and doc[first].idx < cue[1]:
                first += 1  # "called for [more information]": the preposition is in the cue
            content = _trim(doc, first, _before_setting(doc, first, objs[-1].right_edge.i + 1))
    if content is None and "strict" not in frame:  # strict: clause / quote contents only
        content = _clause_after_object(v)
    if content is None and v.dep_ in {"parataxis", "ccomp", "advcl"} and v.head.i > v.i \
            and (v.right_edge.text == "," or v.right_edge.i + 1 < len(doc)
                 and doc[v.right_edge.i + 1].text == ",") \
            and v.left_edge.i > v.head.left_edge.i:
        h = v.head  # "The museum, Mr. Obama said, would make ..."
        content = _trim(doc, h.left_edge.i, h.right_edge.i + 1)
        exclude = (doc[v.left_edge.i].idx, doc[v.right_edge.i].idx + len(doc[v.right_edge.i]))
    if content is None and v.dep_ in {"parataxis", "ccomp", "advcl", "conj"} and v.head.i < v.i \
            and not any(c.dep_ == "mark" for c in v.children):  # not "…, although X sought Y"
        first, last = _clause_edges(v)
        if first > 0 and doc[first - 1].text in {",", "—", "–"} and (
                lemma(v.head) not in CUES or inverted_final(v)):
            h = v.head  # "The bridge will reopen, officials said[, and ...]"
            content = _trim(doc, h.left_edge.i, h.right_edge.i + 1)
            if content is not None and last < h.right_edge.i - 1:
                exclude = (doc[first].idx, doc[last].idx + len(doc[last].text))
            elif content is not None:
                content = _trim(doc, h.left_edge.i, first)
            if content is not None and content[1] - content[0] < 8:
                content, exclude = None, None
    if content is None and v.dep_ == "ROOT":
        content = _quote_before(doc, v, quotes)
    if content is None:
        return None
    content = _with_misattached_conjuncts(doc, v, content)
    content = _inside_own_quote(content, cue, quotes)
    if content is not None and not from_quote:
        content = _clip_toparagraph(text_of(doc), content, cue, quotes)
        if content is not None and content[1] > cue[1]:
            content = _without_final_aside(doc, content, quotes)
    if content is None:
        return None
    writer = "writer" in frame and not any(  # "seemed to think X": the subject thinks
        c.dep_ == "xcomp" and verb_cue_row(c) is not None for c in v.children)
    source = None if writer else source_of(v)
    if exclude is None and source is not None and source.span is not None \
            and _inside(source.span, content):
        return None
    return make_match(doc, cue, row, content, quotes, source, exclude)


def _end(t: Token) -> int:
    return t.idx + len(t.text)


def _raising_passive(v: Token, row: dict[str, str]) -> tuple[Token, Token] | None:
    """"X is expected / believed / said to …": an agentless passive cue whose subject and
    infinitive together are the content (the source is unnamed). Returns (subject, infinitive)."""
    if v.tag_ != "VBN" or row["lemma"] == "know" \
            or not any(c.dep_ == "auxpass" for c in v.children) \
            or any(c.dep_ == "agent" for c in v.children):
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubjpass" and c.i < v.i), None)
    comp = next((c for c in v.rights if c.dep_ == "xcomp"
                 and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts)), None)
    if subj is None or comp is None or subj.lower_ in {"it", "there"}:
        return None
    return subj, comp


def _end_before_conjoined_cue(comp: Token) -> int:
    """End (exclusive token index) of a content clause, cut before a conjoined speech verb of
    the outer speaker (:func:`conjoined_cue`), which gets its own link."""
    for t in comp.subtree:
        if t.head == comp and _conjoined_speech(t) or _participle_cue(t):
            end = t.left_edge.i
            while end > comp.i and comp.doc[end - 1].dep_ in {"cc", "punct"}:
                end -= 1
            if end > comp.i:
                return end
    return comp.right_edge.i + 1


def _conjoined_speech(t: Token) -> bool:
    """"tweeted ... that Machado was "a con" [and encouraged Americans to ...]": a subjectless
    finite speech verb conjoined to a that-clause the parser took for an adverbial continues the
    outer speaker with a new link (:func:`conjoined_cue` covers the ccomp case)."""
    return conjoined_cue(t) or t.dep_ == "conj" and t.tag_ in {"VBD", "VBZ"} \
        and verb_cue_row(t) is not None and t.head.dep_ == "advcl" \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) \
        and any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in t.children)


def _participle_cue(t: Token) -> bool:
    """"said he did not believe it, [arguing that ...]": a participle speech verb after a comma
    with its own content is a new link of the same speaker, not part of the first content."""
    return t.dep_ == "advcl" and t.tag_ == "VBG" and t.left_edge.i == t.i and t.i > 0 \
        and t.doc[t.i - 1].text == "," and verb_cue_row(t) is not None \
        and any(c.dep_ in {"ccomp", "dobj"} and c.i > t.i for c in t.children)


_SANDWICH_GAP = frozenset({",", "”", '"', "’", "'", "—", "–", "--"})
_COMPLEMENT_PREPS = frozenset({"as", "to", "like", "with"})
_NOUN_PREPS = frozenset({"from", "in", "out", "among", "between", "by"})
_SETTING_NOUNS = column("speech_settings", "word")
"""Nouns naming where/how something was said (``lexicons/speech_settings.tsv``)."""
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "conj"})
_ADJUNCT_PREPS = frozenset({"in", "on", "during", "at", "via"})
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "remind", "warn", "assure", "inform", "urge",
                              "advise", "promise", "brief", "accuse"})
_DESIRE = frozenset({"want", "wish", "hope", "intend", "plan"})


def _is_setting(n: Token) -> bool:
    """A noun naming the occasion/channel or time of a statement ("tweets", "Twitter", "July")."""
    return lemma(n).lower() in _SETTING_NOUNS or n.lower_ in _SETTING_NOUNS \
        or n.ent_type_ in {"DATE", "TIME"}


def _before_setting(doc: Doc, first: int, end: int) -> int:
    """End of an object content cut before a trailing setting: a prepositional phrase about the
    occasion, channel or time ("[Machado] in early-morning tweets", "[one] in July", "[Clinton
    as a “disgrace”] Wednesday on The Laura Ingraham Show") or a bare date word."""
    for t in doc[first + 1:end]:
        if any(a.dep_ in _CLAUSE_DEPS and first <= a.i < end for a in t.ancestors):
            continue  # inside a clause of the object ("…, which filed in 2016"): not a setting
        if t.dep_ == "prep" and t.lower_ in _ADJUNCT_PREPS and t.right_edge.i < end and any(
                p.dep_ == "pobj" and _is_setting(p) for p in t.children):
            return t.i
        if t.dep_ == "npadvmod" and t.ent_type_ == "DATE" and t.head.i < first:
            return t.i
    return end


def _with_misattached_conjuncts(doc: Doc, v: Token, content: Offsets) -> Offsets:
    """"wants [to triple X, grow Y and create Z]", "has mentioned [refinancing X and forcing
    Y]": the parser hung the later conjuncts on the finite cue verb, though their form (a bare
    verb after "to ...", a gerund after a gerund object) cannot coordinate with it."""
    if v.tag_ not in {"VBZ", "VBD", "VBP", "VBN"}:
        return content
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return content
    forms = {t.tag_ for t in span if t.tag_ in {"VB", "VBG"}}
    end = content[1]
    for c in v.rights:
        if c.dep_ == "conj" and c.idx >= end - 1 and c.tag_ in forms and c.tag_ != v.tag_ \
                and not any(x.dep_ in {"nsubj", "nsubjpass"} or x.dep_ in {"aux", "auxpass"}
                            and x.head == c or lemma(x) in CUES for x in c.subtree) \
                and "\n" not in text_of(doc)[end:c.idx]:
            last = c.right_edge
            while last.i > c.i and (last.is_punct or last.is_space):
                last = doc[last.i - 1]
            end = last.idx + len(last.text)
    return content[0], end


def _has_object(x: Token) -> bool:
    """"wants to triple AmeriCorps" (an object or complement) vs "wanted to defect"."""
    return any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"} for c in x.children)


def _anonymity_formula(x: Token) -> bool:
    """"(asked) not to be named / identified"."""
    return any(c.dep_ == "neg" for c in x.children) and any(
        c.dep_ == "auxpass" for c in x.children)


def inverted_final(v: Token) -> bool:
    """"…, the Northern Ledger reported.": a reporting verb with its own subject closing the
    sentence after a comma, with nothing of its own after it."""
    doc = v.doc
    if v.dep_ not in {"ccomp", "parataxis", "conj", "advcl"} or v.head.i > v.i \
            or lemma(v) not in CUES:
        return False
    first = _clause_edges(v)[0]
    if first == 0 or doc[first - 1].text not in {",", "—", "–"}:
        return False
    if not any(c.dep_ == "nsubj" and c.i < v.i for c in v.children) or any(
            c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > v.i for c in v.children):
        return False
    return all(t.is_punct or t.is_space or (t.head == v and t.dep_ in {"npadvmod", "prep"})
               for t in doc[v.i + 1:v.sent.end]) and any(
                   c.dep_ in {"ccomp", "xcomp"} for c in v.head.children if c is not v)


def _clause_edges(v: Token) -> tuple[int, int]:
    """First and last non-punctuation token of ``v``'s subtree."""
    toks = [t for t in v.subtree if not t.is_punct]
    return toks[0].i, toks[-1].i


def _np_like(v: Token) -> bool:
    """Any cue verb takes a full noun-phrase object as content ("noted Bill Clinton's comments")
    when the object is more than a pronoun."""
    obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    return obj is not None and obj.pos_ not in {"PRON"} and obj.right_edge.i - obj.left_edge.i >= 1


_WH = frozenset({"when", "whether", "how", "why", "what", "if", "who", "where", "which"})


def _embedded_that_clause(v: Token) -> Offsets | None:
    """"told [a meeting of leaders] that ...": the parser hung the that-clause on the object."""
    obj = next((c for c in v.rights if c.dep_ in {"dobj", "dative"}), None)
    if obj is None:  # "said in a statement that ...": the clause hung on the noun
        prep = next((c for c in v.rights if c.dep_ == "prep" and c.lower_ in {"in", "during"}),
                    None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is None:
        return None
    for t in obj.subtree:
        if t.dep_ in {"acl", "relcl", "ccomp"} and t.left_edge.lower_ == "that" \
                and t.left_edge.dep_ == "mark":
            return _trim(v.doc, t.left_edge.i, t.right_edge.i + 1)
    return None


def _wh_clause(v: Token) -> Offsets | None:
    """"have not said when they would ...": a wh-clause parsed as an adverbial clause."""
    for c in v.rights:
        if c.dep_ == "advcl" and c.left_edge.lower_ in _WH and c.left_edge.i == v.i + 1:
            return _trim(v.doc, c.left_edge.i, c.right_edge.i + 1)
        if c.dep_ == "advcl" and c.left_edge.lower_ == "that" and c.left_edge.i > v.i:
            # "tweeted in the early morning hours that ...": the that-clause taken for an adverbial
            return _trim(v.doc, c.left_edge.i, _end_before_conjoined_cue(c))
    return None


def _clause_after_object(v: Token) -> Offsets | None:
    """"suggesting [up to 17 commanders] may have been lost": the parser hung the object's verb
    elsewhere; take the object up to the end of the sentence when a finite verb follows it."""
    obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    sent = v.sent
    end = sent.end
    tail = v.doc[obj.right_edge.i + 1:end]
    if not any(t.tag_ in {"MD", "VBD", "VBZ", "VBP"} for t in tail[:3]):
        return None
    return _trim(v.doc, obj.left_edge.i, end)


def _inside_own_quote(content: Offsets, cue: Offsets, quotes: list[Quote]) -> Offsets | None:
    """A cue inside a quote ('“We show anger, we show emotion,” said Harvey') has its content
    inside the same quote: it never runs out over the closing mark."""
    for q in quotes:
        if q.start < cue[0] < q.end:
            if q.start <= content[0] and content[1] <= q.end:
                return content
            s, e = max(content[0], q.inner[0]), min(content[1], q.inner[1])
            return (s, e) if e > s else None
    return content


def _clip_toparagraph(text: str, content: Offsets, cue: Offsets, quotes: list[Quote]
                       ) -> Offsets | None:
    """Keep the content inside the cue's paragraph (parses can run over unpunctuated lines);
    multi-paragraph quotes are restored later by :func:`snap`."""
    ps, pe = paragraph(text, cue[0])
    s, e = max(content[0], ps), min(content[1], pe)
    return (s, e) if e > s else None


_ASIDE_PUNCT = frozenset({",", "—", "–", "--", ";"})
_ASIDE_DEPS = frozenset({"relcl", "appos"})
_CONCESSIVE = frozenset({"although", "though", "whereas"})


def _without_final_aside(doc: Doc, content: Offsets, quotes: list[Quote]) -> Offsets:
    """An indirect content after its cue without the writer's closing aside set off by a comma
    or dash: a non-restrictive relative clause ("likened RT to the BBC, which receives
    government funding") or an apposition ("…with NATO, the existing military alliance")."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or any(q.start < content[1] and content[0] < q.end for q in quotes):
        return content
    toks = [t for t in span if not (t.is_punct or t.is_space)]
    if len(toks) < 4:
        return content
    last = toks[-1].i
    for t in span[3:]:
        if t.dep_ == "advcl" and t.right_edge.i == last and t.left_edge.lower_ in _CONCESSIVE \
                and doc[t.left_edge.i - 1].text == "," and t.left_edge.i > span.start + 2:
            end = doc[t.left_edge.i - 2]  # "was its biggest yet[, although it may take days]"
            return content[0], end.idx + len(end.text)
        if t.dep_ in _ASIDE_DEPS and t.right_edge.i == last and t.left_edge.i > span.start \
                and doc[t.left_edge.i - 1].text in _ASIDE_PUNCT \
                and (t.dep_ == "appos" or t.left_edge.tag_ in {"WDT", "WP", "WP$", "WRB"}) \
                and not any(lemma(x) in CUES and x.tag_ in {"VBD", "VBZ", "VBP"}
                            for x in t.subtree):  # "which he said runs …", not "by questioning"
            end = doc[t.left_edge.i - 2]
            return content[0], end.idx + len(end.text)
    return content


def _inside(a: Offsets, b: Offsets) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _after_colon(text: str, pos: int) -> Offsets | None:
    """``The governor added: It's typical ...``: the rest of the paragraph, or the next one."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if text[pos:end].strip():
        return ltrim_punct(text, pos, end), end
    m = re.search(r"\S[^\n]*", text[end:])
    return (end + m.start(), end + m.end()) if m else None


def _quote_before_speaker(doc: Doc, v: Token, quotes: list[Quote]) -> Quote | None:
    """The quote closing right before the speaker of an inverted or mid-quote cue, in the same
    paragraph ('“A,” the ad’s narrator says, …')."""
    subj = next((c for c in reversed(list(v.lefts)) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    first = subj.left_edge.i if subj is not None else v.i
    while first < v.i and (doc[first].is_punct or doc[first].is_space):
        first += 1  # the closing mark and comma the parser hung on the subject
    start = min(doc[first].idx, doc[cue_start(v)].idx)
    text = text_of(doc)
    ps, _ = paragraph(text, v.idx)
    for q in reversed(quotes):
        if q.end <= start:
            open_ended = text[q.inner[1] - 1:q.inner[1]] in {",", "—", "–", "-"} \
                or "," in text[q.end:start]  # '“A,” X says' / '“A”, X says', not '“A.” X says'
            if q.end > ps and not text[q.end:start].strip(" ,—–") and open_ended \
                    and q.words(text) >= 2:
                return q
            return None
    return None


def _quote_before(doc: Doc, v: Token, quotes: list[Quote]) -> Offsets | None:
    """``"…," he said.`` split over two sentences: the quote ending right before the clause."""
    clause_start = doc[v.left_edge.i].idx
    for q in quotes:
        if q.end <= clause_start and not text_of(doc)[q.end:clause_start].strip(" ,—–"):
            return q.start, q.end
    sent_start = v.sent.start_char
    for q in quotes:
        if 0 <= sent_start - q.end <= 2 and q.words(text_of(doc)) >= MIN_QUOTE_WORDS:
            return q.start, q.end
        if q.start < sent_start <= q.end:
            return q.start, q.end
    return None


def phrase_attribution(tok: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """"according to X", "X pointed out that ..."."""
    if tok.lower_ != "according":
        return None
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    row = {"lemma": "according to", "class": "report"}
    src = make_source(pobj)
    cue = (tok.idx, nxt.idx + len(nxt.text))
    sent = tok.sent
    pp_start, pp_end = tok.i, max(pobj.right_edge.i, nxt.right_edge.i) + 1
    before = _trim(doc, sent.start, pp_start)
    after = _trim(doc, pp_end, sent.end)
    content = after if after and (not before or after[1] - after[0] > before[1] - before[0]) \
        else before
    if content is None:
        return None
    return make_match(doc, cue, row, content, quotes, src)


def noun_attribution(n: Token, quotes: list[Quote]) -> AttributionMatch | None:
    """Noun cues with a that-clause: "there are claims that ...", "Trump's claim that ..."."""
    if n.lower_ not in NOUN_FORMS or n.pos_ not in {"NOUN", "PROPN"}:
        return None
    row = NOUN_CUES.get(lemma(n))
    if row is None or row["frame"] == "poss":  # poss-only nouns: attribution_nouns
        row = NOUN_CUES.get(n.lower_)
    if row is None or row["frame"] == "poss":
        return None
    doc = n.doc
    if n.dep_ == "pobj" and n.head.lower_ in {"in", "during"} and n.head.head.pos_ == "VERB" \
            and lemma(n.head.head) in CUES:
        return None  # "said in a statement that ...": the verb's link
    clause = next((c for c in n.children if c.dep_ in {"acl", "ccomp", "relcl"}
                   and _starts_with_that(c)), None)
    if clause is None and n.dep_ == "attr" and any(c.dep_ == "expl" for c in n.head.children):
        clause = next((c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i), None)
    if clause is None:
        return None
    content = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if content is None:
        return None
    poss = next((c for c in n.children if c.dep_ in {"poss", "nsubj"}), None) or next(
        (c for c in reversed(list(n.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if poss is not None:  # "Trump's claim that", "a New York Times report that", or "Trump
        source = make_source(poss)  # claims that" with "claims" tagged a noun
    else:
        expl = next((c for c in n.head.children if c.dep_ == "expl"), None) \
            if n.dep_ == "attr" else None
        first = expl.i if expl is not None else n.left_edge.i
        source = vague_source(doc[first:n.i + 1].text)
    cue = (n.idx, n.idx + len(n.text))
    return make_match(doc, cue, row, content, quotes, source)


def _starts_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ in {"mark", "nsubj", "dobj"} or any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def sentence_of(doc: Doc, offset: int) -> Span:
    """The sentence containing character ``offset`` (for error reports)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.sent if span is not None else doc[:]


__all__ = ["inverted_final", "noun_attribution", "phrase_attribution", "sentence_of",
           "verb_attribution"]
