"""Extractors: pure functions over a parsed spaCy ``Doc`` that return plain records.

* :mod:`~allegedly.extract.attribution` -- who says what (strategies, sources, speakers);
* :mod:`~allegedly.extract.figures` -- the numbers stated (numbers, units, ranges, bounds,
  measures, time expressions);
* :mod:`~allegedly.extract.hedges` -- uncertainty and distancing cues (lexicon rows with
  context rules; used by the attribution links and the claims);
* :mod:`~allegedly.extract.quotes` -- where the quotes of a text are (no parse needed; used by
  the attribution strategies and the hedges);
* :mod:`~allegedly.extract.rules` -- named rules, ``method`` values, switching rules off;
* :mod:`~allegedly.extract.matches` (the records), :mod:`~allegedly.extract.lemmas`,
  :mod:`~allegedly.extract.tokens` (shared helpers).

No I/O, no store/web/cli imports, no global state. Each rule has a name; :func:`rule_table`
lists them all for ``docs/contract.md`` (a test keeps the two in step). To add an attribution
strategy read ``attribution/strategies.py``; to add a figure step read ``figures/steps.py``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["known_rules", "rule_table", "switchable_rules"]


def _rows() -> list[tuple[str, str, Any]]:
    """(kind, the record its ``method`` lands on or "" for a step, rule) in pipeline order."""
    from allegedly.extract.attribution import strategies as a
    from allegedly.extract.figures import steps as f

    out: list[tuple[str, str, Any]] = []
    for s in a.TOKEN_STRATEGIES:
        if isinstance(s, a.Family):
            out += [(f"verb content (family `{s.name}`)", "attribution", r) for r in s.contents]
        else:
            out.append(("attribution strategy", "attribution", s))
    out += [("content cut (verb contents)", "", r) for r in a.CONTENT_CUTS]
    out += [("document pass", "attribution" if r.name == "quote.previous_speaker"
             else "source" if r.name.startswith("source.") else "", r)
            for r in a.DOCUMENT_PASSES if r not in a.ACT_RULES]
    out += [("act rule (document pass)", "attribution `act_method`", r) for r in a.ACT_RULES]
    out += [("source finder", "source", r) for r in a.SOURCE_FINDERS]
    out += [("source (found by its strategy)", "source", r) for r in a.SOURCE_LABELS]
    out += [("source resolver", "source", r) for r in a.SOURCE_RESOLVERS]
    out += [("antecedent rule", "source", r) for r in a.ANTECEDENT_RULES]
    out += [("figure check", "", r) for r in f.TEXT_CHECKS + f.GLUED + f.LITERAL + f.CANDIDATE]
    out += [("figure kind", "" if r.name == "figure.not_score" else "figure", r)
            for r in f.KINDS]
    out += [("figure pass", "", r) for r in f.PASSES + f.DESCRIPTION]
    return out


def switchable_rules() -> frozenset[str]:
    """Every name ``Settings.disabled_rules`` accepts (attribution and figure rules)."""
    from allegedly.extract.attribution.strategies import switchable
    from allegedly.extract.figures.steps import switchable as figure_switchable

    return switchable() | figure_switchable()


def known_rules() -> tuple[str, ...]:
    """Every rule name, in pipeline order (``method`` values are ``"rule:" + name``)."""
    return tuple(r.name for _, _, r in _rows())


def rule_table() -> str:
    """The table of every rule for ``docs/contract.md`` (Markdown, one row per rule)."""
    on = switchable_rules()
    rows = ["| `method` (or step) | kind | on | can be switched off | what it does |",
            "|---|---|---|---|---|"]
    for kind, where, r in _rows():
        shown = f"`rule:{r.name}`" if where else f"`{r.name}`"
        rows.append(f"| {shown} | {kind} | {where or '(a step, never a method)'} | "
                    f"{'yes' if r.name in on else 'no'} | {r.summary.replace('|', '/')} |")
    return "\n".join(rows)
