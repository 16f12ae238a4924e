"""Bounds, changes and signs of figure candidates: the passes over all candidates of a text.

Each pass is a named step of :mod:`allegedly.extract.figures.steps` (switchable by name):
``figure.post_bound`` ("30 or more", "5% higher"), ``figure.pre_bound`` ("at least 30", "up
5%", "fell 3%"), ``figure.accounting_negative`` ("($99.99)"), ``figure.conversion`` (a
conversion in parentheses takes the bound of what it converts) and ``figure.change_by`` ("grow
sales by 35%"). Bound and change phrases come from ``lexicons/approximators.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from allegedly.extract.figures.units import Cand
from allegedly.extract.lemmas import lemma
from allegedly.extract.tokens import token_at
from allegedly.lexicons import load, word_list

_CHANGE_SKIP = word_list("change_skip", "figure_words")
_STRONG_CHANGE = word_list("strong_change", "figure_words")


@cache
def _approximators() -> tuple[tuple[str, str, str, str], ...]:
    rows = [(r["phrase"].lower(), r["position"], r["kind"], r.get("value", ""))
            for r in load("approximators")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


_ACCOUNTING_BEFORE = re.compile(r"(?i)(?:\b(?:is|was|were|are|be|been|of|at|totall?ed)|:)\s*\($")


def accounting_negatives(doc: Doc, text: str, cands: list[Cand]) -> None:
    """ "The annual revenue is ($99.99)": a money amount alone in parentheses, not converting
    another figure, is negative (accounting notation)."""
    for c in cands:
        if c.unit_kind == "currency" and c.value is not None and c.value > 0 and \
                text[c.end:c.end + 1] == ")" and _ACCOUNTING_BEFORE.search(text[max(0, c.start - 12):c.start]):
            c.value, c.start, c.end = -c.value, c.start - 1, c.end + 1


def changes_by(doc: Doc, text: str, cands: list[Cand]) -> None:
    """ "grow sales by 35%": the verb of "by N" is a change verb with its object in between;
    "A was down 2.3%, B by 2.6%": an elided change verb, the previous figure's change."""
    prev: Cand | None = None
    for c in cands:
        if c.change is None and re.search(r"(?i)\bby\s+$", text[max(0, c.start - 4):c.start]):
            by = token_at(doc, c.start - 3)
            head = by.head if by is not None and by.lower_ == "by" else None
            if head is not None and head.pos_ == "VERB" and (
                    _change_word(lemma(head)) or _change_word(head.lower_)):
                c.change = _change_word(lemma(head)) or _change_word(head.lower_)
            elif prev is not None and prev.change and prev.unit == c.unit and c.unit is not None and \
                    re.fullmatch(r",\s+[A-Z][\w.&' ]{0,30}\s+by\s+", text[prev.end:c.start]):
                c.change = prev.change
        prev = c


_CONVERSION_GAP = re.compile(r"\s*\(\s*")
_CONVERSION_NEXT = re.compile(r"\s*/\s*")


def inherit_in_conversions(doc: Doc, text: str, cands: list[Cand]) -> None:
    """ "just under 296 hp (224 kW / 300 PS)", "more than 7.5 million crowns (US $1.1 million)":
    a conversion in parentheses states the same figure, so it takes its bound and change."""
    inside = False
    for a, b in zip(cands, cands[1:], strict=False):
        gap = text[a.end:b.start]
        inside = bool(_CONVERSION_GAP.fullmatch(gap) or inside and _CONVERSION_NEXT.fullmatch(gap))
        if not inside or a.unit is None or b.unit is None or a.unit_kind != b.unit_kind or \
                a.unit_kind not in {"unit", "currency"} or a.unit == b.unit:
            inside = False
            continue
        if b.bound == "exact" and a.bound != "range":
            b.bound = a.bound
        if b.change is None:
            b.change = a.change


@cache
def _post_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(regex, kind, value) of the "post" approximators, in lexicon order (longest first)."""
    return tuple((re.compile(("" if phrase[0] in "-+" else r"\s+") + re.escape(phrase)
                             + r"(?![A-Za-z])", re.I), kind, value)
                 for phrase, position, kind, value in _approximators() if position == "post")


@cache
def _pre_bound_patterns() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """(any of them, ((regex, value), ...)) of the "pre" bound approximators, in lexicon order.
    The alternation of all of them only answers whether one of them can match."""
    pats = tuple((r"(?<![A-Za-z])" + re.escape(phrase) + ("" if phrase[-1] in "-~" else r"\s+")
                  + "$", value)
                 for phrase, position, kind, value in _approximators()
                 if position == "pre" and kind == "bound")
    return (re.compile("|".join(f"(?:{p})" for p, _ in pats), re.I),
            tuple((re.compile(p, re.I), value) for p, value in pats))


@cache
def _pre_bound_longest() -> int:
    return max((len(phrase) for phrase, position, kind, _ in _approximators()
                if position == "pre" and kind == "bound"), default=0)


def _pre_bound_possible(lead: str) -> bool:
    """Can a "pre" bound phrase end ``lead``? Each pattern is phrase + whitespace (or a glued
    "-"/"~") + end, and a phrase matches as many characters as it has, so a match starts no
    earlier than the trailing whitespace minus the longest phrase: search only there."""
    ws = len(lead) - len(lead.rstrip())
    pos = max(0, len(lead) - ws - _pre_bound_longest())
    return _pre_bound_patterns()[0].search(lead, pos) is not None


_LEAD_WORDS = re.compile(r"[A-Za-z+]+|\d[\d.,%]*")


def _post_bound(text: str, c: Cand) -> None:
    rest = text[c.end:c.end + 12]
    for rx, kind, value in _post_patterns():
        m = rx.match(rest)
        if m:
            if kind == "bound" and c.bound == "exact":
                c.bound, c.end = value, c.end + m.end()
            elif kind in {"increase", "decrease"} and c.change is None and c.unit_kind in {"percent", "currency"}:
                c.change, c.end = kind, c.end + m.end()
            return


def _pre_bound(text: str, c: Cand) -> None:
    lead = text[max(0, c.start - 40):c.start]
    if c.bound in {"exact", "approx", "range"} and _pre_bound_possible(lead):
        for rx, value in _pre_bound_patterns()[1]:
            if c.bound == "range" and value != "approx":
                continue  # "about 14-18 mpg" is an approximate range (low/high kept)
            m = rx.search(lead)
            if m:
                c.bound = value
                c.start -= len(lead) - m.start()
                lead = lead[:m.start()]
                break
    if c.start > 0 and text[c.start - 1] == "+":
        c.change = "increase"
        c.start -= 1
        return
    words = _LEAD_WORDS.findall(lead)[-4:]
    by = False
    for back, w in enumerate(reversed(words)):
        lw = w.lower()
        kind = _change_word(lw)
        last = back == 0  # the word right before the number (not one equal to it)
        if kind and (lw in _STRONG_CHANGE or c.unit_kind in {"percent", "currency"} or
                     c.unit in {"point", "basis point"} or by or c.unit is not None and last):
            c.change = kind  # "fell 3%", "decrease by 1", "rise 11 feet"; not "killed 30 people"
            return
        if lw not in _CHANGE_SKIP:
            return
        by = by or lw == "by"


@cache
def _change_words() -> dict[str, str]:
    return {p: k for p, pos, k, _ in _approximators() if pos == "pre" and k in {"increase", "decrease"}}


def _change_word(word: str) -> str | None:
    return _change_words().get(word)


def post_bounds(doc: Doc, text: str, cands: list[Cand]) -> None:
    """"30 or more", "5% higher": a bound or change phrase right after each figure."""
    for c in cands:
        _post_bound(text, c)


def pre_bounds(doc: Doc, text: str, cands: list[Cand]) -> None:
    """"at least 30", "about 14-18 mpg", "+5%", "fell 3%": a bound phrase or change word
    before each figure."""
    for c in cands:
        _pre_bound(text, c)


__all__ = ["accounting_negatives", "changes_by", "inherit_in_conversions", "post_bounds",
           "pre_bounds"]
