"""Build the spaCy pipeline once and run articles through it.

``load_nlp`` = en_core_web_sm (lemmatizer loaded but disabled; see ``extract.lemmas``) + our
components. :class:`Analyzer` adds the cheap pre-pass (``prepass``) and batching, and hands
every parsed ``Doc`` to ``convert`` — the one place Docs become records. No Doc leaves here.

Memory stays bounded whatever the input size: a text is parsed in windows of at most
``max_chars_per_doc`` characters (one window for any normal article; a long one gets windows
of whole paragraphs, each starting with up to ``window_context_chars`` of the previous one as
context), Docs are made only when the parser asks for them, at most ``PIPE_CHARS`` characters
of them are parsed together, and each parsed Doc is turned into plain matches and dropped at
once. What a window finds entirely inside its context was already reported by the previous
window and is left out (:func:`own_matches`). The article's records are built once all its
windows are in (``convert.build_analysis``: ids, nesting, claims and relations need the whole
article), so results stream per article; within a long article, ``on_progress`` reports each
window.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from allegedly.errors import AllegedlyError, ModelError
from allegedly.extract.lemmas import register_lemmatizer
from allegedly.extract.matches import AttributionMatch
from allegedly.extract.tokens import TEXT_KEY, text_of
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
PIPE_CHARS = 100_000  # characters of Docs parsed together (parsing takes ~17 KB a token)


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
    nlp.max_length = max(nlp.max_length, settings.max_chars_per_doc + 1)  # windows fit
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
        from allegedly.ingest.text import without_surrogates

        data = without_surrogates(text_or_html).encode("utf-8")
        article = article_from_bytes(data, origin=origin,
                                     settings=self.settings, url=url, outlet=outlet,
                                     title=title, published=published)
        return self.analyze(article)

    def analyze(self, article: Article) -> ArticleAnalysis:
        """Analyse one :class:`Article` (raises on failure, unlike :meth:`analyze_articles`)."""
        result = next(self.analyze_articles([article], raise_errors=True))
        assert isinstance(result, ArticleAnalysis)
        return result

    def analyze_articles(self, articles: Iterable[Article], *, raise_errors: bool = False,
                         on_progress: Callable[[WindowProgress], None] | None = None,
                         ) -> Iterator[ArticleAnalysis | AllegedlyError]:
        """Analyse a stream of articles in batches, yielding results in input order.

        Each result is yielded as soon as its article is done. A failure on one article yields
        an ``AllegedlyError`` (E202) in its place; the rest of the stream goes on. A long
        article is parsed in windows (:func:`prepass.select`); ``on_progress`` is called after
        every window of an article that has more than one (first with ``done=0`` when its
        parsing starts).
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch, raise_errors, on_progress)
                batch = []
        if batch:
            yield from self._run_batch(batch, raise_errors, on_progress)

    # -- internals ------------------------------------------------------------------------

    def _plan(self, article: Article) -> _Job:
        """Mask the article's clutter and cut what needs parsing into windows."""
        if article.language and not article.language.lower().startswith("en"):
            return _Job(article, error=AllegedlyError("E108", origin=article.origin,
                                                      detail=article.language))
        triggers = trigger_forms() if self.settings.prepass else None
        masked = prepass.mask(article.text, article.removed)
        windows = prepass.select(masked, triggers, self.settings.max_chars_per_doc,
                                 self.settings.window_context_chars)
        return _Job(article, masked, windows)

    def _docs(self, batch: list[Article], jobs: deque[_Job],
              on_progress: Callable[[WindowProgress], None] | None,
              ) -> Iterator[tuple[Doc, tuple]]:
        """Unparsed Docs of every window, made only when the parser asks for them; every
        article's job is appended to ``jobs`` when its first window is made."""
        nlp = self.nlp  # loaded before any progress is reported
        for article in batch:
            job = self._plan(article)
            jobs.append(job)
            if on_progress is not None and len(job.windows) > 1:
                on_progress(WindowProgress(article.origin, 0, len(job.windows), 0,
                                           len(article.text)))
            for k, chunk in enumerate(job.windows):
                try:
                    doc = nlp.make_doc(chunk.text)
                    doc.user_data[TEXT_KEY] = chunk.text  # the tokenizer keeps every char
                except Exception as exc:  # the tokenizer refused it: this article only
                    log.exception("tokenizing failed for %s", article.origin)
                    job.error = AllegedlyError("E202", origin=article.origin,
                                               detail=repr(exc)[:200])
                    break
                doc._.allegedly_published = article.published
                yield doc, (job, k)

    def _parse(self, docs: Iterator[tuple[Doc, tuple]]) -> Iterator[tuple[Doc, tuple]]:
        """``nlp.pipe`` over groups of at most ``batch_size`` docs and ``PIPE_CHARS``
        characters: parsed Docs alive at once stay bounded whatever the input size."""
        group: list[tuple[Doc, tuple]] = []
        chars = 0
        for item in docs:
            group.append(item)
            chars += len(text_of(item[0]))
            if len(group) >= self.settings.batch_size or chars >= PIPE_CHARS:
                yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))
                group, chars = [], 0
        if group:
            yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))

    def _run_batch(self, batch: list[Article], raise_errors: bool,
                   on_progress: Callable[[WindowProgress], None] | None,
                   ) -> Iterator[ArticleAnalysis | AllegedlyError]:
        jobs: deque[_Job] = deque()
        for doc, (job, k) in self._parse(self._docs(batch, jobs, on_progress)):
            job.add(job.windows[k], convert.doc_matches(doc))
            if on_progress is not None and len(job.windows) > 1:
                _, start, length = job.windows[k].offsets.pieces[-1]
                on_progress(WindowProgress(job.article.origin, k + 1, len(job.windows),
                                           start + length, len(job.article.text)))
            while jobs and jobs[0].done:
                yield _finish(jobs.popleft(), raise_errors)
        while jobs:  # articles with nothing to parse, after the last parsed window
            yield _finish(jobs.popleft(), raise_errors)


@dataclass(frozen=True)
class WindowProgress:
    """Window ``done`` of ``total`` of a long article is parsed; it ends at article offset
    ``chars_done`` of ``chars_total``."""

    origin: str | None
    done: int
    total: int
    chars_done: int
    chars_total: int


@dataclass
class _Job:
    """One article in flight: its windows and the plain matches of those parsed so far."""

    article: Article
    masked: str = ""
    windows: list[prepass.Chunk] = field(default_factory=list)
    error: AllegedlyError | None = None
    matches: list[tuple[prepass.OffsetMap, convert.DocMatches]] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.error is not None or len(self.matches) == len(self.windows)

    def add(self, chunk: prepass.Chunk, found: convert.DocMatches) -> None:
        """Keep this window's matches (windows arrive in order), without the context's."""
        if chunk.context:
            found, starts = own_matches(found, chunk)
            om, previous = self.matches[-1]
            self.matches[-1] = (om, without_starts(previous, om, starts))
        self.matches.append((chunk.offsets, found))


def _finish(job: _Job, raise_errors: bool) -> ArticleAnalysis | AllegedlyError:
    """The article's records from the matches of all its windows."""
    if job.error is not None and job.error.code == "E202":  # failed
        if raise_errors:
            raise job.error
        return job.error
    if job.error is not None:  # not analysed, for a reason it states (E108: not English)
        return convert.not_analysed(job.article, job.error)
    try:
        return convert.build_analysis(job.article, job.masked, job.matches)
    except Exception as exc:  # one bad article never stops a corpus run
        if raise_errors:
            raise
        log.exception("analysis failed for %s", job.article.origin)
        return AllegedlyError("E202", origin=job.article.origin, detail=repr(exc)[:200])


# ---- window borders -------------------------------------------------------------------------

Starts = dict[str, set[int]]  # article start offsets per kind of match


def _extent(a: AttributionMatch) -> tuple[int, int]:
    """First start and last end of an attribution's content, cue and source mention."""
    spans = [*a.content, *(x for x in (a.cue, a.source.span if a.source else None) if x)]
    return min(s for s, _ in spans), max(e for _, e in spans)


def own_matches(found: convert.DocMatches, chunk: prepass.Chunk,
                ) -> tuple[convert.DocMatches, Starts]:
    """The matches of a window that reach past its context (what lies entirely in the
    context was reported by the previous window), and the article starts of those that
    begin inside the context: they supersede the previous window's matches starting there,
    which could not see how they end."""
    ctx, om = chunk.context, chunk.offsets
    atts = [a for a in found.attributions if a.content and _extent(a)[1] > ctx]
    hedges = [h for h in found.hedges if h.end > ctx]
    figures = [f for f in found.figures if f.end > ctx]
    starts: Starts = {
        "attribution": {om.to_article(_extent(a)[0]) for a in atts if _extent(a)[0] < ctx},
        "hedge": {om.to_article(h.start) for h in hedges if h.start < ctx},
        "figure": {om.to_article(f.start) for f in figures if f.start < ctx},
    }
    own = convert.DocMatches(tuple(atts), tuple(hedges), tuple(figures),
                             tuple(s for s in found.sentences if s[1] > ctx), found.errors)
    return own, starts


def without_starts(found: convert.DocMatches, om: prepass.OffsetMap, starts: Starts,
                   ) -> convert.DocMatches:
    """``found`` without the matches that start at one of ``starts`` (article offsets)."""
    if not any(starts.values()):
        return found
    return dataclasses.replace(
        found,
        attributions=tuple(a for a in found.attributions if not a.content
                           or om.to_article(_extent(a)[0]) not in starts["attribution"]),
        hedges=tuple(h for h in found.hedges if om.to_article(h.start) not in starts["hedge"]),
        figures=tuple(f for f in found.figures
                      if om.to_article(f.start) not in starts["figure"]))


@cache
def _default_analyzer(settings: Settings) -> Analyzer:
    return Analyzer(settings)


def get_analyzer(settings: Settings | None = None) -> Analyzer:
    """A process-wide analyzer per settings (the model is loaded on first use). Without
    ``settings``: :func:`~allegedly.settings.load_settings`, read on each call (defaults.toml,
    then $ALLEGEDLY_CONFIG, then ALLEGEDLY_* variables), exactly as the CLI reads them."""
    return _default_analyzer(settings or load_settings())
