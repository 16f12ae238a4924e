"""The ``allegedly`` command: a thin click layer over the library.

Sub-commands live in sibling modules, each owning its options: ``analyze`` (analyze.py),
``eval`` (evaluate.py, one sub-command per ``allegedly.evaluation`` module), and the corpus
commands ``ingest``, ``report``, ``export`` (corpus.py).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from allegedly import __version__

# (module, attribute) of every command registered on the main group, in help order.
COMMANDS = [
    ("allegedly.cli.demo", "demo"),
    ("allegedly.cli.analyze", "analyze"),
    ("allegedly.cli.corpus", "ingest"),
    ("allegedly.cli.corpus", "report"),
    ("allegedly.cli.corpus", "export"),
    ("allegedly.cli.link", "link"),
    ("allegedly.cli.crossref", "groups"),
    ("allegedly.cli.crossref", "conflicts"),
    ("allegedly.cli.crossref", "figures"),
    ("allegedly.cli.crossref", "copies"),
    ("allegedly.cli.crossref", "graph"),
    ("allegedly.cli.link", "confirm"),
    ("allegedly.cli.link", "reject"),
    ("allegedly.cli.evaluate", "eval_group"),
    ("allegedly.cli.serve", "serve"),
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="allegedly")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A TOML file of settings (see allegedly/defaults.toml); same as "
                   "ALLEGEDLY_CONFIG. ALLEGEDLY_<NAME> environment variables override it.")
def cli(config: str | None) -> None:
    """Who says so? Attribution chains, hedges and figures in news articles."""
    if config:
        os.environ["ALLEGEDLY_CONFIG"] = config  # read by every load_settings() call


for _module, _attr in COMMANDS:
    cli.add_command(getattr(importlib.import_module(_module), _attr))


def main() -> None:
    """Console-script entry point. An error of allegedly's own that no command handled (the
    spaCy model of the settings missing, E201, ...) is one line with its code, exit status 2,
    not a traceback."""
    from allegedly.errors import AllegedlyError

    try:
        cli(prog_name="allegedly")
    except AllegedlyError as exc:
        click.echo(f"allegedly: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    sys.exit(main())
