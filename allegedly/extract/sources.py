"""Source mentions: their extent, their kind, and who they refer to.

Rules over the parse and the named entities only (no coreference model is available):

* extent -- the subject's noun phrase as written, appositions and relative clauses included, as
  PolNeAR marks sources ("Mr Tsimbalyuk, who made headlines ..., reported");
* kind -- outlet lexicon -> government words anywhere in the mention -> the head noun's class in
  ``source_nouns.tsv`` -> the entity label -> person;
* resolution -- a pronoun ("He") or a short name ("Mr Tsimbalyuk") is resolved to the most recent
  compatible full-name mention earlier in the document ("Roman Tsimbalyuk"), whose pre-modifiers
  or apposition give the description ("Ukrainian journalist").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import SourceMatch
from allegedly.lexicons import load

TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir", "dame",
                    "lord", "lady", "prof", "prof.", "rev", "rev.", "sen.", "rep.", "gov.", "gen."})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "we", "us", "you"})
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_CUT_DEPS = frozenset({"npadvmod", "advmod"})


@cache
def _outlets() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in load("outlets"):
        alias = row["alias"].lower()
        out[alias] = row["name"]
        if alias.startswith("the "):
            out[alias[4:]] = row["name"]
    return out


@cache
def _nouns() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    heads: dict[str, str] = {}
    words: list[tuple[str, str]] = []
    for row in load("source_nouns"):
        if row["match"] == "head":
            heads.setdefault(row["noun"].lower(), row["kind"])
        else:
            words.append((row["noun"].lower(), row["kind"]))
    return heads, tuple(words)


def outlet_name(text: str) -> str | None:
    """Canonical outlet name if ``text`` is a known outlet or alias ("the Sun" -> "The Sun")."""
    key = " ".join(text.lower().split())
    if key.startswith("the ") and key not in _outlets():
        key = key[4:]
    return _outlets().get(key.rstrip("'’s").strip() if key.endswith(("'s", "’s")) else key)


def mention_span(tok: Token, stop: int | None = None) -> Span:
    """The noun phrase headed by ``tok`` as written, appositions and relative clauses included
    ("Ronald R. Fieldstone, a Miami lawyer who ...", as PolNeAR marks sources), time adverbs
    ("Trump this week said") and paragraph breaks excluded."""
    doc = tok.doc
    if tok.pos_ == "PRON" or tok.lower_ in RELATIVE:
        return doc[tok.i:tok.i + 1]
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in _CUT_DEPS:
            break
        right = child.right_edge.i
    for child in tok.lefts:
        if child.dep_ in _CUT_DEPS:
            left = child.right_edge.i + 1
    for i in range(tok.i - 1, left - 1, -1):  # never run over a paragraph break
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            left = i + 1
            break
    for i in range(tok.i, right + 1):
        if "\n" in doc[i].whitespace_ or (i > tok.i and "\n" in doc[i].text):
            right = i if "\n" in doc[i].whitespace_ else i - 1
            break
    if stop is not None and tok.i < stop <= right:  # "reports [suggesting ...]": not the cue
        right = stop - 1
    while right > left and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


def head_span(tok: Token) -> Span:
    """The mention without appositions, relative clauses and prepositional tails (for typing)."""
    doc = tok.doc
    left, right = tok.i, tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod"}:
            left = min(left, child.left_edge.i)
    for child in tok.rights:
        if child.dep_ in {"compound", "case"} or (child.dep_ == "prep" and child.lower_ in {
                "of", "for", "at", "from", "close"}):
            right = max(right, child.right_edge.i)
        else:
            break
    return doc[left:right + 1]


def _entity(span: Span) -> Span | None:
    """The named entity containing the mention's head token (walks the IOB tags: cheap)."""
    root = span.root
    if not root.ent_type_:
        return None
    doc = span.doc
    start = root.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = root.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=root.ent_type_)


def _name_tokens(ent: Span) -> list[Token]:
    toks = [t for t in ent if t.lower_ not in TITLES and not t.is_punct and t.lower_ != "the"]
    while toks and toks[-1].lower_ in {"'s", "’s"}:
        toks.pop()
    return toks


def _is_full_name(ent: Span) -> bool:
    return ent.label_ == "PERSON" and len(_name_tokens(ent)) >= 2


def description_of(ent: Span) -> str | None:
    """Pre-modifiers ("Ukrainian journalist") or apposition ("a Ukrainian journalist") of a name."""
    doc = ent.doc
    head = ent.root
    mods = [t for t in head.lefts if t.i < ent.start and t.dep_ in {"amod", "compound", "nmod"}]
    if mods:
        start = min(t.left_edge.i for t in mods)
        words = [t for t in doc[start:ent.start] if t.dep_ != "det" and not t.is_punct]
        if words:
            return " ".join(t.text for t in words)
    for child in head.rights:
        if child.dep_ == "appos":
            return doc[child.left_edge.i:child.right_edge.i + 1].text
    if head.dep_ == "appos" and head.head.i < ent.start:
        h = head.head
        return doc[h.left_edge.i:h.i + 1].text
    return None


def _earlier_person(doc: Doc, before: int, surname: str | None) -> Span | None:
    """The most recent full-name PERSON entity ending before ``before`` (matching ``surname``)."""
    for ent in reversed(doc.ents):
        if ent.end > before or not _is_full_name(ent):
            continue
        if surname is None or _name_tokens(ent)[-1].lower_ == surname:
            return ent
    return None


def _earlier_entity(doc: Doc, before: int, labels: set[str]) -> Span | None:
    for ent in reversed(doc.ents):
        if ent.end <= before and ent.label_ in labels:
            return ent
    return None


def classify(span: Span) -> str:
    """Kind of a source mention (see ``allegedly.model.SOURCE_KINDS``)."""
    text = span.text
    if outlet_name(text):
        return "media"
    heads, words = _nouns()
    low = " " + " ".join(t.lower_ for t in span) + " "
    root = span.root
    root_lemma = lemma(root) if root.pos_ != "PROPN" else root.lower_
    if root.is_title and root.i == span.start and root.lower_ in _nouns()[0]:
        root_lemma = root.lower_
    for word, kind in words:
        if f" {word} " in low and kind == "government" and root_lemma not in {"footage", "video"}:
            ent = _entity(span)
            if ent is not None and ent.label_ == "PERSON" and ent.root == root:
                return "person"
            return "government"
    if root.lower_ in PERSON_PRONOUNS:
        return "person"
    if root.lower_ in {"they", "them"}:
        return "anonymous"
    if root_lemma in heads and (root.pos_ != "PROPN" or root.i == span.start):
        return heads[root_lemma]
    ent = _entity(span)
    if ent is not None:
        if ent.label_ == "PERSON":
            return "person"
        if ent.label_ in {"GPE", "NORP"}:
            return "government"
        if ent.label_ in {"ORG", "FAC"}:
            return "organisation"
    if root.pos_ == "PROPN":
        return "person" if root.ent_type_ in {"", "PERSON"} else "organisation"
    return "anonymous" if root.pos_ in {"NOUN", "PRON"} else "person"


def make_source(tok: Token, stop: int | None = None) -> SourceMatch:
    """A :class:`SourceMatch` for the mention headed by ``tok``, typed and resolved; the mention
    ends before token ``stop`` (the cue) when the cue hangs off the mention itself."""
    doc = tok.doc
    span = mention_span(tok, stop)
    core = head_span(tok)
    name, description, antecedent = core.text, None, None
    target: Span | None = None
    low = tok.lower_
    if low in RELATIVE and tok.dep_.startswith("nsubj") and tok.head.dep_ == "relcl":
        noun = tok.head.head
        if low in {"that", "which"}:  # "A visa program that allows ...": the noun is the source
            return make_source(noun, stop=tok.head.left_edge.i)
        ref = mention_span(noun)
        return _resolved(span, make_source(noun), ref)
    if low in THIRD_PERSON:
        target = _earlier_person(doc, tok.i, None)
    elif low in {"it", "its"}:
        ent = _earlier_entity(doc, tok.i, {"ORG", "GPE", "NORP"})
        if ent is not None:
            base = make_source(ent.root)
            return SourceMatch((span.start_char, span.end_char), base.name, base.kind,
                               base.description, (ent.start_char, ent.end_char))
    else:
        ent = _entity(core)
        if ent is not None and ent.label_ == "PERSON":
            names = _name_tokens(ent)
            if len(names) >= 2:
                name = " ".join(t.text for t in names)
                description = description_of(ent)
            elif names:
                target = _earlier_person(doc, ent.start, names[-1].lower_)
        elif tok.pos_ == "PROPN" and len([t for t in core if t.lower_ not in TITLES]) == 1:
            # a bare surname the NER missed or mislabelled: "Mr Tsimbalyuk" tagged ORG
            target = _earlier_person(doc, core.start, tok.lower_)
    kind = classify(core)
    if target is not None:
        name = " ".join(t.text for t in _name_tokens(target))
        description = description_of(target)
        antecedent = (target.start_char, target.end_char)
        kind = "person"
    elif kind == "media":
        name = outlet_name(core.text) or name
    return SourceMatch((span.start_char, span.end_char), name, kind, description, antecedent)


def _resolved(span: Span, base: SourceMatch, ref: Span) -> SourceMatch:
    return SourceMatch((span.start_char, span.end_char), base.name, base.kind, base.description,
                       base.antecedent or (ref.start_char, ref.end_char))


def vague_source() -> SourceMatch:
    """The source of a sourceless cue ("it is alleged", "there are claims")."""
    return SourceMatch(None, "", "vague")
