"""Pronoun antecedents: gender the article gives, chains of pronouns, names in apposition,
"it" for the organisation that spoke, "Sir" with a first name (sentences written for the tests)."""

from __future__ import annotations

from allegedly.extract.attribution.gender import evidence, pronoun_gender
from allegedly.extract.attribution.sources import make_source
from allegedly.extract.rules import set_disabled


def _subjects(doc, verb: str):
    return [c for v in doc if v.text == verb for c in v.children if c.dep_ == "nsubj"]


def _ent(doc, text: str):
    return next(e for e in doc.ents if e.text.endswith(text))


def test_gender_evidence_comes_from_titles_role_nouns_and_possessives(nlp):
    doc = nlp("Mrs Ana Dale met Tom Reed on Monday. Carl Holt, a spokesman for the port, was "
              "there. Lena Fisk defended her record at the meeting.")
    assert evidence(doc, _ent(doc, "Ana Dale")) == ("f", "gender.honorific")
    assert evidence(doc, _ent(doc, "Carl Holt")) == ("m", "gender.role_noun")
    assert evidence(doc, _ent(doc, "Lena Fisk")) == ("f", "gender.possessive")
    assert evidence(doc, _ent(doc, "Tom Reed")) is None  # the article does not say
    assert pronoun_gender(doc[0]) is None
    assert pronoun_gender(nlp("she")[0]) == "f" and pronoun_gender(nlp("his")[0]) == "m"


def test_she_skips_a_nearer_man_and_unknown_gender_stays_allowed(nlp):
    doc = nlp("Mrs Ana Dale said the port would reopen. Mr Tom Reed said the road was closed. "
              "She said the ships would wait.")
    she = _subjects(doc, "said")[-1]
    src = make_source(she)
    assert src.name == "Ana Dale"
    assert src.method == "rule:source.pronoun_gender"
    set_disabled(doc, {"source.pronoun_gender"})
    assert make_source(she).name == "Tom Reed"
    set_disabled(doc, ())
    doc = nlp("Ana Dale said the port would reopen. Tom Reed said the road was closed. "
              "She said the ships would wait.")
    assert make_source(_subjects(doc, "said")[-1]).name == "Tom Reed"  # no evidence: nearest


def test_a_pronoun_subject_on_the_way_back_stands_for_its_own_antecedent(nlp):
    doc = nlp("Maria Lopez filed a complaint in May. She named the harbour master and the "
              "engineer Roman Petrenko, who had signed the plan. She said the plan was unsafe.")
    said = _subjects(doc, "said")[-1]
    assert make_source(said).name == "Maria Lopez"
    set_disabled(doc, {"source.pronoun_chain", "source.relative_main"})
    assert make_source(said).name == "Roman Petrenko"  # the name listed in the object
    set_disabled(doc, ())


def test_a_person_noun_subject_stands_for_the_name_in_apposition(nlp):
    doc = nlp("Another officer, Captain Ana Dale, said the strikes were precise. “We hit only "
              "the depots,” she said.")
    assert make_source(_subjects(doc, "said")[-1]).name == "Ana Dale"
    doc = nlp("Tom Reed, 61, a farmer who lives near the river, described the flood. "
              "“The water came at night,” he said.")
    assert make_source(_subjects(doc, "said")[-1]).name == "Tom Reed"


def test_it_said_is_the_organisation_that_spoke_not_a_modifier_or_channel(nlp):
    doc = nlp("The Harbour Authority said the port was closed in a Facebook post. Two cranes "
              "were also damaged, it said.")
    it = _subjects(doc, "said")[-1]
    src = make_source(it)
    assert src.name == "The Harbour Authority" and src.method == "rule:source.it_speaker"
    doc = nlp("The Northland army said in a statement that Southland troops fired first. "
              "It said it was responding in kind.")
    assert "army" in make_source(_subjects(doc, "said")[-1]).name


def test_sir_with_a_first_name_is_the_full_name_and_lady_is_not_sir(nlp):
    doc = nlp("Sir Tom Reed opened the bridge on Monday. Later, Sir Tom said the bridge was "
              "safe. Lady Reed said she was proud.")
    said = _subjects(doc, "said")
    assert make_source(said[0]).name == "Tom Reed"
    assert make_source(said[1]).name != "Tom Reed"


def test_they_said_is_the_group_that_spoke_last_in_the_paragraph(nlp):
    doc = nlp("Local officials said the bridge was closed. They said repairs would take a week.")
    they = _subjects(doc, "said")[-1]
    src = make_source(they)
    assert src.name == "Local officials" and src.method == "rule:source.they_group"
    doc = nlp("Local officials said the bridge was closed.\nThey said repairs would take a week.")
    assert make_source(_subjects(doc, "said")[-1]).name is None  # another paragraph
