"""The corpus part of the REST API: claim groups, figure comparisons, provenance graphs and
people's confirm/reject decisions (the only writes the server makes).

Group items are the records of ``allegedly groups --format jsonl``, comparison items those of
``allegedly conflicts --format jsonl`` (docs/corpus.md). A store that was never linked answers
503 with code E503 (run ``allegedly link``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from allegedly.errors import WebError
from allegedly.web.api import ERRORS, ErrorOut, Limit, Offset, PageOut, Reader, services
from allegedly.web.corpus import KINDS, CorpusReader, GroupFilter
from allegedly.web.graphs import group_graph, source_graph
from allegedly.web.security import require_same_origin

Kind = Literal["consistent", "update", "revision", "scope", "conflict"]

router = APIRouter(prefix="/api", tags=["corpus"], responses=ERRORS)
CONFLICT: dict[int | str, dict[str, Any]] = {409: {
    "model": ErrorOut, "description": "E609: a person already made this decision."}}


def corpus_reader(store: Reader) -> Iterator[CorpusReader]:
    yield CorpusReader(store.store)


Corpus = Annotated[CorpusReader, Depends(corpus_reader)]


class DecisionIn(BaseModel):
    """Who decides and why (both optional, both kept with the decision)."""

    model_config = ConfigDict(extra="forbid")
    by: str | None = Field(None, max_length=200, examples=["A. Checker"])
    why: str | None = Field(None, max_length=2000, examples=["Same toll, same ministry."])


class DecisionOut(BaseModel):
    """The correction written, and the member's status after the re-link."""

    correction: int
    decision: str
    by: str | None
    why: str | None
    member: str
    group: str | None = Field(description="The member's group after the re-link.")
    status: str | None = Field(description="suggested | confirmed | rejected after it.")


@router.get("/groups", response_model=PageOut, summary="Claim groups, most reported first")
def groups(corpus: Corpus,
           q: str | None = Query(None, description="Words in the claim or a member's text."),
           outlet: str | None = Query(None, description="An outlet among the reports."),
           one_origin: bool = Query(False, description="Only 'N reports, 1 origin'."),
           min_reports: int = Query(2, ge=1, description="At least this many reports."),
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Items: the records of ``allegedly groups --format jsonl`` (members with their ids,
    status, score, method and origins)."""
    filt = GroupFilter(q=q, outlet=outlet, one_origin=one_origin, min_reports=min_reports)
    return corpus.groups(filt, limit=limit, offset=offset).to_dict()


@router.get("/groups/{group_id}", summary="One claim group, its members and decisions")
def group(group_id: str, corpus: Corpus) -> dict[str, Any]:
    """The group's record, each member with ``decisions`` (the corrections about it), and the
    figure comparisons of the group's event."""
    record = corpus.group(group_id)
    if record is None:
        raise WebError("E606", status=404, detail=f"group {group_id}")
    record["comparisons"] = corpus.comparisons(group=group_id, limit=500).items
    return record


def _decide(request: Request, group_id: str, member_id: str, decision: str,
            body: DecisionIn | None) -> dict[str, Any]:
    body = body or DecisionIn()
    by = (body.by or "").strip() or None
    why = (body.why or "").strip() or None
    return services(request).decide(group_id, member_id, decision, by, why)


@router.post("/groups/{group_id}/members/{member_id}/confirm", response_model=DecisionOut,
             dependencies=[Depends(require_same_origin)], responses=CONFLICT,
             summary="Confirm that a member states the group's claim")
def confirm(group_id: str, member_id: str, request: Request,
            body: DecisionIn | None = None) -> dict[str, Any]:
    """Writes a correction (who, when, why) and re-links: every later link run keeps the
    member in the group. 409 (E609) when it is already confirmed by a person."""
    return _decide(request, group_id, member_id, "confirm", body)


@router.post("/groups/{group_id}/members/{member_id}/reject", response_model=DecisionOut,
             dependencies=[Depends(require_same_origin)], responses=CONFLICT,
             summary="Reject a member: it does not state the group's claim")
def reject(group_id: str, member_id: str, request: Request,
           body: DecisionIn | None = None) -> dict[str, Any]:
    """Writes a correction and re-links: every later link run keeps the member out of the
    group (listed there as rejected). 409 (E609) when it is already rejected by a person."""
    return _decide(request, group_id, member_id, "reject", body)


@router.get("/corrections", summary="People's decisions, newest first")
def corrections(corpus: Corpus, limit: Limit = 100) -> list[dict[str, Any]]:
    return corpus.corrections(limit=limit)


@router.get("/conflicts", response_model=PageOut, summary="Classified figure comparisons")
def conflicts(corpus: Corpus,
              kind: list[Kind] = Query([], description="Only these kinds (repeatable; "
                                       "default every kind, as `allegedly conflicts`)."),
              key: str | None = Query(None, description="A comparison key, e.g. "
                                      "people|fatal."),
              group: str | None = Query(None, description="The comparisons of this group's "
                                        "event."),
              limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Items: the records of ``allegedly conflicts --format jsonl``: both figures with their
    evidence (text, offsets, article, source) and a one-line reason."""
    return corpus.comparisons(kinds=tuple(kind), key=key, group=group, limit=limit,
                              offset=offset).to_dict()


@router.get("/figures/{key}/timeline", summary="Every figure on one key, in time order")
def timeline(key: str, corpus: Corpus) -> dict[str, Any]:
    """The rows of ``allegedly figures KEY`` (a corpus key such as ``people|fatal`` or a
    figures.figure_key such as ``russian|troops|fatal``) and the comparisons between them."""
    from allegedly.corpus.views import figure_timeline

    rows = figure_timeline(corpus.store, key)
    comparisons = corpus.comparisons_of_figures((f["article"], f["figure"]) for f in rows)
    return {"key": key, "figures": rows, "comparisons": comparisons}


@router.get("/graph", summary="Provenance graph of a claim group or a source")
def graph(store: Reader, group: str | None = Query(None, description="A group id."),
          source: str | None = Query(None, description="A source id.")) -> dict[str, Any]:
    """``{"nodes", "edges", ...}``: a group's reports, the chains they cite and its origins
    (with ``independent_origins``), or a source's routes and whom it cites."""
    if (group is None) == (source is None):
        raise WebError("E605", status=422, detail="give exactly one of group= or source=")
    if group is not None:
        record = CorpusReader(store.store).group(group)
        if record is None:
            raise WebError("E606", status=404, detail=f"group {group}")
        return group_graph(record)
    src = store.source(source or "")
    if src is None:
        raise WebError("E606", status=404, detail=f"source {source}")
    return source_graph(src)


__all__ = ["KINDS", "router"]
