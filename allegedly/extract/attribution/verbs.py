"""Reporting verbs: "X said that ...", "“…,” X said", "X told Y ...", "The bridge will reopen,
officials said", "X is expected to ...".

A verb cue is read in three parts, wired together by the ``verb`` family in
:mod:`allegedly.extract.attribution.strategies`:

1. :func:`verb_cue` (the gate): is this token a cue verb here (a lexicon row, not an imperative,
   not "it is not known", not "a program called X", not a wish or "asked not to be named")?
2. the *content strategies* (``verb.ccomp``, ``verb.quote_after``, ...): each reads one shape of
   content; the first that finds one decides (:data:`~strategies.VERB_CONTENTS` gives the order);
3. :func:`finish`: conjuncts, the cue's own quote, the paragraph, a closing aside, the source
   (:func:`~allegedly.extract.attribution.speakers.source_of`), and :func:`make_match`.

To add a content strategy: write ``def my_shape(c: VerbCue) -> Content | None`` here (under 50
lines, a docstring with an example), add ``Rule("verb.my_shape", verbs.my_shape)`` to
``VERB_CONTENTS`` in ``strategies.py`` where it belongs, document it in ``docs/contract.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from allegedly.extract.attribution import clauses
from allegedly.extract.attribution.cues import (
    CUES,
    PHRASE_CUES,
    PHRASE_FORMS,
    VERB_FORMS,
    complement_word,
    cue_span,
    cue_start,
    verb_cue_row,
)
from allegedly.extract.attribution.sources import named_span
from allegedly.extract.attribution.spans import (
    MIN_QUOTE_WORDS,
    after_colon,
    before_quoted_speaker,
    clip_to_paragraph,
    end_of,
    inside,
    inside_own_quote,
    make_match,
    paragraph,
    text_of,
    trim,
)
from allegedly.extract.attribution.spans import quote_after as quote_opening_after
from allegedly.extract.attribution.speakers import quoted_before, source_of
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, Offsets
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import enabled
from allegedly.extract.tokens import has_to_marker
from allegedly.lexicons import word_list

CONTENT_DEPS = {"ccomp"}
NP_DEPS = {"dobj", "oprd", "xcomp", "ccomp", "dative"}
_SANDWICH_GAP = frozenset({",", "”", '"', "’", "'", "—", "–", "--"})
_COMPLEMENT_PREPS = word_list("complement_preps")
_NOUN_PREPS = word_list("object_noun_preps")
_OBJECT_PREPS = word_list("object_preps")
_CUE_PREPS = word_list("cue_preps")
_STATEMENT_PREPS = word_list("statement_preps")
_WH = word_list("wh_words")
_EXPLETIVES = word_list("expletives")


@dataclass
class VerbCue:
    """A cue verb that passed the gate, with what every content strategy reads."""

    v: Token
    row: dict[str, str]  # its lexicon row
    frame: set[str]  # the row's frame words: clause, np, to, strict, writer
    cue: Offsets  # the cue's characters ("has also said")
    comps: list[Token]  # its clausal complements (ccomp; xcomp for "to" frames)
    quotes: list[Quote] = field(repr=False)

    @property
    def doc(self) -> Doc:
        return self.v.doc

    @cached_property
    def objects_then_quote(self) -> tuple[list[Token], int, Quote | None]:
        """(objects, end of cue and objects, the quote opening right after them in the same
        sentence) -- shared by ``verb.object_quote``, ``verb.quote_after`` and ``verb.colon``."""
        objs = [c for c in self.v.rights if c.dep_ in {"dobj", "dative", "iobj"}
                and not self.cue[0] <= c.idx < self.cue[1]]  # not the "it" of "put it"
        after = max([self.cue[1]] + [o.right_edge.idx + len(o.right_edge.text) for o in objs])
        q = quote_opening_after(self.doc, after, self.quotes)
        if q is not None and re.search(r"[.!?]", text_of(self.doc)[after:q.start]):
            q = None  # '"A?" Graham asked. "B."': the quote after the full stop is a new sentence
        return objs, after, q


@dataclass(frozen=True)
class Content:
    """What a content strategy found: the content range, an excluded stretch inside it (a
    parenthetical "X said"), and how :func:`finish` treats it."""

    span: Offsets
    exclude: Offsets | None = None
    from_quote: bool = False  # read off a quote or colon: not clipped to the cue's paragraph
    final: bool = False  # the strategy built the link itself (``match``, None: no link)
    match: AttributionMatch | None = None


def verb_cue(v: Token, quotes: list[Quote]) -> VerbCue | None:
    """The gate of the verb family: a reporting verb of the lexicon used as a cue here."""
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
    if _infinitive(v):
        return None
    frame = set(row["frame"].split(","))
    comps = [c for c in v.children if c.dep_ in CONTENT_DEPS and not clauses.inverted_final(c)]
    comps = _complement_clauses(v, row, comps)
    if "to" in frame and not comps:
        comps = [c for c in v.children if c.dep_ == "xcomp" and c.i > v.i]
        if "desire" in frame and comps and not clauses.has_object(comps[0]):
            return None  # "he wanted to defect": a wish, not a stated position
    if any(clauses.anonymity_formula(c) for c in v.children if c.dep_ == "xcomp"):
        return None  # "who asked not to be named"
    if clauses.anonymity_condition(v):
        return None  # "spoke on condition of anonymity"
    if row["class"] == "confirmation" and v.dep_ == "xcomp":
        return None  # "was unable to verify the account": a hedge, not a confirmation
    return VerbCue(v, row, frame, cue_span(v), comps, quotes)


def _complement_clauses(v: Token, row: dict[str, str], comps: list[Token]) -> list[Token]:
    """"made it [clear] (that) A": for a ``complement`` phrase cue the parser may hang the
    clause on the complement word; that finite clause is the content, never the complement
    itself ("made the point clear" has none)."""
    word = complement_word(v, row)
    if word is None:
        return comps
    own = [x for x in word.children if x.dep_ in {"ccomp", "advcl"} and x.i > word.i
           and any(y.dep_ in {"nsubj", "nsubjpass", "mark"} for y in x.children)]
    return [x for x in comps if x.i != word.i] + own


def asked_participle(v: Token) -> bool:
    """ "Asked on Monday whether he would resign, Starmer said ...", "When asked about X, she
    ...": a passive participle of a question verb with no subject of its own. The main clause's
    subject is the one asked, not the asker, who is not named: the link has no source (PolNeAR
    annotates it so too) and its act is ``question`` (``act.question_put``). The tagger
    sometimes reads a sentence-opening participle as a past tense ("Asked/VBD whether …, he
    said"): a subjectless advcl opening its sentence is the participle all the same."""
    if v.dep_ not in {"advcl", "acl"} or v.tag_ != "VBN" and not _opening_past(v):
        return False
    row = verb_cue_row(v)
    return row is not None and row["class"] == "question" \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in v.children)


def _opening_past(v: Token) -> bool:
    """A past-tense adverbial clause verb that opens its sentence, alone or after "when" / "if"
    ("Asked/VBD whether …, he said"): no finite clause opens so without a subject."""
    first = v.sent[0] if v.doc.has_annotation("SENT_START") else v.doc[0]
    marks = [c for c in v.lefts if c.dep_ in {"mark", "advmod"}]
    return v.dep_ == "advcl" and v.tag_ == "VBD" and v.i < v.head.i \
        and first.i == (marks[0].i if marks else v.i)


def _infinitive(v: Token) -> bool:
    """A to-infinitive that modifies a noun ("the right to respond", "someone to defend
    them"): a capacity or a purpose, not a speech event."""
    if v.tag_ != "VB" or not has_to_marker(v):
        return False
    return v.dep_ in {"acl", "relcl"}


# ---- content strategies, in the order of strategies.VERB_CONTENTS --------------------------


def raising_passive(c: VerbCue) -> Content | None:
    """"About one in nine voters [is expected] to be Latino": an agentless passive cue whose
    subject and infinitive together are the content, around the cue (the source is unnamed)."""
    v, doc = c.v, c.doc
    if c.comps or v.tag_ != "VBN" or c.row["lemma"] == "know" \
            or not any(x.dep_ == "auxpass" for x in v.children) \
            or any(x.dep_ == "agent" for x in v.children):
        return None
    subj = next((x for x in v.children if x.dep_ == "nsubjpass" and x.i < v.i), None)
    comp = next((x for x in v.rights if x.dep_ == "xcomp"
                 and has_to_marker(x)), None)
    if subj is None or comp is None or subj.lower_ in _EXPLETIVES:
        return None
    span = (doc[subj.left_edge.i].idx, end_of(doc[comp.right_edge.i]))
    exclude = (end_of(doc[subj.right_edge.i]), comp.left_edge.idx)
    match = make_match(doc, c.cue, c.row, span, c.quotes, source_of(v), exclude=exclude,
                       around_cue=True)
    return Content(span, exclude, final=True, match=match)


def ccomp(c: VerbCue) -> Content | None:
    """"X said [that ...]", '“A,” she said, “B.”' (both sides of the cue, the cue cut out): the
    verb's clausal complements, cut before a conjoined cue of the same speaker."""
    v, doc = c.v, c.doc
    comps = c.comps
    if comps and any(x.i > v.i for x in comps):
        # "A: Republicans said B": a clause before the speaker is only part of the content
        # when set off like a quote ("A," she said, "B.")
        comps = [x for x in comps if x.i > v.i or x.right_edge.i + 1 < len(doc)
                 and doc[x.right_edge.i + 1].text in _SANDWICH_GAP]
    if not comps:
        return None
    content = trim(doc, min(x.left_edge.i for x in comps),
                   clauses.end_before_conjoined_cue(max(comps, key=lambda x: x.right_edge.i)))
    if content is None:
        return None
    before = [x for x in comps if x.i < v.i]
    after = [x for x in comps if x.i > v.i]
    exclude = None
    if before and after:  # "A," she said, "B." -> A … B
        gap_start = max(x.right_edge.i for x in before) + 1
        gap_end = min(x.left_edge.i for x in after) - 1
        exclude = (doc[gap_start].idx, doc[gap_end].idx + len(doc[gap_end].text))
    elif after:
        q = quote_opening_after(doc, c.cue[1], c.quotes)
        opening = _quote_before_speaker(doc, v, c.quotes) if q is not None else None
        if opening is not None and q is not None and q.start <= content[0] < q.end:
            # '“If A,” the spokesman says, “why B?”' with "If A" parsed as an adverbial
            content, exclude = (opening.start, content[1]), (opening.end, q.start)
    return Content(content, exclude)


def object_quote(c: VerbCue) -> Content | None:
    """'described [Clinton as “a lifetime politician”]', 'called [them ''anchors'']': an object
    followed by a quote is the content (not for addressees: "told [reporters] “…”")."""
    objs, _, q = c.objects_then_quote
    dobj = next((o for o in objs if o.dep_ == "dobj"), None)
    if q is None or dobj is None or "addressee" in c.frame:
        return None
    obj_end = dobj.right_edge.idx + len(dobj.right_edge.text)
    exclude = None
    if "," in text_of(c.doc)[obj_end:q.start]:  # 'called them in an article, “X”'
        exclude = (obj_end, q.start)
    return Content((dobj.left_edge.idx, q.end), exclude, from_quote=True)


def quote_after(c: VerbCue) -> Content | None:
    """'X said: “…”', 'said “…”', '“A,” the narrator says, “B?”' (both quotes, the cue cut
    out): the quote opening right after the cue and its objects."""
    _, _, q = c.objects_then_quote
    if q is None:
        return None
    opening = _quote_before_speaker(c.doc, c.v, c.quotes)
    if opening is not None:  # '“A,” the narrator says, “B?”' -> A … B
        return Content((opening.start, q.end), (opening.end, q.start), from_quote=True)
    return Content((q.start, q.end), from_quote=True)


def colon(c: VerbCue) -> Content | None:
    """"The governor added: It's typical ...": the rest of the paragraph after a colon (or the
    next paragraph) when no quote follows."""
    _, after, q = c.objects_then_quote
    text = text_of(c.doc)
    if q is not None or text[after:after + 1] != ":":
        return None
    span = after_colon(text, after + 1)
    return Content(span, from_quote=True) if span is not None else None


def embedded_that(c: VerbCue) -> Content | None:
    """"told [a meeting of leaders] that ...", "said in a statement that ...": the that-clause
    the parser hung on the object (or on the noun of an in/during phrase)."""
    v = c.v
    obj = next((x for x in v.rights if x.dep_ in {"dobj", "dative"}), None)
    if obj is None:  # "said in a statement that ...": the clause hung on the noun
        prep = next((x for x in v.rights if x.dep_ == "prep" and x.lower_ in _STATEMENT_PREPS),
                    None)
        obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep else None
    if obj is None:
        return None
    for t in obj.subtree:
        if t.dep_ in {"acl", "relcl", "ccomp"} and t.left_edge.lower_ == "that" \
                and t.left_edge.dep_ == "mark":
            span = trim(v.doc, t.left_edge.i, t.right_edge.i + 1)
            return Content(span) if span is not None else None
    return None


def quote_before_speaker(c: VerbCue) -> Content | None:
    """'“A,” Trump said when …', '“A,” X told the court': a quote of at least four words closing
    right before the speaker of a finite cue."""
    if c.v.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    opening = _quote_before_speaker(c.doc, c.v, c.quotes)
    if opening is None or opening.words(text_of(c.doc)) < MIN_QUOTE_WORDS:
        return None
    return Content((opening.start, opening.end))


def wh_clause(c: VerbCue) -> Content | None:
    """"have not said [when they would ...]", "tweeted in the early morning hours [that ...]": a
    wh- or that-clause the parser took for an adverbial clause."""
    v = c.v
    for x in v.rights:
        if x.dep_ == "advcl" and x.left_edge.lower_ in _WH and x.left_edge.i == v.i + 1:
            span = trim(v.doc, x.left_edge.i, x.right_edge.i + 1)
            return Content(span) if span is not None else None
        if x.dep_ == "advcl" and x.left_edge.lower_ == "that" and x.left_edge.i > v.i:
            span = trim(v.doc, x.left_edge.i, clauses.end_before_conjoined_cue(x))
            return Content(span) if span is not None else None
    return None


def about_object(c: VerbCue) -> Content | None:
    """"asked [him] about [his tax returns]", "Asked about [her vote], she said": what a
    question cue asks about is the object of its "about" phrase (cut before a setting), not the
    one asked."""
    v, doc = c.v, c.doc
    if c.row["class"] != "question":
        return None
    prep = next((x for x in v.rights if x.dep_ == "prep" and x.lower_ == "about"), None)
    obj = next((o for o in prep.children if o.dep_ in {"pobj", "pcomp"}), None) if prep else None
    if obj is None:
        return None
    first = obj.left_edge.i
    span = trim(doc, first, clauses.before_setting(doc, first, obj.right_edge.i + 1))
    return _with_word_in_cue(c, prep, span) if span is not None else None


def for_infinitive(c: VerbCue) -> Content | None:
    """"called for [the minister to resign]": a cue whose verb has a "for" phrase row ("call
    for") and a for-to clause: the "for" object and the to-infinitive the parser hung on the
    verb, or the subject of an infinitive clause opened by "for"."""
    v, doc = c.v, c.doc
    if not any(r["lemma"] == f"{lemma(v)} for" for r in PHRASE_CUES.get(lemma(v), ())):
        return None
    for x in v.rights:
        if x.dep_ != "advcl" or not _to_infinitive(x):
            continue
        mark = next((m for m in x.children if m.dep_ == "mark" and m.lower_ == "for"), None)
        subj = next((m for m in x.children if m.dep_ == "nsubj"), None)
        if mark is not None and subj is not None:  # "called [for] all candidates to lay out"
            span = trim(doc, subj.left_edge.i, clauses.end_before_conjoined_cue(x))
            return _with_word_in_cue(c, mark, span) if span is not None else None
        prep = next((p for p in v.rights if p.dep_ == "prep" and p.lower_ == "for"
                     and p.i < x.i), None)  # "called for [the director] [to release]"
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep else None
        if obj is None or x.left_edge.i != obj.right_edge.i + 1:
            continue
        span = trim(doc, obj.left_edge.i, clauses.end_before_conjoined_cue(x))
        return Content(span) if span is not None else None
    return None


def _with_word_in_cue(c: VerbCue, word: Token, span: Offsets) -> Content:
    """The link of ``span`` with ``word`` in the cue when it follows the cue right away (the
    "for" the parser gave the clause, "called [for]"; "asked [about]")."""
    cue = c.cue
    if text_of(c.doc)[cue[1]:word.idx].strip() == "":
        cue = (cue[0], word.idx + len(word.text))
    c2 = VerbCue(c.v, c.row, c.frame, cue, c.comps, c.quotes)
    return Content(span, final=True, match=finish(c2, Content(span)))


def _to_infinitive(x: Token) -> bool:
    """Is ``x`` a to-infinitive ("to resign"), with no finite auxiliary?"""
    return x.tag_ == "VB" and has_to_marker(x)


def np_object(c: VerbCue) -> Content | None:
    """"likened [RT to the BBC]", "cited [X as Y]", "called for [more information]", "noted
    [Bill Clinton's comments]": a noun-phrase object (np frames, or a full NP for any non-strict
    cue), with its complement phrase, cut before a setting ("in a tweet", "on Wednesday")."""
    v, doc, row = c.v, c.doc, c.row
    if not ("np" in c.frame or clauses.np_like(v) and "strict" not in c.frame):
        return None
    objs = [x for x in v.rights if x.dep_ in NP_DEPS
            or x.dep_ == "prep" and (x.lower_ in _OBJECT_PREPS
                                     or row["lemma"].endswith(" " + x.lower_))]
    if enabled(doc, PASSIVE_NO_OBJECT) and passive_without_object(v, objs):
        return None
    if objs and (objs[-1].dep_ == "dobj" or row["lemma"].endswith(" " + objs[-1].lower_)):
        objs += [x for x in v.rights if x.i > objs[-1].right_edge.i and x.dep_ == "prep"
                 and x.lower_ in _COMPLEMENT_PREPS and x.i == objs[-1].right_edge.i + 1]
        objs += [x for x in v.rights if x.i > objs[-1].right_edge.i and x.dep_ == "prep"
                 and x.lower_ in _NOUN_PREPS and x.i == objs[-1].right_edge.i + 1
                 and not any(p.dep_ == "pobj" and clauses.is_setting(p) for p in x.children)]
    if not objs:
        return None
    first = objs[0].left_edge.i
    if doc[first].dep_ == "prep" and doc.char_span(*c.cue) is not None \
            and doc[first].idx < c.cue[1]:
        first += 1  # "called for [more information]": the preposition is in the cue
    span = trim(doc, first, clauses.before_setting(doc, first, objs[-1].right_edge.i + 1))
    return Content(span) if span is not None else None


PASSIVE_NO_OBJECT = "verb.passive_no_object"
"""The name of :func:`passive_without_object` as a switchable step (``strategies.CONTENT_CUTS``)."""


def passive_without_object(v: Token, objs: list[Token]) -> bool:
    """"New curfews [were announced] by the council [on Monday]": a passive cue whose only
    "object" is a phrase of time or occasion (``clauses.is_setting``) has no noun-phrase
    content; the passive subject is its content (``passive.agent``)."""
    return v.tag_ == "VBN" and any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children) \
        and bool(objs) and all(x.dep_ == "prep" and any(
            p.dep_ == "pobj" and clauses.is_setting(p) for p in x.children) for x in objs)


def clause_after_object(c: VerbCue) -> Content | None:
    """"suggesting [up to 17 commanders] may have been lost": the parser hung the object's verb
    elsewhere; the object up to the end of the sentence when a finite verb follows it."""
    if "strict" in c.frame:  # strict: clause / quote contents only
        return None
    v = c.v
    obj = next((x for x in v.rights if x.dep_ == "dobj"), None)
    if obj is None:
        return None
    end = v.sent.end
    tail = v.doc[obj.right_edge.i + 1:end]
    if not any(t.tag_ in {"MD", "VBD", "VBZ", "VBP"} for t in tail[:3]):
        return None
    span = trim(v.doc, obj.left_edge.i, end)
    return Content(span) if span is not None else None


_NOT_PARENTHETICAL = word_list("subordinators")


def parenthetical(c: VerbCue) -> Content | None:
    """"The museum, Mr. Obama said, would make ...": a cue set off by commas inside the clause
    it reports; the whole clause is the content, the cue clause cut out. Not a cue clause
    opened by a subordinator ("If reports are confirmed, …", "though he offered a probe, …":
    ``subordinators``)."""
    v, doc = c.v, c.doc
    if not (v.dep_ in {"parataxis", "ccomp", "advcl"} and v.head.i > v.i
            and (v.right_edge.text == "," or v.right_edge.i + 1 < len(doc)
                 and doc[v.right_edge.i + 1].text == ",")
            and v.left_edge.i > v.head.left_edge.i):
        return None
    if any(x.dep_ == "mark" and x.lower_ in _NOT_PARENTHETICAL for x in v.children):
        return None  # "If reports are confirmed, this would …": a condition, not a report
    h = v.head
    span = trim(doc, h.left_edge.i, h.right_edge.i + 1)
    exclude = (doc[v.left_edge.i].idx, doc[v.right_edge.i].idx + len(doc[v.right_edge.i]))
    return Content(span, exclude) if span is not None else None


def as_clause(c: VerbCue) -> Content | None:
    """"As the mayor noted, the bridge will reopen", "The bridge will reopen, as the mayor put
    it": a cue clause opened by "as", with its own subject and no content of its own, set off by
    a comma from the clause it reports; that clause is the content, the as-clause cut out."""
    v, doc = c.v, c.doc
    first, last = clauses.clause_edges(v)
    if v.dep_ != "advcl" or doc[first].lower_ != "as" or doc[first].head != v \
            or doc[first].dep_ != "mark" or "clause" not in c.frame or v.tag_ == "VBG" \
            or not any(x.dep_ == "nsubj" for x in v.children) \
            or any(_own_content(c, x) for x in v.children):
        return None  # not "as they were talking", "as voters responded to the crackdown"
    h = v.head
    if h.pos_ not in {"VERB", "AUX"}:
        return None
    before = first > h.left_edge.i and doc[first - 1].text in {",", "—", "–", "("}
    after = last + 1 < len(doc) and doc[last + 1].text in {",", ":", "—", "–"}
    if not (before or after):
        return None
    span = trim(doc, h.left_edge.i, h.right_edge.i + 1)
    if span is None:
        return None
    if first <= h.left_edge.i:  # "As X noted, A": A
        span = trim(doc, last + 1, h.right_edge.i + 1)
    elif last >= h.right_edge.i - 1:  # "A, as X put it.": A
        span = trim(doc, h.left_edge.i, first)
    else:  # "A, as X said, B": A … B
        return Content(span, (doc[first].idx, end_of(doc[last]))) if before and after else None
    return Content(span) if span is not None else None


def _own_content(c: VerbCue, x: Token) -> bool:
    """Is child ``x`` a content of the cue verb itself: a clause, an object (not the "it" of
    "put it") or an object preposition, in the cue or not ("responded [to the crackdown]",
    "insists [on] continuing"; not "noted on Monday")?"""
    if x.dep_ == "prep":  # "insists [on] continuing": a cue preposition with its object too
        return x.lower_ in _OBJECT_PREPS | _CUE_PREPS and not any(
            p.dep_ == "pobj" and clauses.is_setting(p) for p in x.children)
    return x.dep_ in CONTENT_DEPS | {"dobj", "xcomp"} and not c.cue[0] <= x.idx < c.cue[1]


def inverted(c: VerbCue) -> Content | None:
    """"The bridge will reopen, officials said[, and ...]": a cue after a comma or dash closing
    the clause it reports (the cue clause cut out when more of the sentence follows)."""
    v, doc = c.v, c.doc
    if v.dep_ not in {"parataxis", "ccomp", "advcl", "conj"} or v.head.i > v.i \
            or any(x.dep_ == "mark" for x in v.children):  # not "…, although X sought Y"
        return None
    first, last = clauses.clause_edges(v)
    if not (first > 0 and doc[first - 1].text in {",", "—", "–"} and (
            lemma(v.head) not in CUES or clauses.inverted_final(v))):
        return None
    h = v.head
    span = trim(doc, h.left_edge.i, h.right_edge.i + 1)
    exclude = None
    if span is not None and last < h.right_edge.i - 1:
        exclude = (doc[first].idx, doc[last].idx + len(doc[last].text))
    elif span is not None:
        span = trim(doc, h.left_edge.i, first)
    if span is None or span[1] - span[0] < 8:
        return None
    return Content(span, exclude)


def quote_before(c: VerbCue) -> Content | None:
    """``"…," he said.`` split over two sentences: the quote ending right before the clause of a
    main-clause cue."""
    if c.v.dep_ != "ROOT":
        return None
    span = _quote_before(c.doc, c.v, c.quotes)
    return Content(span) if span is not None else None


# ---- finishing -------------------------------------------------------------------------------


def finish(c: VerbCue, found: Content) -> AttributionMatch | None:
    """The link from a content strategy's find: the content with conjuncts the parser
    misattached, kept inside the cue's own quote and paragraph and without a closing aside;
    the source (none for the writer's own judgement, "seemed to think X", or a question put to
    the main clause's subject, "Asked whether X, he said"); None when the
    source sits inside an unexcluded content."""
    if found.final:
        return found.match
    v, doc, cue = c.v, c.doc, c.cue
    content: Offsets | None = clauses.with_nominal_conjuncts(
        doc, v, clauses.with_misattached_conjuncts(doc, v, found.span))
    content = inside_own_quote(content, cue, c.quotes)
    if content is not None and not found.from_quote:
        content = clip_to_paragraph(text_of(doc), content, cue)
        if content is not None and content[1] > cue[1]:
            content = clauses.without_final_aside(doc, content, c.quotes)
    if content is None:
        return None
    writer = "writer" in c.frame and not any(  # "seemed to think X": the subject thinks
        x.dep_ == "xcomp" and verb_cue_row(x) is not None for x in v.children)
    source = None if writer or asked_participle(v) else source_of(v)
    speaker = named_span(source)
    if found.exclude is None and speaker is not None and inside(speaker, content):
        content = before_quoted_speaker(text_of(doc), content, speaker, c.quotes)
        if content is None:
            return None
    return make_match(doc, cue, c.row, content, c.quotes, source, found.exclude)


def _quote_before_speaker(doc: Doc, v: Token, quotes: list[Quote]) -> Quote | None:
    """The quote closing right before the speaker of an inverted or mid-quote cue, in the same
    paragraph ('“A,” the ad’s narrator says, …')."""
    subj = next((c for c in reversed(list(v.lefts)) if c.dep_ in {"nsubj", "nsubjpass"}
                 and not quoted_before(c, v)), None)  # not the quote's own last noun
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
    """The quote ending right before ``v``'s clause, or before or around its sentence start."""
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


__all__ = ["Content", "VerbCue", "finish", "verb_cue"]
