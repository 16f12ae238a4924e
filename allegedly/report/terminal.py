"""A readable terminal report of one :class:`ArticleAnalysis` (rich).

The report fits the console's width (rich: the terminal's, ``$COLUMNS``, or 80 when piped) with
the helpers of :mod:`allegedly.report.layout`: lines break between words and chain hops, never
inside a word or a name, and a table too wide for the width is shown stacked. Colour is never
the only carrier of meaning: hedged claims say ``hedged: …`` in words, stances are written out,
and links that are no claims (stances, plans, the writer's own voice: ``Attribution.act``) are
listed apart from the claims with their act in words (``[stance] …``).

Article text is untrusted: it is only ever put into ``rich.text.Text`` objects (never parsed as
console markup), and styles are applied by offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from allegedly.model import ArticleAnalysis, Attribution, Claim, Figure
from allegedly.report.layout import fit_table, words, wrap_atoms, wrap_text

HEDGE_STYLE = "bold yellow"
FIGURE_STYLE = "bold cyan"
WARN_STYLE = "bold red"
INDENT = "    "
HANGING = "      "
CLIP = 240  # clutter and dispute excerpts longer than this are cut (with "…")


def publisher_name(analysis: ArticleAnalysis) -> str:
    """The implicit outer hop of every chain: the article's outlet (or a placeholder)."""
    return analysis.article.outlet or "(publisher)"


def source_label(att: Attribution, *, long: bool = False) -> str:
    """"Roman Tsimbalyuk" (short) or "Roman Tsimbalyuk [person, Ukrainian journalist]" (long)."""
    if att.source is None:
        name, kind, desc = "(no source)", "vague", None
    else:
        name, kind, desc = att.source.label, att.source.kind, att.source.description
    if not long:
        return name
    extra = ", ".join(x for x in (kind, desc) if x)
    return f"{name} [{extra}]"


def chain_hops(analysis: ArticleAnalysis, chain: Sequence[str], *, long: bool = False
               ) -> list[str]:
    """``["Express", "← The Sun", "← Roman Tsimbalyuk"]``: publisher first, innermost last."""
    hops = [publisher_name(analysis)]
    for att_id in chain:
        att = analysis.attribution(att_id)
        cue = f" ({att.cue.lemma})" if att.cue and long else ""
        if att.via is not None:  # "X told the AP": the outlet is a hop before the speaker
            hops.append("← " + (att.via.name or att.via.label))
        hops.append("← " + source_label(att, long=long) + cue)
    return hops


def chain_label(analysis: ArticleAnalysis, chain: Sequence[str], *, long: bool = False) -> str:
    """"Express ← The Sun ← Roman Tsimbalyuk": publisher first, innermost source last."""
    return " ".join(chain_hops(analysis, chain, long=long))


def claim_text(analysis: ArticleAnalysis, claim: Claim) -> Text:
    """The claim sentence with its hedges and figures highlighted (by offsets, no markup);
    line breaks inside the sentence become spaces."""
    t = Text(claim.span.text.replace("\n", " "))
    base = claim.span.start
    for h in claim.hedges:
        t.stylize(HEDGE_STYLE, h.span.start - base, h.span.end - base)
    figs = {f.id: f for f in analysis.figures}
    for fid in claim.figures:
        f = figs[fid]
        t.stylize(FIGURE_STYLE, f.span.start - base, f.span.end - base)
    return t


def claim_marks(claim: Claim, group_stance: str) -> Text | None:
    """``[alleged; hedged: allegedly, may]``: the stance when it differs from its group's, and
    the hedge cues in words (not only in colour)."""
    parts: list[tuple[str, str]] = []
    if claim.stance != group_stance:
        parts.append((claim.stance, "magenta"))
    cues = list(dict.fromkeys(h.cue for h in claim.hedges))
    if cues:
        parts.append(("hedged: " + ", ".join(cues), HEDGE_STYLE))
    if not parts:
        return None
    mark = Text("[")
    for i, (label, style) in enumerate(parts):
        if i:
            mark.append("; ")
        mark.append(label, style=style)
    mark.append("]")
    return mark


def _figure_value(f: Figure) -> str:
    if f.bound == "range" and f.low is not None and f.high is not None:
        return f"{f.low:g}–{f.high:g}"
    sign = {"more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤",
            "approx": "~"}.get(f.bound, "")
    return f"{sign}{f.value:g}" if f.value is not None else "?"


def _as_of(f: Figure) -> str:
    """The as-of date, a window written with spaces ("2022-03-01 – 2022-03-10") so it can wrap."""
    if f.as_of:
        return " – ".join(f.as_of.split("/"))
    return f.time.text if f.time else ""


def figure_source(analysis: ArticleAnalysis, f: Figure) -> str:
    """Who states the figure, as a chain label."""
    if f.attribution is None:
        return publisher_name(analysis)
    return chain_label(analysis, [a.id for a in analysis.chain(f.attribution)])


def _print_lines(console: Console, lines: Sequence[Text]) -> None:
    for line in lines:
        console.print(line, soft_wrap=True)


def _heading(console: Console, title: str) -> None:
    console.print(Text(title, style="bold underline"))


def render(analysis: ArticleAnalysis, console: Console | None = None) -> None:
    """Print the report for one article, fitted to ``console.width``."""
    console = console or Console()
    _render_head(analysis, console)
    _render_removed(analysis, console)
    _render_claims(analysis, console)
    _render_other_acts(analysis, console)
    _render_figures(analysis, console)
    _render_relations(analysis, console)
    _render_warnings(analysis, console)


def _render_head(analysis: ArticleAnalysis, console: Console) -> None:
    a = analysis.article
    inner = console.width - 4  # the panel's border and padding
    lines = wrap_text(Text(a.title or "(untitled)", style="bold"), inner)
    meta = [x for x in (a.outlet, a.published.isoformat() if a.published else None,
                        a.language, a.url, a.origin) if x]
    if meta:
        atoms = [Text(x + (" ·" if i < len(meta) - 1 else ""), style="dim")
                 for i, x in enumerate(meta)]
        lines += wrap_atoms(atoms, inner)
    counts = [f"{_plural(len(analysis.claims), 'claim')} ·",
              f"{_plural(len(analysis.attributions), 'attribution')} ·",
              f"{_plural(len(analysis.figures), 'figure')} ·",
              _plural(len(analysis.warnings), "warning")]
    if analysis.meta.get("analysed") is False:
        counts = ["not analysed (see the warnings below)"]
    lines += wrap_atoms([Text(c, style="dim") for c in counts], inner)
    console.print(Panel(Text("\n").join(lines), title=f"allegedly · {analysis.id}",
                        expand=True))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _render_removed(analysis: ArticleAnalysis, console: Console) -> None:
    if not analysis.article.removed:
        return
    _heading(console, "Removed as clutter")
    for r in analysis.article.removed:
        atoms = [Text(f"[{r.reason}]", style="dim"), *words(_clip(r.text, CLIP))]
        _print_lines(console, wrap_atoms(atoms, console.width, indent="  ", hanging=HANGING))
    console.print()


def _render_claims(analysis: ArticleAnalysis, console: Console) -> None:
    if not analysis.claims:
        return
    width = console.width
    _heading(console, "Who says what")
    for chain, claims in _grouped(analysis):
        stance = claims[0].stance
        hops = chain_hops(analysis, chain, long=True)
        atoms = [Text("▸ " + hops[0], style="bold green")]
        atoms += [Text(h, style="bold green") for h in hops[1:]]
        atoms.append(Text(f"· {stance}", style="magenta"))
        _print_lines(console, wrap_atoms(atoms, width, hanging=HANGING))
        for c in claims:
            atoms = words(claim_text(analysis, c))
            mark = claim_marks(c, stance)
            if mark is not None:
                atoms.append(mark)
            _print_lines(console, wrap_atoms(atoms, width, indent=INDENT))
    console.print()


ACT_LABELS = {"stance": "stance", "plan": "plan", "perception": "perception",
              "writer": "writer's own voice", "question": "question put"}
"""How the report names each act other than ``claim`` (``allegedly.model.ACTS``)."""


def other_acts(analysis: ArticleAnalysis) -> list[Attribution]:
    """The links that are no claims (stances, plans, perceptions, the writer's own voice), in
    text order: the report lists them apart from the claims."""
    return [a for a in analysis.attributions if not a.is_claim]


def act_line(analysis: ArticleAnalysis, att: Attribution) -> list[Text]:
    """``[stance] Pakistan (condemn): Indian airstrikes`` as wrappable atoms: the act in words,
    the chain and cue, the content."""
    label = ACT_LABELS.get(att.act, att.act)
    hops = chain_hops(analysis, [a.id for a in analysis.chain(att.id)])[1:]
    who = " ".join(h.removeprefix("← ") if i == 0 else h for i, h in enumerate(hops))
    cue = f" ({att.cue.lemma})" if att.cue else ""
    atoms = [Text(f"[{label}]", style="magenta"), Text(f"{who}{cue}:", style="green")]
    return atoms + words(Text(att.content.text.replace("\n", " ")))


def _render_other_acts(analysis: ArticleAnalysis, console: Console) -> None:
    others = other_acts(analysis)
    if not others:
        return
    _heading(console, "Stances, plans and other acts (not checkable claims)")
    for att in others:
        _print_lines(console, wrap_atoms(act_line(analysis, att), console.width,
                                         indent="  ", hanging=HANGING))
    console.print()


def _render_figures(analysis: ArticleAnalysis, console: Console) -> None:
    if not analysis.figures:
        return
    headers = ("figure", "value", "counted", "measure", "as of", "stated by", "warnings")
    rows = [(Text(f.span.text.replace("\n", " "), style=FIGURE_STYLE), _figure_value(f),
             Text(f.counted or ""), f.measure or "", Text(_as_of(f)),
             Text(figure_source(analysis, f)),
             Text(" ".join(w.split(" ", 1)[0] for w in f.warnings), style=WARN_STYLE))
            for f in analysis.figures]
    console.print(fit_table(headers, rows, console.width, title="Figures"))
    console.print()


def _render_relations(analysis: ArticleAnalysis, console: Console) -> None:
    figs = {f.id: f for f in analysis.figures}
    claims = {c.id: c for c in analysis.claims}
    fig_rel = [r for r in analysis.relations if r.a in figs]
    if fig_rel:
        headers = ("key", "relation", "figure A", "stated by", "figure B", "stated by")
        rows = []
        for r in fig_rel:
            fa, fb = figs[r.a], figs[r.b]
            rows.append((" ".join(p for p in (r.key or "").split("|") if p),
                         Text(f"{r.kind}: {r.note}" if r.note else r.kind),
                         Text(f"{fa.span.text} {fa.measure or ''}".strip(), style=FIGURE_STYLE),
                         Text(figure_source(analysis, fa)),
                         Text(f"{fb.span.text} {fb.measure or ''}".strip(), style=FIGURE_STYLE),
                         Text(figure_source(analysis, fb))))
        title = "Figures compared (same key, different value or scope)"
        console.print(fit_table(headers, rows, console.width, title=title))
        console.print()
    claim_rel = [r for r in analysis.relations if r.a in claims]
    if claim_rel:
        _heading(console, "Disputes and contrasts")
        for r in claim_rel:
            ca, cb = claims[r.a], claims[r.b]
            lines = wrap_atoms([Text(f"{r.kind}:", style="bold magenta"),
                                *words(_clip(ca.span.text, CLIP))], console.width,
                               indent="  ", hanging=HANGING)
            lines += wrap_text(_clip(cb.span.text, CLIP), console.width,
                               indent=HANGING[:-2] + "→ ", hanging=HANGING)
            if r.evidence:
                lines += wrap_text(Text(f"evidence: “{r.evidence.text}”", style="dim"),
                                   console.width, indent=HANGING, hanging=HANGING)
            _print_lines(console, lines)
        console.print()


def _render_warnings(analysis: ArticleAnalysis, console: Console) -> None:
    if not analysis.warnings:
        return
    _heading(console, "Warnings")
    for w in analysis.warnings:
        atoms = [Text(w.code, style=WARN_STYLE), *words(w.message)]
        if w.span:
            atoms += words(Text(f"(at {w.span.start}: “{_clip(w.span.text, 40)}”)", style="dim"))
        _print_lines(console, wrap_atoms(atoms, console.width, indent="  ", hanging=HANGING))


def _grouped(analysis: ArticleAnalysis) -> list[tuple[tuple[str, ...], list[Claim]]]:
    """Claims grouped by the *sources* of their chain, in order of first appearance."""
    groups: dict[tuple[str, ...], tuple[tuple[str, ...], list[Claim]]] = {}
    for c in analysis.claims:
        key = tuple(source_label(analysis.attribution(x)) for x in c.chain)
        groups.setdefault(key, (c.chain, []))[1].append(c)
    return list(groups.values())


def _clip(s: str, n: int) -> str:
    """``s`` on one line, cut at a word boundary before ``n`` characters (with "…")."""
    s = " ".join(s.split())
    if len(s) <= n:
        return s
    cut = s[: n - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut + "…"


def render_many(analyses: Sequence[ArticleAnalysis], console: Console | None = None) -> None:
    """Print reports for several articles, one after another."""
    console = console or Console()
    for i, an in enumerate(analyses):
        if i:
            console.rule()
        render(an, console)


__all__ = ["render", "render_many", "chain_label", "chain_hops", "claim_text", "claim_marks"]
