"""Terminal rendering (rich) of the corpus views: the report of :mod:`allegedly.corpus.report`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _fmt(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def render_report(report: dict[str, Any], console: Console) -> None:
    """Print the report as rich tables."""
    t = report["totals"]
    console.print(f"[bold]Corpus[/bold] {report['db']}: {t['articles']} articles "
                  f"({t['analysed']} analysed, {t['not_analysed']} not analysed), "
                  f"{t['copies']} copies, {t['outlets']} outlets, {t['sources']} sources, "
                  f"{t['attributions']} attributions, {t['claims']} claims, "
                  f"{t['figures']} figures, {t['errors']} errors, {t['runs']} runs")

    tab = Table(title="Top sources (by claims)", title_justify="left")
    for col in ("source", "kind", "claims", "articles"):
        tab.add_column(col, justify="right" if col in ("claims", "articles") else "left")
    for r in report["top_sources"]:
        tab.add_row(r["name"], r["kind"], str(r["claims"]), str(r["articles"]))
    console.print(tab)

    tab = Table(title="Most-cited outlets (media cited by other outlets)", title_justify="left")
    for col in ("outlet", "citations", "articles", "cited by"):
        tab.add_column(col, justify="right" if col in ("citations", "articles") else "left")
    for r in report["cited_outlets"]:
        tab.add_row(r["name"], str(r["citations"]), str(r["articles"]), r["cited_by"] or "")
    console.print(tab)

    tab = Table(title="Figure conflicts across articles (same key, different values, "
                "different sources)", title_justify="left", show_lines=True)
    for col in ("key (scope|counted|actor @date)", "value", "source", "outlet / published",
                "evidence"):
        tab.add_column(col)
    for g in report["figure_conflicts"]:
        for i, f in enumerate(g["figures"]):
            tab.add_row(g["key"] if i == 0 else "",
                        f"{f['text']} ({f['measure']})",
                        f"{f['source'] or '(unnamed)'} ({f['source_kind'] or 'publisher'})",
                        f"{f['outlet'] or '?'} {f['published'] or ''}",
                        f"{f['text']!r} @{f['start']}-{f['end']} in {f['article_id']}")
    console.print(tab)

    if report["copies"]:
        tab = Table(title="Copies (same text at several locations)", title_justify="left")
        for col in ("article", "title", "locations", "where"):
            tab.add_column(col)
        for r in report["copies"]:
            tab.add_row(r["id"], r["title"] or "", str(r["locations"]),
                        "; ".join(x["url"] or x["origin"] for x in r["at"]))
        console.print(tab)

    tab = Table(title="Errors by code", title_justify="left")
    for col in ("code", "count", "example"):
        tab.add_column(col)
    for r in report["errors_by_code"]:
        tab.add_row(r["code"], str(r["count"]), r["example_message"] or "")
    for r in report["not_analysed"]:
        tab.add_row(f"{r['code']} (not analysed)", str(r["count"]), "")
    console.print(tab)
