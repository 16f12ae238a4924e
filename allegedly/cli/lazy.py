"""A click group whose sub-commands are imported only when one of them runs.

``allegedly --help`` must answer in well under a second, so nothing that pulls in spaCy (the
evaluation commands import the extractors) may be imported to list the commands.
"""

from __future__ import annotations

import importlib
import importlib.util

import click


class LazyGroup(click.Group):
    """Sub-commands given as ``{name: "package.module:attribute"}``, imported on first use.

    Names whose module is not installed are left out of the listing (an optional part).
    """

    def __init__(self, *args: object, lazy: dict[str, str] | None = None, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        found = [name for name, target in self.lazy.items() if _installed(target)]
        return sorted(set(super().list_commands(ctx)) | set(found), key=self._order)

    def _order(self, name: str) -> int:
        names = list(self.lazy)
        return names.index(name) if name in names else len(names)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands and _installed(self.lazy[name]):
            module, _, attr = self.lazy[name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


def _installed(target: str) -> bool:
    module = target.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
