"""Helpers shared by the attribution rules (``attribution_rules``, ``attribution_nouns``,
``attribution_passive``, ``attribution_naming``, ``attribution_headlines``, ``attribution_quotes``):
the cue lexicon, cue spans, source lookup and :func:`make_match`, which turns a cue + content +
source into an :class:`AttributionMatch` (quote snapping, paragraph segments, quote type, cue class).

All are pure functions over a parsed ``Doc``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch, Offsets, SourceMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.sources import make_source, vague_source
from allegedly.lexicons import load

CUE_ROWS: tuple[dict[str, str], ...] = load("reporting_verbs")
"""All rows of ``lexicons/reporting_verbs.tsv`` (verbs, nouns, doubt words)."""
CUES: dict[str, dict[str, str]] = {}
NOUN_CUES: dict[str, dict[str, str]] = {}
for _row in CUE_ROWS:
    if _row["pos"] == "verb":
        CUES.setdefault(_row["lemma"], _row)
    elif _row["pos"] == "noun":
        NOUN_CUES.setdefault(_row["lemma"], _row)
PHRASE_CUES: dict[str, list[dict[str, str]]] = {}
"""Multi-word verb cues ("point out", "point to") by their verb lemma (the first word)."""
for _row in CUE_ROWS:
    if _row["pos"] == "phrase" and " " in _row["lemma"]:
        PHRASE_CUES.setdefault(_row["lemma"].split()[0], []).append(_row)
PHRASE_FORMS = frozenset(f for rows in PHRASE_CUES.values() for r in rows
                         for f in r["forms"].split())
VERB_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "verb" for f in r["forms"].split())
NOUN_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "noun" for f in r["forms"].split())
DOUBT_FORMS = frozenset(f for r in CUE_ROWS if r["pos"] == "doubt" for f in r["forms"].split())

SUBJ = {"nsubj", "nsubjpass", "csubj"}
CUE_MODS = {"aux", "auxpass", "neg"}
INHERIT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "advmod"}
_PARA_SPLIT = re.compile(r"\n+")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
                       r"(?: \([^)\n]{1,30}\))? ?[-–—]{1,2} ")
MIN_QUOTE_WORDS = 4

def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    cached = doc.user_data.get("allegedly.text")
    if cached is None:  # a Doc's text never changes
        cached = doc.text
        doc.user_data["allegedly.text"] = cached
    return cached


_CUE_ADVS = frozenset({"also", "now", "then", "even", "often", "again", "later", "just",
                       "repeatedly", "previously", "once", "already", "still", "further",
                       "publicly", "privately", "recently", "earlier"})
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "today", "yesterday", "tonight", "then", "later", "earlier"})
_CUE_PREPS = frozenset({"for", "on", "of", "to", "about", "at", "against"})


def verb_cue_row(v: Token) -> dict[str, str] | None:
    """The lexicon row of cue verb ``v``: its own verb row, or a phrase row whose second word is
    one of its particles or prepositions ("pointed [out]", "pointed [to]")."""
    lem = lemma(v)
    row = CUES.get(lem)
    if row is not None:
        return row
    for phrase in PHRASE_CUES.get(lem, ()):
        words = phrase["lemma"].split()
        if len(words) != 2:
            continue  # "go on to say" is more than a verb and its particle
        second = words[1]
        if any(c.dep_ in {"prt", "prep"} and c.lower_ == second and c.i > v.i
               for c in v.children):
            return phrase
    return None


def cue_span(v: Token) -> Offsets:
    """Character span of cue verb ``v``: the verb with its contiguous auxiliaries, negation and adverbs ("has also said"), particle
    or cue preposition ("called for") and an adjacent day word ("said Friday")."""
    doc = v.doc
    start = v.i
    left = {c.i for c in v.lefts if c.dep_ in CUE_MODS
            or c.dep_ == "advmod" and (c.lower_ in _CUE_ADVS or _manner_adverb(c))}
    while start - 1 in left:
        start -= 1
    end = v.i
    for c in v.rights:
        if c.i != end + 1:
            break
        particle = c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in _CUE_PREPS
                                       and lemma(v) in _PREP_VERBS)
        day = c.dep_ in {"npadvmod", "advmod"} and c.lower_ in _TIME_WORDS
        if not (particle or day):
            break
        end = c.i
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _manner_adverb(t: Token) -> bool:
    """"frequently mocked", "forcefully told": an -ly adverb right before the cue (PolNeAR puts
    it in the cue)."""
    return t.lower_.endswith("ly") and t.tag_ == "RB" and t.lower_ not in {"only", "early"}


_PREP_VERBS = frozenset({"call", "point", "refer", "accuse", "blame", "rail", "warn", "comment",
                         "criticize", "criticise", "insist", "speak", "talk"})


def _segments(text: str, start: int, end: int) -> tuple[Offsets, ...]:
    """Split a content range at paragraph breaks (multi-paragraph quotes become segments)."""
    segs: list[Offsets] = []
    pos = start
    for m in _PARA_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            segs.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        segs.append((pos, end))
    out = []
    for s, e in segs:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def snap(doc: Doc, content: Offsets, cue: Offsets | None, quotes: list[Quote]) -> Offsets:
    """Extend a content range to cover the whole of every quote it overlaps (not the cue's)."""
    s, e = content
    for q in quotes:
        if q.start < e and s < q.end:
            if cue is not None and q.start <= cue[0] < q.end:
                continue
            s, e = min(s, q.start), max(e, q.end)
    return s, e


def _quote_type(content: tuple[Offsets, ...], quotes: list[Quote]) -> str:
    total = sum(e - s for s, e in content)
    inside = 0
    for s, e in content:
        for q in quotes:
            a, b = max(s, q.start), min(e, q.end)
            if b > a:
                inside += b - a
    if inside == 0:
        return "indirect"
    return "direct" if inside >= total - 2 else "mixed"


def _cls(row: dict[str, str], doc: Doc, content: tuple[Offsets, ...]) -> str:
    cls = row["class"]
    if cls == "report":
        words = {w.lower() for s, e in content for w in re.findall(r"\w+", text_of(doc)[s:e])}
        if words & DOUBT_FORMS:
            return "dispute"
    return cls


def make_match(doc: Doc, cue: Offsets | None, row: dict[str, str], content: Offsets,
           quotes: list[Quote], source: SourceMatch | None,
           exclude: Offsets | None = None, around_cue: bool = False) -> AttributionMatch | None:
    """Build the link: snap ``content`` to the quotes it overlaps, drop a dateline, split it at
    paragraph breaks, cut out ``exclude`` (a parenthetical "X said" inside it), keep it off the
    cue (unless ``around_cue``: "[X] is expected [to win]" has content on both sides of an
    excluded cue), and set quote type and cue class (``row`` is the cue's lexicon row). None when nothing
    is left of the content."""
    s, e = snap(doc, content, cue, quotes)
    dateline = _DATELINE.match(text_of(doc), s, e)
    if dateline is not None:  # "MERINSK, May 6 (CPA) - At least 34 ...": not part of the claim
        s = dateline.end()
    segs = _segments(text_of(doc), s, e)
    if exclude is not None:  # a parenthetical "X said" inside its content
        cut: list[Offsets] = []
        for a, b in segs:
            if a < exclude[0]:
                cut.append((a, rtrim_punct(text_of(doc), a, min(b, exclude[0]))))
            if b > exclude[1]:
                cut.append((ltrim_punct(text_of(doc), max(a, exclude[1]), b), b))
        segs = tuple((a, b) for a, b in cut if b > a)
    if not segs:
        return None
    if cue is not None and not around_cue and segs[0][0] <= cue[0] < segs[-1][1] and not (
            source and source.span and segs[0][0] <= source.span[0]):
        # the cue sits inside its own content (e.g. a snapped quote around it): keep the part
        # before or after the cue, whichever is longer
        before = [(a, min(b, cue[0])) for a, b in segs if a < cue[0]]
        after = [(max(a, cue[1]), b) for a, b in segs if b > cue[1]]
        pick = before if sum(b - a for a, b in before) >= sum(b - a for a, b in after) else after
        segs = tuple((a, b) for a, b in pick if b > a)
        if not segs:
            return None
    return AttributionMatch(cue=cue, cue_lemma=row["lemma"], cue_class=_cls(row, doc, segs),
                            content=segs, quote=_quote_type(segs, quotes), source=source)


def rtrim_punct(text: str, a: int, b: int) -> int:
    """End of ``text[a:b]`` with trailing space and clause punctuation removed."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;—–-("):
        b -= 1
    return b


def ltrim_punct(text: str, a: int, b: int) -> int:
    """Start of ``text[a:b]`` with leading space and clause punctuation removed."""
    while a < b and (text[a].isspace() or text[a] in ",;—–-)"):
        a += 1
    return a


def _subject(v: Token) -> Token | None:
    """The verb's own subject, or the subject inherited from the clause it hangs off."""
    subjects = [c for c in v.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:  # two subjects is a misparse ('“…reporter…,” Trump said'): the nearer one speaks
        before = [c for c in subjects if c.i < v.i]
        return before[-1] if before else subjects[0]
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children):
        return None  # agentless passive: "it is alleged", "Russia has been accused"
    if conjoined_cue(v):  # "Merrill says A and said B" parsed with "said" conjoined inside A
        return own_subject(v.head.head)
    if v.dep_ == "conj" and v.head.dep_ == "advcl" and v.head.left_edge.lower_ == "that" \
            and lemma(v.head.head) in CUES and not any(c.dep_ in SUBJ for c in v.children):
        # "tweeted … that Machado was “a con” and encouraged Americans to …": the tweeter
        return own_subject(v.head.head)
    stranded = _stranded_subject(v)
    if stranded is not None:
        return stranded
    inherited = _inherited_subject(v)
    if inherited is not None and (not _can_speak(inherited) or inherited.lower_ in _ECHO_PRONOUNS):
        outer = _outer_speaker(v)  # "Analysts said factors contributed to X, citing Y"; "Perdue
        # said he did not believe X, arguing Y": the pronoun is the outer speaker, written out
        para = paragraph(text_of(v.doc), v.idx)
        if outer is not None and _can_speak(outer) and para[0] <= outer.idx < para[1]:
            return outer
    return inherited


def own_subject(verb: Token) -> Token | None:
    """The first nominal or clausal subject among ``verb``'s children (no inheritance)."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)


def _can_speak(t: Token) -> bool:
    """A person, organisation, group or personal pronoun ("factors", "Tuesday" cannot speak)."""
    return t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.lower_ in _SPEAKING_PRONOUNS \
        or lemma(t) in _SPEAKER_NOUNS


_ECHO_PRONOUNS = frozenset({"he", "she", "they"})
_SPEAKING_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
_SPEAKER_NOUNS = frozenset(r["noun"].lower() for r in load("source_nouns") if r["match"] == "head")
"""Head nouns of speaking sources (officials, analysts, police …) from ``source_nouns.tsv``."""


def _outer_speaker(v: Token) -> Token | None:
    """"Analysts said factors have contributed to X, [citing Y]": a participle speech verb set
    off by a comma inside another cue's content clause whose own subject cannot speak speaks for
    that cue's subject."""
    if v.dep_ != "advcl" or v.tag_ != "VBG" or v.left_edge.i == 0 \
            or v.doc[v.left_edge.i - 1].text != ",":
        return None
    h = v.head
    for _ in range(4):
        if h.dep_ == "ccomp" and lemma(h.head) in CUES:
            return own_subject(h.head)
        if h.dep_ not in {"conj", "xcomp", "advcl"}:
            return None
        h = h.head
    return None


_STATEMENT_NOUNS = frozenset(r["word"] for r in load("speech_settings") if r["kind"] == "venue")


_ISSUING_VERBS = frozenset({"issue", "release", "send", "deliver", "publish", "post", "give",
                            "make", "put", "sign", "file", "write", "air", "run"})


def _issuer(noun: Token) -> Token | None:
    """The subject of "issued / released / sent [a statement]": the statement's author."""
    if noun.dep_ != "dobj" or lemma(noun) not in _STATEMENT_NOUNS \
            or lemma(noun.head) not in _ISSUING_VERBS:
        return None
    return own_subject(noun.head)


def _inherited_subject(v: Token) -> Token | None:
    """The subject of the clause ``v`` hangs off (participles, infinitives, conjuncts)."""
    h = v
    for _ in range(4):
        if h.dep_ == "acl" and h.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            issuer = _issuer(h.head)  # "the Council issued a statement calling …"
            return issuer if issuer is not None else h.head
        if h.dep_ == "pcomp" and h.head.dep_ == "prep" and h.head.lower_ == "with":
            for c in h.children:
                if c.dep_ in SUBJ:
                    return c
        if h.dep_ not in INHERIT_DEPS or h.head == h:
            break
        h = h.head
        for c in h.children:
            if c.dep_ in SUBJ:
                return c
    return None


def _stranded_subject(v: Token) -> Token | None:
    """"the $20 million experts say it costs", "with the editorial board of the Post Trump
    said": a finite speech verb the parser left without a subject, right after a noun it hung
    elsewhere (a reduced relative clause, a missing comma). That noun speaks."""
    if v.tag_ not in {"VBD", "VBZ", "VBP"} or v.i == 0 or v.dep_ in {"conj", "xcomp", "advcl"} \
            or any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "aux"} and c.i < v.i
                   for c in v.children):
        return None
    prev = v.doc[v.i - 1]
    while prev.i > 0 and prev.pos_ in {"ADV", "CCONJ"} and prev.lower_ in _SUBJECT_ADVERBS:
        prev = v.doc[prev.i - 1]  # "DuVernay [both] documents", "Trump [also] said"
    if prev.pos_ in {"NOUN", "PROPN"} and prev.dep_ in {"pobj", "dep", "npadvmod", "dobj", "conj"} \
            and prev.head != v:
        return prev
    return None


_SUBJECT_ADVERBS = frozenset({"both", "also", "then", "now", "again", "still", "later", "only",
                              "even", "further", "first", "repeatedly", "often"})


def _stranded_span(subj: Token) -> tuple[int, int]:
    """The stranded speaker as written: its name ("Donald Trump", not "the Washington Post
    Trump") and names coordinated with it ("Obama and Clinton call …")."""
    doc = subj.doc
    first = subj.i
    while first > 0 and doc[first - 1].ent_type_ == "PERSON" == subj.ent_type_ \
            and doc[first - 1].ent_iob_ != "O" and subj.ent_iob_ == "I":
        first -= 1
    if first >= 2 and doc[first - 1].lower_ in {"and", "or"} and doc[first - 2].pos_ == "PROPN":
        first -= 2
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first].ent_iob_ == "I":
            first -= 1
    return doc[first].idx, subj.idx + len(subj.text)


def conjoined_cue(t: Token) -> bool:
    """A subjectless speech verb with its own content conjoined to the content clause of
    another cue: "Merrill says [Machado promised to back her] and said [she would ...]" — the
    parser hangs "said" inside the first content; its speaker is the outer subject."""
    comp = t.head
    return t.dep_ == "conj" and t.i > comp.i and t.tag_ in {"VBD", "VBZ"} and lemma(t) in CUES \
        and comp.dep_ == "ccomp" and lemma(comp.head) in CUES \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) \
        and any(c.dep_ in {"ccomp", "dobj"} for c in t.children)


def source_of(v: Token) -> SourceMatch | None:
    """The source of cue verb ``v``: its (inherited) subject or passive agent in the cue's
    paragraph, a vague source for "it is alleged"/"there are claims", "unnamed (...)" for an
    agentless passive."""
    subj = _subject(v)
    if subj is not None:
        text = text_of(v.doc)
        ps, pe = paragraph(text, v.idx)
        if not ps <= subj.idx < pe:
            subj = _nearest_noun(v, ps)
    if subj is None:
        return vague_source(_passive_phrase(v))
    if subj.dep_ == "expl" or subj.lower_ in {"it", "there"} and subj.dep_ == "nsubjpass":
        doc = v.doc
        return vague_source(doc[subj.i:v.i + 1].text)
    src = make_source(subj, stop=cue_start(v))
    if subj == _stranded_subject(v):  # the parse around it is wrong: the name alone, not its NP
        src = SourceMatch(_stranded_span(subj), src.name, src.kind, src.description,
                          src.antecedent)
    return src


def _passive_phrase(v: Token) -> str:
    """The words standing for a missing source: "it is alleged", "(Russia) has been accused"."""
    doc = v.doc
    subj = next((c for c in v.children if c.dep_ == "nsubjpass" and c.i < v.i), None)
    if subj is not None and subj.lower_ == "it":
        return doc[subj.i:v.i + 1].text
    return "unnamed (" + doc[cue_start(v):v.i + 1].text + ")"


def cue_start(v: Token) -> int:
    """Index of the first token of the cue verb group (auxiliaries, negation, adverbs)."""
    i = v.i
    while i > 0 and v.doc[i - 1].head == v and v.doc[i - 1].dep_ in CUE_MODS | {"advmod"}:
        i -= 1
    return i


def _nearest_noun(v: Token, para_start: int) -> Token | None:
    """The parse ran over a paragraph break and gave ``v`` a subject in another paragraph: the
    name or pronoun opening ``v``'s own paragraph ("…EDT):\n\nDonald Trump is questioning …"),
    else the head of the noun phrase just before ``v``."""
    first = next((t for t in v.doc[:v.i] if t.idx >= para_start and not t.is_space), None)
    if first is not None and first.pos_ in {"PROPN", "PRON"}:
        while first.dep_ == "compound" and first.head.i < v.i and first.head.idx >= para_start:
            first = first.head
        return first
    for t in reversed(v.doc[:v.i]):
        if t.idx < para_start:
            return None
        if t.pos_ in {"NOUN", "PROPN", "PRON"}:
            return t
    return None


def quote_after(doc: Doc, pos: int, quotes: list[Quote], limit: int = 3) -> Quote | None:
    """A quote opening within ``limit`` non-space characters after offset ``pos``."""
    text = text_of(doc)
    for q in quotes:
        if q.start >= pos:
            gap = text[pos:q.start]
            if len(gap.strip()) <= limit and "\n\n\n" not in gap:
                return q
            return None
    return None


def paragraph(text: str, pos: int) -> Offsets:
    """Start and end offsets of the line (paragraph) of ``text`` containing ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


__all__ = ["CUES", "CUE_MODS", "CUE_ROWS", "DOUBT_FORMS", "INHERIT_DEPS", "MIN_QUOTE_WORDS",
           "NOUN_CUES", "NOUN_FORMS", "PHRASE_CUES", "PHRASE_FORMS", "SUBJ", "VERB_FORMS",
           "conjoined_cue", "cue_span", "cue_start", "ltrim_punct", "make_match", "own_subject",
           "paragraph", "quote_after", "rtrim_punct", "snap", "source_of", "text_of",
           "verb_cue_row"]
