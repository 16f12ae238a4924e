"""Clause-shape helpers of the verb strategies: where a content clause ends, which verbs are
cues of their own inside it, settings and asides that are not part of what was said.

Pure functions over the parse, used by :mod:`allegedly.extract.attribution.verbs`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.cues import CUES, verb_cue_row
from allegedly.extract.attribution.spans import end_of, text_of
from allegedly.extract.attribution.speakers import conjoined_cue
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import Offsets
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import enabled
from allegedly.lexicons import column, word_list

_SETTING_NOUNS = column("speech_settings", "word")
"""Nouns naming where/how something was said (``lexicons/speech_settings.tsv``)."""
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "conj"})
_ADJUNCT_PREPS = word_list("setting_preps")
_CONDITION_NOUNS = word_list("condition_nouns")
_ANONYMITY_NOUNS = word_list("anonymity_nouns")
_CONTRAST = word_list("contrast_conjunctions")
CONTRAST_CUT = "verb.contrast_cut"
"""The name of :func:`contrast_cue` as a switchable step (``strategies.CONTENT_CUTS``)."""
CONCESSIVE_CUT = "verb.concessive_cut"
"""The name of :func:`concessive_cut` as a switchable step (``strategies.CONTENT_CUTS``)."""


def end_before_conjoined_cue(comp: Token) -> int:
    """End (exclusive token index) of a content clause, cut before a conjoined speech verb of
    the outer speaker (:func:`conjoined_cue`) or a contrasting clause with a speaker of its own
    (:func:`contrast_cue`), each of which gets its own link."""
    cut_contrast = enabled(comp.doc, CONTRAST_CUT)
    for t in comp.subtree:
        if t.head == comp and _conjoined_speech(t) or _participle_cue(t) \
                or cut_contrast and contrast_cue(t):
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


def contrast_cue(t: Token) -> bool:
    """"Most growers say X, [while a few say Y]", "some tenants said A, [whereas
    others said B]": a contrasting clause (``contrast_conjunctions``) after a comma whose verb
    is a cue with a subject and a content of its own is another link, not part of the first
    content; the first content ends before it."""
    mark = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in _CONTRAST), None)
    if t.dep_ != "advcl" or mark is None or mark.i == 0 or t.doc[mark.i - 1].text != ",":
        return False
    return verb_cue_row(t) is not None \
        and any(c.dep_ == "nsubj" and mark.i < c.i < t.i for c in t.children) \
        and any(c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > t.i for c in t.children)


def _participle_cue(t: Token) -> bool:
    """"said he did not believe it, [arguing that ...]": a participle speech verb after a comma
    with its own content is a new link of the same speaker, not part of the first content."""
    return t.dep_ == "advcl" and t.tag_ == "VBG" and t.left_edge.i == t.i and t.i > 0 \
        and t.doc[t.i - 1].text == "," and verb_cue_row(t) is not None \
        and any(c.dep_ in {"ccomp", "dobj"} and c.i > t.i for c in t.children)


def is_setting(n: Token) -> bool:
    """A noun naming the occasion/channel or time of a statement ("tweets", "Twitter", "July")."""
    return lemma(n).lower() in _SETTING_NOUNS or n.lower_ in _SETTING_NOUNS \
        or n.ent_type_ in {"DATE", "TIME"}


def before_setting(doc: Doc, first: int, end: int) -> int:
    """End of an object content cut before a trailing setting: a prepositional phrase about the
    occasion, channel or time ("[Machado] in early-morning tweets", "[one] in July", "[Clinton
    as a “disgrace”] Wednesday on The Laura Ingraham Show") or a bare date word."""
    for t in doc[first + 1:end]:
        if any(a.dep_ in _CLAUSE_DEPS and first <= a.i < end for a in t.ancestors):
            continue  # inside a clause of the object ("…, which filed in 2016"): not a setting
        if t.dep_ == "prep" and t.lower_ in _ADJUNCT_PREPS and t.right_edge.i < end and any(
                p.dep_ == "pobj" and is_setting(p) for p in t.children):
            return t.i
        if t.dep_ == "npadvmod" and t.ent_type_ == "DATE" and t.head.i < first:
            return t.i
    return end


def with_misattached_conjuncts(doc: Doc, v: Token, content: Offsets) -> Offsets:
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


def with_nominal_conjuncts(doc: Doc, v: Token, content: Offsets) -> Offsets:
    """"views [Smith, Jones, Brown, and Paul Baker] more favorably", "emphasizing [economic
    fairness, and a need to raise wages]": a noun the parser conjoined to the cue verb (or to
    the verb it hangs on, "started by emphasizing") right after a noun-phrase content cannot coordinate with a verb; it
    is a further conjunct of the content."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or span.root.pos_ not in {"NOUN", "PROPN"} \
            or span.root.dep_ not in {"dobj", "pobj"}:
        return content
    end = span.end
    outer = next((a for a in v.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    for head in (v, outer) if outer is not None else (v,):
        for c in head.children:
            if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} and c.left_edge.i >= end \
                    and all(t.dep_ in {"cc", "punct"} and not t.is_space
                            for t in doc[end:c.left_edge.i]) and c.left_edge.i - end <= 2:
                last = c.right_edge
                while last.i > c.i and (last.is_punct or last.is_space):
                    last = doc[last.i - 1]
                end = last.i + 1
    return content[0], max(content[1], end_of(doc[end - 1]))


def has_object(x: Token) -> bool:
    """"wants to triple AmeriCorps" (an object or complement) vs "wanted to defect"."""
    return any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"} for c in x.children)


def anonymity_formula(x: Token) -> bool:
    """"(asked) not to be named / identified"."""
    return any(c.dep_ == "neg" for c in x.children) and any(
        c.dep_ == "auxpass" for c in x.children)


def anonymity_condition(v: Token) -> bool:
    """"spoke on condition of anonymity", "speaking on the condition of anonymity" (the phrase
    right after the verb): the terms of speaking, not what was said. ("told the AP on
    condition of anonymity" keeps its content.)"""
    return any(p.dep_ == "prep" and p.i == v.i + 1 and p.lower_ in {"on", "under"} and any(
        o.dep_ == "pobj" and o.lower_ in _CONDITION_NOUNS and any(
            q.lower_ == "of" and any(a.lower_ in _ANONYMITY_NOUNS for a in q.children)
            for q in o.children) for o in p.children) for p in v.children)


def inverted_final(v: Token) -> bool:
    """"…, the Northern Ledger reported.": a reporting verb with its own subject closing the
    sentence after a comma, with nothing of its own after it."""
    doc = v.doc
    if v.dep_ not in {"ccomp", "parataxis", "conj", "advcl"} or v.head.i > v.i \
            or lemma(v) not in CUES:
        return False
    first = clause_edges(v)[0]
    if first == 0 or doc[first - 1].text not in {",", "—", "–"}:
        return False
    if not any(c.dep_ == "nsubj" and c.i < v.i for c in v.children) or any(
            c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > v.i for c in v.children):
        return False
    return all(t.is_punct or t.is_space or (t.head == v and t.dep_ in {"npadvmod", "prep"})
               for t in doc[v.i + 1:v.sent.end]) and any(
                   c.dep_ in {"ccomp", "xcomp"} for c in v.head.children if c != v)


def clause_edges(v: Token) -> tuple[int, int]:
    """First and last non-punctuation token of ``v``'s subtree."""
    toks = [t for t in v.subtree if not t.is_punct]
    return toks[0].i, toks[-1].i


def np_like(v: Token) -> bool:
    """Any cue verb takes a full noun-phrase object as content ("noted Bill Clinton's comments")
    when the object is more than a pronoun."""
    obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    return obj is not None and obj.pos_ not in {"PRON"} and obj.right_edge.i - obj.left_edge.i >= 1


_ASIDE_PUNCT = frozenset({",", "—", "–", "--", ";"})
_ASIDE_DEPS = frozenset({"relcl", "appos"})
_CONCESSIVE = word_list("concessive_conjunctions")
_CONCESSIVE_PREPS = word_list("concessive_prepositions")


def concessive_cut(t: Token) -> int | None:
    """Where an indirect content ends before the writer's concessive counterpoint: a clause
    opened by a concessive conjunction after a comma ("couldn't recall meeting her[, though a
    photograph shows them together]"), a concessive preposition after a comma ("would keep
    taking gifts[, despite a row over X]") or "even as" ("Harris is ahead[ even as he lashes
    out]"). Returns the index of the first token cut (the comma's successor), else None."""
    doc = t.doc
    if t.i < 2:
        return None
    prev = doc[t.i - 1]
    even = prev.lower_ == "even" and prev.head == t.head
    if t.dep_ == "mark" and t.head.dep_ == "advcl" and (
            t.lower_ in _CONCESSIVE and (prev.text == "," or even and doc[t.i - 2].text == ",")
            or t.lower_ == "as" and even):
        return t.i - 1 if even else t.i
    if t.dep_ == "prep" and t.lower_ in _CONCESSIVE_PREPS and prev.text == ",":
        return t.i
    return None


def _before_concessive(doc: Doc, span: Span, content: Offsets) -> Offsets | None:
    """``content`` cut before its first concessive counterpoint (:func:`concessive_cut`), or
    None when it has none (or the cut would leave fewer than three tokens)."""
    for t in span[3:]:
        cut = concessive_cut(t)
        if cut is None:
            continue
        last = doc[cut - 1]
        while last.i > span.start and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        if last.i - span.start >= 2:
            return content[0], last.idx + len(last.text)
    return None


def without_final_aside(doc: Doc, content: Offsets, quotes: list[Quote]) -> Offsets:
    """An indirect content after its cue without the writer's closing aside set off by a comma
    or dash: a non-restrictive relative clause ("likened RT to the BBC, which receives
    government funding"), an apposition ("…with NATO, the existing military alliance") or a
    concessive counterpoint, closing or not (:func:`concessive_cut`)."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or any(q.start < content[1] and content[0] < q.end for q in quotes):
        return content
    toks = [t for t in span if not (t.is_punct or t.is_space)]
    if len(toks) < 4:
        return content
    last = toks[-1].i
    if enabled(doc, CONCESSIVE_CUT):
        cut = _before_concessive(doc, span, content)
        if cut is not None:
            return cut
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


__all__ = ["with_nominal_conjuncts", "anonymity_condition", "concessive_cut", "anonymity_formula", "before_setting", "clause_edges", "end_before_conjoined_cue",
           "has_object", "inverted_final", "is_setting", "np_like", "with_misattached_conjuncts",
           "without_final_aside"]
