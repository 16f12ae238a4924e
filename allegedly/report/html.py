"""The one HTML rendering of an analysed article.

The article text with sources, cues, quoted content, hedges and figures marked in distinct
styles (told apart without colour too: bold underline, italic dotted underline, tinted dashed
box, wavy underline, framed), every sentence a claim that opens its chain (publisher ← cited
outlet ← speaker), stance, hedges and figures; removed clutter collapsed; warnings listed.

Used by the web app's article view (:func:`article_fragment`), Jupyter
(:func:`notebook_html`, via ``ArticleAnalysis._repr_html_``) and
``allegedly analyze --format html`` (:func:`standalone_html`, one offline file).

Article text is attacker-controlled: every string goes through Jinja's autoescaping or
:class:`markupsafe.Markup` formatting (which escapes its arguments); nothing from the article
is ever marked safe, and only ``http(s)`` URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from allegedly.model import ArticleAnalysis, Attribution, Claim, Figure, Span

#: Nesting order of marks that start and end at the same offsets (outer first).
_PRIORITY = {"claim": 0, "content": 1, "source": 2, "cue": 3, "hedge": 4, "figure": 5}
#: The five highlight layers, their legend label and how they look without colour.
LAYERS = (
    ("source", "source", "bold, underlined"),
    ("cue", "cue", "italic, dotted underline"),
    ("content", "quoted content", "tinted, dashed frame"),
    ("hedge", "hedge", "wavy underline"),
    ("figure", "figure", "framed"),
)
STANDALONE_CSP = ("default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
                  "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    open: Markup
    close: Markup


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL (fit for an ``href``), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _asset(name: str) -> str:
    return resources.files("allegedly.report").joinpath("assets", name).read_text("utf-8")


@cache
def _env() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("allegedly.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


# ---- marks -> nested HTML -------------------------------------------------------------------


def _spans_of(span: Span) -> list[tuple[int, int]]:
    return [tuple(s) for s in span.segments] if span.segments else [(span.start, span.end)]


def _mark(kind: str, start: int, end: int, title: str, **data: str) -> _Mark:
    href = data.pop("href", "")
    attrs = Markup("").join(Markup(' data-{}="{}"').format(k, v) for k, v in data.items())
    if kind == "claim":
        opener = Markup('<a class="alg-claim" href="#{}"{}>').format(href, attrs)
        return _Mark(start, end, kind, opener, Markup("</a>"))
    opener = Markup('<span class="alg-{}" title="{}"{}>').format(kind, title, attrs)
    return _Mark(start, end, kind, opener, Markup("</span>"))


def nest_marks(text: str, start: int, end: int, marks: list[_Mark]) -> Markup:
    """``text[start:end]`` escaped, with ``marks`` as properly nested elements: a mark that
    crosses the end of an enclosing one is closed there and reopened after it."""
    clipped = [_Mark(max(m.start, start), min(m.end, end), m.kind, m.open, m.close)
               for m in marks if m.start < end and m.end > start]
    clipped = [m for m in clipped if m.start < m.end]
    clipped.sort(key=lambda m: (m.start, -m.end, _PRIORITY[m.kind]))
    bounds = sorted({start, end, *(m.start for m in clipped), *(m.end for m in clipped)})
    out: list[Markup] = []
    stack: list[_Mark] = []
    nxt = 0
    for pos, following in pairwise(bounds):
        ending = [i for i, m in enumerate(stack) if m.end <= pos]
        if ending:
            reopen = [m for m in stack[ending[0]:] if m.end > pos]
            out.extend(m.close for m in reversed(stack[ending[0]:]))
            del stack[ending[0]:]
            for m in reopen:
                out.append(m.open)
                stack.append(m)
        while nxt < len(clipped) and clipped[nxt].start == pos:
            out.append(clipped[nxt].open)
            stack.append(clipped[nxt])
            nxt += 1
        out.append(escape(text[pos:following]))
    out.extend(m.close for m in reversed(stack))
    return Markup("").join(out)


def _describe_figure(f: Figure) -> str:
    bound = {"more_than": "over", "at_least": "at least", "at_most": "up to",
             "less_than": "under", "approx": "about"}.get(f.bound, "")
    value = f"{f.low:g}–{f.high:g}" if f.bound == "range" and f.low is not None \
        and f.high is not None else (f"{f.value:g}" if f.value is not None else "?")
    what = " ".join(x for x in (bound, value, f.unit or "", f.counted or "", f.measure or "")
                    if x)
    return what + (f", as of {f.as_of}" if f.as_of else "")


def text_marks(analysis: ArticleAnalysis, id_prefix: str) -> list[_Mark]:
    """Every highlight of the article text: claims (links), content, sources, cues, hedges,
    figures."""
    marks: list[_Mark] = []
    last_end = 0
    for c in sorted(analysis.claims, key=lambda c: c.span.start):
        start = max(c.span.start, last_end)  # claims never overlap: anchors cannot nest
        if start < c.span.end:
            marks.append(_mark("claim", start, c.span.end, "", href=f"{id_prefix}{c.id}",
                               claim=c.id))
            last_end = c.span.end
    hedges = {}
    for att in analysis.attributions:
        act = "" if att.is_claim else f" — {att.act}, not a claim"
        for s, e in _spans_of(att.content):
            marks.append(_mark("content", s, e, f"quoted content ({att.quote}) of "
                               f"{_name(att)}{act}", att=att.id))
        if att.source and att.source.span:
            sp = att.source.span
            marks.append(_mark("source", sp.start, sp.end,
                               f"source: {att.source.label} ({att.source.kind})", att=att.id))
        if att.cue:
            marks.append(_mark("cue", att.cue.span.start, att.cue.span.end,
                               f"cue: {att.cue.lemma} ({att.cue.cls})", att=att.id))
        hedges.update({(h.span.start, h.span.end): h for h in att.hedges})
    for c in analysis.claims:
        hedges.update({(h.span.start, h.span.end): h for h in c.hedges})
    for (s, e), h in hedges.items():
        marks.append(_mark("hedge", s, e, f"hedge: {h.cue} ({h.kind})"))
    for f in analysis.figures:
        title = f"figure: {_describe_figure(f)}" + "".join(f"; {w}" for w in f.warnings)
        kind_data = {"fig": f.id, "warn": "1"} if f.warnings else {"fig": f.id}
        marks.append(_mark("figure", f.span.start, f.span.end, title, **kind_data))
    return marks


def highlighted_text(analysis: ArticleAnalysis, id_prefix: str) -> Markup:
    """The whole article text with its marks; removed clutter as collapsed ``<details>``."""
    text = analysis.article.text
    marks = text_marks(analysis, id_prefix)
    out: list[Markup] = []
    pos = 0
    for r in sorted(analysis.article.removed, key=lambda r: r.start):
        if r.start < pos:
            continue
        out.append(nest_marks(text, pos, r.start, marks))
        out.append(Markup('<details class="alg-removed"><summary>removed: {} ({} characters)'
                          '</summary>{}</details>').format(r.reason, r.end - r.start,
                                                           text[r.start:r.end]))
        pos = r.end
    out.append(nest_marks(text, pos, len(text), marks))
    return Markup("").join(out)


# ---- the view model ---------------------------------------------------------------------------


def _name(att: Attribution | None) -> str:
    if att is None or att.source is None:
        return "(unnamed)"
    return att.source.label


def _method(record: Any) -> str | None:
    """The ``method`` that produced an answer, when the record carries one."""
    value = getattr(record, "method", None)
    return str(value) if value else None


def _hop(att: Attribution) -> dict[str, Any]:
    src = att.source
    return {
        "id": att.id, "name": _name(att), "kind": src.kind if src else None,
        "description": src.description if src else None,
        "as_written": src.span.text if src and src.span else None,
        "resolved_from": src.resolved_from.text if src and src.resolved_from else None,
        "cue": att.cue.span.text if att.cue else None,
        "cue_lemma": att.cue.lemma if att.cue else None,
        "cue_class": att.cue.cls if att.cue else None, "quote": att.quote,
        "method": _method(att), "source_method": _method(src) if src else None,
        "content": att.content.text,
        "via": att.via.name if att.via else None,
        "via_as_written": att.via.span.text if att.via and att.via.span else None,
    }


def publisher_name(analysis: ArticleAnalysis) -> str:
    """The implicit outer hop of every chain: the outlet, or "the publisher"."""
    return analysis.article.outlet or "the publisher"


def chain_line(analysis: ArticleAnalysis, chain: tuple[str, ...]) -> str:
    """``Express ← The Sun ← Roman Tsimbalyuk`` for a chain of attribution ids."""
    by_id = {a.id: a for a in analysis.attributions}
    hops = [publisher_name(analysis)]
    for x in chain:
        att = by_id.get(x)
        if att is not None and att.via is not None:  # "X told the AP": the outlet's hop
            hops.append(att.via.name or att.via.label)
        hops.append(_name(att))
    return " ← ".join(hops)


def _figure_view(analysis: ArticleAnalysis, f: Figure) -> dict[str, Any]:
    chain = tuple(a.id for a in analysis.chain(f.attribution)) if f.attribution else ()
    return {"id": f.id, "text": f.span.text, "value": f.value, "low": f.low, "high": f.high,
            "bound": f.bound, "unit": f.unit, "counted": f.counted, "measure": f.measure,
            "actor": f.actor, "as_of": f.as_of, "time": f.time.text if f.time else None,
            "said_by": chain_line(analysis, chain), "warnings": list(f.warnings),
            "describe": _describe_figure(f), "method": _method(f)}


def _claim_view(analysis: ArticleAnalysis, c: Claim, id_prefix: str,
                figures: dict[str, dict[str, Any]]) -> dict[str, Any]:
    by_id = {a.id: a for a in analysis.attributions}
    related = [r for r in analysis.relations if c.id in (r.a, r.b)]
    return {
        "id": c.id, "dom_id": f"{id_prefix}{c.id}", "text": c.span.text, "stance": c.stance,
        "chain_line": chain_line(analysis, c.chain), "attributed": bool(c.chain),
        "hops": [_hop(by_id[x]) for x in c.chain if x in by_id],
        "hedges": [{"text": h.span.text, "cue": h.cue, "kind": h.kind,
                    "method": _method(h)} for h in c.hedges],
        "figures": [figures[x] for x in c.figures if x in figures],
        "relations": [{"kind": r.kind, "other": r.b if r.a == c.id else r.a, "note": r.note,
                       "evidence": r.evidence.text if r.evidence else None} for r in related],
    }


def view_model(analysis: ArticleAnalysis, *, json_url: str | None = None,
               id_prefix: str | None = None) -> dict[str, Any]:
    """Everything the article template shows, as plain data (strings still unescaped)."""
    art = analysis.article
    prefix = id_prefix or f"alg-{analysis.id}-"
    figures = {f.id: _figure_view(analysis, f) for f in analysis.figures}
    claims = [_claim_view(analysis, c, prefix, figures) for c in analysis.claims]
    return {
        "id": analysis.id, "title": art.title, "outlet": art.outlet,
        "publisher": publisher_name(analysis),
        "published": art.published.isoformat() if art.published else None,
        "author": art.author, "url": art.url, "href": safe_href(art.url), "origin": art.origin,
        "text_html": highlighted_text(analysis, prefix), "claims": claims,
        "attributed": [c for c in claims if c["attributed"]], "figures": list(figures.values()),
        "other_acts": [{"act": x.act, "chain_line": chain_line(analysis, tuple(
            y.id for y in analysis.chain(x.id))), "cue": x.cue.lemma if x.cue else None,
            "text": x.content.text, "method": x.act_method} for x in analysis.attributions
            if not x.is_claim],
        "warnings": [w.to_dict() for w in analysis.warnings],
        "relations": [r.to_dict() for r in analysis.relations if r.kind in
                      ("differs", "update", "scope")],
        "removed": [r.to_dict() for r in art.removed], "layers": LAYERS,
        "counts": {"claims": len(analysis.claims), "attributions": len(analysis.attributions),
                   "figures": len(analysis.figures), "warnings": len(analysis.warnings)},
        "json_url": json_url,
    }


# ---- the three renderings ---------------------------------------------------------------------


def article_fragment(analysis: ArticleAnalysis, *, json_url: str | None = None,
                     id_prefix: str | None = None) -> Markup:
    """The article view as an HTML fragment (needs ``article.css``; ``article.js`` adds the
    layer switches and keeps the selected claim highlighted)."""
    template = _env().get_template("article.html")
    return Markup(template.render(a=view_model(analysis, json_url=json_url,
                                               id_prefix=id_prefix)))


def notebook_html(analysis: ArticleAnalysis) -> str:
    """The fragment with its stylesheet, for Jupyter (no script: the claim details open by
    following their ``#`` link, which works without JavaScript)."""
    return str(Markup("<style>{}</style>").format(Markup(_asset("article.css")))
               + article_fragment(analysis))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def standalone_html(analysis: ArticleAnalysis) -> str:
    """One self-contained offline HTML page: inline stylesheet and script, allowed by a
    Content-Security-Policy that names their hashes (and nothing else: no network)."""
    css, js = _asset("article.css"), _asset("article.js")
    template = _env().get_template("standalone.html")
    return template.render(
        title=analysis.article.title or analysis.article.outlet or analysis.id,
        csp=STANDALONE_CSP.format(style=_sha256(css), script=_sha256(js)),
        css=Markup(css), js=Markup(js), body=article_fragment(analysis))
