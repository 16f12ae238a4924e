"""Corpus commands: ``allegedly ingest``, ``allegedly report``, ``allegedly export``.

Exit codes of ``ingest``: 0 = something was ingested (errors may exist; they are reported),
1 = nothing could be ingested, 2 = usage error (click's convention). See docs/store.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from allegedly.errors import AllegedlyError
from allegedly.ingest.sources import FORMATS as INPUT_FORMATS

_READER_OPTIONS = ("fmt", "text_field", "html_field", "url_field", "date_field",
                   "outlet_field", "title_field")


def estimate_total(inputs: list[str]) -> int | None:
    """The number of articles to read when every input is a one-article file (else None,
    e.g. for feeds, WARC, JSONL/CSV, URLs or standard input)."""
    from allegedly.ingest.sources import DIR_EXTENSIONS, format_from_name

    def readable(f: Path) -> bool:
        low = f.name.lower()
        base = low[:-3] if low.endswith(".gz") else low
        return not f.name.startswith(".") and base.endswith(DIR_EXTENSIONS)

    n = 0
    for name in inputs:
        p = Path(name)
        if name == "-" or "://" in name or not p.exists():
            return None
        files = [f for f in sorted(p.rglob("*")) if f.is_file() and readable(f)] \
            if p.is_dir() else [p]
        if any(format_from_name(str(f)) not in (None, "html", "text") for f in files):
            return None
        n += len(files)
    return n


def _settings(ctx: click.Context) -> Any:
    from allegedly.settings import load_settings

    obj = ctx.find_root().obj
    if obj is not None and hasattr(obj, "store_batch"):
        return obj
    if isinstance(obj, dict) and "settings" in obj:
        return obj["settings"]
    return load_settings()


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--db", "db_path", default="allegedly.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite store to create or extend.")
@click.option("--format", "fmt", default=None, type=click.Choice(INPUT_FORMATS),
              help="Input format (default: detected from the name or content).")
@click.option("--text-field", default=None, help="JSONL/CSV field holding the article text.")
@click.option("--html-field", default=None, help="JSONL/CSV field holding the page HTML.")
@click.option("--url-field", default=None, help="JSONL/CSV field holding the URL.")
@click.option("--date-field", default=None, help="JSONL/CSV field holding the publication date.")
@click.option("--outlet-field", default=None, help="JSONL/CSV field holding the outlet name.")
@click.option("--title-field", default=None, help="JSONL/CSV field holding the title.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private/loopback URLs.")
@click.option("--language", default=None, metavar="CODE",
              help="The inputs' language (e.g. en), instead of their tags or detection.")
@click.option("--jobs", "-j", default=None, type=click.IntRange(1, 256),
              help="Worker processes (local engine) or LocalCluster workers (dask).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where the analysis runs.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Use an existing Dask scheduler (implies --engine dask).")
@click.option("--parquet", "parquet_dir", default=None, type=click.Path(file_okay=False),
              help="Dask: keep the Parquet dataset of the run in DIR.")
@click.option("--resume", is_flag=True,
              help="Continue the last unfinished run (reuses its inputs if none given).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], db_path: str, fmt: str | None,
           text_field: str | None, html_field: str | None, url_field: str | None,
           date_field: str | None, outlet_field: str | None, title_field: str | None,
           allow_private: bool, language: str | None, jobs: int | None, engine: str,
           scheduler: str | None, parquet_dir: str | None, resume: bool, quiet: bool) -> None:
    """Read, analyse and store a corpus: files, directories, URLs, feeds, WARC, JSONL/CSV, or -
    for standard input. Re-running is idempotent; --resume continues a killed run."""
    from allegedly.scale.local import WorkerLost
    from allegedly.scale.run import ingest as run_ingest
    from allegedly.store import open_store

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if scheduler:
        engine = "dask"
    if parquet_dir and engine != "dask":
        raise click.UsageError("--parquet needs --engine dask (or --scheduler).")
    if not inputs and not resume:
        raise click.UsageError("Give at least one INPUT (a file, directory, URL or -), "
                               "or --resume.")
    settings = _settings(ctx)
    jobs = jobs or settings.jobs
    given = dict(fmt=fmt, text_field=text_field, html_field=html_field, url_field=url_field,
                 date_field=date_field, outlet_field=outlet_field, title_field=title_field,
                 language=language)
    reader_options: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if allow_private:
        reader_options["allow_private"] = True
    if "-" in inputs:
        reader_options["stdin"] = sys.stdin.buffer

    def on_error(f: Any) -> None:
        msg = f.message if f.origin and f.message.startswith(str(f.origin)) \
            else f"{f.origin or '-'}: {f.code} {f.message}"
        kind = "[yellow]warning[/yellow]" if f.code.startswith("W") else "[red]error[/red]"
        err.print(f"{kind} {msg}", markup=True, highlight=False)

    try:
        store = open_store(db_path)
    except AllegedlyError as exc:
        err.print(str(exc), markup=False)
        ctx.exit(1)
    if resume and not inputs and store.unfinished_run() is None:
        store.close()
        raise click.UsageError(f"--resume: {db_path} has no unfinished run; give INPUT to "
                               "start one (already stored inputs are skipped anyway).")
    total = estimate_total(list(inputs))
    bar = _progress_bar(err, quiet)
    task = bar.add_task("ingest", total=total, speed="0.0", errors=0)

    def on_progress(p: Any) -> None:
        done = p.finished + p.already_stored
        speed = (p.analysed + p.not_analysed) / p.seconds if p.seconds else 0.0
        bar.update(task, completed=done, speed=f"{speed:.1f}", errors=p.errors)

    try:
        with bar:
            result = run_ingest(list(inputs), store, settings=settings, engine=engine,
                                jobs=jobs, scheduler=scheduler, parquet_dir=parquet_dir,
                                resume=resume, reader_options=reader_options,
                                on_error=on_error, on_progress=on_progress)
    except (AllegedlyError, WorkerLost) as exc:
        err.print(str(exc), markup=False)
        ctx.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: finished batches are stored; continue with --resume")
        ctx.exit(130)
    finally:
        store.close()
    p, run = result.progress, result.run
    if not quiet:
        err.print(
            f"{'resumed' if result.resumed else 'run'} {result.run_id} -> {db_path}: "
            f"read {p.read}, analysed {p.analysed}, not analysed {p.not_analysed}, "
            f"copies {p.duplicates}, already stored {p.already_stored}, errors {p.errors} "
            f"in {p.seconds:.1f} s "
            f"({(p.analysed + p.not_analysed) / max(p.seconds, 1e-9):.2f} articles/s); "
            f"run totals: {run['articles_analysed']} analysed, {run['duplicates']} copies, "
            f"{run['errors']} errors", markup=False)
        if p.warnings:
            err.print(_warning_counts(p.warnings), markup=False)
    if result.ingested == 0 and p.already_stored == 0:
        err.print("nothing could be ingested", markup=False)
        ctx.exit(1)
    if settings.link_after_ingest and result.ingested:
        _link_after_ingest(db_path, settings, err, quiet)


def _progress_bar(console: Console, quiet: bool) -> Any:
    """The ingest progress bar (rich.progress is imported here: ``--help`` stays fast)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[speed]} articles/s"),
                    TextColumn("errors {task.fields[errors]}"), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=console, disable=quiet, transient=False)


def _warning_counts(counts: dict[str, int]) -> str:
    """``warnings: W301 ×1 truncated archive; W401 ×2 … (per item: …)``."""
    from allegedly.errors import title

    listed = "; ".join(f"{code} ×{n} {title(code)}" for code, n in sorted(counts.items()))
    return f"warnings: {listed} (per item: articles.warnings, the errors table)"


@click.command("report")
@click.option("--db", "db_path", default="allegedly.db", show_default=True,
              type=click.Path(dir_okay=False), help="The store to report on.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--limit", default=15, show_default=True, type=click.IntRange(1),
              help="Rows per section.")
def report(db_path: str, fmt: str, limit: int) -> None:
    """Corpus report: totals, top sources, most-cited outlets, figure conflicts, copies,
    errors."""
    from allegedly.corpus.report import corpus_report
    from allegedly.report.corpus import render_report
    from allegedly.store import open_store

    try:
        store = open_store(db_path, readonly=True)
    except AllegedlyError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        data = corpus_report(store, limit)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        render_report(data, Console(highlight=False))


def _export_claimreview(db_path: str, output: str | None) -> None:
    from allegedly.corpus.claimreview import iter_claimreviews
    from allegedly.store import open_store

    try:
        with open_store(db_path, readonly=True) as store:
            lines = [json.dumps(r, ensure_ascii=False) for r in iter_claimreviews(store)]
    except AllegedlyError as exc:
        raise click.ClickException(str(exc)) from exc
    text = "".join(line + "\n" for line in lines)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{len(lines)} ClaimReview drafts -> {output}", err=True)
    else:
        click.echo(text, nl=False)


def _link_after_ingest(db_path: str, settings: Any, err: Console, quiet: bool) -> None:
    """Link the new articles (incremental) once the ingest is stored."""
    from allegedly.corpus.pipeline import run_link
    from allegedly.store import open_store

    with open_store(db_path) as store:
        r = run_link(store, settings, incremental=True)
    if not quiet:
        err.print(f"linked (run {r.run_id}, incremental): {r.stats.links} new links, "
                  f"{r.groups} claim groups, {r.comparisons} figure comparisons, "
                  f"{r.copies} articles in copy clusters; see `allegedly groups --db "
                  f"{db_path}`", markup=False)


@click.command("export")
@click.option("--db", "db_path", default="allegedly.db", show_default=True,
              type=click.Path(dir_okay=False), help="The store to export from.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "claimreview"]),
              default="jsonl", show_default=True,
              help="claimreview: schema.org ClaimReview JSON-LD drafts, one line per claim "
                   "group (after `allegedly link`).")
@click.option("--table", default=None, help="Export one table (default: every table).")
@click.option("--claims", is_flag=True,
              help="Export the joined claims view (claim, chain, stance, sources, figures, "
                   "article outlet/url/published).")
@click.option("-o", "--output", default=None, type=click.Path(),
              help="Output file (one table / --claims; stdout if omitted for jsonl/csv) or "
                   "directory (all tables).")
@click.option("--datasette-metadata", "metadata_path", default=None, type=click.Path(),
              help="Write Datasette metadata for the store to PATH ('-' = stdout) and exit.")
def export(db_path: str, fmt: str, table: str | None, claims: bool, output: str | None,
           metadata_path: str | None) -> None:
    """Export the store as JSONL, CSV or Parquet, or write Datasette metadata."""
    from allegedly.store import open_store
    from allegedly.store.datasette import datasette_metadata
    from allegedly.store.export import export_all, export_claims, export_table

    if metadata_path:
        text = json.dumps(datasette_metadata(Path(db_path).stem), indent=2)
        if metadata_path == "-":
            click.echo(text)
        else:
            Path(metadata_path).write_text(text + "\n", encoding="utf-8")
        return
    if table and claims:
        raise click.UsageError("Use --table NAME or --claims, not both.")
    if fmt == "claimreview":
        _export_claimreview(db_path, output)
        return
    try:
        store = open_store(db_path, readonly=True)
    except AllegedlyError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        if table and table not in store.tables():
            raise click.UsageError(f"No table {table!r}; tables: {', '.join(store.tables())}")
        if not table and not claims:
            if not output:
                raise click.UsageError("Exporting every table needs -o DIR "
                                       "(or pick one with --table / --claims).")
            counts = export_all(store, fmt, output)
            click.echo(", ".join(f"{t}: {n}" for t, n in counts.items()), err=True)
            return
        if fmt == "parquet" and not output:
            raise click.UsageError("Parquet needs -o FILE.")
        out: Any = output or sys.stdout
        n = export_claims(store, fmt, out) if claims else export_table(store, table, fmt, out)
        if output:
            click.echo(f"{n} rows -> {output}", err=True)
