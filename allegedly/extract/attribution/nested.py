"""Inner links that report no speech event of their own: pruned after the token strategies.

A link whose cue lies inside the content of a larger link is an inner link of a chain
("Tsimbalyuk has alleged that X, the Sun reported": the Sun reported, Tsimbalyuk alleged). Some
inner cues only restate the outer speaker's words or name a non-speech event inside them; the
outer link already carries those words, and an inner link would credit a second, spurious
claim. Each filter below is a document pass (switchable by name, ``strategies.DOCUMENT_PASSES``)
with the signature ``(doc, links, quotes) -> links``; only inner links are ever dropped, so the
outermost links of a document never change.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from allegedly.extract.attribution.cues import link_cue_verb, verb_has
from allegedly.extract.attribution.spans import text_of
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import method
from allegedly.extract.tokens import has_to_marker
from allegedly.lexicons import word_list

_OWN_VOICE = word_list("own_voice_pronouns")
_PRESENT_REPORTING = word_list("present_reporting_verbs")
_FINDING_CLASSES = frozenset({"estimate", "evidence"})
_UNNAMED = method("source.unnamed")
_EXPLETIVE = method("source.expletive")




def _inner(links: list[AttributionMatch], keep: Callable[[AttributionMatch], bool]
           ) -> list[AttributionMatch]:
    """``links`` without the inner ones ``keep`` refuses. Inner: the cue (or content start)
    lies in a strictly larger content of a link that is itself kept (as nesting is derived in
    ``allegedly.nlp.convert``)."""
    def size(m: AttributionMatch) -> int:
        return m.content[-1][1] - m.content[0][0]

    refused = [not keep(m) for m in links]
    out = []
    for i, m in enumerate(links):
        if refused[i]:
            anchor = m.cue[0] if m.cue else m.content[0][0]
            if any(j != i and not refused[j] and size(o) > size(m)
                   and any(s <= anchor < e for s, e in o.content)
                   for j, o in enumerate(links)):
                continue
        out.append(m)
    return out


def infinitive(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
               ) -> list[AttributionMatch]:
    """"urged the ferry company [to disclose] its inspection", "asks the council [to explain]
    why": an inner cue that is a to-infinitive names the action the outer speaker asks for or
    intends, not a second statement."""
    def keep(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m)
        return v is None or v.tag_ != "VB" \
            or not has_to_marker(v)
    return _inner(links, keep)


def writer_judgement(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                     ) -> list[AttributionMatch]:
    """'X said the rounds seem to have been aimed at the crew': an inner "seem" / "appear"
    (the ``writer`` frame of ``reporting_verbs.tsv``: a judgement, no speaker of its own) is
    the outer speaker hedging their own words, not a second source."""
    def keep(m: AttributionMatch) -> bool:
        return not (m.cue_lemma and verb_has(m.cue_lemma.split()[0], "writer"))
    return _inner(links, keep)


def addressee_passive(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                      ) -> list[AttributionMatch]:
    """'The envoy was told that the strike broke the truce, the ministry said': an inner
    agentless passive of a verb whose object is the addressee (the ``addressee`` frame: tell,
    warn, inform ...) has the outer speaker as its teller; the outer link carries the words."""
    def keep(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m)
        if v is None or not verb_has(lemma(v), "addressee"):
            return True
        deps = {c.dep_ for c in v.children}
        return not ("auxpass" in deps and "agent" not in deps)
    return _inner(links, keep)


def unnamed(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
            ) -> list[AttributionMatch]:
    """'“If reports of gunfire are confirmed, this would …,” he said', 'X had been considered
    “security risks”, the newspaper reported', 'she said warning people of the risk would not
    deter them': an inner cue for which no speaker was found (an agentless passive or a gerund
    with no words standing for a source, an expletive "it is said") names no second source; the
    outer speaker's link already carries the words (``addressee_passive`` is the case of
    telling verbs)."""
    def keep(m: AttributionMatch) -> bool:
        src = m.source
        return src is None or not (src.method == _EXPLETIVE
                                   or src.method == _UNNAMED and src.span is None)
    return _inner(links, keep)


def _in_quote(m: AttributionMatch, quotes: list[Quote]) -> bool:
    return m.cue is not None and any(q.start <= m.cue[0] < q.end for q in quotes)


def _past(v: Token) -> bool:
    """A reported act: past tense, a participle or a perfect ("warned", "has informed")."""
    return v.tag_ in {"VBD", "VBN"} or any(c.dep_ == "aux" and lemma(c) == "have"
                                            for c in v.lefts)


def own_voice(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
              ) -> list[AttributionMatch]:
    """'“We deplore the closure of the port … We repeat that …,” the union said', '“I think
    that …”': inside a quote, an inner cue in the present whose source is the quoted speaker's
    own "I" / "we" / "you" is the speaker's stance in their own words, which the outer link
    already attributes (a reported past act, "I said …", "last week I warned …", is kept)."""
    text = text_of(doc)

    def keep(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m)
        if v is None or m.source is None or m.source.span is None:
            return True
        if text[m.source.span[0]:m.source.span[1]].lower() not in _OWN_VOICE:
            return True
        return not _in_quote(m, quotes) or _past(v)
    return _inner(links, keep)


def present_stance(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                   ) -> list[AttributionMatch]:
    """'“The ministry deplores the closure and calls on both sides to talk,” the spokesman
    said': inside a quote, an inner cue in the present (or with a modal) that is no verb of
    saying states the quoted speaker's own position, whoever its subject names; the outer link
    already attributes it. Past acts ("the council warned …") and what a third party or a
    document says ("the treaty says that …": ``present_reporting_verbs``) are kept."""
    def keep(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m)
        return v is None or not _in_quote(m, quotes) or _past(v) \
            or m.cue_lemma.split()[0] in _PRESENT_REPORTING \
            or m.cue_class in _FINDING_CLASSES
    return _inner(links, keep)


__all__ = ["addressee_passive", "infinitive", "own_voice", "present_stance", "unnamed",
           "writer_judgement"]
