"""The strategy list: every link and source says which named rule made it; rules switch off."""

from __future__ import annotations

import pytest

from allegedly.extract.attribution import find_attributions, switchable
from allegedly.extract.attribution.strategies import (
    TOKEN_STRATEGIES,
    VERB_CONTENTS,
    all_rules,
    switchable_rules,
)
from allegedly.extract.rules import PREFIX


def _by_method(nlp, text, disabled=()):
    return {m.method: m for m in find_attributions(nlp(text), disabled=disabled)}


PRONOUN = ("Ukrainian journalist Roman Tsimbalyuk has alleged that the colonel was run over by "
           "a tank. He said the brigade had lost half its tanks. According to the ministry, 40 "
           "soldiers died.")


def test_links_and_sources_name_their_rules(nlp):
    got = [(m.method, m.source.method, m.source.name) for m in find_attributions(nlp(PRONOUN))]
    assert got == [("rule:verb.ccomp", "rule:source.subject", "Roman Tsimbalyuk"),
                   ("rule:verb.ccomp", "rule:source.pronoun", "Roman Tsimbalyuk"),
                   ("rule:phrase.according_to", "rule:source.according_to", "the ministry")]
    names = {r.name for r in all_rules()}
    assert all(m[len(PREFIX):] in names for trio in got for m in trio[:2])


def test_a_switched_off_rule_gives_way_to_the_next(nlp):
    text = 'The minister told reporters: "We will not leave the town to them."'
    assert list(_by_method(nlp, text)) == ["rule:verb.ccomp"]
    assert list(_by_method(nlp, text, disabled=["verb.ccomp"])) == ["rule:verb.quote_after"]
    assert list(_by_method(nlp, "He added: the brigade lost half its tanks.",
                           disabled=["verb.ccomp"])) == ["rule:verb.colon"]
    assert not _by_method(nlp, "Officials said that 12 people died.", disabled=["verb"])
    unresolved = find_attributions(nlp(PRONOUN), disabled=["source.pronoun"])[1].source
    assert (unresolved.name, unresolved.kind, unresolved.method) == (None, "person",
                                                                   "rule:source.subject")


def test_unknown_rule_names_are_refused(nlp):
    with pytest.raises(ValueError, match="verb.nope"):
        find_attributions(nlp("He said so."), disabled=["verb.nope"])


def test_lists_are_ordered_and_named_once():
    names = [r.name for r in switchable_rules()]
    assert len(names) == len(set(names))
    assert names[:3] == ["headline.title_case", "phrase.according_to", "naming.object_predicate"]
    assert [r.name for r in VERB_CONTENTS][:3] == ["verb.relative_clause", "verb.raising_passive",
                                                   "verb.ccomp"]
    assert "verb" in switchable() and len(TOKEN_STRATEGIES) == 11


def test_a_failing_rule_is_reported_and_the_others_go_on(nlp, monkeypatch):
    import allegedly.extract.attribution as attribution
    from allegedly.extract.rules import Rule

    def broken(tok, quotes):
        """Always fails."""
        raise AttributeError("no such thing")

    monkeypatch.setattr(attribution, "TOKEN_STRATEGIES",
                        (Rule("headline.title_case", broken), *TOKEN_STRATEGIES[1:]))
    failures = []
    found = find_attributions(nlp("Officials said that 12 people died."), failures=failures)
    assert [m.method for m in found] == ["rule:verb.ccomp"]  # the verb family still ran
    assert [(f.rule, f.start, f.end) for f in failures] == [("headline.title_case", 10, 14)]
    assert "AttributeError" in failures[0].error
