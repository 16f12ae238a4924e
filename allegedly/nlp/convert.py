"""The one place where spaCy ``Doc``s become plain records.

Two steps, so that the first can run where the Doc lives and only plain data travels on:

1. :func:`doc_matches` reads what our components left on a parsed Doc (already plain
   ``extract.matches`` records) plus the sentence boundaries, all in chunk offsets.
2. :func:`build_analysis` maps chunk offsets to article offsets, assigns ids, derives chain
   nesting, links hedges and figures to attributions, builds sentence-level claims and the
   within-article relations, and returns the frozen :class:`ArticleAnalysis`.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from allegedly import claims as claim_rules
from allegedly.errors import AllegedlyError, message
from allegedly.extract.matches import (
    AttributionMatch,
    FigureMatch,
    HedgeMatch,
    RuleFailure,
    SourceMatch,
)
from allegedly.extract.tokens import text_of
from allegedly.model import (
    AnalysisWarning,
    Article,
    ArticleAnalysis,
    Attribution,
    Cue,
    Figure,
    Hedge,
    Source,
    Span,
)
from allegedly.nlp.prepass import OffsetMap, paragraphs


@dataclass(frozen=True)
class DocMatches:
    """Everything read off one parsed chunk, in chunk offsets (plain, picklable)."""

    attributions: tuple[AttributionMatch, ...]
    hedges: tuple[HedgeMatch, ...]
    figures: tuple[FigureMatch, ...]
    sentences: tuple[tuple[int, int], ...]
    errors: tuple[str, ...] = ()
    failures: tuple[RuleFailure, ...] = ()  # rules that raised (W202), the others went on


def doc_matches(doc: Doc) -> DocMatches:
    """Collect our components' results and the sentence boundaries of a parsed chunk."""
    sents = []
    doc_text = text_of(doc)
    for sent in doc.sents:
        text = doc_text[sent.start_char:sent.end_char]  # sent.text, without rebuilding it
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if body:
            start = sent.start_char + lead
            sents.append((start, start + len(body)))
    return DocMatches(
        attributions=tuple(doc._.allegedly_attributions or ()),
        hedges=tuple(doc._.allegedly_hedges or ()),
        figures=tuple(doc._.allegedly_figures or ()),
        sentences=tuple(sents),
        errors=tuple(doc._.allegedly_errors or ()),
        failures=tuple(doc._.allegedly_rule_failures or ()),
    )


def not_analysed(article: Article, error: AllegedlyError) -> ArticleAnalysis:
    """An analysis with no records and one warning saying why (e.g. E108 non-English)."""
    reason = AnalysisWarning(error.code, error.args[0])
    return ArticleAnalysis(article=article, warnings=(*article.ingest_warnings, reason),
                           meta={"analysed": False})


# ---- step 2 ---------------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A cheap sentence splitter for paragraphs the pre-pass did not parse."""
    out = []
    pos = start
    for m in _SENT_SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def build_analysis(article: Article, masked: str,
                   chunks: Sequence[tuple[OffsetMap, DocMatches]]) -> ArticleAnalysis:
    """Map every match to article offsets and assemble the article's records."""
    text = article.text
    errors = [e for _, m in chunks for e in m.errors]
    if errors:
        raise RuntimeError("; ".join(errors))

    def span(om: OffsetMap, s: int, e: int) -> Span:
        a, b = om.span(s, e)
        return Span.of(text, a, b)

    raw_atts: list[tuple[OffsetMap, AttributionMatch]] = []
    hedges: list[Hedge] = []
    raw_figs: list[tuple[OffsetMap, FigureMatch]] = []
    sentences: list[tuple[int, int]] = []
    for om, m in chunks:
        raw_atts += [(om, a) for a in m.attributions]
        raw_figs += [(om, f) for f in m.figures]
        hedges += [Hedge(span(om, h.start, h.end), h.cue, h.kind) for h in m.hedges]
        sentences += [om.span(s, e) for s, e in m.sentences]

    attributions = _attributions(text, raw_atts, span, article.outlet)
    hedges = sorted(set(hedges), key=lambda h: (h.span.start, h.span.end))
    attributions = _attach_hedges(attributions, hedges)
    figures = _figures(text, raw_figs, span, attributions)
    sentences = _cover_unparsed(masked, sorted(set(sentences)))
    claims = claim_rules.build_claims(text, sentences, attributions, hedges, figures)
    relations = claim_rules.build_relations(text, claims, attributions, figures)
    warnings = [AnalysisWarning(w.split(" ", 1)[0], w.split(" ", 1)[1] if " " in w else w, f.span)
                for f in figures for w in f.warnings]
    warnings += [_failure_warning(om, f, span) for om, m in chunks for f in m.failures]
    return ArticleAnalysis(article=article, attributions=tuple(attributions),
                           figures=tuple(figures), claims=tuple(claims),
                           relations=tuple(relations),
                           warnings=(*article.ingest_warnings, *warnings),
                           meta={"analysed": True})


def _failure_warning(om: OffsetMap, f: RuleFailure, span) -> AnalysisWarning:  # noqa: ANN001
    """W202 for a rule that raised at a token (``span`` maps chunk offsets to the article)."""
    where = span(om, f.start, f.end)
    return AnalysisWarning("W202", message("W202", rule=f.rule, detail=repr(where.text),
                                           error=f.error), where)


def _source(om: OffsetMap, src: SourceMatch | None, span) -> Source | None:
    if src is None:
        return None
    mention = span(om, *src.span) if src.span else None
    return Source(
        span=mention,
        name=src.name,  # None: an unresolved pronoun (docs/contract.md#source)
        kind=src.kind,
        description=src.description,
        resolved_from=span(om, *src.antecedent) if src.antecedent else None,
        method=src.method or None,
    )


def _via(om: OffsetMap, a: AttributionMatch, span, outlet: str | None) -> Source | None:
    """The outlet the source spoke to, unless it is the publisher itself."""
    via = _source(om, a.via, span)
    if via is None or (outlet and via.name and via.name.lower() in outlet.lower()):
        return None
    return via


def _attributions(text: str, raw: list[tuple[OffsetMap, AttributionMatch]], span,
                  outlet: str | None = None) -> list[Attribution]:
    """Records with ids in text order and parents derived from content containment."""
    built = []
    for om, a in raw:
        if not a.content:
            continue
        segs = tuple(om.span(s, e) for s, e in a.content)
        content = Span.of(text, segs[0][0], segs[-1][1], segs if len(segs) > 1 else None)
        cue = Cue(span(om, *a.cue), a.cue_lemma, a.cue_class) if a.cue else None
        built.append((content, cue, a.quote, _source(om, a.source, span), segs,
                      a.method or None, a.act, a.act_method or None,
                      _via(om, a, span, outlet)))
    built.sort(key=lambda b: (b[0].start, -b[0].end, b[1].span.start if b[1] else 0))
    ids = [f"a{i + 1}" for i in range(len(built))]
    index = _ContentIndex([b[4] for b in built])
    sizes = [b[0].end - b[0].start for b in built]
    anchors = [cue.span.start if cue else content.start for content, cue, *_ in built]
    around = index.around_each([(x, x + 1) for x in anchors])
    out = []
    for i, (content, cue, quote, source, _segs, method, act, act_method, via) \
            in enumerate(built):
        anchor = anchors[i]
        # the smallest strictly larger content holding the anchor; the first of equals
        found = [(sizes[j], j) for j in around[i]
                 if j != i and sizes[j] > sizes[i]
                 and any(s <= anchor < e for s, e in index.segments[j])]
        parent = ids[min(found)[1]] if found else None
        out.append(Attribution(ids[i], parent, source, cue, content, quote, method=method,
                               act=act, act_method=act_method, via=via))
    return out


class _ContentIndex:
    """Attribution contents by where they start and end, to find the ones around many
    positions at once without testing every attribution (the per-hedge, per-figure,
    per-attribution loops): one sweep over the queries in order of their start."""

    def __init__(self, segments: Sequence[Sequence[tuple[int, int]]]) -> None:
        self.segments = segments
        self._extent = [(min(a for a, _ in segs), max(b for _, b in segs)) for segs in segments]
        self._order = sorted(range(len(segments)), key=lambda k: self._extent[k][0])

    def around_each(self, queries: Sequence[tuple[int, int]]) -> list[list[int]]:
        """Per query ``(start, end)``, the indices (ascending) of the contents whose extent
        holds it (starts at or before ``start``, ends at or after ``end``): a superset of
        those with a segment holding it. Costs the sort plus, per query, the contents open
        at its start -- not every content that starts before it."""
        out: list[list[int]] = [[] for _ in queries]
        open_ends: list[tuple[int, int]] = []  # (extent end, index): a heap of open contents
        is_open: set[int] = set()
        p = 0
        for q in sorted(range(len(queries)), key=lambda q: queries[q][0]):
            start, end = queries[q]
            while p < len(self._order) and self._extent[self._order[p]][0] <= start:
                k = self._order[p]
                heapq.heappush(open_ends, (self._extent[k][1], k))
                is_open.add(k)
                p += 1
            while open_ends and open_ends[0][0] < start:  # ends before every later query
                is_open.discard(heapq.heappop(open_ends)[1])
            out[q] = sorted(k for k in is_open if self._extent[k][1] >= end)
        return out


def _segments_of(a: Attribution) -> tuple[tuple[int, int], ...]:
    return a.content.segments or ((a.content.start, a.content.end),)


def _innermost(attributions: Sequence[Attribution], start: int, end: int,
               candidates: Sequence[int]) -> Attribution | None:
    """The attribution with the smallest content holding [start, end) (the first of equals),
    among ``candidates`` (ascending indices, e.g. from :meth:`_ContentIndex.around_each`)."""
    best = None
    for k in candidates:
        a = attributions[k]
        if any(s <= start and end <= e for s, e in _segments_of(a)) and (
                best is None or a.content.end - a.content.start
                < best.content.end - best.content.start):
            best = a
    return best


def _attach_hedges(attributions: list[Attribution], hedges: list[Hedge]) -> list[Attribution]:
    """Each hedge to the innermost content holding it, else to the link whose cue starts
    within two characters of the hedge's end ("reportedly said"; the first such link)."""
    by_id: dict[str, list[Hedge]] = {}
    index = _ContentIndex([_segments_of(a) for a in attributions])
    around = index.around_each([(h.span.start, h.span.end) for h in hedges])
    first_at_cue: dict[int, int] = {}  # cue start -> index of the first link with it
    for k, a in enumerate(attributions):
        if a.cue:
            first_at_cue.setdefault(a.cue.span.start, k)
    for h, candidates in zip(hedges, around, strict=True):
        owner = _innermost(attributions, h.span.start, h.span.end, candidates)
        if owner is None:  # a hedge on the cue ("reportedly said") belongs to that link
            near = [first_at_cue[x] for x in range(h.span.end - 2, h.span.end + 3)
                    if x in first_at_cue]
            owner = attributions[min(near)] if near else None
        if owner is not None:
            by_id.setdefault(owner.id, []).append(h)
    return [replace(a, hedges=tuple(by_id.get(a.id, ()))) for a in attributions]


def _figures(text: str, raw: list[tuple[OffsetMap, FigureMatch]], span,
             attributions: Sequence[Attribution]) -> list[Figure]:
    out = []
    raw = sorted(raw, key=lambda r: r[0].span(r[1].start, r[1].end))
    spans = [span(om, f.start, f.end) for om, f in raw]
    index = _ContentIndex([_segments_of(a) for a in attributions])
    around = index.around_each([(sp.start, sp.end) for sp in spans])
    for i, (om, f) in enumerate(raw):
        sp = spans[i]
        owner = _innermost(attributions, sp.start, sp.end, around[i])
        out.append(Figure(
            id=f"f{i + 1}", span=sp, value=f.value, low=f.low, high=f.high, bound=f.bound,
            change=f.change, unit=f.unit, counted=f.counted, measure=f.measure, actor=f.actor,
            time=span(om, *f.time) if f.time else None, as_of=f.as_of,
            attribution=owner.id if owner else None, warnings=tuple(f.warnings),
            method=f.method or None))
    return out


def _cover_unparsed(masked: str, parsed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parsed sentences plus cheap-split sentences of every paragraph the pre-pass skipped."""
    out = list(parsed)
    spans = sorted(parsed)  # parsed sentences do not overlap: ends rise with starts
    for ps, pe in paragraphs(masked):
        i = bisect_left(spans, (pe,)) - 1  # the last sentence starting before the paragraph ends
        if i >= 0 and spans[i][1] > ps:
            continue  # the paragraph was parsed
        out += split_sentences(masked, ps, pe)
    return sorted(out)


__all__ = ["DocMatches", "doc_matches", "build_analysis", "not_analysed", "split_sentences"]
