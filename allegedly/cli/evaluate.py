"""``allegedly eval KIND PATH``: accuracy on gold data. Each kind is a click command defined in
``allegedly.evaluation.<module>`` as ``command``, imported only when it runs (the evaluations
import the extractors and spaCy; ``allegedly --help`` must stay fast)."""

from __future__ import annotations

import click

from allegedly.cli.lazy import LazyGroup

EVALUATIONS = ["attribution", "figures", "hedges", "extraction", "ruwa", "fakes", "wires"]


@click.group("eval", cls=LazyGroup,
             lazy={name: f"allegedly.evaluation.{name}:command" for name in EVALUATIONS})
def eval_group() -> None:
    """Measure accuracy on gold data (precision / recall / F1)."""
