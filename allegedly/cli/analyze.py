"""``allegedly analyze``: explain who says what in one or more articles."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import click

from allegedly.errors import AllegedlyError
from allegedly.model import Article, ArticleAnalysis


def _override(article: Article, published, outlet, url, title) -> Article:
    changes = {k: v for k, v in (("published", published), ("outlet", outlet), ("url", url),
                                 ("title", title)) if v is not None}
    return dataclasses.replace(article, **changes) if changes else article


def echo_error(err: AllegedlyError | Exception, origin: str | None = None) -> None:
    """One line on stderr: ``allegedly: <origin>: <code> <message>``."""
    text = str(err) if isinstance(err, AllegedlyError) else f"{origin or '?'}: {err}"
    click.echo(f"allegedly: {' '.join(text.split())}", err=True)


def window_progress() -> Callable[[Any], None]:
    """Report each parsed window of a long article on stderr (``WindowProgress`` events):
    one line per window, or one line rewritten in place on a terminal."""
    started: dict[str | None, float] = {}
    tty = sys.stderr.isatty()

    def report(p: Any) -> None:
        t0 = started.setdefault(p.origin, time.monotonic())
        if p.done == 0:  # its parsing starts
            started[p.origin] = t0 = time.monotonic()
            return
        spent = time.monotonic() - t0
        left = spent * (p.chars_total - p.chars_done) / max(p.chars_done, 1)
        line = (f"allegedly: {p.origin or '-'}: window {p.done}/{p.total} "
                f"({100 * p.chars_done / max(p.chars_total, 1):.0f}%), {spent:.0f} s, "
                f"~{left:.0f} s left")
        last = p.done == p.total
        click.echo(("\r" + line) if tty else line, err=True, nl=last or not tty)

    return report


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="Terminal report, one JSON document (a list when several "
              "articles), or one JSON object per line.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD): anchors 'last week', 'in early March'.")
@click.option("--outlet", default=None, help="The publishing outlet (outer hop of every chain).")
@click.option("--url", default=None, help="The article's URL.")
@click.option("--title", default=None, help="The article's title.")
@click.option("--input-format", "input_format", default=None,
              type=click.Choice(["text", "html", "warc", "feed", "jsonl", "csv", "urls"]),
              help="Force the input format instead of sniffing it.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private/loopback addresses.")
@click.option("--no-fetch-links", is_flag=True,
              help="Feeds: use only the text inside items; do not fetch item links.")
@click.option("--no-prepass", is_flag=True,
              help="Parse every paragraph (slower; the pre-pass only skips paragraphs with no "
                   "cue, quote, number or hedge).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout.")
def analyze(inputs, fmt, published, outlet, url, title, input_format, allow_private,
            no_fetch_links, no_prepass, output) -> None:
    """Analyse articles: files, globs, directories, URLs or - (stdin); text or HTML.

    Every claim is reported with its attribution chain (publisher ← … ← source), stance,
    hedges and figures, with character offsets into the article text. Bad inputs are reported
    one line each on stderr; the exit code is 1 only if no article could be analysed.
    """
    from allegedly.ingest import iter_articles
    from allegedly.nlp.pipeline import get_analyzer
    from allegedly.settings import load_settings

    settings = load_settings()
    if no_prepass:
        settings = settings.with_(prepass=False)
    if allow_private:
        settings = settings.with_(allow_private=True)
    published = published.date() if published else None

    def articles() -> Iterator[Article]:
        for item in iter_articles(inputs, settings=settings, fmt=input_format,
                                  allow_private=allow_private, fetch_links=not no_fetch_links):
            if isinstance(item, AllegedlyError):
                echo_error(item)
                continue
            yield _override(item, published, outlet, url, title)

    analyzer = get_analyzer(settings)
    results: list[ArticleAnalysis] = []
    written = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for res in analyzer.analyze_articles(articles(), on_progress=window_progress()):
            if isinstance(res, AllegedlyError):
                echo_error(res)
                continue
            if fmt == "jsonl":  # streamed: nothing is kept
                out.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
                written += 1
            else:
                results.append(res)
        if fmt == "json":
            payload = results[0].to_dict() if len(results) == 1 else [r.to_dict()
                                                                      for r in results]
            json.dump(payload, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "text":
            from rich.console import Console

            from allegedly.report.terminal import render_many

            render_many(results, Console(file=out) if output else None)
    finally:
        if output:
            out.close()
    if not results and not written:
        raise SystemExit(1)
