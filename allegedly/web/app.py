"""The FastAPI application: routes, static files, error answers and security layers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from allegedly import __version__
from allegedly.errors import AllegedlyError, WebError, message
from allegedly.web import api, corpus_api, corpus_pages, pages
from allegedly.web.config import ServerConfig
from allegedly.web.security import BodyLimit, HostCheck, SecurityHeaders
from allegedly.web.service import Services, status_for

DESCRIPTION = """Who says so? The analyses of an allegedly store, and analysis on demand.

Articles are the `allegedly/1` contract (the JSON of `allegedly analyze --format json`);
listings are pages of store rows. Errors are `{"error": {"code", "message"}}` with stable codes
(`E6xx` for the server, `E1xx` input, `E4xx` fetching, `E5xx` the corpus layer: `E503` the
store has not been linked). The server only reads the store, except for the confirm/reject
decisions people make about claim-group members (written to the corrections layer)."""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, code: str, text: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": text}}, status_code=status)
    return pages.render(request, "error.html", status=status, code=code, message=text)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AllegedlyError)
    async def coded(request: Request, err: AllegedlyError) -> Response:
        return _error(request, status_for(err), err.code, str(err.args[0]))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: "
            f"{e.get('msg', 'invalid')}" for e in err.errors())
        return _error(request, 422, "E605", message("E605", detail=problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        code = "E606" if err.status_code == 404 else "E605"
        detail = request.url.path if err.status_code == 404 else str(err.detail)
        return _error(request, err.status_code, code, message(code, detail=detail))


def create_app(config: ServerConfig) -> Any:
    """The ASGI application serving ``config.db_path`` (wrapped in the security layers)."""
    app = FastAPI(title="allegedly", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.services = Services(config)
    app.state.config = config
    app.mount("/static/report", StaticFiles(packages=[("allegedly.report", "assets")]),
              name="report-assets")
    app.mount("/static", StaticFiles(packages=[("allegedly.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(corpus_api.router)
    app.include_router(pages.router)
    app.include_router(corpus_pages.router)
    _install_error_handlers(app)
    # on the way in: headers (added to every answer, refusals too), Host check, body limit
    wrapped: Any = BodyLimit(app, config.max_body_bytes)
    wrapped = HostCheck(wrapped, config)
    wrapped = SecurityHeaders(wrapped)
    wrapped.fastapi = app  # tests and the CLI reach the app behind the layers
    return wrapped


__all__ = ["WebError", "create_app"]
