"""The attribution strategies, in the order they are tried: the one list to read.

Modelled on trafilatura's extraction cascade (``trafilatura_sequence`` in its ``core.py`` runs
its extractors in a fixed order, each engaging only when the one before under-delivered, and
logs which one produced the text): for every candidate token (a cue word, a colon, a dash)
:func:`allegedly.extract.attribution.find_attributions` walks :data:`TOKEN_STRATEGIES` and keeps
the first link found whose cue no earlier token took; the link's ``method`` is ``"rule:" +``
the name of the strategy that made it. Then the :data:`DOCUMENT_PASSES` run over all links of
the document. A strategy that raises is reported (W202) and the next one is tried.

The ``verb`` entry is a family: its gate (:func:`verbs.verb_cue`) decides whether the token is a
cue verb at all, then :data:`VERB_CONTENTS` are tried in order -- the first that finds a content
decides, and :func:`verbs.finish` builds the link (or rejects it, and the next top-level
strategy is tried).

Adding a strategy: write the function in the family module it belongs to (signature
``(tok: Token, quotes: list[Quote]) -> AttributionMatch | None``, or ``(c: VerbCue) -> Content
| None`` for a verb content), put a ``Rule("family.name", module.function)`` line below where it
belongs in the order, and add the name to the table in ``docs/contract.md`` (the contract test
fails for an undocumented name). Every strategy can be switched off by name:
``Settings(disabled_rules=("verb.colon",))`` or ``allegedly eval attribution --without NAME``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from allegedly.extract.attribution import (
    acts,
    clauses,
    headlines,
    naming,
    nested,
    nouns,
    passives,
    phrases,
    pronouns,
    quotes,
    relatives,
    speakers,
    verbs,
    via,
)
from allegedly.extract.attribution import sources as source_rules
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import Rule


@dataclass(frozen=True)
class Family:
    """A gate and ordered content rules sharing one finishing step (the verb cascade)."""

    name: str
    gate: Callable[[Token, list[Quote]], verbs.VerbCue | None]
    contents: tuple[Rule, ...]
    finish: Callable[[verbs.VerbCue, verbs.Content], AttributionMatch | None]


VERB_CONTENTS: tuple[Rule, ...] = (
    Rule("verb.relative_clause", relatives.relative_clause),
    Rule("verb.raising_passive", verbs.raising_passive),
    Rule("verb.ccomp", verbs.ccomp),
    Rule("verb.object_quote", verbs.object_quote),
    Rule("verb.quote_after", verbs.quote_after),
    Rule("verb.colon", verbs.colon),
    Rule("verb.embedded_that", verbs.embedded_that),
    Rule("verb.quote_before_speaker", verbs.quote_before_speaker),
    Rule("verb.wh_clause", verbs.wh_clause),
    Rule("verb.as_clause", verbs.as_clause),
    Rule("verb.about_object", verbs.about_object),
    Rule("verb.for_infinitive", verbs.for_infinitive),
    Rule("verb.np_object", verbs.np_object),
    Rule("verb.clause_after_object", verbs.clause_after_object),
    Rule("verb.parenthetical", verbs.parenthetical),
    Rule("verb.inverted", verbs.inverted),
    Rule("verb.quote_before", verbs.quote_before),
)
"""What a cue verb's content is, in order (the first that finds one decides)."""

VERB = Family("verb", verbs.verb_cue, VERB_CONTENTS, verbs.finish)

TOKEN_STRATEGIES: tuple[Rule | Family, ...] = (
    Rule("headline.title_case", headlines.title_case),
    Rule("phrase.according_to", phrases.according_to),
    Rule("naming.object_predicate", naming.object_predicate),
    VERB,
    Rule("passive.agent", passives.agent),
    Rule("noun.possessive", nouns.possessive),
    Rule("noun.that_clause", nouns.that_clause),
    Rule("quote.dash_signature", quotes.dash_signature),
    Rule("quote.speaker_label", quotes.speaker_label),
    Rule("quote.colon", quotes.colon_quote),
    Rule("headline.single_quote", headlines.single_quote),
)
"""Per candidate token, in order (the first link whose cue is new wins)."""

ACT_RULES: tuple[Rule, ...] = (
    Rule("act.question_put", acts.question_put),
    Rule("act.writer_judgement", acts.writer_judgement),
    Rule("act.factive_knowledge", acts.factive_knowledge),
    Rule("act.writer_first_person", acts.writer_first_person),
    Rule("act.described_by_thing", acts.described_by_thing),
    Rule("act.action_taken", acts.action_taken),
    Rule("act.private_plan", acts.private_plan),
    Rule("act.purpose_infinitive", acts.purpose_infinitive),
    Rule("act.perceived_event", acts.perceived_event),
    Rule("act.np_evaluation_target", acts.np_evaluation_target),
    Rule("act.np_topic", acts.np_topic),
    Rule("act.np_thing_object", acts.np_thing_object),
    Rule("act.np_participle_gloss", acts.np_participle_gloss),
)
"""What each link reports (:mod:`acts`): in order, the first rule that recognises a link sets
its act (``stance``, ``plan``, ``perception``, ``writer``, ``question``) and ``act_method``; links no rule
recognises are claims. They run last, over the links the passes before kept."""

CONTENT_CUTS: tuple[Rule, ...] = (
    Rule(clauses.CONTRAST_CUT, clauses.contrast_cue),
    Rule(clauses.CONCESSIVE_CUT, clauses.concessive_cut),
    Rule(verbs.PASSIVE_NO_OBJECT, verbs.passive_without_object),
    Rule(relatives.FREE_NAMING, relatives.free_naming),
)
"""Steps inside the verb contents, switchable by name: where a content clause ends, which
cues take no noun-phrase object."""

DOCUMENT_PASSES: tuple[Rule, ...] = (
    Rule("quote.follow_on", quotes.follow_on),
    Rule("quote.previous_speaker", quotes.previous_speaker),
    Rule("verb.inner_infinitive", nested.infinitive),
    Rule("verb.inner_writer_judgement", nested.writer_judgement),
    Rule("verb.inner_addressee_passive", nested.addressee_passive),
    Rule("verb.inner_unnamed", nested.unnamed),
    Rule("quote.own_voice", nested.own_voice),
    Rule("quote.present_stance", nested.present_stance),
    Rule("source.quoted_first_person", quotes.quoted_first_person),
    Rule("via.addressee", via.addressee),
    *ACT_RULES,
)
"""Over all links of the document, after the token strategies: quotes running on after a link
join its content; bare quote paragraphs get the previous speaker (new links); inner links that
report no speech event of their own are dropped (:mod:`nested`); the outlet a speaker spoke
to becomes the link's ``via`` (:mod:`via`); then the act of every link is decided
(:data:`ACT_RULES`)."""

SOURCE_FINDERS: tuple[Rule, ...] = (
    *speakers.SPEAKER_STEPS,
    Rule("source.paragraph_opening", speakers.source_of,
         "The speaker found stands in another paragraph (the parse ran over a break): the name "
         "or pronoun opening the cue's paragraph, else the noun just before the cue."),
    Rule("source.noun_author", speakers.noun_author),
)
"""How the speaker of a cue verb is found (:data:`speakers.SPEAKER_STEPS`; then, when that
speaker stands in another paragraph, the name or noun opening the cue's paragraph), and the
author of a noun cue without a possessor (the subject that issued or repeated it)."""

SOURCE_LABELS: tuple[Rule, ...] = (
    Rule("source.unnamed", speakers.source_of,
         "No speaker found for a cue verb (an agentless passive, \"has been accused\"): a vague "
         "source named by the cue's words, \"unnamed (has been accused)\" or \"it is alleged\"."),
    Rule("source.expletive", speakers.source_of,
         "\"It is alleged\", \"there are claims\": an expletive subject, a vague source named by "
         "the words up to the cue."),
    Rule("source.according_to", phrases.according_to,
         "The object of \"according to\"."),
    Rule("source.possessor", nouns.possessive,
         "The possessor or by/from object of a noun cue (\"Clinton's claim\", \"a warning from "
         "the agency\")."),
    Rule("source.vague", source_rules.vague_source,
         "A noun cue with no possessor (\"there are claims that\"): a vague source named by the "
         "words of the mention."),
    Rule("source.headline_name", headlines.title_case,
         "The name before the verb of a Title Case headline."),
    Rule("source.signature", quotes.dash_signature,
         "The name after the dash signing a quote."),
    Rule("source.speaker_label", quotes.speaker_label,
         "The name of a speaker label (\"PENCE:\")."),
    Rule("source.colon_head", quotes.colon_quote,
         "The noun phrase before a colon and a quote."),
    Rule("source.previous_speaker", quotes.previous_speaker,
         "The person source of the link before a bare quote paragraph."),
)
"""Names of the other ways a source is found: what the strategy in ``fn`` takes as its source
(labels of ``method`` only: switch the strategy off instead)."""

SOURCE_RESOLVERS: tuple[Rule, ...] = source_rules.RESOLVERS
"""Who a mention refers to (:data:`sources.RESOLVERS`, in order, switchable)."""

ANTECEDENT_RULES: tuple[Rule, ...] = pronouns.ANTECEDENT_RULES
"""How the pronoun resolvers choose among antecedents (:data:`pronouns.ANTECEDENT_RULES`)."""


def switchable_rules() -> tuple[Rule, ...]:
    """Every attribution and source rule that can be switched off, in order: token strategies
    (verb contents in place of the family), document passes, source finders, resolvers."""
    out: list[Rule] = []
    for s in TOKEN_STRATEGIES:
        out.extend(s.contents if isinstance(s, Family) else (s,))
    return (*out, *CONTENT_CUTS, *DOCUMENT_PASSES, *SOURCE_FINDERS, *SOURCE_RESOLVERS,
            *ANTECEDENT_RULES)


def all_rules() -> tuple[Rule, ...]:
    """Every named attribution and source rule: the names ``method`` can take."""
    return (*switchable_rules(), *SOURCE_LABELS)


def switchable() -> frozenset[str]:
    """Names that ``disabled_rules`` accepts (the switchable rules, and ``verb``: the family)."""
    return frozenset(r.name for r in switchable_rules()) | {VERB.name}


__all__ = ["ACT_RULES", "ANTECEDENT_RULES", "CONTENT_CUTS", "DOCUMENT_PASSES", "Family", "SOURCE_FINDERS",
           "SOURCE_LABELS", "SOURCE_RESOLVERS", "TOKEN_STRATEGIES", "VERB", "VERB_CONTENTS", "all_rules", "switchable",
           "switchable_rules"]
