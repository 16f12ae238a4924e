"""Corpus linking commands: ``allegedly link``, ``allegedly confirm ID``, ``allegedly reject ID``.

Cheap to import: the corpus layer is imported inside the commands.
"""

from __future__ import annotations

import click

from allegedly.errors import AllegedlyError

DB_OPTION = click.option("--db", "db_path", default="allegedly.db", show_default=True,
                         type=click.Path(dir_okay=False), help="The corpus store.")


def _open(db_path: str, readonly: bool = False):
    from allegedly.store import open_store

    try:
        return open_store(db_path, readonly=readonly)
    except AllegedlyError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("link")
@DB_OPTION
@click.option("--incremental", is_flag=True,
              help="Only score pairs with a claim of an article not linked before.")
@click.option("--embedding/--no-embedding", default=None,
              help="Add the sentence embedding to the score (needs allegedly[embed]); "
                   "default: the link_embedding setting.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="dask: one task per time partition on worker processes.")
@click.option("--jobs", "-j", default=2, show_default=True, type=click.IntRange(1, 256),
              help="Dask worker processes.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Use an existing Dask scheduler (implies --engine dask).")
@click.pass_context
def link(ctx: click.Context, db_path: str, incremental: bool, embedding: bool | None,
         engine: str, jobs: int, scheduler: str | None) -> None:
    """Link the store's claims into claim groups, compare their figures, trace origins and
    find copies (writes the corpus tables; people's corrections are kept and applied)."""
    from allegedly.cli.corpus import _settings
    from allegedly.corpus.pipeline import run_link

    settings = _settings(ctx)
    if embedding is not None:
        settings = settings.with_(link_embedding=embedding)
    store = _open(db_path)
    try:
        with store:
            r = run_link(store, settings, incremental=incremental,
                         engine="dask" if scheduler else engine, jobs=jobs,
                         scheduler=scheduler)
    except (AllegedlyError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    s = r.stats
    click.echo(f"link run {r.run_id} ({r.mode}) -> {db_path}: {s.claims} claims, "
               f"{s.linkable} linkable, {s.candidates} candidate pairs, {s.links} links; "
               f"{r.groups} groups, {r.comparisons} figure comparisons, {r.copies} articles in "
               f"copy clusters in {r.seconds:.1f} s"
               + (f"; embedding {r.embedding}" if r.embedding else ""), err=True)


def _decide(ctx: click.Context, db_path: str, member_id: str, decision: str, by: str | None,
            why: str | None) -> None:
    from allegedly.cli.corpus import _settings
    from allegedly.corpus.pipeline import run_link
    from allegedly.store import links as store_links

    store = _open(db_path)
    with store:
        if "group_members" not in store.tables():
            raise click.ClickException(str(AllegedlyError("E503", detail=db_path)))
        row = store_links.member(store, member_id)
        if row is None:
            raise click.ClickException(str(AllegedlyError("E502", detail=member_id)))
        cid = store_links.add_correction(store, row, decision, by, why)
        run_link(store, _settings(ctx), incremental=True)
    click.echo(f"correction {cid}: {decision} {member_id} ({row['article_id']}/"
               f"{row['claim_id']} in group {row['group_id']})"
               + (f" by {by}" if by else "") + "; groups rebuilt", err=True)


_BY = click.option("--by", default=None, help="Who decides (kept with the decision).")
_WHY = click.option("--why", default=None, help="Why (kept with the decision).")


@click.command("confirm")
@click.argument("member_id")
@DB_OPTION
@_BY
@_WHY
@click.pass_context
def confirm(ctx: click.Context, member_id: str, db_path: str, by: str | None,
            why: str | None) -> None:
    """Confirm that group member ID (from `allegedly groups`) states the group's claim. Every
    later link run keeps it in that group."""
    _decide(ctx, db_path, member_id, "confirm", by, why)


@click.command("reject")
@click.argument("member_id")
@DB_OPTION
@_BY
@_WHY
@click.pass_context
def reject(ctx: click.Context, member_id: str, db_path: str, by: str | None,
           why: str | None) -> None:
    """Reject group member ID: it does not state the group's claim. Every later link run keeps
    it out of that group (listed there as rejected)."""
    _decide(ctx, db_path, member_id, "reject", by, why)
