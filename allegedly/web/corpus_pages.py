"""Pages of the corpus layer: ``/groups`` (claim groups), ``/groups/{id}`` (members with
their status, evidence and confirm/reject forms; origins; the provenance graph) and
``/conflicts`` (figure comparisons side by side with both evidence spans and the reason).

The confirm/reject forms POST to ``/groups/{id}/members/{member}/confirm|reject`` (same-origin
check, then a 303 back to the group); nothing changes on a GET.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from allegedly.errors import WebError
from allegedly.web.api import Reader, services
from allegedly.web.corpus import KINDS, CorpusReader, GroupFilter
from allegedly.web.pages import PER_PAGE, page_links, render
from allegedly.web.security import require_same_origin

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def corpus_of(store: Reader) -> CorpusReader:
    return CorpusReader(store.store)


Corpus = Annotated[CorpusReader, Depends(corpus_of)]


@router.get("/groups")
def group_list(request: Request, store: Reader, q: str | None = None,
               outlet: str | None = None, one_origin: bool = False,
               min_reports: int = Query(2, ge=1), offset: int = Query(0, ge=0)
               ) -> HTMLResponse:
    corpus = CorpusReader(store.store)
    filt = GroupFilter(q=q or None, outlet=outlet or None, one_origin=one_origin,
                       min_reports=min_reports)
    page = corpus.groups(filt, limit=PER_PAGE, offset=offset)
    return render(request, "groups.html", page=page, filt=filt,
                  outlets=store.facets()["outlets"],
                  links=page_links(request, page.total, offset, PER_PAGE))


@router.get("/groups/{group_id}")
def group_page(request: Request, group_id: str, corpus: Corpus,
               decided: str | None = None) -> HTMLResponse:
    record = corpus.group(group_id)
    if record is None:
        raise WebError("E606", status=404, detail=f"group {group_id}")
    event = corpus.comparisons(group=group_id, limit=500)
    comparisons = member_comparisons(corpus, record, event.items)
    counts = {s: sum(1 for m in record["members"] if m["status"] == s)
              for s in ("suggested", "confirmed", "rejected")}
    return render(request, "group.html", g=record, comparisons=comparisons, counts=counts,
                  event_comparisons=event.total,
                  decided=decided if decided in ("confirm", "reject") else None,
                  graph_url=f"/api/graph?group={quote(group_id)}")


def member_comparisons(corpus: CorpusReader, group: dict[str, Any],
                       comparisons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The comparisons of the group's event with a side stated by one of its (not rejected)
    members, conflicts first, each side with its evidence in context."""
    claims = {(m["article"], m["claim"]) for m in group["members"]
              if m["status"] != "rejected"}
    mine = [c for c in comparisons if (c["a"]["article"], c["a"]["claim"]) in claims
            or (c["b"]["article"], c["b"]["claim"]) in claims]
    for c in mine:
        c["a"]["context"] = corpus.figure_context(c["a"])
        c["b"]["context"] = corpus.figure_context(c["b"])
    return sorted(mine, key=lambda c: -KINDS.index(c["kind"]))


def _decide(request: Request, group_id: str, member_id: str, decision: str, by: str,
            why: str) -> RedirectResponse:
    result = services(request).decide(group_id, member_id, decision, by.strip() or None,
                                      why.strip() or None)
    target = result["group"] or group_id
    return RedirectResponse(f"/groups/{quote(target)}?decided={decision}#member-"
                            f"{quote(member_id)}", status_code=303)


@router.post("/groups/{group_id}/members/{member_id}/confirm",
             dependencies=[Depends(require_same_origin)])
def confirm_form(request: Request, group_id: str, member_id: str, by: str = Form(""),
                 why: str = Form("")) -> RedirectResponse:
    return _decide(request, group_id, member_id, "confirm", by, why)


@router.post("/groups/{group_id}/members/{member_id}/reject",
             dependencies=[Depends(require_same_origin)])
def reject_form(request: Request, group_id: str, member_id: str, by: str = Form(""),
                why: str = Form("")) -> RedirectResponse:
    return _decide(request, group_id, member_id, "reject", by, why)


@router.get("/conflicts")
def conflicts_page(request: Request, corpus: Corpus, kind: str | None = None,
                   key: str | None = None, group: str | None = None,
                   offset: int = Query(0, ge=0)) -> HTMLResponse:
    if kind and kind not in KINDS:
        raise WebError("E605", status=422,
                       detail=f"kind is one of {', '.join(KINDS)}, not {kind!r}")
    page = corpus.comparisons(kinds=(kind,) if kind else (), key=key or None,
                              group=group or None, limit=PER_PAGE, offset=offset,
                              context=True)
    return render(request, "conflicts.html", page=page, kind=kind or "", key=key or "",
                  group=group or "", counts=corpus.kind_counts(key or None, group or None),
                  keys=corpus.comparison_keys(),
                  links=page_links(request, page.total, offset, PER_PAGE))


__all__ = ["router"]
