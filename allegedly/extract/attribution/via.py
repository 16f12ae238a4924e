"""The outlet a speaker spoke to: "X told the AP that …" is one link whose words reached the
page through the Associated Press (``via`` on the link, ``gold/README.md``: "via").

:func:`addressee` is a document pass: for every link with a cue verb it looks for the verb's
addressee -- the object of a verb with the ``addressee`` frame ("told the AP"), a *to*/*with*
object ("said to Al Arabiya", "spoke with Reuters"), the *with* object of an interview or a
*speaking to* participle ("in an interview with Geo News", "speaking to the BBC") -- and keeps it
only when it is a news outlet or agency of ``lexicons/outlets.tsv`` (not a platform: "on
Telegram"; not "reporters"). The link's source stays the speaker.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from allegedly.extract.attribution.cues import link_cue_verb, verb_has
from allegedly.extract.attribution.mentions import mention_span
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, SourceMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import method
from allegedly.extract.tokens import text_of
from allegedly.lexicons import load, word_list

_TO = word_list("via_to_preps")
_TALK = word_list("via_talk_verbs")
_INTERVIEW = word_list("via_speech_nouns")
_OBTAINED = word_list("via_obtained_verbs")


@cache
def _news_outlets() -> dict[str, str]:
    """Lower-cased outlet names and aliases -> canonical name (outlets and agencies only)."""
    out: dict[str, str] = {}
    for row in load("outlets"):
        if row["kind"] in {"outlet", "agency"}:
            alias = _key(row["alias"])
            out[alias] = row["name"]
            out.setdefault(alias[4:] if alias.startswith("the ") else "the " + alias, row["name"])
    return out


def _key(text: str) -> str:
    """Lookup form: lower case, hyphens and apostrophes as spaces, no possessive."""
    text = text.lower().replace("’", "'").removesuffix("'s")
    return " ".join(text.replace("-", " ").split())


def _outlet(tok: Token) -> tuple[tuple[int, int], str] | None:
    """(span, canonical name) of the longest outlet name inside the mention headed by ``tok``
    ("the Saudi state-owned Al-Arabiya television", "Pakistan's Geo news channel"), else
    None. The name must hold a capitalised word ("the AP", not "the news")."""
    span = mention_span(tok)
    text = text_of(tok.doc)
    words = [(t.idx, t.idx + len(t.text), t.text[:1].isupper()) for t in span]
    best: tuple[int, tuple[int, int], str] | None = None
    for i in range(len(words)):  # the tokens [i, j) of the mention, longest first
        for j in range(len(words), i, -1):
            if best is not None and j - i <= best[0]:
                break
            start, end = words[i][0], words[j - 1][1]  # the part's text is text[start:end]
            name = _news_outlets().get(_key(text[start:end]))
            if name and any(upper for _, _, upper in words[i:j]):
                best = (j - i, (start, end), name)
    return (best[1], best[2]) if best else None


def _pobjs(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def addressee_tokens(v: Token) -> list[Token]:
    """Tokens that may name whom cue verb ``v`` spoke to, nearest construction first."""
    out: list[Token] = []
    if verb_has(lemma(v), "addressee"):
        out += [c for c in v.children if c.dep_ in {"dobj", "dative", "iobj"}]
    out += _pobjs(v, _TO | {"on"})  # "said to Al Arabiya", "said on CNN"
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "during"}:  # "in an interview with X"
            for noun in (o for o in c.children if o.dep_ == "pobj"):
                if lemma(noun) in _INTERVIEW:
                    out += _pobjs(noun, _TO)
        if c.dep_ in {"advcl", "xcomp", "conj"} and lemma(c) in _TALK and c.tag_ == "VBG":
            out += _pobjs(c, _TO)  # "speaking to the AP, she said"
    if v.dep_ == "advcl" and lemma(v.head) in _TALK:  # "speaking to X, she said" (head swap)
        out += _pobjs(v.head, _TO)
    return out


def obtained_by(source: Token) -> list[Token]:
    """"a memo seen by Reuters", "documents obtained by the BBC": the agent of a participle
    describing a document source (``gold/README.md``: documents and credits)."""
    return [o for c in source.children if c.dep_ == "acl" and lemma(c) in _OBTAINED
            for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]


def addressee(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
              ) -> list[AttributionMatch]:
    """'X told the AP that …', 'said in an interview with Geo News', 'speaking to Reuters',
    'said on CNN', 'a memo seen by Reuters': the news outlet the speaker addressed (or that
    obtained the document) becomes the link's ``via`` (the source is kept)."""
    out = []
    for m in links:
        v = link_cue_verb(doc, m)
        cands = addressee_tokens(v) if v is not None else []
        if v is not None:  # "wrote in documents obtained by The Associated Press"
            cands += [o for c in v.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj" for o in obtained_by(p)]
        if m.source is not None and m.source.span is not None:
            src = doc.char_span(*m.source.span, alignment_mode="expand")
            cands += obtained_by(src.root) if src is not None and len(src) else []
        found = next((o for o in map(_outlet, cands) if o), None)
        if found is not None and (m.source is None or m.source.span != found[0]):
            via = SourceMatch(found[0], found[1], "media", method=method("via.addressee"))
            m = replace(m, via=via)
        out.append(m)
    return out


__all__ = ["addressee", "addressee_tokens", "obtained_by"]
