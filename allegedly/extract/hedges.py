"""Hedges: uncertainty and distancing cues ("allegedly", "may have been lost", "it is not known").

The cues live in ``allegedly/lexicons/hedges.tsv`` (one commented row per cue: normalised cue,
kind, word forms or a token pattern, and an optional context rule). This module matches them
over a parsed ``Doc`` and checks each rule against the parse (tags and dependencies), so that
"May" the month, "could not be reached" (inability), "said it would resign" (reported future),
"appeared in court" and "some soldiers said" are not reported as hedges.

Public functions are pure: they read the ``Doc`` and return plain records in ``doc.text``
character offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import HedgeMatch
from allegedly.lexicons import load, word_list

HEDGE_KINDS = ("adverb", "modal", "epistemic", "unknown", "weasel", "conditional")

# ---- the lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    cue: str
    kind: str
    positions: tuple[tuple[frozenset[str], bool], ...]  # (alternatives, optional) per token
    rule: str | None

    @property
    def is_phrase(self) -> bool:
        return len(self.positions) > 1


def _parse_forms(forms: str) -> tuple[tuple[frozenset[str], bool], ...]:
    positions = []
    for item in forms.lower().split():
        optional = item.endswith("?") and len(item) > 1
        alts = frozenset(a for a in item.rstrip("?").split("|") if a)
        positions.append((alts, optional))
    return tuple(positions)


@cache
def _lexicon() -> tuple[dict[str, tuple[_Entry, ...]], dict[str, tuple[_Entry, ...]]]:
    """(single-word entries by form, phrase entries by first-token form), in lexicon order."""
    words: dict[str, list[_Entry]] = {}
    phrases: dict[str, list[_Entry]] = {}
    for row in load("hedges"):
        kind, rule = row["kind"], row.get("rule") or None
        if kind not in HEDGE_KINDS:
            raise ValueError(f"hedges.tsv: unknown kind {kind!r} for cue {row['cue']!r}")
        if rule is not None and rule not in _RULES:
            raise ValueError(f"hedges.tsv: unknown rule {rule!r} for cue {row['cue']!r}")
        entry = _Entry(row["cue"], kind, _parse_forms(row["forms"]), rule)
        if not entry.positions or entry.positions[0][1]:
            raise ValueError(f"hedges.tsv: pattern of {row['cue']!r} must start with a fixed word")
        index = phrases if entry.is_phrase else words
        for form in entry.positions[0][0]:
            index.setdefault(form, []).append(entry)
    return ({k: tuple(v) for k, v in words.items()}, {k: tuple(v) for k, v in phrases.items()})


def _trigger_forms() -> frozenset[str]:
    """Words of which any hedge contains one: per entry, the most telling fixed position.

    Words are as a plain-text scan sees them (letters, inner apostrophes and hyphens, lower
    case), so contractions and hyphenated cues are listed whole: "wouldn't", "he'd", "so-called".
    """
    forms: set[str] = set()
    for entries in (*_lexicon()[0].values(), *_lexicon()[1].values()):
        for entry in entries:
            required = [alts for alts, optional in entry.positions if not optional]
            telling = [alts for alts in required if not alts & _FUNCTION_WORDS]
            forms.update(a for a in (telling or required[:1])[-1] if a.isalpha())
            texts = [sorted(alts)[0] for alts, _ in entry.positions]
            if "-" in texts:  # "so - called" is written "so-called"
                forms.add("".join(texts).replace(" ", ""))
            if entry.positions[0][0] & _MODALS:
                for form in entry.positions[0][0]:
                    if form == "'d":
                        forms.update(p + "'d" for p in _PRONOUNS)
                    elif form.isalpha() and not form.endswith("not"):
                        forms.add(_NEGATED.get(form, form + "n't"))
    return frozenset(forms)


_MODALS = word_list("modals", "hedge_words")
_NEGATED = {"wo": "won't", "ca": "can't", "will": "won't", "can": "can't"}
_PRONOUNS = word_list("contraction_pronouns", "hedge_words")


# words too common to make a useful pre-pass trigger when a pattern offers a better position
_FUNCTION_WORDS = word_list("common_words", "hedge_words")


# ---- context rules (named in the lexicon's "rule" column) -----------------------------------------

_NEG = word_list("negations", "hedge_words")
_REPORT_VERBS = word_list("reported_future_verbs", "hedge_words")
_VOLITION = word_list("volition_verbs", "hedge_words")
_REFUSAL = word_list("refusal_verbs", "hedge_words")  # "X would not comment"
_ABILITY = word_list("ability_verbs", "hedge_words")  # "could be reached / seen / heard"
_CONDITION_MARKS = word_list("condition_marks", "hedge_words")
_FUTURE_TIME_MARKS = word_list("future_time_marks", "hedge_words")
_NOT_BEFORE_POSSIBLE = word_list("not_before_possible", "hedge_words")
_COMPARISON = word_list("comparison_words", "hedge_words")
_PERFECT_AUX = word_list("perfect_auxiliaries", "hedge_words")
_RAISING_COMPLEMENTS = word_list("raising_complements", "hedge_words")
_AS_IF = word_list("as_if_words", "hedge_words")
_NOT_BEFORE_MARK = word_list("not_before_mark", "hedge_words")
_NOT_AFTER_KNOWN = word_list("not_after_known", "hedge_words")
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd"})
_RAISING_DEPS = frozenset({"ccomp", "xcomp", "acomp", "attr", "oprd"})


def _is_verb(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.pos_ in {"VERB", "AUX"}


def _rule_modal(doc: Doc, start: int, end: int) -> bool:
    return doc[start].tag_ == "MD"


def _rule_modal_epistemic(doc: Doc, start: int, end: int) -> bool:
    """A modal that is not negated: "could not be reached" is (past) inability, not a hedge."""
    t = doc[start]
    if t.tag_ != "MD":
        return False
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in _NEG or any(c.dep_ == "neg" and c.i > t.i for c in t.head.children):
        return False
    head = t.head
    if head.lower_ in _ABILITY or lemma(head) in _ABILITY:
        return False
    # purpose: "so that he could be held"
    return not any(c.lower_ == "so" for c in head.children if c.i < t.i)


def _is_past_clause(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


def _in_if_conditional(t: Token) -> bool:
    """Is the clause governed by ``t``'s head the main clause of a conditional?

    if/unless always; until/once when their clause is not in the past ("will remain until Iraq
    complies", not "stayed until the crisis ended").
    """
    head = t.head
    for child in head.children:
        if child.dep_ not in {"advcl", "ccomp"} and child.head.i != head.i:
            continue
        for m in child.children:
            if m.dep_ != "mark":
                continue
            if m.lower_ in _CONDITION_MARKS and child.dep_ == "advcl":
                return True
            if m.lower_ in _FUTURE_TIME_MARKS and not _is_past_clause(child):
                return True
    return False


def _rule_if_main(doc: Doc, start: int, end: int) -> bool:
    return doc[start].tag_ == "MD" and _in_if_conditional(doc[start])


def _rule_would(doc: Doc, start: int, end: int) -> bool:
    """Hypothetical "would"; not reported future ("said it would resign") nor volition."""
    t = doc[start]
    if t.tag_ != "MD":
        return False
    head = t.head
    if head.lower_ in _VOLITION or lemma(head) in _VOLITION:
        return False
    negated = any(c.dep_ == "neg" for c in head.children) or (
        end < len(doc) and doc[end].lower_ in _NEG)
    if negated and (head.lower_ in _REFUSAL or lemma(head) in _REFUSAL):
        return False
    if end < len(doc) and doc[end].lower_ == "rather":
        return False
    if _in_if_conditional(t):
        return True
    # backshifted future in reported speech: "<reporter> said (that) X would Y"
    clause = head
    while clause.dep_ in {"conj"} and clause.head != clause:
        clause = clause.head
    if clause.dep_ == "relcl":  # "a plant that would produce": a description, not a hedge
        return False
    return not (clause.dep_ in {"ccomp", "xcomp"} and lemma(clause.head) in _REPORT_VERBS)


def _rule_adverb(doc: Doc, start: int, end: int) -> bool:
    return doc[start].tag_.startswith("RB")


def _rule_attributive(doc: Doc, start: int, end: int) -> bool:
    t = doc[start]
    return t.dep_ == "amod" or (t.tag_ == "JJ" and t.head.pos_ in {"NOUN", "PROPN"}
                                and t.head.i > t.i)


def _rule_not_as_possible(doc: Doc, start: int, end: int) -> bool:
    """Exclude "as soon as possible", "the best possible", "where possible"."""
    before = [doc[i] for i in range(max(0, start - 3), start)]
    if before and before[-1].lower_ in _NOT_BEFORE_POSSIBLE:
        return False
    return not any(b.tag_ in {"JJS", "RBS"} for b in before)


def _rule_clausal(doc: Doc, start: int, end: int) -> bool:
    """A cognition verb with a clause/infinitive complement ("as expected" is not a hedge)."""
    t = doc[start]
    if not _is_verb(t) or (start > 0 and doc[start - 1].lower_ in _COMPARISON):
        return False
    if any(c.dep_ in _CLAUSE_DEPS for c in t.children):
        return True
    # parenthetical "..., I think, ..."
    return t.dep_ == "parataxis" and any(c.dep_ == "nsubj" for c in t.children)


def _rule_forecast(doc: Doc, start: int, end: int) -> bool:
    """A forecast verb ("expects margins of 10%", "is expected in May").

    Not "as expected", "lower-than-expected", nor a past passive without complement ("the sale
    had been expected"), which report that the outcome happened.
    """
    t = doc[start]
    if not _is_verb(t):
        return False
    if any(doc[i].lower_ in _COMPARISON for i in range(max(0, start - 2), start)):
        return False
    passive_aux = [c for c in t.children if c.dep_ == "auxpass"]
    if passive_aux and not any(c.dep_ in _CLAUSE_DEPS for c in t.children):
        return all(a.tag_ in {"VBZ", "VBP", "VB"} for a in passive_aux) and not any(
            c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in t.children)
    return True


def _rule_of_charge(doc: Doc, start: int, end: int) -> bool:
    """suspected/accused of a deed: "two men accused of fraud", "Iraq accused Kuwait of theft"."""
    t = doc[start]
    return any(c.lower_ == "of" and c.dep_ == "prep" for c in t.children) or (
        end < len(doc) and doc[end].lower_ == "of")


def _rule_attributive_or_passive(doc: Doc, start: int, end: int) -> bool:
    t = doc[start]
    return _rule_attributive(doc, start, end) or (
        t.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in t.children))


def _rule_raising(doc: Doc, start: int, end: int) -> bool:
    """appear/seem with a complement ("seems unlikely", "appears to be"), not "appeared in court"."""
    t = doc[start]
    if not _is_verb(t):
        return False
    if any(c.dep_ in _RAISING_DEPS for c in t.children):
        return True
    return end < len(doc) and doc[end].lower_ in _RAISING_COMPLEMENTS


def _rule_look_like(doc: Doc, start: int, end: int) -> bool:
    t = doc[start]
    if not _is_verb(t) or end >= len(doc):
        return False
    nxt = doc[end].lower_
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return nxt == "like" or (nxt == "as" and after in _AS_IF) or (
        nxt == "set" and after == "to")


def _rule_seen_as(doc: Doc, start: int, end: int) -> bool:
    """see/view/regard X as Y ("is seen as a blow", "sees it as a victory")."""
    t = doc[start]
    if not _is_verb(t):
        return False
    return any(c.lower_ == "as" and c.dep_ == "prep" for c in t.children)


def _rule_mark(doc: Doc, start: int, end: int) -> bool:
    """A subordinating conjunction; not "as if", "even if" (concessive), "dozens if not more"."""
    t = doc[start]
    if start > 0 and doc[start - 1].lower_ in _NOT_BEFORE_MARK:
        return False
    if end < len(doc) and doc[end].lower_ == "not" and t.dep_ != "mark":
        return False
    return t.dep_ == "mark" or t.tag_ == "IN" or t.pos_ == "SCONJ"


def _rule_future_clause(doc: Doc, start: int, end: int) -> bool:
    """until/once introducing a clause that is not in the past: a condition still to be met."""
    t = doc[start]
    return t.dep_ == "mark" and not _is_past_clause(t.head)


def _rule_not_proper(doc: Doc, start: int, end: int) -> bool:
    """Not part of a name ("the Tomb of the Unknown Soldier")."""
    t = doc[start]
    return t.tag_ not in {"NNP", "NNPS"} and not (start > 0 and t.is_title and t.ent_type_)


def _rule_subject(doc: Doc, start: int, end: int) -> bool:
    return doc[start].dep_ in {"nsubj", "nsubjpass"}


def _rule_not_for_as(doc: Doc, start: int, end: int) -> bool:
    return not (end < len(doc) and doc[end].lower_ in _NOT_AFTER_KNOWN)


_RULES: dict[str, Callable[[Doc, int, int], bool]] = {
    "modal": _rule_modal,
    "modal_epistemic": _rule_modal_epistemic,
    "would": _rule_would,
    "if_main": _rule_if_main,
    "adverb": _rule_adverb,
    "attributive": _rule_attributive,
    "not_as_possible": _rule_not_as_possible,
    "clausal": _rule_clausal,
    "raising": _rule_raising,
    "look_like": _rule_look_like,
    "seen_as": _rule_seen_as,
    "mark": _rule_mark,
    "subject": _rule_subject,
    "future_clause": _rule_future_clause,
    "not_proper": _rule_not_proper,
    "forecast": _rule_forecast,
    "of_charge": _rule_of_charge,
    "attributive_or_passive": _rule_attributive_or_passive,
    "not_for_as": _rule_not_for_as,
}

# ---- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HedgeCue:
    """A hedge plus the cue words proper (token offsets ``cue_start``..``cue_end`` in chars).

    ``match`` is what the pipeline reports: for modals its span runs on to the verb they govern
    ("may have been lost"); ``cue_start``/``cue_end`` cover only the cue words ("may").
    """

    match: HedgeMatch
    cue_start: int
    cue_end: int


def _match_pattern(doc: Doc, i: int, positions: tuple[tuple[frozenset[str], bool], ...]
                   ) -> int | None:
    """Token end index of the longest match of ``positions`` starting at token ``i``."""
    best: int | None = None

    def walk(p: int, j: int) -> None:
        nonlocal best
        if p == len(positions):
            if best is None or j > best:
                best = j
            return
        alts, optional = positions[p]
        if j < len(doc) and doc[j].lower_ in alts:
            walk(p + 1, j + 1)
        if optional:
            walk(p + 1, j)

    walk(0, i)
    return best


def _candidates(doc: Doc) -> list[tuple[int, int, _Entry]]:
    words, phrases = _lexicon()
    found: list[tuple[int, int, _Entry]] = []
    for t in doc:
        low = t.lower_
        for entry in phrases.get(low, ()):
            end = _match_pattern(doc, t.i, entry.positions)
            if end is not None and (entry.rule is None or _RULES[entry.rule](doc, t.i, end)):
                found.append((t.i, end, entry))
        for entry in words.get(low, ()):
            if entry.rule is None or _RULES[entry.rule](doc, t.i, t.i + 1):
                found.append((t.i, t.i + 1, entry))
                break  # first passing entry for this word wins (lexicon order)
    return found


def _kind(doc: Doc, start: int, entry: _Entry) -> str:
    """The entry's kind, except an "if" opening an embedded question ("asked if it was true")
    is an open question (``unknown``) like "whether", not a condition."""
    t = doc[start]
    if entry.kind == "conditional" and t.lower_ == "if" and t.head.dep_ in _QUESTION_DEPS:
        return "unknown"
    return entry.kind


_QUESTION_DEPS = frozenset({"ccomp", "dobj", "csubj", "pcomp"})


def _evidence_end(doc: Doc, start: int, end: int) -> int:
    """Token end of the evidence span: a modal runs on to the verb it governs."""
    t = doc[start]
    if t.tag_ != "MD":
        return end
    head = t.head
    if head.i < end or head.i - end > 4:
        return end
    between = doc[end:head.i]
    if all(b.dep_ in {"aux", "auxpass", "neg", "advmod"} for b in between):
        return head.i + 1
    return end


def find_hedge_cues(doc: Doc) -> list[HedgeCue]:
    """All hedges in ``doc`` with both their evidence span and their cue words, in text order.

    Overlapping candidates are resolved longest-first ("it is believed" beats "believed").
    """
    chosen: list[tuple[int, int, _Entry]] = []
    taken: set[int] = set()
    for start, end, entry in sorted(_candidates(doc), key=lambda c: (c[0] - c[1], c[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        chosen.append((start, end, entry))
    out: list[HedgeCue] = []
    for start, end, entry in sorted(chosen, key=lambda c: c[0]):
        ev_end = _evidence_end(doc, start, end)
        first, last, ev_last = doc[start], doc[end - 1], doc[ev_end - 1]
        match = HedgeMatch(first.idx, ev_last.idx + len(ev_last), entry.cue,
                           _kind(doc, start, entry))
        out.append(HedgeCue(match, first.idx, last.idx + len(last)))
    return out


def find_hedges(doc: Doc) -> list[HedgeMatch]:
    """Uncertainty and distancing cues in ``doc`` (``doc.text`` character offsets, text order).

    ``cue`` is normalised ("may", "it is not known"); ``kind`` is one of :data:`HEDGE_KINDS`.
    """
    return [c.match for c in find_hedge_cues(doc)]


TRIGGER_FORMS: frozenset[str] = _trigger_forms()
"""Lower-cased words at least one of which occurs in any text that holds a hedge."""
