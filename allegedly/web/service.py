"""What the routes share: read-only store access and the analyser.

One :class:`Services` per app. Each request opens its own read-only connection to the store
(SQLite readers never block the one writer, ``allegedly ingest``, in WAL mode). Analyses run
one at a time under a lock (one spaCy pipeline per process) in FastAPI's thread pool, so the
event loop keeps serving pages meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from allegedly.errors import AllegedlyError, InputError, StoreError, WebError
from allegedly.model import Article, ArticleAnalysis
from allegedly.store.read import StoreReader
from allegedly.web.config import ServerConfig

#: HTTP status of a coded error raised while analysing a request.
STATUS_OF_CODE = {"E401": 403, "E402": 502, "E104": 413, "E202": 500, "E201": 500,
                  "E502": 404, "E503": 503}


@dataclass(frozen=True)
class AnalyzeInput:
    """One article to analyse: exactly one of ``text``, ``html`` or ``url`` (fetched)."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    title: str | None = None
    origin: str = "web"


def status_for(err: AllegedlyError) -> int:
    """The HTTP status an error answers with (4xx: the request; 5xx: this server)."""
    if isinstance(err, WebError):
        return err.status
    return STATUS_OF_CODE.get(err.code, 422 if isinstance(err, InputError) else 500)


class Services:
    """Store readers and the analyser of one app."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._analysis_lock = threading.Lock()
        self._write_lock = threading.Lock()  # one correction (and its re-link) at a time

    @contextmanager
    def reader(self) -> Iterator[StoreReader]:
        """A :class:`StoreReader` over a fresh read-only connection (closed afterwards)."""
        from allegedly.store import open_store

        if not self.config.db_path.exists():
            raise WebError("E602", status=503, detail=str(self.config.db_path))
        try:
            store = open_store(self.config.db_path, readonly=True)
        except StoreError as exc:
            raise WebError("E603", status=503, detail=str(self.config.db_path),
                           reason=str(exc)) from exc
        try:
            yield StoreReader(store)
        finally:
            store.close()

    def article_of(self, req: AnalyzeInput) -> Article:
        """Read the request's article (fetching its URL when no text or HTML is given)."""
        from allegedly.ingest import article_from_bytes, article_from_html, article_from_text

        settings = self.config.settings
        meta: dict[str, Any] = {"url": req.url, "outlet": req.outlet, "title": req.title,
                                "published": req.published}
        given = [x for x in (req.text, req.html) if x is not None]
        if len(given) > 1:
            raise WebError("E605", status=422, detail="give either text or html, not both")
        if req.text is not None:
            return article_from_text(req.text, origin=req.origin, settings=settings, **meta)
        if req.html is not None:
            return article_from_html(req.html, origin=req.origin, settings=settings, **meta)
        if not req.url:
            raise WebError("E605", status=422, detail="give text, html or url")
        from allegedly.ingest.fetch import fetch

        data, info = fetch(req.url, settings=settings, allow_private=self.config.allow_private)
        meta["url"] = info["url"]
        return article_from_bytes(data, origin=req.url, settings=settings,
                                  encoding=info["encoding"], input_format="url", **meta)

    def analyze(self, req: AnalyzeInput) -> ArticleAnalysis:
        """Read and analyse one article (not stored). Raises AllegedlyError with a code."""
        from allegedly.nlp.pipeline import get_analyzer

        article = self.article_of(req)
        with self._analysis_lock:
            try:
                return get_analyzer(self.config.settings).analyze(article)
            except AllegedlyError:
                raise
            except Exception as exc:  # one bad article never takes the server down
                raise AllegedlyError("E202", origin=req.origin, detail=repr(exc)[:200]) \
                    from exc

    def decide(self, group_id: str, member_id: str, decision: str, by: str | None,
               why: str | None) -> dict[str, Any]:
        """Record a person's decision about a group member in the corrections layer and
        re-link (incrementally), as ``allegedly confirm|reject`` does. Returns
        ``{"correction", "decision", "member", "group"}`` (the member after the re-link).

        404 (E606/E502) for an unknown group or a member of another group, 409 (E609) when
        the member's latest decision already says the same, 503 (E503) on an unlinked store.
        """
        from allegedly.corpus import views
        from allegedly.corpus.pipeline import run_link
        from allegedly.store import links as store_links

        with self._write_lock, self._writer() as store:
            views.require_linked(store)
            if not store.query("SELECT 1 FROM claim_groups WHERE id = ?", (group_id,)):
                raise WebError("E606", status=404, detail=f"group {group_id}")
            row = store_links.member(store, member_id)
            if row is None or row["group_id"] != group_id:
                raise WebError("E502", status=404, detail=f"{member_id} in group {group_id}")
            last = store.query("SELECT decision, by, time FROM corrections WHERE member_id = ?"
                               " ORDER BY time DESC, id DESC LIMIT 1", (member_id,))
            if last and last[0]["decision"] == decision:
                raise WebError("E609", status=409, detail=member_id,
                               decided=f"{decision}ed",
                               by=f"{last[0]['by'] or 'someone'}, {last[0]['time']}")
            cid = store_links.add_correction(store, row, decision, by, why)
            run_link(store, self.config.settings, incremental=True)
            after = store_links.member(store, member_id)
        return {"correction": cid, "decision": decision, "by": by, "why": why,
                "member": member_id, "group": after["group_id"] if after else None,
                "status": after["status"] if after else None}

    @contextmanager
    def _writer(self) -> Iterator[Any]:
        from allegedly.store import open_store

        if not self.config.db_path.exists():
            raise WebError("E602", status=503, detail=str(self.config.db_path))
        store = open_store(self.config.db_path)
        try:
            yield store
        finally:
            store.close()

    def warm_up(self) -> None:
        """Load the spaCy pipeline now, so the first analysis does not wait for it."""
        from allegedly.nlp.pipeline import get_analyzer

        with self._analysis_lock:
            _ = get_analyzer(self.config.settings).nlp


__all__ = ["AnalyzeInput", "Services", "status_for"]
