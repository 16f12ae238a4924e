"""The REST API under ``/api`` (described at ``/openapi.json``, browsable at ``/docs``).

Bodies are the same records as the command line's: an article is its ``allegedly/1`` dict
(``allegedly analyze --format json``, docs/contract.md); listings are pages
``{"items", "total", "limit", "offset"}`` of store rows (``allegedly export``) with their
JSON columns decoded. Every error is ``{"error": {"code", "message"}}`` with a stable code.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from allegedly.errors import WebError
from allegedly.store.read import MAX_LIMIT, ArticleFilter, StoreReader
from allegedly.web.security import require_same_origin
from allegedly.web.service import AnalyzeInput, Services

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


class ErrorBody(BaseModel):
    code: str = Field(examples=["E606"])
    message: str


class ErrorOut(BaseModel):
    """Every 4xx/5xx answer."""

    error: ErrorBody


class PageOut(BaseModel):
    """One page of a listing."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class AnalyzeRequest(BaseModel):
    """One article: ``text`` (plain text) or ``html`` (a page; main text extracted), or only
    ``url`` to fetch it (private and loopback addresses are refused unless the server was
    started with --allow-private). Metadata given here wins over what a page says."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, examples=["Officials said 12 people were killed."])
    html: str | None = None
    url: str | None = Field(None, examples=["https://example.org/story"])
    published: date | None = Field(None, description="YYYY-MM-DD: anchors 'last week'.")
    outlet: str | None = Field(None, examples=["Express"])
    title: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorOut} for s in (400, 403, 404, 413, 422, 500, 502, 503)}
CONTRACT = {"description": "The allegedly/1 analysis (docs/contract.md).",
            "content": {"application/json": {"schema": {"type": "object"}}}}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def services(request: Request) -> Services:
    return request.app.state.services


def reader(request: Request) -> Iterator[StoreReader]:
    """One read-only store connection for the request."""
    with services(request).reader() as r:
        yield r


Reader = Annotated[StoreReader, Depends(reader)]


@router.post("/analyze", dependencies=[Depends(require_same_origin)],
             responses={200: CONTRACT}, summary="Analyse one article (not stored)")
def analyze(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Who says so, how hedged, which figures: the ``allegedly/1`` dict of one article."""
    result = services(request).analyze(AnalyzeInput(
        text=body.text, html=body.html, url=body.url, published=body.published,
        outlet=body.outlet, title=body.title, origin="api"))
    return result.to_dict()


@router.get("/overview", summary="Corpus totals, top sources and outlets, last run")
def overview(store: Reader) -> dict[str, Any]:
    return store.overview()


@router.get("/articles", response_model=PageOut, summary="Search and filter stored articles")
def articles(store: Reader, q: str | None = Query(None, description="Words in title or text."),
             outlet: str | None = None,
             date_from: date | None = Query(None, alias="from", description="Published on "
                                            "or after (YYYY-MM-DD)."),
             date_to: date | None = Query(None, alias="to", description="Published on or "
                                          "before (YYYY-MM-DD)."),
             source_kind: str | None = Query(None, description="Has an attribution to a "
                                             "source of this kind (person, media, …)."),
             measure: str | None = Query(None, description="Has a figure of this measure "
                                         "(killed, wounded, …)."),
             limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    filt = ArticleFilter(q=q, outlet=outlet, source_kind=source_kind, measure=measure,
                         date_from=date_from.isoformat() if date_from else None,
                         date_to=date_to.isoformat() if date_to else None)
    page = store.articles(filt, limit=limit, offset=offset).to_dict()
    for item in page["items"]:
        if "snippet" in item:
            item["snippet"] = item["snippet"].replace("\x02", "").replace("\x03", "")
    return page


@router.get("/articles/{article_id}", responses={200: CONTRACT},
            summary="One stored article's analysis")
def article(article_id: str, store: Reader) -> dict[str, Any]:
    """The same dict ``allegedly analyze --format json`` printed for it."""
    data = store.analysis_dict(article_id)
    if data is None:
        raise WebError("E606", status=404, detail=f"article {article_id}")
    return data


@router.get("/sources", response_model=PageOut, summary="Sources, most quoted first")
def sources(store: Reader, q: str | None = Query(None, description="Part of the name."),
            kind: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return store.sources(q=q, kind=kind, limit=limit, offset=offset).to_dict()


@router.get("/sources/{source_id}", summary="What a source claimed, who cites it through whom")
def source(source_id: str, store: Reader) -> dict[str, Any]:
    data = store.source(source_id)
    if data is None:
        raise WebError("E606", status=404, detail=f"source {source_id}")
    return data


@router.get("/figures", response_model=PageOut, summary="Figures by comparison key")
def figures(store: Reader,
            key: str | None = Query(None, description="figure_key, e.g. russian|troops|fatal"),
            measure: str | None = None, outlet: str | None = None,
            source: str | None = Query(None, description="A source id."),
            date_from: date | None = Query(None, alias="from"),
            date_to: date | None = Query(None, alias="to"),
            limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Figures ordered by as-of date (publication date when they state none)."""
    return store.figures(key=key, measure=measure, outlet=outlet, source_id=source,
                         date_from=date_from.isoformat() if date_from else None,
                         date_to=date_to.isoformat() if date_to else None,
                         limit=limit, offset=offset).to_dict()


@router.get("/figures/keys", summary="Comparison keys with how many figures state them")
def figure_keys(store: Reader, limit: Limit = 200) -> list[dict[str, Any]]:
    return store.figure_keys(limit=limit)
