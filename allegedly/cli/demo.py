"""``allegedly demo``: ingest the bundled fictional corpus into a store and print the report."""

from __future__ import annotations

import click


@click.command("demo")
@click.option("--db", "db_path", default="allegedly.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite store to create (or extend).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.pass_context
def demo(ctx: click.Context, db_path: str, jobs: int) -> None:
    """Analyse the bundled demo corpus (fourteen fictional articles from eight fictional
    outlets about one event) into DB, link it, and print the corpus report: sources, outlets
    citing outlets, claim groups with their independent origins, conflicting figures, copies
    and errors. Same as
    `allegedly ingest $(python -c "import allegedly.demo as d; print(d.corpus_path())") --db DB`
    followed by `allegedly report --db DB`; then try `allegedly groups`, `conflicts`,
    `copies`, `figures 'people|fatal'` and `graph` on DB."""
    from allegedly.cli.corpus import ingest, report
    from allegedly.demo import corpus_path

    click.echo(f"allegedly demo: analysing {corpus_path().name} into {db_path}", err=True)
    try:
        ctx.invoke(ingest, inputs=(str(corpus_path()),), db_path=db_path, jobs=jobs)
    except SystemExit as exc:  # ingest exits 0 on success; go on to the report
        if exc.code not in (0, None):
            raise
    ctx.invoke(report, db_path=db_path)
    click.echo(f"next: allegedly groups --db {db_path} | allegedly conflicts --db {db_path} | "
               f"allegedly copies --db {db_path} | allegedly figures 'people|fatal' --db "
               f"{db_path} | allegedly graph --db {db_path} -o sources.gexf", err=True)
