"""A readable terminal report of one :class:`ArticleAnalysis` (rich).

Article text is untrusted: it is only ever put into ``rich.text.Text`` objects (never parsed as
console markup), and styles are applied by offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from allegedly.model import ArticleAnalysis, Attribution, Claim, Figure

HEDGE_STYLE = "bold yellow"
FIGURE_STYLE = "bold cyan"
WARN_STYLE = "bold red"


def publisher_name(analysis: ArticleAnalysis) -> str:
    """The implicit outer hop of every chain: the article's outlet (or a placeholder)."""
    return analysis.article.outlet or "(publisher)"


def source_label(att: Attribution, *, long: bool = False) -> str:
    """"Roman Tsimbalyuk" (short) or "Roman Tsimbalyuk [person, Ukrainian journalist]" (long)."""
    if att.source is None:
        name, kind, desc = "(no source)", "vague", None
    else:
        name, kind, desc = att.source.name, att.source.kind, att.source.description
    if not long:
        return name
    extra = ", ".join(x for x in (kind, desc) if x)
    return f"{name} [{extra}]"


def chain_label(analysis: ArticleAnalysis, chain: Sequence[str], *, long: bool = False) -> str:
    """"Express ← The Sun ← Roman Tsimbalyuk": publisher first, innermost source last."""
    hops = [publisher_name(analysis)]
    for att_id in chain:
        att = analysis.attribution(att_id)
        cue = f" ({att.cue.lemma})" if att.cue and long else ""
        hops.append(source_label(att, long=long) + cue)
    return " ← ".join(hops)


def claim_text(analysis: ArticleAnalysis, claim: Claim) -> Text:
    """The claim sentence with its hedges and figures highlighted (by offsets, no markup)."""
    t = Text(claim.span.text)
    base = claim.span.start
    for h in claim.hedges:
        t.stylize(HEDGE_STYLE, h.span.start - base, h.span.end - base)
    figs = {f.id: f for f in analysis.figures}
    for fid in claim.figures:
        f = figs[fid]
        t.stylize(FIGURE_STYLE, f.span.start - base, f.span.end - base)
    return t


def _figure_value(f: Figure) -> str:
    if f.bound == "range" and f.low is not None and f.high is not None:
        return f"{f.low:g}–{f.high:g}"
    sign = {"more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤",
            "approx": "~"}.get(f.bound, "")
    return f"{sign}{f.value:g}" if f.value is not None else "?"


def figure_source(analysis: ArticleAnalysis, f: Figure) -> str:
    """Who states the figure, as a chain label."""
    if f.attribution is None:
        return publisher_name(analysis)
    return chain_label(analysis, [a.id for a in analysis.chain(f.attribution)])


def render(analysis: ArticleAnalysis, console: Console | None = None) -> None:
    """Print the report for one article."""
    console = console or Console()
    a = analysis.article
    head = Text()
    head.append(a.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (a.outlet, a.published.isoformat() if a.published else None,
                                  a.url, a.origin) if x)
    if meta:
        head.append("\n" + meta, style="dim")
    head.append(f"\n{len(analysis.claims)} claims · {len(analysis.attributions)} attributions · "
                f"{len(analysis.figures)} figures · {len(analysis.warnings)} warnings",
                style="dim")
    console.print(Panel(head, title=f"allegedly · {analysis.id}", expand=True))

    if a.removed:
        console.print(Text("Removed as clutter", style="bold underline"))
        for r in a.removed:
            line = Text(f"  [{r.reason}] ", style="dim")
            line.append(_clip(r.text, 100))
            console.print(line)
        console.print()

    console.print(Text("Who says what", style="bold underline"))
    for chain, claims in _grouped(analysis):
        stance = claims[0].stance
        header = Text("▸ ", style="bold")
        header.append(chain_label(analysis, chain, long=True), style="bold green")
        header.append(f"  · {stance}", style="magenta")
        console.print(header)
        for c in claims:
            line = Text("    ")
            line.append_text(claim_text(analysis, c))
            if c.stance != stance:
                line.append(f"  [{c.stance}]", style="magenta")
            console.print(line)
    console.print()

    if analysis.figures:
        table = Table(title="Figures", title_justify="left", show_lines=False, expand=True)
        for col in ("figure", "value", "counted", "measure", "as of", "stated by", "warnings"):
            table.add_column(col, overflow="fold")
        for f in analysis.figures:
            table.add_row(Text(f.span.text, style=FIGURE_STYLE), _figure_value(f),
                          Text(f.counted or ""), f.measure or "",
                          Text(f.as_of or (f.time.text if f.time else "")),
                          Text(figure_source(analysis, f)),
                          Text("; ".join(w.split(" ", 1)[0] for w in f.warnings),
                               style=WARN_STYLE))
        console.print(table)

    _render_relations(analysis, console)

    if analysis.warnings:
        console.print(Text("Warnings", style="bold underline"))
        for w in analysis.warnings:
            line = Text(f"  {w.code} ", style=WARN_STYLE)
            line.append(w.message)
            if w.span:
                line.append(f"  (at {w.span.start}: “{_clip(w.span.text, 40)}”)", style="dim")
            console.print(line)


def _render_relations(analysis: ArticleAnalysis, console: Console) -> None:
    figs = {f.id: f for f in analysis.figures}
    claims = {c.id: c for c in analysis.claims}
    fig_rel = [r for r in analysis.relations if r.a in figs]
    if fig_rel:
        table = Table(title="Figures compared (same key, different value or scope)",
                      title_justify="left", expand=True)
        for col in ("key", "relation", "figure A", "stated by", "figure B", "stated by"):
            table.add_column(col, overflow="fold")
        for r in fig_rel:
            fa, fb = figs[r.a], figs[r.b]
            table.add_row(r.key or "", Text(f"{r.kind}\n{r.note or ''}"),
                          Text(f"{fa.span.text} {fa.measure or ''}", style=FIGURE_STYLE),
                          Text(figure_source(analysis, fa)),
                          Text(f"{fb.span.text} {fb.measure or ''}", style=FIGURE_STYLE),
                          Text(figure_source(analysis, fb)))
        console.print(table)
    claim_rel = [r for r in analysis.relations if r.a in claims]
    if claim_rel:
        console.print(Text("Disputes and contrasts", style="bold underline"))
        for r in claim_rel:
            ca, cb = claims[r.a], claims[r.b]
            line = Text(f"  {r.kind}: ", style="bold magenta")
            line.append(_clip(ca.span.text, 90))
            line.append("\n      → ", style="dim")
            line.append(_clip(cb.span.text, 90))
            if r.evidence:
                line.append(f"\n      evidence: “{r.evidence.text}”", style="dim")
            console.print(line)
        console.print()


def _grouped(analysis: ArticleAnalysis) -> list[tuple[tuple[str, ...], list[Claim]]]:
    """Claims grouped by the *sources* of their chain, in order of first appearance."""
    groups: dict[tuple[str, ...], tuple[tuple[str, ...], list[Claim]]] = {}
    for c in analysis.claims:
        key = tuple(source_label(analysis.attribution(x)) for x in c.chain)
        groups.setdefault(key, (c.chain, []))[1].append(c)
    return list(groups.values())


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_many(analyses: Sequence[ArticleAnalysis], console: Console | None = None) -> None:
    """Print reports for several articles, one after another."""
    console = console or Console()
    for i, an in enumerate(analyses):
        if i:
            console.rule()
        render(an, console)


__all__ = ["render", "render_many", "chain_label", "claim_text"]
