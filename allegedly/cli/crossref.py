"""Cross-article views: ``allegedly groups``, ``conflicts``, ``figures KEY``, ``copies``,
``graph``. Each prints a table on a terminal and JSON Lines otherwise (``--format``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from allegedly.cli.link import DB_OPTION, _open
from allegedly.errors import AllegedlyError

KINDS = ("consistent", "update", "revision", "scope", "conflict")


def _format_option(f: Callable) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default=None,
                        help="table (default on a terminal) or jsonl (default otherwise).")(f)


def _emit(rows: Iterable[dict[str, Any]], fmt: str | None,
          render: Callable[[list[dict[str, Any]], Any], None]) -> None:
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    try:
        if fmt == "jsonl":
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
            return
        from rich.console import Console

        render(list(rows), Console(highlight=False))
    except AllegedlyError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("groups")
@DB_OPTION
@_format_option
@click.option("--min-reports", default=2, show_default=True, type=click.IntRange(1),
              help="Only groups reported by at least this many articles.")
@click.option("--one-origin", is_flag=True, help="Only groups of N reports with 1 origin.")
@click.option("--limit", default=None, type=click.IntRange(1), help="At most this many.")
def groups(db_path: str, fmt: str | None, min_reports: int, one_origin: bool,
           limit: int | None) -> None:
    """Claim groups: statements of the same claim across articles, their members (with ids
    for confirm/reject), origins and independent-origin count."""
    from allegedly.corpus.views import iter_groups
    from allegedly.report.corpus import render_groups

    with _open(db_path, readonly=True) as store:
        _emit(iter_groups(store, min_reports=min_reports, one_origin=one_origin, limit=limit),
              fmt, render_groups)


@click.command("conflicts")
@DB_OPTION
@_format_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only these kinds (repeatable; default: every kind).")
@click.option("--group", default=None, help="Only this claim group.")
def conflicts(db_path: str, fmt: str | None, kinds: tuple[str, ...], group: str | None
              ) -> None:
    """Classified figure comparisons within claim groups: consistent, update, revision,
    scope or conflict, with both figures and a one-line reason."""
    from allegedly.corpus.views import iter_comparisons
    from allegedly.report.corpus import render_comparisons

    with _open(db_path, readonly=True) as store:
        _emit(iter_comparisons(store, kinds=kinds, group=group), fmt, render_comparisons)


@click.command("figures")
@click.argument("key")
@DB_OPTION
@_format_option
def figures(key: str, db_path: str, fmt: str | None) -> None:
    """The timeline of one figure KEY (e.g. people|fatal, as in `allegedly conflicts`, or a
    figures.figure_key) by as-of time and source."""
    from allegedly.corpus.views import figure_timeline
    from allegedly.report.corpus import render_timeline

    with _open(db_path, readonly=True) as store:
        _emit(figure_timeline(store, key), fmt, lambda rows, c: render_timeline(key, rows, c))


@click.command("copies")
@DB_OPTION
@_format_option
def copies(db_path: str, fmt: str | None) -> None:
    """Exact copies, near-duplicates and wire reprints, each cluster with its first
    publisher."""
    from allegedly.corpus.views import iter_copies
    from allegedly.report.corpus import render_copies

    with _open(db_path, readonly=True) as store:
        _emit(iter_copies(store), fmt, render_copies)


@click.command("graph")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "json"]),
              default="gexf", show_default=True, help="gexf (Gephi), graphml or json "
              "(networkx node-link).")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(),
              help="Output file ('-' = stdout).")
def graph(db_path: str, fmt: str, output: str) -> None:
    """The source graph: people, organisations, outlets and documents; edges from
    attribution chains, copies (later -> first publisher) and wire credits."""
    from allegedly.corpus.graph import build_graph, write_graph

    with _open(db_path, readonly=True) as store:
        g = build_graph(store)
    write_graph(g, fmt, sys.stdout if output == "-" else output)
    if output != "-":
        click.echo(f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges -> {output}",
                   err=True)
