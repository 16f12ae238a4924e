"""``allegedly eval KIND PATH``: accuracy on gold data. Each kind is a click command defined in
``allegedly.evaluation.<module>`` as ``command``."""

from __future__ import annotations

import importlib

import click

EVALUATIONS = ["attribution", "figures", "hedges", "extraction", "ruwa", "fakes", "wires"]


@click.group("eval")
def eval_group() -> None:
    """Measure accuracy on gold data (precision / recall / F1)."""


for _name in EVALUATIONS:
    try:
        _mod = importlib.import_module(f"allegedly.evaluation.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"allegedly.evaluation.{_name}":
            raise
        continue
    eval_group.add_command(_mod.command, _name)
