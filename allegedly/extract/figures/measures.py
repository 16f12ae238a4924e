"""What a figure counts and measures, read from the dependency parse.

Given a figure's character span in a parsed ``Doc``, :func:`describe` returns

* ``counted`` — the counted (or measured) thing: "Russian soldiers" for "498 Russian soldiers",
  "comrades" for "thousands of his comrades", "tax" for "a 25% tax", else the clause subject for
  unit-bearing figures ("Tesla shares" for "Tesla shares were up 57%");
* ``measure`` — from ``lexicons/measures.tsv`` via the governing verb ("had been killed"),
  a following adjective ("1,500 wounded") or a governing noun ("the loss of thousands"):
  :mod:`~allegedly.extract.figures.measuring`;
* ``actor`` — the nationality / group words inside the counted phrase ("Russian").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from allegedly.extract.figures import measuring
from allegedly.extract.figures.units import surface_at, units
from allegedly.extract.tokens import noun_chunks_in, token_at, tokens_in
from allegedly.lexicons import word_list

_DROP_DEPS = {"det", "poss", "case", "punct", "predet", "nummod", "quantmod", "cc", "preconj"}
_STOP_CHILD_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}
_OF = word_list("of_words", "figure_words")
_PART_WORDS = word_list("part_words", "figure_words")


@dataclass(frozen=True)
class Description:
    counted: str | None = None
    counted_span: tuple[int, int] | None = None
    measure: str | None = None
    actor: str | None = None


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens overlapping [start, end) (O(span), not O(doc): this runs once per figure)."""
    return tokens_in(doc, start, end)


def _root(toks: list[Token]) -> Token:
    """The token of ``toks`` whose head lies outside them (the expression's syntactic root)."""
    ids = {t.i for t in toks}
    for t in reversed(toks):
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


def _phrase(noun: Token, after: int | None = None,
            before: int | None = None) -> tuple[str, tuple[int, int]] | None:
    """Text of the noun phrase headed by ``noun``: its left modifiers (minus determiners,
    possessives and numbers) and "of"/"in" attachments are kept, clauses are cut; tokens
    from character ``before`` on (the figure itself, for "a fine of $3m") are left out."""
    keep: list[Token] = []
    for t in noun.lefts:
        if t.dep_ in _DROP_DEPS or t.like_num or (after is not None and t.idx < after):
            continue
        keep.extend(t.subtree)
    keep.append(noun)
    for t in noun.rights:
        if t.dep_ == "prep" and t.lower_ in _OF and t.i == noun.i + 1:
            keep.extend(t.subtree)
        elif t.dep_ in {"compound", "amod"} and t.i == noun.i + 1:
            keep.append(t)
        else:
            break
    keep = [t for t in keep if t.dep_ not in _DROP_DEPS or t.i == noun.i or _inner_number(t, noun, after)]
    keep = [t for t in keep if not (t.dep_ == "prep" and t.i == keep[0].i)]
    if before is not None:
        keep = sorted((t for t in keep if t.idx < before), key=lambda t: t.i)
        while keep and keep[-1].i > noun.i and keep[-1].dep_ in {"prep", "det", "quantmod", "punct"}:
            keep.pop()
    if not keep:
        return None
    keep.sort(key=lambda t: t.i)
    first, last = keep[0], keep[-1]
    span = noun.doc[first.i:last.i + 1]
    return span.text, (span.start_char, span.end_char)


def _inner_number(t: Token, noun: Token, after: int | None) -> bool:
    """A number with a unit inside a modifier of the phrase, after the figure ("two 19-year-old
    soldiers", "two 120 mm rounds"): part of what is counted, unlike the figure itself (and
    unlike "four-, five- and six-cylinder engines", where each number is a figure of its own)."""
    if not (t.dep_ == "nummod" and t.head.i != noun.i and after is not None and t.idx >= after):
        return False
    text = t.doc[t.i:t.i + 5].text  # a few tokens, not doc.text (which rebuilds the whole text)
    pos = len(t.text)
    pos += text[pos:pos + 1] in {" ", "-"}
    return surface_at(text, pos, units()[1]) is not None  # a measure or an age: "120 mm", "19-year"


def _subject_np(head: Token) -> tuple[str, tuple[int, int]] | None:
    toks: list[Token] = []
    for t in head.subtree:
        if t.i > head.i and any(a.dep_ in _STOP_CHILD_DEPS for a in _path(t, head)):
            continue
        if t.dep_ in {"det", "punct", "case"} or t.like_num or t.head.like_num:
            continue
        toks.append(t)
    if not toks:
        return None
    span = head.doc[toks[0].i:toks[-1].i + 1]
    return span.text, (span.start_char, span.end_char)


def _hyphen_after(tok: Token) -> bool:
    """A hyphen glued to ``tok`` ("70-page"), read from the tokens (``doc.text`` is rebuilt on
    each access)."""
    return tok.i + 1 < len(tok.doc) and not tok.whitespace_ and tok.doc[tok.i + 1].text == "-"


def _np_head(noun: Token) -> Token:
    """The head of the noun phrase whose pre-modifier ``noun`` is: "90 air, sea and
    ground-launched missiles" (the parse hangs 90 on "air"), "two 120 mm rounds", "two tank
    rounds" count missiles and rounds, not "air", "mm" or "tank" (a hyphenated "70-page
    report" still counts pages: the caller does not climb from those)."""
    while noun.dep_ in {"nmod", "compound"} and noun.head.i > noun.i \
            and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head
    return noun


def _path(t: Token, top: Token) -> list[Token]:
    out = []
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def describe(doc: Doc, start: int, end: int, has_unit: bool,
             figure_end: int | None = None) -> Description:
    """Counted thing, measure and actor of the number at ``doc.text[start:end]`` (the figure,
    with its unit, may extend to ``figure_end``)."""
    toks = _tokens(doc, start, end)
    figure_end = end if figure_end is None else figure_end
    if not toks:
        return Description()
    root = _root(toks)
    counted: tuple[str, tuple[int, int]] | None = None
    noun: Token | None = None
    after = root.i + 1 < len(doc) and doc[root.i + 1]
    # 1. the number modifies a noun that follows it: "498 Russian soldiers", "a 25% tax"
    if root.dep_ in {"nummod", "amod", "compound", "quantmod", "npadvmod", "nmod"} and \
            root.head.i > root.i and root.head.pos_ in {"NOUN", "PROPN"} and root.head.idx >= end:
        noun = root.head if _hyphen_after(toks[-1]) else _np_head(root.head)
    # 2. "thousands of his comrades", "750 out of 1,500 soldiers", "64GB of storage"
    elif after is not None and after and after.lower_ in _PART_WORDS:
        pobj = _of_object(after)
        if pobj is not None:
            noun = pobj
    if has_unit:
        counted = _about(doc, start, figure_end)
        noun = None
    elif noun is not None:
        counted = _phrase(noun, after=figure_end)
    measure = None
    if not has_unit:
        measure = measuring.measure(doc, root, noun, end)
    actor = None
    if noun is not None and counted is not None:
        actor = _actor(noun, counted[1])
    target = noun if noun is not None else _root(_tokens(doc, start, figure_end))
    if actor is None:
        owner = _owner(target, has_unit)
        if owner is not None and not (counted and _overlaps(owner[1], counted[1])) and \
                not (owner[1][0] <= start < owner[1][1]):
            actor = owner[0]  # whose: "Ford has 13000 workers" -> Ford
    name = _name_before(doc, toks[0].i)
    if name is not None:  # "Dow +0.2%", "JD Sports, down 1.95p", "RHP John Gant (0.5 WAR)"
        if has_unit:
            counted = name
        else:
            actor = name[0]
    if counted is None and actor is None and (has_unit or measure is None):
        counted = _nearest_noun_before(doc, start)  # "this year's MSRP is $33790"
    if actor is None:
        actor = _list_heading(doc, toks[0])  # "Properties including: 9 E 71st St, $US55.9m, ..."
    return Description(counted[0] if counted else None, counted[1] if counted else None,
                       measure, actor)


_NAME_SEPARATORS = word_list("name_separators", "figure_words")
_NAME_CHANGES = word_list("name_changes", "figure_words")
_LEVEL_PREPS = word_list("level_preps", "figure_words")


def _name_before(doc: Doc, first: int) -> tuple[str, tuple[int, int]] | None:
    """The name a figure is listed against: a proper noun just before it, joined by a
    parenthesis, a comma or a change word ("RHP John Gant (0.5 WAR)", "JD Sports, down 1.95p at
    125.8p", "Burlington by 2.6%") or directly before a signed number ("Dow +0.2%", "S&P 500
    +0.3%"). Dates and times are no names."""
    i, crossed, change, level = first - 1, False, False, False
    for _ in range(8):
        if i < 0:
            return None
        t = doc[i]
        if t.lower_ in _NAME_SEPARATORS:
            crossed = True
            change = change or t.lower_ in _NAME_CHANGES
        elif t.lower_ in _LEVEL_PREPS and not level and not crossed:
            level = True  # "down 1.95p at 125.8p": the level after a change
        elif level and not change and (t.like_num or (t.pos_ == "NOUN" and len(t) <= 3)):
            pass
        else:
            break
        i -= 1
    else:
        return None
    signed = doc[first].text[:1] in "+-" and doc[first].text[1:2].isdigit()
    if not (crossed or signed) or (level and not change):
        return None
    end = i
    if doc[i].like_num and i > 0 and doc[i - 1].pos_ == "PROPN":
        i -= 1  # "S&P 500", "FTSE 100"
    if doc[i].pos_ != "PROPN" or doc[i].ent_type_ in {"DATE", "TIME"}:
        return None
    while i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_punct and \
            doc[i - 1].ent_type_ not in {"DATE", "TIME"}:
        i -= 1
    span = doc[i:end + 1]
    return span.text, (span.start_char, span.end_char)


_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _list_heading(doc: Doc, tok: Token) -> str | None:
    """The heading of a colon list a figure is an item of: a short verbless phrase before
    the sentence's first colon ("Properties including: ... $US17.2m ..." -> Properties)."""
    sent = tok.sent
    colon = next((t for t in doc[sent.start:tok.i] if t.text == ":"), None)
    if colon is None or colon.i - sent.start > 6 or \
            any(t.tag_ in _FINITE for t in doc[sent.start:colon.i]):
        return None
    for chunk in noun_chunks_in(doc, sent.start, colon.i):
        if chunk.root.ent_type_ not in {"DATE", "TIME"} and not chunk.root.like_num:
            phrase = _phrase(chunk.root, before=colon.idx)
            return phrase[0] if phrase else None
    return None


def _nearest_noun_before(doc: Doc, start: int) -> tuple[str, tuple[int, int]] | None:
    """Fallback topic of a unit figure the parse does not attach: the nearest earlier noun
    phrase of its sentence that is no time, number or pronoun ("Dow +0.2%", "MSRP is $33790")."""
    tok = token_at(doc, start) or token_at(doc, start - 1)
    if tok is None:
        return None
    sent = tok.sent
    for chunk in reversed([c for c in noun_chunks_in(doc, sent.start, sent.end)
                           if c.end_char <= start]):
        root = chunk.root
        if root.pos_ in {"NOUN", "PROPN"} and not root.like_num and \
                root.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"}:
            return _subject_np(root)
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_REL_PRONOUNS = word_list("relative_words", "figure_words")


def _clause_subject(verb: Token) -> tuple[str, tuple[int, int]] | None:
    """The subject of ``verb``'s clause: a relative pronoun is replaced by its antecedent
    ("Ford, which has ..."), an infinitive borrows its governor's ("Pension Credit was set to
    rise"), a conjunct verb without a subject its first conjunct's."""
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if subj is not None:
            if subj.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                return _subject_np(verb.head)
            if subj.lower_ in _PERSONAL:
                ant = _antecedent(subj)
                return _subject_np(ant) if ant is not None else None
            if subj.pos_ == "PRON" or subj.like_num or subj.dep_ == "expl" or \
                    subj.ent_type_ in {"DATE", "TIME"}:
                return None
            return _subject_np(subj)
        if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i and \
                verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head  # "set to rise", "creating 400 jobs" borrow the governing subject
            continue
        if verb.dep_ == "pcomp":
            up = [a for a in list(verb.ancestors)[:3] if a.pos_ in {"VERB", "AUX"}]
            if up:
                verb = up[0]  # "shares were up 57% after plummeting 65%"
                continue
        if verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "pobj"} and \
                verb.head.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head.head  # "Dell announced plans to lay off 6,650 employees"
            continue
        if verb.dep_ == "relcl":
            return _subject_np(verb.head)
        return None
    return None


_PERSONAL = word_list("personal_pronouns", "figure_words")


def _antecedent(pron: Token) -> Token | None:
    """What a personal pronoun subject refers to: the nearest earlier subject noun of the
    document ("Musk uses his account, where he has 80 million followers" -> Musk), else the
    nearest earlier person or organisation name."""
    doc = pron.doc
    lo = max(0, pron.i - 60)
    for t in reversed(doc[lo:pron.i]):
        if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"} and not t.like_num:
            return t
    for t in reversed(doc[lo:pron.i]):
        if t.ent_type_ in {"PERSON", "ORG"} and t.pos_ == "PROPN":
            return t
    return None


def _about(doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """What a unit-bearing figure at ``doc.text[start:end]`` measures: the noun it modifies
    ("a 750 meter swim"), its "of" complement ("8 miles of new tunnels", "13% of the economy"),
    the noun governing it ("a speed of 15-22 mph", "Unite Group, down 68p"), else the subject
    of its clause ("Tesla shares were up 57%", "bank stocks, which were up 2.8%")."""
    toks = _tokens(doc, start, end)
    if not toks:
        return None
    anchor = _root(toks)
    last = toks[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if anchor.dep_ in {"compound", "nmod", "amod", "nummod"} and anchor.head.i > last.i and \
            anchor.head.pos_ in {"NOUN", "PROPN"}:
        return _phrase(anchor.head, after=end)
    if nxt is not None and nxt.lower_ == "of":
        obj = next((c for c in nxt.children if c.dep_ == "pobj" and not c.like_num), None)
        if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
            return _phrase(obj)
    cur = anchor
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if head.pos_ in {"NOUN", "PROPN"} and not head.like_num and head.idx + len(head) <= start \
                and cur.dep_ not in {"conj", "appos"}:
            return _phrase(head, before=start)  # "a fine of $3m", "Unite Group, down 68p"
        if head.pos_ in {"VERB", "AUX"}:
            return _clause_subject(head)
        cur = head
    return None


def _owner(target: Token, has_unit: bool) -> tuple[str, tuple[int, int]] | None:
    """Whose is a counted thing: the subject of the clause it is the object or complement of
    ("Ford, which has 13000 workers" -> Ford; "OHSU has performed 700 transplants")."""
    if has_unit:
        cur = target
        for _ in range(8):  # "the TA-125 lost 1.1% ... on turnover of 1.3 billion shekels"
            if cur.pos_ in {"VERB", "AUX"}:
                return _clause_subject(cur)
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None
    if target.dep_ in {"dobj", "attr", "oprd"}:
        return _clause_subject(target.head)
    if target.dep_ == "pobj" and target.head.dep_ == "prep":
        gov = target.head.head
        if gov.pos_ in {"VERB", "AUX"}:
            return _clause_subject(gov)
        if gov.dep_ == "attr" and gov.pos_ == "NOUN" and gov.head.pos_ in {"VERB", "AUX"}:
            return _clause_subject(gov.head)  # "Morro Bay is the home port for 60 fishermen"
    return None


def _of_object(prep: Token) -> Token | None:
    if prep.lower_ == "out":
        nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
        prep = nxt if nxt is not None and nxt.lower_ == "of" else prep
    for c in prep.children:
        if c.dep_ == "pobj":
            if c.like_num:
                nouns = [h for h in [c.head] if h.pos_ == "NOUN"]
                return nouns[0] if nouns else _noun_after(c)
            return c
    return _noun_after(prep)


def _noun_after(tok: Token) -> Token | None:
    for t in tok.doc[tok.i + 1:tok.i + 6]:
        if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in {"pobj", "nsubj", "nsubjpass", "dobj"}:
            return t
        if t.is_punct or t.pos_ == "VERB":
            return None
    return None


def _actor(noun: Token, span: tuple[int, int]) -> str | None:
    doc = noun.doc
    words = [t for t in tokens_in(doc, span[0], span[1]) if span[0] <= t.idx < span[1]
             and (t.ent_type_ == "NORP" or (t.tag_ == "JJ" and t.text[:1].isupper()))]
    if not words:
        return None
    return " ".join(t.text for t in words)


def sentence_of(doc: Doc, start: int) -> Span:
    """The sentence holding character ``start``."""
    tok = token_at(doc, start)
    if tok is None:
        tok = next((t for t in tokens_in(doc, start, doc[-1].idx + len(doc[-1].text))), None)
    if tok is not None:
        return tok.sent
    return doc[:]
