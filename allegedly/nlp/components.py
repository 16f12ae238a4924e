"""spaCy components of allegedly: thin ``@Language.factory`` adapters over ``allegedly.extract``.

Each component calls one pure function and stores its plain result on a ``Doc._`` extension:

=========================  ==================================  ==============================
component                  calls                               sets
=========================  ==================================  ==============================
``allegedly_paragraphs``    (before the parser)                 sentence starts at blank lines
``allegedly_attributions``  ``extract.attribution.find_attributions``  ``doc._.allegedly_attributions``
``allegedly_hedges``        ``extract.hedges.find_hedges``      ``doc._.allegedly_hedges``
``allegedly_figures``       ``extract.figures.find_figures``    ``doc._.allegedly_figures``
=========================  ==================================  ==============================

``doc._.allegedly_published`` (a ``date`` or None) is read by the figures component to resolve
relative time expressions; the pipeline sets it before the doc enters ``nlp.pipe``.

The attribution and figures components take ``disabled_rules`` (config): names of rules to
switch off (``Settings.disabled_rules``; each component keeps the names that are its own). The
attribution component also sets ``doc._.allegedly_rule_failures``: the rules that raised
(``extract.matches.RuleFailure``), reported as W202 warnings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

for _name, _default in (("allegedly_attributions", None), ("allegedly_hedges", None),
                        ("allegedly_figures", None), ("allegedly_published", None),
                        ("allegedly_errors", None), ("allegedly_rule_failures", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class _Adapter:
    """Calls ``fn(doc)`` and stores the list it returns on ``doc._.<attr>``."""

    def __init__(self, attr: str, fn: Callable[[Doc], list[Any]]) -> None:
        self.attr = attr
        self.fn = fn

    def __call__(self, doc: Doc) -> Doc:
        try:
            result = self.fn(doc)
        except Exception as exc:  # keep the batch alive; convert reports it for this doc
            log.exception("%s failed", self.attr)
            doc._.allegedly_errors = [*(doc._.allegedly_errors or []), f"{self.attr}: {exc!r}"]
            result = []
        setattr(doc._, self.attr, result)
        return doc


@Language.component("allegedly_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence (titles, bylines and list items have no full stop).

    Runs before the parser, which keeps preset boundaries.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory("allegedly_attributions", requires=["token.dep", "token.tag", "doc.ents"],
                  assigns=["doc._.allegedly_attributions"],
                  default_config={"disabled_rules": []})
def make_attributions(nlp: Language, name: str, disabled_rules: list[str]) -> _Adapter:
    from allegedly.extract.attribution import find_attributions, switchable

    off = frozenset(disabled_rules) & switchable()

    def attributions(doc: Doc) -> list[Any]:
        failures: list[Any] = []  # rules that raised: W202 warnings on the analysis
        found = find_attributions(doc, disabled=off, failures=failures)
        doc._.allegedly_rule_failures = failures
        return found

    return _Adapter("allegedly_attributions", attributions)


@Language.factory("allegedly_hedges", requires=["token.dep", "token.tag"],
                  assigns=["doc._.allegedly_hedges"])
def make_hedges(nlp: Language, name: str) -> _Adapter:
    from allegedly.extract.hedges import find_hedges

    return _Adapter("allegedly_hedges", find_hedges)


@Language.factory("allegedly_figures", requires=["token.dep", "token.tag", "doc.ents"],
                  assigns=["doc._.allegedly_figures"], default_config={"disabled_rules": []})
def make_figures(nlp: Language, name: str, disabled_rules: list[str]) -> _Adapter:
    from allegedly.extract.figures import find_figures, switchable

    off = frozenset(disabled_rules) & switchable()
    return _Adapter("allegedly_figures", lambda doc: find_figures(
        doc, published=doc._.allegedly_published, disabled=off))
