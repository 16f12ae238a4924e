"""Source mentions: their extent as written and their kind.

Rules over the parse and the named entities only:

* extent (:func:`mention_span`) -- the subject's noun phrase as written, appositions and
  identifying relative clauses included ("Mr Tsimbalyuk, who made headlines ..., reported");
* core (:func:`head_span`) -- the mention without appositions and clauses, for typing;
* kind (:func:`classify`) -- outlet lexicon -> government words anywhere in the mention -> the
  head noun's class in ``source_nouns.tsv`` -> the entity label -> person.

Who a mention refers to is decided in :mod:`allegedly.extract.attribution.sources`.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from allegedly.extract.lemmas import lemma
from allegedly.lexicons import column, load, word_list

TITLES = column("person_titles", "title")
"""Titles and ranks before a name (``lexicons/person_titles.tsv``)."""
PERSON_PRONOUNS = word_list("person_pronouns")
THIRD_PERSON = word_list("third_person_pronouns")
RELATIVE = word_list("relative_pronouns")
_PLURAL_PRONOUNS = word_list("plural_pronouns")
_RECORDINGS = word_list("recording_nouns")
_HEAD_PREPS = word_list("mention_head_preps")
_NOT_PERSON_NOUNS = word_list("not_person_nouns")
_INDEFINITE = word_list("indefinite_determiners")
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
def nouns() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    heads: dict[str, str] = {}
    words: list[tuple[str, str]] = []
    for row in load("source_nouns"):
        if row["match"] == "head":
            heads.setdefault(row["noun"].lower(), row["kind"])
        else:
            words.append((row["noun"].lower(), row["kind"]))
    return heads, tuple(words)


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(row["word"] for row in load("outlet_words"))


def _outlet_like(span: Span) -> bool:
    """"the Northern Ledger", "Sarn Valley Courier": a capitalised name ending in an outlet word."""
    toks = [t for t in span if not (t.dep_ == "det" or t.is_punct)]
    return bool(toks) and toks[-1].text in _outlet_words() and all(
        t.text[:1].isupper() for t in toks) and span.root.pos_ == "PROPN"


def outlet_name(text: str) -> str | None:
    """Canonical outlet name if ``text`` is a known outlet or alias ("the Sun" -> "The Sun")."""
    key = " ".join(text.lower().split())
    if key.startswith("the ") and key not in _outlets():
        key = key[4:]
    return _outlets().get(key.rstrip("'’s").strip() if key.endswith(("'s", "’s")) else key)


def mention_span(tok: Token, stop: int | None = None) -> Span:
    """The noun phrase headed by ``tok`` as written, appositions and identifying relative
    clauses included ("Ronald R. Fieldstone, a Miami lawyer who ..."), time adverbs ("Trump
    this week said") and paragraph breaks excluded; a pronoun is its own mention."""
    doc = tok.doc
    if tok.pos_ == "PRON" and not _partitive(tok) or tok.lower_ in RELATIVE:
        return doc[tok.i:tok.i + 1]
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in _CUT_DEPS and not _modifier_phrase(child) or _narrating_modifier(child):
            break
        right = child.right_edge.i
    for child in tok.lefts:
        if child.dep_ in _CUT_DEPS and not _hyphenated(child):
            left = child.right_edge.i + 1
    for i in range(tok.i - 1, left - 1, -1):  # never run over a paragraph break or back into
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_ or doc[i].text in _CLOSING_QUOTES \
                and i > 0 and doc[i - 1].text in {",", ".", "?", "!"}:
            left = i + 1  # a quote ('“Very good reporter,” Trump, the frontrunner, said')
            break
    for i in range(tok.i, right + 1):
        if "\n" in doc[i].whitespace_ or (i > tok.i and "\n" in doc[i].text):
            right = i if "\n" in doc[i].whitespace_ else i - 1
            break
    if stop is not None and tok.i < stop <= right:  # "reports [suggesting ...]": not the cue
        right = stop - 1
    while right > left and (doc[right].is_punct or doc[right].dep_ == "cc") \
            and not _closes_bracket(doc, left, right):
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


_CLOSING_QUOTES = frozenset({"”", "»"})


def _partitive(tok: Token) -> bool:
    """"[Some of his rivals] said", "[Both of its senators]": a quantifying pronoun with an
    "of" phrase is not a mention on its own (a personal pronoun, "he", always is)."""
    return tok.tag_ != "PRP" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights)


def _modifier_phrase(child: Token) -> bool:
    """"Those [close to him]": an adverb with a complement of its own describes the speaker
    (a bare time adverb, "Trump [this week] said", does not)."""
    return child.dep_ == "advmod" and any(c.dep_ == "prep" for c in child.children)


def _narrating_modifier(child: Token) -> bool:
    """A modifier after the speaker's name that narrates rather than identifies: a relative
    clause that itself reports speech or thought ("Mr. Kamin, who emphasized that …"), a
    participle ("Trump, appearing after Clinton at the forum, …") or a long parenthesis
    ("Mr. Burman (a view echoed by everyone I interviewed)"): these tell what the speaker did,
    not who speaks; identifying relative clauses ("Schiff, who has served on the committee")
    stay."""
    doc = child.doc
    if child.i == 0:
        return False
    after_comma = doc[child.left_edge.i - 1].text in {",", "—", "―", "–", "--", "("}
    if child.dep_ == "relcl" and after_comma:
        return any(c.dep_ in {"ccomp", "xcomp"} and _reports(c.head) for c in child.subtree)
    if child.dep_ in {"acl", "advcl"} and child.tag_ == "VBG" and after_comma:
        return True
    if child.dep_ == "relcl" and doc[child.left_edge.i - 1].text in {"—", "―", "–", "--"}:
        return True  # "The film ― which weaves together …": a dash aside
    if child.dep_ == "appos" and doc[child.left_edge.i - 1].text == "(":
        return child.right_edge.i - child.left_edge.i >= 4
    return False


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load("reporting_verbs") if r["pos"] == "verb")


def _reports(verb: Token) -> bool:
    """A speech or thought verb of the cue lexicon."""
    return lemma(verb) in _speech_verbs()


def _closes_bracket(doc: Doc, left: int, right: int) -> bool:
    """Token ``right`` is the ")" of a "(" inside the mention ("Sen. Lindsey Graham (R-S.C.)")."""
    if doc[right].text != ")":
        return False
    inner = [t.text for t in doc[left:right]]
    return inner.count("(") > inner.count(")")


def _hyphenated(child: Token) -> bool:
    """"29-year-old", "war-torn": a modifier glued to its head by a hyphen."""
    nxt = child.right_edge.i + 1
    return nxt < len(child.doc) and child.doc[nxt].text in {"-", "–"} \
        and not child.doc[nxt].whitespace_


def head_span(tok: Token) -> Span:
    """The mention without appositions, relative clauses and prepositional tails (for typing)."""
    doc = tok.doc
    left, right = tok.i, tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod"} \
                or _hyphenated(child):
            left = min(left, child.left_edge.i)
    for child in tok.rights:
        if child.dep_ in {"compound", "case"} or (child.dep_ == "prep"
                                                   and child.lower_ in _HEAD_PREPS):
            right = max(right, child.right_edge.i)
        else:
            break
    return doc[left:right + 1]


def entity(span: Span) -> Span | None:
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


def name_tokens(ent: Span) -> list[Token]:
    toks = [t for t in ent if t.lower_ not in TITLES and not t.is_punct and t.lower_ != "the"]
    while toks and toks[-1].lower_ in {"'s", "’s"}:
        toks.pop()
    return toks


def is_full_name(ent: Span) -> bool:
    return ent.label_ == "PERSON" and len(name_tokens(ent)) >= 2


def description_of(ent: Span) -> str | None:
    """Pre-modifiers ("Ukrainian journalist", "Pakistan's Prime Minister") or apposition ("a
    Ukrainian journalist") of a name, as written. An apposition is a description only when a
    person noun or role heads it ("a lawyer", "senior fellow at the Washington Institute", not
    an age "58" nor a misparsed "the pathway to 270 electoral votes"), and it ends before its
    relative or participle clause ("a resident [who lives near …]")."""
    doc = ent.doc
    head = ent.root
    mods = [t for t in head.lefts if t.i < ent.start and t.dep_ in {"amod", "compound", "nmod"}]
    if mods:
        start = min(t.left_edge.i for t in mods)
        words = [t for t in doc[start:ent.start] if t.dep_ != "det" and not t.is_punct]
        if words:
            return doc[words[0].i:words[-1].i + 1].text
    for child in head.rights:
        if child.dep_ == "appos":
            desc = _apposition(child)
            if desc is not None:
                return desc
    if head.dep_ == "appos" and head.head.i < ent.start:
        h = head.head
        return doc[h.left_edge.i:h.i + 1].text
    return None


_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
_INDEFINITE_ARTICLES = frozenset({"a", "an"})


def _apposition(child: Token) -> str | None:
    """The words of an apposition that describes a person, up to its clause: headed by a person
    noun or a role, or an indefinite singular noun phrase ("a retired engineer"); None for an
    age or another noun phrase."""
    doc = child.doc
    if child.like_num or child.pos_ == "NUM" or not (
            lemma(child) in _describing_nouns() or child.tag_ == "NN"
            and doc[child.left_edge.i].lower_ in _INDEFINITE_ARTICLES):
        return None
    end = child.right_edge.i
    for t in child.subtree:  # "senior fellow at the institute[, which was founded in 1985]"
        if t.dep_ in _CLAUSE_DEPS and t.i > child.i:
            end = min(end, t.left_edge.i - 1)
    while end > child.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    return doc[child.left_edge.i:end + 1].text


@cache
def _describing_nouns() -> frozenset[str]:
    """Head nouns of a person's description: person nouns of ``source_nouns.tsv`` and the roles
    of ``person_roles.tsv``."""
    return _person_nouns() | frozenset(r["role"] for r in load("person_roles"))


def person_noun(t: Token) -> bool:
    """A singular common noun naming a person ("soldier", "spokesman", "29-year-old")."""
    if t.pos_ not in {"NOUN", "ADJ"} or t.tag_ in {"NNS", "NNPS"}:
        return False
    return t.lower_ in _person_nouns() or (t.lower_ == "old" and any(
        c.lower_ == "year" for c in t.lefts))


@cache
def _person_nouns() -> frozenset[str]:
    heads, _ = nouns()
    return frozenset(n for n, k in heads.items() if k in {"anonymous", "person"}
                     and n not in _NOT_PERSON_NOUNS)


def classify(span: Span) -> str:
    """Kind of a source mention (see ``allegedly.model.SOURCE_KINDS``)."""
    text = span.text
    if outlet_name(text) or _outlet_like(span):
        return "media"
    heads, words = nouns()
    low = " " + " ".join(t.lower_ for t in span) + " "
    root = span.root
    root_lemma = lemma(root) if root.pos_ != "PROPN" else root.lower_
    if root.is_title and root.i == span.start and root.lower_ in nouns()[0]:
        root_lemma = root.lower_
    if _indefinite_person(root):  # "a military officer", "a deserter from the army"
        return "anonymous"
    for word, kind in words:
        if f" {word} " in low and kind == "government" and root_lemma not in _RECORDINGS:
            ent = entity(span)
            if ent is not None and ent.label_ == "PERSON" and ent.root == root:
                return "person"
            return "government"
    if root.lower_ in PERSON_PRONOUNS:
        return "person"
    if root.lower_ in _PLURAL_PRONOUNS:
        return "anonymous"
    if root_lemma in heads and (root.pos_ != "PROPN" or root.i == span.start):
        return heads[root_lemma]
    ent = entity(span)
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


def _indefinite_person(root: Token) -> bool:
    """"A military officer", "one soldier": an unnamed individual, whatever body they serve."""
    return person_noun(root) and any(c.dep_ in {"det", "nummod"} and c.lower_ in _INDEFINITE
                                     for c in root.lefts)


__all__ = ["PERSON_PRONOUNS", "RELATIVE", "THIRD_PERSON", "TITLES", "classify", "description_of",
           "entity", "head_span", "is_full_name", "mention_span", "name_tokens", "nouns",
           "outlet_name", "person_noun"]
