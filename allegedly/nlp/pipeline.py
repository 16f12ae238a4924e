"""Build the spaCy pipeline once and run articles through it.

``load_nlp`` = en_core_web_sm (lemmatizer loaded but disabled; see ``extract.lemmas``) + our
components. :class:`Analyzer` adds the cheap pre-pass (``prepass``) and batching, and hands
every parsed ``Doc`` to ``convert`` — the one place Docs become records. No Doc leaves here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

from allegedly.errors import AllegedlyError, ModelError
from allegedly.extract.lemmas import register_lemmatizer
from allegedly.model import Article, ArticleAnalysis
from allegedly.nlp import (
    components,  # noqa: F401  (registers the factories)
    convert,
    prepass,
)
from allegedly.nlp.fast_attributes import replace_attribute_ruler
from allegedly.settings import Settings, load_settings

log = logging.getLogger(__name__)

OUR_COMPONENTS = ("allegedly_attributions", "allegedly_hedges", "allegedly_figures")


def load_nlp(settings: Settings | None = None) -> Language:
    """The full pipeline: the base model's tagger, parser, NER + our components, in order.

    The stock lemmatizer is loaded but disabled (``extract.lemmas`` asks it per token on
    demand) and the stock attribute_ruler is replaced by an equivalent table lookup. Without
    ``settings``: :func:`~allegedly.settings.load_settings` (defaults, $ALLEGEDLY_CONFIG,
    ALLEGEDLY_* variables), as the CLI reads them.
    """
    settings = settings or load_settings()
    try:
        nlp = spacy.load(settings.model, disable=["lemmatizer"])
    except OSError as exc:
        raise ModelError("E201", detail=settings.model) from exc
    register_lemmatizer(nlp.vocab, nlp.get_pipe("lemmatizer"))
    replace_attribute_ruler(nlp)  # same results, ~20% less parse time (see fast_attributes)
    nlp.add_pipe("allegedly_paragraphs", before="parser")
    disabled = check_rule_names(settings.disabled_rules)
    for name in OUR_COMPONENTS:
        config = {"disabled_rules": disabled} if name in _RULE_COMPONENTS else {}
        nlp.add_pipe(name, config=config)
    nlp.max_length = max(nlp.max_length, settings.max_chars_per_doc + 1)
    return nlp


_RULE_COMPONENTS = frozenset({"allegedly_attributions", "allegedly_figures"})


def check_rule_names(names: Iterable[str]) -> list[str]:
    """``names`` as a sorted list, or ValueError naming the unknown ones and the known ones."""
    from allegedly.extract import switchable_rules

    names = sorted(set(names))
    unknown = [n for n in names if n not in switchable_rules()]
    if unknown:
        raise ValueError(f"Unknown rule name(s) in disabled_rules: {unknown}; known: "
                         f"{sorted(switchable_rules())} (docs/contract.md#methods)")
    return names


@cache
def trigger_forms() -> frozenset[str]:
    """Every word whose presence makes the pre-pass parse a paragraph (from the lexicons)."""
    from allegedly.extract import attribution, figures, hedges

    return attribution.TRIGGER_FORMS | figures.TRIGGER_FORMS | hedges.TRIGGER_FORMS


class Analyzer:
    """Loads the model once; analyses one article or a stream of them. Without ``settings``, they
    are read as the CLI reads them (:func:`~allegedly.settings.load_settings`).

    >>> an = Analyzer()
    >>> result = an.analyze_text("Officials said 12 people were killed.", outlet="Example News")
    """

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or load_settings()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings)
        return self._nlp

    def analyze_text(self, text_or_html: str, *, published: object = None, url: str | None = None,
                     outlet: str | None = None, title: str | None = None,
                     origin: str | None = None) -> ArticleAnalysis:
        """Analyse text or HTML (sniffed). Raises ``InputError`` for unusable input."""
        from allegedly.ingest import article_from_bytes

        article = article_from_bytes(text_or_html.encode("utf-8"), origin=origin,
                                     settings=self.settings, url=url, outlet=outlet,
                                     title=title, published=published)
        return self.analyze(article)

    def analyze(self, article: Article) -> ArticleAnalysis:
        """Analyse one :class:`Article` (raises on failure, unlike :meth:`analyze_articles`)."""
        result = next(self.analyze_articles([article], raise_errors=True))
        assert isinstance(result, ArticleAnalysis)
        return result

    def analyze_articles(self, articles: Iterable[Article], *, raise_errors: bool = False,
                         ) -> Iterator[ArticleAnalysis | AllegedlyError]:
        """Analyse a stream of articles in batches, yielding results in input order.

        A failure on one article yields an ``AllegedlyError`` (E202) in its place; the rest of
        the stream goes on.
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch, raise_errors)
                batch = []
        if batch:
            yield from self._run_batch(batch, raise_errors)

    # -- internals ------------------------------------------------------------------------

    def _run_batch(self, batch: list[Article], raise_errors: bool,
                   ) -> Iterator[ArticleAnalysis | AllegedlyError]:
        triggers = trigger_forms() if self.settings.prepass else None
        plans: list[tuple[Article, str, list[prepass.Chunk]] | AllegedlyError] = []
        docs = []
        for article in batch:
            if article.language and not article.language.lower().startswith("en"):
                plans.append(AllegedlyError("E108", origin=article.origin,
                                            detail=article.language))
                continue
            masked = prepass.mask(article.text, article.removed)
            chunks = prepass.select(masked, triggers, self.settings.max_chars_per_doc)
            plans.append((article, masked, chunks))
            for chunk in chunks:
                doc = self.nlp.make_doc(chunk.text)
                doc._.allegedly_published = article.published
                docs.append(doc)
        parsed = iter(self.nlp.pipe(docs, batch_size=self.settings.batch_size))
        for article, plan in zip(batch, plans, strict=True):
            if isinstance(plan, AllegedlyError):
                yield convert.not_analysed(article, plan)
                continue
            _, masked, chunks = plan
            matches = [(chunk.offsets, convert.doc_matches(next(parsed))) for chunk in chunks]
            try:
                yield convert.build_analysis(article, masked, matches)
            except Exception as exc:  # one bad article never stops a corpus run
                if raise_errors:
                    raise
                log.exception("analysis failed for %s", article.origin)
                yield AllegedlyError("E202", origin=article.origin, detail=repr(exc)[:200])


@cache
def _default_analyzer(settings: Settings) -> Analyzer:
    return Analyzer(settings)


def get_analyzer(settings: Settings | None = None) -> Analyzer:
    """A process-wide analyzer per settings (the model is loaded on first use). Without
    ``settings``: :func:`~allegedly.settings.load_settings`, read on each call (defaults.toml,
    then $ALLEGEDLY_CONFIG, then ALLEGEDLY_* variables), exactly as the CLI reads them."""
    return _default_analyzer(settings or load_settings())
