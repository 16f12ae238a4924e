"""What a link reports: its *act* (``claim``, ``stance``, ``plan``, ``perception``, ``writer``,
``question``).

Every attribution link is one of a small set of acts (``allegedly.model.ACTS``):

* ``claim`` -- the source states, reports, promises, requests, admits, denies … something: a
  proposition a fact-checker can check (or a speech act with content). The default.
* ``stance`` -- an evaluation of a named target, or a topic, with no checkable proposition
  ("condemned the strikes", "backed the measure", "discussed the budget").
* ``plan`` -- a private wish, plan or decision, or an aim ("wants to", "plans to", "to
  determine whether …").
* ``perception`` -- a perceived event, not a statement ("heard explosions", "found two pilots").
* ``question`` -- a question put to someone by an unnamed asker ("Asked whether he would
  resign, the mayor said …"): no proposition, and not the words of the one asked.
* ``writer`` -- the writer's own voice: an evidential judgement ("seems to …"), factive
  knowledge the writer vouches for ("realised that …"), a description by a subject that cannot
  speak ("the failures underscored X"), the writer speaking in the first person outside quotes.

The product shows every act (a fact-checker wants stances visible), but only claims become
sentence claims (``allegedly.claims``), corpus groups and the report's claim list; stances and
the rest are listed apart. Benchmarks that count other acts map them in their evaluation
adapter (PolNeAR counts all of them: ``allegedly.evaluation.attribution``).

Each rule below is a document pass (``strategies.ACT_RULES``, switchable by name) with the
signature ``(doc, links, quotes) -> links``: it sets the act of the links it recognises that no
earlier act rule decided, with ``act_method = "rule:act.<name>"``. Links no rule decides stay
``claim`` with no ``act_method``. Word lists are frame words of ``lexicons/reporting_verbs.tsv``
(``evaluative``, ``topic``, ``private``, ``factive``, ``perception``, ``describing``, ``writer``,
``emphasis``, ``action``; ``np``, ``request`` and ``addressee`` for :func:`np_thing_object`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from allegedly.extract.attribution.cues import link_cue_verb, verb_has
from allegedly.extract.attribution.relatives import free_naming
from allegedly.extract.attribution.spans import text_of
from allegedly.extract.attribution.speakers import can_speak
from allegedly.extract.attribution.verbs import asked_participle
from allegedly.extract.lemmas import lemma
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.quotes import Quote
from allegedly.extract.rules import method
from allegedly.extract.tokens import has_to_marker
from allegedly.lexicons import word_list

_FIRST_PERSON = word_list("first_person_pronouns")
_COMPLEMENT_PREPS = word_list("act_complement_preps")
_PREDICATE_PREPS = word_list("act_predicate_preps")
_CARRIERS = word_list("infinitive_carriers")
_NP_METHODS = frozenset({"rule:verb.np_object", "rule:verb.about_object"})
_HEADLINE = "rule:headline.title_case"
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_GLOSS_CLASSES = word_list("gloss_cue_classes")




def _head_has(m: AttributionMatch, frame: str) -> bool:
    return bool(m.cue_lemma) and verb_has(m.cue_lemma.split()[0], frame)


def _content(doc: Doc, m: AttributionMatch) -> Span | None:
    return doc.char_span(m.content[0][0], m.content[-1][1], alignment_mode="expand")


def _bare_np(doc: Doc, m: AttributionMatch, quoted: bool = False,
             quotes: list[Quote] | None = None) -> bool:
    """Is the content only a noun phrase in the writer's words (no that-clause, no quoted
    words, no "X as / for / of Y")? A noun-phrase object ("condemned [the strikes]"), a free
    relative object ("condemns [what it calls …]") or a headline rest without a finite verb
    ("praises [military response to Indian jets]"); quoted words are the source's own
    ('expressed “regret” over X'): a claim of what was said (``quoted``, or ``quotes`` holding
    one quote around both cue and content: a link inside a quote may still be a bare noun
    phrase, "“I heard [three loud explosions]”": :func:`_inside_outer_quote`)."""
    span = _content(doc, m)
    if span is None:
        return False
    if m.quote != "indirect" and not quoted and not _named_by_speaker(span) \
            and not _inside_outer_quote(m, quotes):
        return False
    if m.method == _HEADLINE:
        return not any(t.tag_ in _FINITE for t in span)
    if m.method not in _NP_METHODS and not (len(span) and span[0].lower_ == "what"):
        return False
    v = link_cue_verb(doc, m)
    if v is not None and any(c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPS and c.i > v.i
                             for c in v.children):
        return False  # "criticised X [for] Y", "credited X [with] Y": a proposition about X
    after = doc[span.end] if span.end < len(doc) else None
    if any(t.dep_ == "prep" and t.lower_ in _PREDICATE_PREPS
           for t in (*span[1:], *([after] if after is not None else []))):
        return False  # the parser hung "for Y" / "as Y" on the object: "slammed Israel for X"
    return not any(t.dep_ == "mark" and t.lower_ == "that" for t in span)


def _inside_outer_quote(m: AttributionMatch, quotes: list[Quote] | None) -> bool:
    """"“We [heard] several blasts,” he said": cue and content lie inside one quote, so the
    quote marks are the outer speaker's, not words the inner source is quoted as using."""
    if not quotes or m.cue is None:
        return False
    lo, hi = min(m.cue[0], m.content[0][0]), max(m.cue[1], m.content[-1][1])
    return any(q.start <= lo and hi <= q.end for q in quotes)


def _named_by_speaker(span: Span) -> bool:
    """"Condemned [what it calls “a cowardly act”]": the quoted words are the name the inner
    naming link gives (``verb.free_relative_naming``); the free relative is still the target."""
    w = span[0] if len(span) else None
    return w is not None and w.lower_ == "what" and w.head.i > w.i and free_naming(w.head)


def _decide(links: list[AttributionMatch], name: str, act: str,
            test: Callable[[AttributionMatch], bool]) -> list[AttributionMatch]:
    """``links`` with ``act`` set on the undecided ones ``test`` accepts (``rule:act.name``)."""
    return [replace(m, act=act, act_method=method(name)) if not m.act_method and test(m)
            else m for m in links]


def writer_judgement(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                     ) -> list[AttributionMatch]:
    """"Voters appear to have come home to Harris", "the rounds seem to have been aimed at X":
    a ``writer``-frame cue with no source is the writer's own evidential judgement."""
    return _decide(links, "act.writer_judgement", "writer",
                   lambda m: m.source is None and _head_has(m, "writer"))


def factive_knowledge(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                      ) -> list[AttributionMatch]:
    """"She realised that the gate was shut", "he learned Hebrew": a ``factive`` cue presents
    its content as known fact, vouched for by the writer; no statement of the subject's."""
    return _decide(links, "act.factive_knowledge", "writer",
                   lambda m: _head_has(m, "factive"))


def writer_first_person(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                        ) -> list[AttributionMatch]:
    """An interviewer's "I ask …", an opinion piece's "we believe …": a first-person source
    outside every quote, with a cue in the present, is the writer speaking (inside a quote "I"
    is the quoted speaker)."""
    text = text_of(doc)

    def test(m: AttributionMatch) -> bool:
        src = m.source.span if m.source is not None else None
        if src is None or text[src[0]:src[1]].lower() not in _FIRST_PERSON:
            return False
        v = link_cue_verb(doc, m)
        if v is None or not _present(v):
            return False  # "we warned them in May": a reported act of a speaker
        return not any(q.start <= src[0] < q.end for q in quotes)
    return _decide(links, "act.writer_first_person", "writer", test)


def _present(v: Token) -> bool:
    """A present or modal cue ("I ask", "we believe", "I would argue"), not a past act."""
    return v.tag_ in {"VBP", "VBZ"} or v.tag_ == "VB" and any(c.tag_ == "MD" for c in v.lefts)


def described_by_thing(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                       ) -> list[AttributionMatch]:
    """"The interception failures underscored the shortage of missiles": a ``describing`` cue
    whose subject cannot speak (no person, body, group or pronoun) is the writer describing."""
    def test(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m) if _head_has(m, "describing") else None
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None) if v is not None \
            else None
        return subj is not None and not can_speak(subj)
    return _decide(links, "act.described_by_thing", "writer", test)


def action_taken(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                 ) -> list[AttributionMatch]:
    """"Accepted gifts from a donor", "declined to be interviewed", "had refused to print the
    allegations", "prosecutors charged Epstein", "challenged the matter in court", "invoked his
    Fifth Amendment protection": an ``action``-frame cue whose content is neither a that-clause
    nor quoted words names a deed done or refused, not a statement (a stance); "accepted that
    …", "charged that …" stay claims."""
    text = text_of(doc)

    def test(m: AttributionMatch) -> bool:
        if not _head_has(m, "action") or m.quote != "indirect":
            return False
        opening = text[m.content[0][0]:m.content[0][1]].split(maxsplit=1)
        return not (opening and opening[0].lower() == "that")
    return _decide(links, "act.action_taken", "stance", test)


def private_plan(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                 ) -> list[AttributionMatch]:
    """"Wants to triple the tariff", "plans to sue", "hopes that …", "seeks to": a
    ``private``-frame cue states a wish, plan or aim, not something said. Wanting someone
    else to act ("wants Israel [to stop] the strikes") asks them to: a request, a claim."""
    def test(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m) if _head_has(m, "private") else None
        return v is not None and not any(
            c.dep_ in {"ccomp", "xcomp"} and has_to_marker(c)
            and any(x.dep_ == "nsubj" for x in c.children) for c in v.children)
    return _decide(links, "act.private_plan", "plan", test)


def purpose_infinitive(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                       ) -> list[AttributionMatch]:
    """"The institute used the audio [to determine] the firing point": a cue that is a bare
    to-infinitive with no subject of its own names an aim, not a speech event -- unless its
    head only carries it ("went on to explain": ``infinitive_carriers``) or it states a
    that-clause or quoted words ("took to the radio to announce that …")."""
    text = text_of(doc)

    def test(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m)
        if v is None or v.tag_ != "VB" or v.dep_ not in {"advcl", "xcomp", "acl"} \
                or not has_to_marker(v) \
                or any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children):
            return False
        if lemma(v.head) in _CARRIERS:
            return False  # "went on to explain that …": the infinitive is the event itself
        opening = text[m.content[0][0]:m.content[0][1]].split(maxsplit=1)
        # "took to the radio to announce that …", "… to say “…”": a statement made
        return m.quote == "indirect" and not (opening and opening[0].lower() == "that")
    return _decide(links, "act.purpose_infinitive", "plan", test)


def perceived_event(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                    ) -> list[AttributionMatch]:
    """"Heard several blasts", "found two pilots injured": a ``perception`` cue with a bare
    noun-phrase object perceives an event ("heard that …" stays a claim: hearsay)."""
    return _decide(links, "act.perceived_event", "perception",
                   lambda m: _head_has(m, "perception") and _bare_np(doc, m, quotes=quotes))


def np_evaluation_target(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                         ) -> list[AttributionMatch]:
    """"Condemned the strikes", "condemns what it calls aggression", "backed the measure": an
    ``evaluative`` cue whose content is only a noun phrase evaluates a target; no proposition
    ("criticised X for Y" and "condemned X as Y" stay claims)."""
    return _decide(links, "act.np_evaluation_target", "stance",
                   lambda m: _head_has(m, "evaluative") and _bare_np(doc, m, quotes=quotes))


def np_topic(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
             ) -> list[AttributionMatch]:
    """"Discussed the budget", "expressed concern over the promotion", "described the chaos":
    a ``topic`` cue whose content is only a noun phrase names a topic, not a claim ("described
    X as Y" is one)."""
    return _decide(links, "act.np_topic", "stance",
                   lambda m: _head_has(m, "topic") and _bare_np(doc, m, quotes=quotes))


def np_thing_object(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                    ) -> list[AttributionMatch]:
    """"Posted a photo of the pair", "declared an emergency", "wrote the FBI": a cue whose
    frame takes clauses or quotes, not noun phrases (no ``np``), and whose content is only a
    noun-phrase object (``verb.np_object`` on a full noun phrase) names a thing it acted on,
    not a statement: a stance ("threatened [communities]" too;
    "declined [comment]" is ``act.action_taken``).
    Emphasis ("stressed [the importance of X]": ``emphasis``), promises and requests
    (``request``: "demanded [an apology]") and addressees ("informed the council about X") keep
    it a claim; so does an object the parser cut off its clause ("reports suggesting [up to 17
    commanders] may have been lost")."""
    def test(m: AttributionMatch) -> bool:
        return m.method in _NP_METHODS and not any(
            _head_has(m, f) for f in ("np", "emphasis", "request", "addressee")) \
            and _bare_np(doc, m, quotes=quotes) and not _verb_follows(doc, m)
    return _decide(links, "act.np_thing_object", "stance", test)


def np_participle_gloss(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                        ) -> list[AttributionMatch]:
    """"…, he said, [referring to] theft along the pipeline", "a release [announcing] the
    arrests": a participle gloss (``-ing`` form modifying a clause or noun) whose content is
    only a noun-phrase object names what the words were about, not a claim (a gloss holding a
    clause or quoted words is one; so are denials, confirmations, emphasis and requests)."""
    def test(m: AttributionMatch) -> bool:
        v = link_cue_verb(doc, m) if m.method in _NP_METHODS else None
        return v is not None and v.tag_ == "VBG" and v.dep_ in {"advcl", "acl"} \
            and m.cue_class in _GLOSS_CLASSES \
            and not any(_head_has(m, f) for f in ("emphasis", "request")) \
            and _bare_np(doc, m, quotes=quotes)
    return _decide(links, "act.np_participle_gloss", "stance", test)


def _verb_follows(doc: Doc, m: AttributionMatch) -> bool:
    """Does a finite verb or modal open the words right after the content ("[X] may have been
    lost")?"""
    span = _content(doc, m)
    return span is not None and span.end < len(doc) and doc[span.end].tag_ in _FINITE


__all__ = ["action_taken", "described_by_thing", "factive_knowledge", "np_evaluation_target",
           "np_participle_gloss",
           "np_thing_object", "np_topic", "perceived_event", "private_plan", "purpose_infinitive",
           "writer_first_person", "writer_judgement"]


def question_put(doc: Doc, links: list[AttributionMatch], quotes: list[Quote]
                 ) -> list[AttributionMatch]:
    """``act.question_put``: "Asked on Monday whether he would resign, the mayor said …" — the
    participle's question was put to the mayor by someone the text does not name."""
    return _decide(links, "act.question_put", "question",
                   lambda m: (v := link_cue_verb(doc, m)) is not None and asked_participle(v))
