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

    if report.get("linked"):
        _render_linked(report, console)
    else:
        _render_unlinked_conflicts(report, console)
    _render_copies_and_errors(report, console)


def _render_linked(report: dict[str, Any], console: Console) -> None:
    ind = report["independence"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(ind["comparisons"].items())) or "none"
    console.print(f"[bold]Claim groups[/bold]: {ind['groups']} groups over {ind['reports']} "
                  f"reports, {ind['independent_origins']} independent origins; "
                  f"{ind['one_origin_groups']} groups of N reports with 1 origin. "
                  f"Figure comparisons: {kinds}.")
    render_groups([{**g, "members": g["members"][:6]} for g in report["claim_groups"]],
                  console)
    render_comparisons(report["conflicts"], console)


def _render_unlinked_conflicts(report: dict[str, Any], console: Console) -> None:
    console.print("Not linked yet: run `allegedly link` for claim groups, independent "
                  "origins and classified figure comparisons. Meanwhile, figures on one key "
                  "within 7 days:")
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


def _render_copies_and_errors(report: dict[str, Any], console: Console) -> None:
    if report["copies"]:
        tab = Table(title="Copies (same text at several locations)", title_justify="left")
        for col in ("article", "title", "locations", "where"):
            tab.add_column(col)
        for r in report["copies"]:
            tab.add_row(r["id"], r["title"] or "", str(r["locations"]),
                        "; ".join(x["url"] or x["origin"] for x in r["at"]))
        console.print(tab)

    if not report["errors_by_code"] and not report["not_analysed"]:
        console.print("Errors by code: none (every input was read and analysed)")
        return
    tab = Table(title="Errors by code", title_justify="left")
    for col in ("code", "count", "example"):
        tab.add_column(col)
    for r in report["errors_by_code"]:
        tab.add_row(r["code"], str(r["count"]), r["example_message"] or "")
    for r in report["not_analysed"]:
        tab.add_row(f"{r['code']} (not analysed)", str(r["count"]), "")
    console.print(tab)


# ---- corpus views: groups, comparisons, timelines, copies ------------------------------------


def _short(text: str | None, n: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _origins(origins: list[dict[str, Any]]) -> str:
    parts = []
    for o in origins:
        via = ", ".join(o.get("via") or [])
        mark = " (suggested, inherited)" if o.get("inherited") else ""
        parts.append(f"{o['name']} [{o['kind']}]{mark}" + (f" via {via}" if via else ""))
    return "\n".join(parts)


def render_groups(groups: list[dict[str, Any]], console: Console) -> None:
    """Claim groups: the claim, reports, independent origins and every member."""
    tab = Table(title="Claim groups (statements of the same claim across articles)",
                title_justify="left", show_lines=True)
    for col in ("group", "claim", "reports", "independent origins", "members"):
        tab.add_column(col, justify="right" if col == "reports" else "left")
    for g in groups:
        flag = f"\n[bold]{g['reports']} reports, 1 origin[/bold]" if g["one_origin"] else ""
        members = "\n".join(
            f"{m['id']} {m['status']:<9} {m['score']:.2f} {m['outlet'] or '?'} "
            f"{m['published'] or ''}: {_short(m['text'], 70)}" for m in g["members"])
        tab.add_row(g["group"], _short(g["claim"]), str(g["reports"]),
                    f"{g['independent_origins']}{flag}\n{_origins(g['origins'])}", members)
    console.print(tab)


def _fig(f: dict[str, Any]) -> str:
    return (f"{f['text'] or f['value']} {f['measure'] or ''} ({f['source'] or '?'}; "
            f"{f['outlet'] or '?'} {f['published'] or ''}"
            + (f", as of {f['as_of']}" if f.get("as_of") else "") + ")")


def render_comparisons(rows: list[dict[str, Any]], console: Console) -> None:
    """Classified figure comparisons with both figures and the reason."""
    tab = Table(title="Figure comparisons (per key, within claim groups)", title_justify="left",
                show_lines=True)
    for col in ("kind", "key", "a", "b", "reason"):
        tab.add_column(col)
    for c in rows:
        style = "bold red" if c["kind"] == "conflict" else ""
        tab.add_row(f"[{style}]{c['kind']}[/{style}]" if style else c["kind"], c["key"],
                    _fig(c["a"]), _fig(c["b"]), c["reason"])
    console.print(tab)


def render_timeline(key: str, rows: list[dict[str, Any]], console: Console) -> None:
    """One figure key over time, by source."""
    tab = Table(title=f"Figure timeline: {key}", title_justify="left")
    for col in ("as of / published", "value", "measure", "source", "outlet", "evidence"):
        tab.add_column(col)
    for f in rows:
        tab.add_row(f["as_of"] or f["published"] or "?", str(f["text"] or f["value"]),
                    f["measure"] or "", f["source"] or f["source_name"] or "(publisher)",
                    f["outlet"] or "?",
                    f"{f['article']} @{f['start']}-{f['end']}")
    console.print(tab)


def render_copies(clusters: list[dict[str, Any]], console: Console) -> None:
    """Copy clusters, first publisher first."""
    tab = Table(title="Copies: exact, near-duplicate and wire clusters (first publisher first)",
                title_justify="left", show_lines=True)
    for col in ("cluster", "kind", "wire", "first publisher", "copies"):
        tab.add_column(col)
    for c in clusters:
        f = c["first"]
        rest = "\n".join(f"{m['outlet'] or '?'} {m['published'] or ''} "
                         f"{m['url'] or m['location'] or m['article']} ({m['similarity']:.2f})"
                         for m in c["members"] if m["article"] != f["article"] or m["location"])
        tab.add_row(c["cluster"], c["kind"], c["wire"] or "",
                    f"{f['outlet'] or '?'} {f['published'] or ''}\n{_short(f['title'], 60)}",
                    rest)
    console.print(tab)
