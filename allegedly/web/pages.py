"""Server-rendered pages (Jinja2, autoescaped; no inline script or style: see security.py).

``/`` overview and search, ``/articles`` (list), ``/articles/{id}`` (the article view of
:mod:`allegedly.report.html`), ``/analyze`` (paste or upload, analysed without storing),
``/sources``, ``/sources/{id}`` (with its claim groups and graph), ``/figures`` (timelines
per comparison key, with the classified comparisons between their figures), ``/docs`` (the
API, Swagger UI served from the package). The corpus pages are in :mod:`corpus_pages`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from allegedly import __version__
from allegedly.errors import AllegedlyError, WebError
from allegedly.report.html import article_fragment
from allegedly.store.read import MATCH_END, MATCH_START, ArticleFilter, StoreReader
from allegedly.web import charts
from allegedly.web.api import Reader, services
from allegedly.web.corpus import KINDS, CorpusReader
from allegedly.web.security import require_same_origin
from allegedly.web.service import AnalyzeInput, status_for

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 25


@cache
def templates() -> Any:
    import jinja2
    from fastapi.templating import Jinja2Templates

    env = jinja2.Environment(loader=jinja2.PackageLoader("allegedly.web", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__)
    return Jinja2Templates(env=env)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates().TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, err: AllegedlyError) -> HTMLResponse:
    """An error as a page (the API answers the same errors as JSON)."""
    return render(request, "error.html", status=status_for(err), code=err.code,
                  message=str(err.args[0]))


def page_links(request: Request, total: int, offset: int, limit: int) -> dict[str, Any]:
    """Previous/next links keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def link(off: int) -> str:
        return f"{request.url.path}?{urlencode({**params, 'offset': off})}"

    return {"total": total, "first": offset + 1 if total else 0,
            "last": min(offset + limit, total),
            "prev": link(max(offset - limit, 0)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None}


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A search snippet as ``(text, matched)`` pieces (the template escapes each)."""
    if not snippet:
        return []
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


@router.get("/")
def index(request: Request, store: Reader) -> HTMLResponse:
    return render(request, "index.html", o=store.overview(), facets=store.facets(),
                  corpus=CorpusReader(store.store).overview())


@router.get("/articles")
def article_list(request: Request, store: Reader, q: str | None = None,
                 outlet: str | None = None, date_from: str | None = Query(None, alias="from"),
                 date_to: str | None = Query(None, alias="to"),
                 source_kind: str | None = None, measure: str | None = None,
                 offset: int = Query(0, ge=0)) -> HTMLResponse:
    for value in (date_from, date_to):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise WebError("E605", status=422,
                               detail=f"dates are YYYY-MM-DD, not {value!r}") from None
    filt = ArticleFilter(q=q, outlet=outlet, date_from=date_from, date_to=date_to,
                         source_kind=source_kind, measure=measure)
    page = store.articles(filt, limit=PER_PAGE, offset=offset)
    for item in page.items:
        item["snippet_parts"] = snippet_parts(item.pop("snippet", None))
    return render(request, "articles.html", page=page, filt=filt, facets=store.facets(),
                  links=page_links(request, page.total, offset, PER_PAGE),
                  matching_sources=store.sources(q=q, limit=8).items if q else [])


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, store: Reader) -> HTMLResponse:
    analysis = store.analysis(article_id)
    if analysis is None:
        raise WebError("E606", status=404, detail=f"article {article_id}")
    return render(request, "article.html", title=analysis.article.title or article_id,
                  row=store.article(article_id), locations=store.locations(article_id),
                  rebuilt=any(w.code == "W601" for w in analysis.warnings),
                  fragment=article_fragment(analysis, json_url=f"/api/articles/{article_id}"))


@router.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    form = dict.fromkeys(("text", "outlet", "published", "title", "url"), "")
    return render(request, "analyze.html", form={**form, "kind": "auto"}, fragment=None,
                  error=None)


@router.post("/analyze", dependencies=[Depends(require_same_origin)])
async def analyze_submit(request: Request, text: str = Form(""), kind: str = Form("auto"),
                         outlet: str = Form(""), published: str = Form(""),
                         title: str = Form(""), url: str = Form(""),
                         upload: UploadFile | None = File(None)) -> HTMLResponse:
    """Analyse pasted or uploaded text/HTML (or a URL) and show it; nothing is stored."""
    from starlette.concurrency import run_in_threadpool

    form = {"text": text, "kind": kind, "outlet": outlet, "published": published,
            "title": title, "url": url}
    try:
        if upload is not None and upload.filename:
            raw = await upload.read()
            text = raw.decode("utf-8", errors="replace")
        req = _analyze_input(text, kind, outlet, published, title, url)
        analysis = await run_in_threadpool(services(request).analyze, req)
    except AllegedlyError as err:
        return render(request, "analyze.html", status=status_for(err), form=form,
                      fragment=None, error=f"{err.code} {err.args[0]}")
    return render(request, "analyze.html", form=form, error=None,
                  fragment=article_fragment(analysis))


def _analyze_input(text: str, kind: str, outlet: str, published: str, title: str,
                   url: str) -> AnalyzeInput:
    try:
        day = date.fromisoformat(published) if published.strip() else None
    except ValueError:
        raise WebError("E605", status=422,
                       detail=f"the publication date is YYYY-MM-DD, not {published!r}") from None
    if kind == "auto":
        kind = "html" if text.lstrip()[:1] == "<" else "text"
    body = text if text.strip() else None
    return AnalyzeInput(text=body if kind == "text" else None,
                        html=body if kind == "html" else None, url=url.strip() or None,
                        published=day, outlet=outlet.strip() or None,
                        title=title.strip() or None, origin="paste")


@router.get("/sources")
def source_list(request: Request, store: Reader, q: str | None = None,
                kind: str | None = None, offset: int = Query(0, ge=0)) -> HTMLResponse:
    page = store.sources(q=q, kind=kind, limit=PER_PAGE * 2, offset=offset)
    return render(request, "sources.html", page=page, q=q or "", kind=kind or "",
                  kinds=store.facets()["source_kinds"],
                  links=page_links(request, page.total, offset, PER_PAGE * 2))


@router.get("/sources/{source_id}")
def source_page(request: Request, source_id: str, store: Reader) -> HTMLResponse:
    src = store.source(source_id)
    if src is None:
        raise WebError("E606", status=404, detail=f"source {source_id}")
    return render(request, "source.html", s=src,
                  groups=CorpusReader(store.store).source_groups(source_id),
                  graph_url=f"/api/graph?source={quote(source_id)}")


def _key_rows(store: StoreReader, key: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures of one key. On a key that names whose losses it counts, figures of the same
    group and measure family that do not say (an empty actor) are drawn too, hollow, when
    their article states a figure of that key (the article says whose losses it is about).
    A corpus key (``people|fatal``, as ``allegedly conflicts`` prints) takes the rows of
    ``allegedly figures KEY``."""
    if key.get("corpus"):
        from allegedly.corpus.views import figure_timeline

        return [{**f, "article_id": f["article"], "id": f["figure"], "source_id": None,
                 "source_kind": None, "title": None, "figure_key": None}
                for f in figure_timeline(store.store, key["key"])]
    actor, _, rest = key["key"].partition("|")
    rows = store.figures(key=key["key"], limit=500).items
    if actor:
        articles = {r["article_id"] for r in rows}
        rows += [r for r in store.figures(key="|" + rest, limit=500).items
                 if r["article_id"] in articles]
    return rows


def key_charts(store: StoreReader, keys: list[dict[str, Any]], comparisons: bool = False
               ) -> list[dict[str, Any]]:
    """One timeline per key; with ``comparisons`` (and a linked store) also the classified
    comparisons between its figures, each side with its evidence in context."""
    corpus = CorpusReader(store.store)
    out = []
    for k in keys:
        rows = _key_rows(store, k)
        compared = corpus.comparisons_of_figures(
            (r["article_id"], r["id"]) for r in rows) if comparisons else []
        compared.sort(key=lambda c: -KINDS.index(c["kind"]))  # conflicts first
        out.append({**k, "chart": charts.timeline(rows, k["key"]), "rows": rows,
                    "comparisons": compared})
    return out


@router.get("/figures")
def figures_page(request: Request, store: Reader, key: str | None = None) -> HTMLResponse:
    keys = store.figure_keys(limit=40)
    if key:
        keys = [k for k in keys if k["key"] == key] or [
            {"key": key, "figures": 0, "sources": 0, "articles": 0, "measures": None,
             "corpus": True}]
    drawn = key_charts(store, keys, comparisons=bool(key) or len(keys) <= 12)
    for k in drawn:
        if k.get("corpus"):  # a corpus key: count what its timeline holds
            k.update(figures=len(k["rows"]), articles=len({r["article_id"] for r in k["rows"]}),
                     sources=len({r["source_name"] for r in k["rows"] if r["source_name"]}))
    corpus = CorpusReader(store.store)
    linked = corpus.linked
    return render(request, "figures.html", key=key, charts=drawn,
                  all_keys=store.figure_keys(limit=200), linked=linked,
                  corpus_keys=corpus.comparison_keys() if linked else [])


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html")
