"""``allegedly serve``: the local web app and REST API over a store (FastAPI + uvicorn).

Cheap to import: FastAPI, uvicorn and the app are imported inside the command.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from pathlib import Path

import click

from allegedly.errors import StoreError, WebError

WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one); WebError E601 if taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = "the port is already in use" if exc.errno == errno.EADDRINUSE else str(exc)
        raise WebError("E601", detail=f"{host}:{port}", reason=reason) from None
    return sock


def check_store(path: Path) -> int:
    """The number of articles in the store at ``path``; WebError E602 (missing) or E603
    (not an allegedly store / unreadable / newer schema)."""
    from allegedly.store import open_store

    if not path.exists():
        raise WebError("E602", detail=str(path))
    try:
        with open_store(path, readonly=True) as store:
            if "articles" not in store.db.table_names():
                raise WebError("E603", detail=str(path), reason="it has no articles table")
            return store.count("articles")
    except (StoreError, sqlite3.DatabaseError) as exc:
        reason = exc.args[0] if isinstance(exc, StoreError) else str(exc)
        raise WebError("E603", detail=str(path), reason=reason) from None


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


@click.command("serve")
@click.option("--db", "db_path", default="allegedly.db", show_default=True,
              type=click.Path(dir_okay=False), help="The store to serve (read-only but for confirm/reject decisions).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Loopback by default; 0.0.0.0 exposes the server to "
                   "your network (it has no login).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 picks a free one; the start-up line says which).")
@click.option("--allow-private", is_flag=True,
              help="Let POST /api/analyze and /analyze fetch URLs on private and loopback "
                   "addresses (refused by default).")
@click.option("--max-body", "max_body", default=5_000_000, show_default=True,
              type=click.IntRange(1_000), help="Largest request body in bytes (else 413).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another Host name to answer to (besides localhost and --host), e.g. a "
                   "reverse proxy's. Repeatable.")
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
def serve(db_path: str, host: str, port: int, allow_private: bool, max_body: int,
          allowed_hosts: tuple[str, ...], access_log: bool) -> None:
    """Serve the web app and REST API over the store DB on http://HOST:PORT/.

    Pages: / (overview, search), /articles/ID (the article with its claims highlighted),
    /analyze (paste an article), /sources, /figures, /groups (claim groups, provenance graphs,
    confirm/reject), /conflicts; the API is under /api (OpenAPI at /openapi.json, docs at
    /docs). The store is only read, except for the confirm/reject decisions made on /groups
    pages (written to the corrections layer, as `allegedly confirm|reject` does).
    """
    try:
        path = Path(db_path)
        n_articles = check_store(path)
        sock = bind(host, port)
    except WebError as err:
        click.echo(f"allegedly: {err}", err=True)
        raise SystemExit(2) from None
    _run(sock, path, n_articles, host=host, allow_private=allow_private, max_body=max_body,
         allowed_hosts=allowed_hosts, access_log=access_log)


def _run(sock: socket.socket, path: Path, n_articles: int, *, host: str, allow_private: bool,
         max_body: int, allowed_hosts: tuple[str, ...], access_log: bool) -> None:
    import uvicorn

    from allegedly.settings import load_settings
    from allegedly.web.app import create_app
    from allegedly.web.config import ServerConfig

    hosts = ("*",) if host in WILDCARD_HOSTS else (host, *allowed_hosts)
    config = ServerConfig(db_path=path.resolve(), settings=load_settings(),
                          max_body_bytes=max_body, allow_private=allow_private,
                          allowed_hosts=hosts)
    app = create_app(config)
    url = url_of(sock)
    click.echo(f"allegedly serve: {path} ({n_articles} articles) at {url}  (API docs: "
               f"{url}docs; Ctrl+C stops)", err=True)
    if host in WILDCARD_HOSTS:
        click.echo("allegedly serve: listening on every interface: anyone on your network "
                   "can read this store", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=access_log,
                                           server_header=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
