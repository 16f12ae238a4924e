"""``allegedly analyze``: explain who says what in one or more articles."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import click

from allegedly.errors import AllegedlyError, title
from allegedly.model import AnalysisWarning, Article, ArticleAnalysis


def _override(article: Article, published, outlet, url, title) -> Article:
    changes = {k: v for k, v in (("published", published), ("outlet", outlet), ("url", url),
                                 ("title", title)) if v is not None}
    return dataclasses.replace(article, **changes) if changes else article


def echo_error(err: AllegedlyError | Exception, origin: str | None = None) -> None:
    """One line on stderr: ``allegedly: <origin>: <code> <message>``."""
    text = str(err) if isinstance(err, AllegedlyError) else f"{origin or '?'}: {err}"
    click.echo(f"allegedly: {' '.join(text.split())}", err=True)


def article_warnings(result: ArticleAnalysis) -> list[AnalysisWarning]:
    """The warnings about the article as a whole (how it was read, why it was not analysed),
    as opposed to warnings on a figure or quote inside it."""
    own = list(result.article.ingest_warnings)
    if result.meta.get("analysed") is False:
        own += [w for w in result.warnings if w not in own]
    return own


def echo_warnings(result: ArticleAnalysis) -> None:
    """One stderr line per article-level warning: ``allegedly: <origin>: <code> <message>``."""
    origin = result.article.origin or "-"
    for w in article_warnings(result):
        click.echo(f"allegedly: {origin}: {w.code} {' '.join(w.message.split())}", err=True)


class Tally:
    """What happened to the inputs of one run, for the closing summary line."""

    def __init__(self) -> None:
        self.analysed = self.not_analysed = self.errors = 0
        self.codes: Counter[str] = Counter()

    def add(self, item: ArticleAnalysis | AllegedlyError) -> None:
        if isinstance(item, AllegedlyError):
            if item.code.startswith("W"):
                self.codes[item.code] += 1
            else:
                self.errors += 1
            return
        if item.meta.get("analysed") is False:
            self.not_analysed += 1
        else:
            self.analysed += 1
        self.codes.update(w.code for w in article_warnings(item) if w.code.startswith("W"))

    def line(self) -> str | None:
        """``"2 analysed, 1 not analysed, 1 error; warnings: W401 ×1"``, or None when there is
        nothing to say beyond one cleanly analysed article."""
        if not (self.not_analysed or self.errors or self.codes) and self.analysed <= 1:
            return None
        parts = [f"{self.analysed} analysed"]
        if self.not_analysed:
            parts.append(f"{self.not_analysed} not analysed")
        if self.errors:
            parts.append(f"{self.errors} error{'s' if self.errors != 1 else ''}")
        text = ", ".join(parts)
        if self.codes:
            text += "; warnings: " + "; ".join(f"{c} ×{n} {title(c)}"
                                               for c, n in sorted(self.codes.items()))
        return text


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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "html"]),
              default="text", show_default=True, help="Terminal report, one JSON list of "
              "article objects (one object with --single), one JSON object per line, or one "
              "self-contained offline HTML page (the web app's article view).")
@click.option("--single", is_flag=True,
              help="JSON: print the one article's object, not a list (an error if the input "
                   "holds more than one article).")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD): anchors 'last week', 'in early March'.")
@click.option("--outlet", default=None, help="The publishing outlet (outer hop of every chain).")
@click.option("--url", default=None, help="The article's URL.")
@click.option("--title", default=None, help="The article's title.")
@click.option("--language", default=None, metavar="CODE",
              help="The inputs' language (e.g. en), instead of their tags or detection; only "
                   "English is analysed.")
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
def analyze(inputs, fmt, single, published, outlet, url, title, language, input_format,
            allow_private, no_fetch_links, no_prepass, output) -> None:
    """Analyse articles: files, globs, directories, URLs or - (stdin); text or HTML.

    Every claim is reported with its attribution chain (publisher ← … ← source), stance,
    hedges and figures, with character offsets into the article text. Bad inputs and warnings
    (a feed item read from its summary, a truncated archive, a language other than English,
    suspected clutter) are reported one line each on stderr, with a summary line at the end;
    the exit code is 1 only if no article could be analysed.
    """
    from allegedly.settings import load_settings

    if single and fmt != "json":
        raise click.UsageError("--single goes with --format json.")
    if single and len(inputs) > 1:
        raise click.UsageError(f"--single takes one INPUT, not {len(inputs)}.")
    settings = load_settings()
    if no_prepass:
        settings = settings.with_(prepass=False)
    if allow_private:
        settings = settings.with_(allow_private=True)
    reader = {"settings": settings, "fmt": input_format, "allow_private": allow_private,
              "fetch_links": not no_fetch_links, "language": language}
    meta = (published.date() if published else None, outlet, url, title)
    tally = Tally()
    with _opened(output) as out:
        results = _run(inputs, reader, meta, tally, out if fmt == "jsonl" else None)
        _write(results, fmt, single, out, to_file=bool(output))
    summary = tally.line()
    if summary:
        click.echo(f"allegedly: summary: {summary}", err=True)
    if not tally.analysed:
        raise SystemExit(1)


def _run(inputs: Iterable[str], reader: dict[str, Any], meta: tuple, tally: Tally,
         jsonl: IO[str] | None) -> list[ArticleAnalysis]:
    """Read and analyse every input; report problems on stderr as they happen."""
    from allegedly.ingest import iter_articles
    from allegedly.nlp.pipeline import get_analyzer

    def articles() -> Iterator[Article]:
        for item in iter_articles(inputs, **reader):
            if isinstance(item, AllegedlyError):
                echo_error(item)
                tally.add(item)
                continue
            yield _override(item, *meta)

    results: list[ArticleAnalysis] = []
    for res in get_analyzer(reader["settings"]).analyze_articles(
            articles(), on_progress=window_progress()):
        tally.add(res)
        if isinstance(res, AllegedlyError):
            echo_error(res)
            continue
        echo_warnings(res)
        if jsonl is not None:  # streamed: nothing is kept
            jsonl.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
            jsonl.flush()
        else:
            results.append(res)
    return results


def _write(results: list[ArticleAnalysis], fmt: str, single: bool, out: IO[str],
           to_file: bool) -> None:
    if fmt == "json":
        if single and len(results) > 1:
            raise click.UsageError(f"--single: the input holds {len(results)} articles; "
                                   "drop --single to get them as a list.")
        if single and not results:
            return
        payload: Any = results[0].to_dict() if single else [r.to_dict() for r in results]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "html":
        from allegedly.report.html import standalone_html

        out.write("\n".join(standalone_html(r) for r in results))
    elif fmt == "text":
        from rich.console import Console

        from allegedly.report.terminal import render_many

        render_many(results, Console(file=out) if to_file else None)


def _opened(path: str | None) -> contextlib.AbstractContextManager[IO[str]]:
    """``-o FILE`` opened for writing, or stdout (left open)."""
    if path:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 - a context manager
    return contextlib.nullcontext(sys.stdout)
