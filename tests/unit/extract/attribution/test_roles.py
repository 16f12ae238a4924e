"""Role mentions ("the minister", "Pakistan's prime minister", "the soldier") resolve to the
person the article names in that role, and only when the role and its modifiers fit."""

from __future__ import annotations

from allegedly.extract.attribution.roles import is_role, role_head, same_word
from allegedly.extract.attribution.sources import make_source


def _source_of(doc, verb: str, nth: int = 0):
    v = [t for t in doc if t.text == verb][nth]
    return make_source(next(c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}))


def test_a_country_and_its_demonym_are_one_word_but_near_spellings_are_not():
    assert same_word("pakistan", "pakistani") and same_word("china", "chinese")
    assert same_word("ukraine", "ukrainian") and same_word("us", "us")
    assert not same_word("military", "militant") and not same_word("france", "french")
    assert is_role("minister") and is_role("sgt.") and not is_role("market")


def test_a_role_mention_takes_the_name_given_that_role_with_its_modifiers(nlp):
    doc = nlp("Pakistan's Prime Minister Shehbaz Sharif spoke in Islamabad. Prime Minister "
              "Narendra Modi spoke in Delhi. Pakistan's prime minister said the attack was an "
              "act of war.")
    src = _source_of(doc, "said")
    assert src.name == "Shehbaz Sharif" and src.kind == "person"
    assert src.method == "rule:source.definite_description"


def test_a_role_mention_whose_modifier_no_name_carries_stays_as_written(nlp):
    doc = nlp("Prime Minister Narendra Modi spoke in Delhi. Pakistan's prime minister said the "
              "attack was an act of war.")
    src = _source_of(doc, "said")
    assert src.name == "Pakistan's prime minister" and src.antecedent is None


def test_another_office_of_the_role_does_not_fit(nlp):
    doc = nlp("Vice President Joe Biden spoke in Delhi. President Obama spoke in Ohio. Former "
              "President Bill Clinton watched. The president said the vote was close.")
    assert _source_of(doc, "said").name == "Obama"
    doc = nlp("Vice President Joe Biden spoke in Delhi. The president said the vote was close.")
    assert _source_of(doc, "said").name == "The president"


def test_a_rank_names_a_soldier_and_a_role_subject_stands_for_its_name(nlp):
    doc = nlp("Sergeant Darko Liss alleged that his unit stored shells. The 29-year-old, who fled "
              "his unit, told the paper that everybody knew. He said morale had collapsed. "
              "Later the soldier said he was afraid.")
    assert _source_of(doc, "said").name == "Darko Liss"  # "He", after "The 29-year-old"
    assert _source_of(doc, "said", 1).name == "Darko Liss"  # "the soldier"


def test_a_role_with_a_name_in_apposition_is_that_name(nlp):
    doc = nlp("Sweden's Minister of Justice, Gunnar Strömmer, said the leaks were serious.")
    src = _source_of(doc, "said")
    assert src.name == "Gunnar Strömmer" and src.method == "rule:source.role_apposition"
    the = next(t for t in doc if t.text == "Minister")
    assert not role_head(the)


def test_a_role_takes_the_person_just_named_when_no_name_carries_any_role(nlp):
    doc = nlp("Anna Berg defended the budget on Monday. The Prime Minister said the costs were "
              "fair.")
    assert _source_of(doc, "said").name == "Anna Berg"
    doc = nlp("Anna Berg defended the budget on Monday. Norway's prime minister said the costs "
              "were fair.")
    assert _source_of(doc, "said").antecedent is None  # a named office: not Anna Berg
    doc = nlp("Anna Berg, the mayor of Lund, defended the budget. The minister said the costs "
              "were fair.")
    assert _source_of(doc, "said").antecedent is None  # she holds another role
