"""Source mentions: extent, kind and resolution of pronouns and short names."""

from __future__ import annotations

from allegedly.extract.attribution.sources import classify, make_source, mention_span, outlet_name
from allegedly.lexicons import load
from allegedly.model import SOURCE_KINDS


def _subject(doc, verb: str):
    v = next(t for t in doc if t.text == verb)
    return next(c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"})


def test_outlet_lexicon_aliases():
    assert outlet_name("the Sun") == "The Sun"
    assert outlet_name("The New York Times") == "The New York Times"
    assert outlet_name("Reuters") == "Reuters"
    assert outlet_name("the Post") == "The Washington Post"
    assert outlet_name("a neighbour") is None
    assert len(load("outlets")) >= 300
    assert {r["kind"] for r in load("source_nouns")} <= set(SOURCE_KINDS)


def test_kinds(nlp):
    cases = {
        "Pentagon officials said the units withdrew.": "government",
        "The Russian defence ministry said the units withdrew.": "government",
        "Reuters said the units withdrew.": "media",
        "Sources said the units withdrew.": "anonymous",
        "A spokesman said the units withdrew.": "anonymous",
        "Satellite images showed the units withdrew.": "evidence",
        "Amnesty International said the units withdrew.": "organisation",
        "Maria Lopez said the units withdrew.": "person",
    }
    for sentence, kind in cases.items():
        doc = nlp(sentence)
        verb = "showed" if "showed" in sentence else "said"
        assert classify(mention_span(_subject(doc, verb))) == kind, sentence


def test_apposition_and_relative_clause_are_part_of_the_mention(nlp):
    doc = nlp("Anna Berg, a lawyer who studied the case, said the law was unclear.")
    span = mention_span(_subject(doc, "said"))
    assert span.text == "Anna Berg, a lawyer who studied the case"
    src = make_source(_subject(doc, "said"))
    assert src.name == "Anna Berg" and src.kind == "person"
    assert src.description == "a lawyer"  # the relative clause is in the mention, not the
    # description: descriptions are appositions and titles, never clauses


def test_a_description_is_never_an_age_nor_a_noun_that_names_no_person(nlp):
    doc = nlp("Yevhen Zosin, 74, a retired engineer who saw the attack, said the building shook.")
    assert make_source(_subject(doc, "said")).description == "a retired engineer"
    doc = nlp("Mirela Kovanic, 58, said the hospital was full.")
    src = make_source(_subject(doc, "said"))
    assert src.name == "Mirela Kovanic" and src.description is None
    doc = nlp("Darko Liss, a senior fellow at the Valdoria Institute, which was founded "
              "in 1985, said the unit left.")
    assert make_source(_subject(doc, "said")).description == (
        "a senior fellow at the Valdoria Institute")


def test_pronoun_and_short_name_resolved_to_earlier_full_name(nlp):
    doc = nlp("Ukrainian journalist Roman Tsimbalyuk fled in January. Mr Tsimbalyuk said the "
              "colonel was hurt. He said the soldier was furious.")
    short = make_source(_subject(doc, "said"))
    assert short.name == "Roman Tsimbalyuk"
    assert short.description == "Ukrainian journalist"
    assert doc.text[short.antecedent[0]:short.antecedent[1]] == "Roman Tsimbalyuk"
    said2 = [t for t in doc if t.text == "said"][1]
    he = make_source(next(c for c in said2.children if c.dep_ == "nsubj"))
    assert doc.text[he.span[0]:he.span[1]] == "He"
    assert he.name == "Roman Tsimbalyuk" and he.kind == "person"


def test_relative_pronoun_source_is_its_noun(nlp):
    doc = nlp("The report quoted Maria Lopez, who said the figures were wrong.")
    who = next(t for t in doc if t.text == "who")
    src = make_source(who)
    assert doc.text[src.span[0]:src.span[1]] == "Maria Lopez"
    assert src.name == "Maria Lopez"


def test_non_restrictive_which_and_restrictive_that_give_the_noun(nlp):
    doc = nlp("Members of the port authority, which has denied any role, met the mayor.")
    which = next(t for t in doc if t.text == "which")
    src = make_source(which)
    assert doc.text[src.span[0]:src.span[1]] == "the port authority"
    assert src.name == "the port authority"
    doc = nlp("A ferry program that allows residents to travel free has critics.")
    that = next(t for t in doc if t.text == "that")
    src = make_source(that)
    assert doc.text[src.span[0]:src.span[1]] == "A ferry program"


def test_a_relative_pronoun_source_is_the_noun_phrase_it_speaks_for(nlp):
    for sentence, noun in (
            ("The colonel, who commanded the brigade, said that the tanks were lost.",
             "The colonel"),
            ("The ministry, which runs the prisons, said that the report was false.",
             "The ministry"),
            ("A visa program that allows investors to stay has said that it works.",
             "A visa program")):
        doc = nlp(sentence)
        rel = next(t for t in doc if t.lower_ in {"who", "which", "that"} and t.dep_ == "nsubj")
        src = make_source(rel)
        assert doc.text[src.span[0]:src.span[1]] == noun, sentence
        assert src.method == "rule:source.relative"


def test_unnamed_sources_have_the_span_of_their_words_or_none(nlp):
    from allegedly.extract.attribution import find_attributions

    cases = {"There are claims that the tanks were abandoned.": ("There are claims",) * 2,
             "It is alleged that the tanks were abandoned.": ("It is alleged",) * 2,
             "Russia has been accused of abandoning the tanks.":
                 (None, "unnamed (has been accused)")}
    for sentence, (text, name) in cases.items():
        doc = nlp(sentence)
        (link,) = find_attributions(doc)
        src = link.source
        assert src.kind == "vague" and src.name == name, sentence
        assert (doc.text[src.span[0]:src.span[1]] if src.span else None) == text, sentence


def test_an_unresolved_personal_pronoun_has_no_name_but_keeps_its_kind(nlp):
    doc = nlp("I believe the vote was counted twice.")
    src = make_source(_subject(doc, "believe"))
    assert doc.text[src.span[0]:src.span[1]] == "I"
    assert (src.name, src.kind) == (None, "person")
    doc = nlp("They said the bridge was closed.")
    assert make_source(_subject(doc, "said")).name is None


def test_a_share_of_a_group_is_never_a_person_named_by_a_number(nlp):
    doc = nlp("About 3 in 10 independents say the economy is improving, while 2 in 10 say it "
              "is worse.")
    says = [t for t in doc if t.text == "say"]
    first = make_source(next(c for c in says[0].children if c.dep_ == "nsubj"))
    assert (first.name, first.kind) == ("About 3 in 10 independents", "anonymous")
    second = make_source(next(c for c in says[1].children if c.dep_ == "nsubj"))
    assert (second.name, second.kind) == ("2 in 10 independents", "anonymous")
    assert doc.text[second.span[0]:second.span[1]] == "2 in 10"
    assert doc.text[second.antecedent[0]:second.antecedent[1]] == "independents"
    assert second.method == "rule:source.group_share"


def _pronoun_source(doc, nth: int = 0):
    """The source of the ``nth`` cue "said" whose subject is a pronoun."""
    verbs = [t for t in doc if t.text == "said"
             and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in t.children)]
    return make_source(next(c for c in verbs[nth].children if c.dep_ == "nsubj"))


def test_a_pronoun_outside_quotes_never_takes_a_person_named_inside_one(nlp):
    doc = nlp("Senator Lena Fischer told reporters she was worried about the state. "
              "“Mark Olsen was up five points, and now it is close,” she said.")
    she = _pronoun_source(doc)
    assert she.name == "Lena Fischer"
    doc = nlp("Mayor Tom Reyes spoke on Monday. “Anna Kowalski will never win this city,” he "
              "said.")
    assert _pronoun_source(doc).name == "Tom Reyes"


def test_a_bare_definite_body_noun_is_the_body_that_spoke_last_under_a_fuller_name(nlp):
    doc = nlp("The drills were announced by Valdoria's interior ministry on Monday. The drills "
              "will include sirens, the ministry said in a statement.")
    src = _subject(doc, "said")
    got = make_source(src)
    assert got.name == "Valdoria's interior ministry" and got.kind == "government"
    assert got.method == "rule:source.body_description"
    doc = nlp("Valdoria's interior ministry is in the capital. The ministry said the drills "
              "would go ahead.")
    assert make_source(_subject(doc, "said")).name == "The ministry"  # that body never spoke


def test_partitive_pronoun_takes_its_of_phrase(nlp):
    """"Some of his rivals said": the mention is the whole partitive, not "Some"; a personal
    pronoun and a bare "Some" stay one token."""
    cases = {
        "Some of his rivals said the plan would fail.": "Some of his rivals",
        "Both of his GOP senators said the plan would fail.": "Both of his GOP senators",
        "Some said the plan would fail.": "Some",
        "He said the plan would fail.": "He",
    }
    for sentence, mention in cases.items():
        assert mention_span(_subject(nlp(sentence), "said")).text == mention, sentence
