"""What each link reports (attribution/acts.py): claims, stances, plans, perceptions, the writer."""

from __future__ import annotations

import pytest

from allegedly.extract.attribution import find_attributions
from allegedly.extract.attribution.strategies import ACT_RULES, switchable
from allegedly.model import ACTS


def _acts(nlp, text: str, disabled: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """cue text -> (act, act_method) of every link found in ``text``."""
    doc = nlp(text)
    return {doc.text[m.cue[0]:m.cue[1]]: (m.act, m.act_method)
            for m in find_attributions(doc, disabled=disabled) if m.cue}


@pytest.mark.parametrize(("text", "cue", "act", "rule"), [
    ("Pakistan's prime minister condemned the strikes on the border.", "condemned", "stance",
     "act.np_evaluation_target"),
    ("The senator criticised the minister.", "criticised", "stance",
     "act.np_evaluation_target"),
    ("The two envoys discussed the budget of the mission.", "discussed", "stance",
     "act.np_topic"),
    ("Pakistan condemns what it calls unprovoked strikes.", "condemns", "stance",
     "act.np_evaluation_target"),
    ("A resident described the chaos that followed the strike.", "described", "stance",
     "act.np_topic"),
    ("She plans to announce that the plant will close.", "plans", "plan", "act.private_plan"),
    ("The institute used the audio recordings to determine the firing point.", "to determine",
     "plan", "act.purpose_infinitive"),
    ("Residents heard several loud explosions.", "heard", "perception",
     "act.perceived_event"),
    # inside a quote the marks are the outer speaker's: the inner bare object is still one
    ("“We heard several loud explosions near the bridge,” the farmer said.", "heard",
     "perception", "act.perceived_event"),
    ("“The delay strongly indicates careless planning,” the engineer said.",
     "strongly indicates", "stance", "act.np_thing_object"),
    ("The mayor posted a photo of the flooded square.", "posted", "stance",
     "act.np_thing_object"),
    ("The council has declared a state of emergency in the valley.", "has declared", "stance",
     "act.np_thing_object"),
    ("“The pipeline worries me,” the engineer said, referring to theft along the route.",
     "referring to", "stance", "act.np_participle_gloss"),
    ("The minister declined further comment.", "declined", "stance", "act.action_taken"),
    ("The company declined to comment on the report.", "declined", "stance",
     "act.action_taken"),
    ("Prosecutors charged the banker with fraud.", "charged", "stance", "act.action_taken"),
    ("The minister accepted gifts from a donor.", "accepted", "stance", "act.action_taken"),
    ("I ask whether the plan can work.", "ask", "writer", "act.writer_first_person"),
    ("The farmers realised that the river had burst its banks.", "realised", "writer",
     "act.factive_knowledge"),
])
def test_the_act_of_a_link_and_the_rule_that_decided_it(nlp, text, cue, act, rule) -> None:
    found = _acts(nlp, text)
    assert found[cue] == (act, "rule:" + rule), found


@pytest.mark.parametrize(("text", "cue"), [
    ("The defence minister said that 26 people were killed.", "said"),
    ("Pakistan condemned the strikes as an act of war.", "condemned"),  # X as Y
    ("The mayor described the town as a supply base.", "described"),  # X as Y
    ("The senator criticised the minister for the delay.", "criticised"),  # X for Y
    ("Residents heard that the army had left.", "heard"),  # hearsay: a clause
    ("The minister went on to explain that the budget was cut.", "to explain"),
    ("Washington wants Israel to stop the strikes.", "wants"),  # a request of another
    ('The envoy expressed "deep regret" over the shelling.', "expressed"),  # quoted words
    ('"I ask you to stay calm," the mayor said.', "said"),
    ("The minister stressed the importance of the new dam.", "stressed"),  # emphasis
    ("The union demanded an immediate apology.", "demanded"),  # a request names the action
    ("The council announced two days of mourning.", "announced"),  # an np frame
    ("The mayor declared that the bridge was safe.", "declared"),  # a clause
    ("Prosecutors charged that the banker lied.", "charged"),  # an action verb with a clause
    ("He accepted that he had made mistakes.", "accepted"),
])
def test_statements_and_propositions_about_a_target_stay_claims(nlp, text, cue) -> None:
    found = _acts(nlp, text)
    assert found[cue] == ("claim", ""), found


def test_an_act_rule_switched_off_leaves_the_link_a_claim(nlp) -> None:
    text = "Pakistan's prime minister condemned the strikes on the border."
    assert _acts(nlp, text)["condemned"][0] == "stance"
    off = _acts(nlp, text, disabled=("act.np_evaluation_target",))
    assert off["condemned"] == ("claim", "")


def test_an_action_verb_is_a_stance_only_with_the_rule(nlp) -> None:
    text = "The newspaper had refused to print the allegations."
    assert _acts(nlp, text)["had refused"] == ("stance", "rule:act.action_taken")
    off = _acts(nlp, text, disabled=("act.action_taken",))
    assert off["had refused"] == ("claim", "")


def test_acts_only_label_links_never_drop_them(nlp) -> None:
    text = ("Pakistan's prime minister condemned the strikes. He wants to meet the envoy. "
            "Residents heard several loud explosions.")
    doc = nlp(text)
    on = find_attributions(doc)
    off = find_attributions(doc, disabled=tuple(r.name for r in ACT_RULES))
    assert [(m.cue, m.content) for m in on] == [(m.cue, m.content) for m in off]
    assert {m.act for m in on} == {"stance", "plan", "perception"}


def test_every_act_rule_is_switchable_and_names_a_known_act() -> None:
    assert {r.name for r in ACT_RULES} <= switchable()
    assert ACTS[0] == "claim" and len(set(ACTS)) == len(ACTS) == 6
