"""Fitting terminal output to a width without breaking words or names.

rich wraps a paragraph at spaces, but a table too wide for the terminal gets columns narrower than
their words and folds them ("Tsimbalyu" / "k"). These helpers make the layout decisions instead:

- :func:`wrap_atoms` fills lines with *atoms* (a name, a chain hop, a "label: value" pair) and
  breaks only between them, with an indent and a hanging indent; an atom longer than a line is
  broken at its spaces, and only a single word longer than a whole line is folded.
- :func:`fit_table` returns a rich ``Table`` whose every column is at least as wide as its
  longest word when that fits the width, and otherwise the same rows *stacked* (one block per
  row, ``header: value`` pairs wrapped by :func:`wrap_atoms`).

Widths are terminal cells (``rich.cells.cell_len``: CJK characters take two). Styles ride along
on ``rich.text.Text`` atoms; nothing here parses console markup, so untrusted text stays inert.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

Cell = str | Text

#: Cells a boxed rich table adds per column (padding 1 + 1 and one rule) and once (outer rule).
TABLE_CELLS_PER_COLUMN = 3
TABLE_CELLS_EXTRA = 1


def as_text(cell: Cell) -> Text:
    """``cell`` as a ``Text`` (a ``str`` becomes plain, unstyled, markup-free text)."""
    return cell if isinstance(cell, Text) else Text(cell)


def words(text: Cell) -> list[Text]:
    """The space-separated words of ``text`` (styles kept), blank runs dropped."""
    t = as_text(text).copy()
    t.plain = t.plain.replace("\n", " ").replace("\t", " ")  # same length: styles stay put
    return [w for w in t.split(" ") if w.plain]


def longest_word(text: Cell) -> int:
    """Cells of the longest word of ``text`` (0 when it is blank)."""
    return max((cell_len(w.plain) for w in words(text)), default=0)


_BREAK_AFTER = "/-_?&=.,;:|"  # a folded URL or path breaks after one of these when it can


def _fold(word: Text, width: int) -> list[Text]:
    """A word longer than a line, cut into line-long pieces (the only place words break):
    after a separator such as ``/`` when there is one in the piece, else at the width."""
    pieces, start = [], 0
    plain = word.plain
    while start < len(plain):
        end = start + 1
        while end < len(plain) and cell_len(plain[start:end + 1]) <= width:
            end += 1
        if end < len(plain):
            seps = [i + 1 for i in range(start, end - 1) if plain[i] in _BREAK_AFTER]
            end = max(seps, default=end)
        pieces.append(word[start:end])
        start = end
    return pieces


def wrap_atoms(atoms: Sequence[Cell], width: int, *, indent: str = "",
               hanging: str | None = None, sep: str = " ") -> list[Text]:
    """Lines of at most ``width`` cells holding ``atoms`` in order, joined by ``sep``.

    The first line starts with ``indent``, the others with ``hanging`` (default: ``indent``).
    A line breaks only between atoms; an atom too long for a line of its own is broken
    between its words, and a word too long for a line is folded.
    """
    hanging = indent if hanging is None else hanging
    lines: list[Text] = []
    line = Text(indent)
    fresh = True  # nothing but the indent on the line yet

    def room() -> int:
        return width - cell_len(line.plain)

    def newline() -> None:
        nonlocal line, fresh
        lines.append(line)
        line = Text(hanging)
        fresh = True

    for atom in (as_text(a) for a in atoms):
        if not atom.plain.strip():
            continue
        need = cell_len(atom.plain) + (0 if fresh else cell_len(sep))
        if need > room() and not fresh:
            newline()
        if cell_len(atom.plain) <= room():
            line.append(sep if not fresh else "")
            line.append_text(atom)
            fresh = False
            continue
        joint = sep  # longer than a whole line: word by word, one space inside the atom
        for part in words(atom):
            pieces = _fold(part, max(1, width - cell_len(hanging)))
            for i, piece in enumerate(pieces):
                glue = "" if fresh or i else joint
                if not fresh and cell_len(glue) + cell_len(piece.plain) > room():
                    newline()
                    glue = ""
                line.append(glue)
                line.append_text(piece)
                fresh = False
            joint = " "
    if not fresh or not lines:
        lines.append(line)
    for ln in lines:
        ln.rstrip()  # in place: no trailing blanks past the text
    return lines


def wrap_text(text: Cell, width: int, *, indent: str = "", hanging: str | None = None
              ) -> list[Text]:
    """``text`` wrapped at its spaces (see :func:`wrap_atoms`)."""
    return wrap_atoms(words(text), width, indent=indent, hanging=hanging)


def column_widths(mins: Sequence[int], maxs: Sequence[int], available: int) -> list[int] | None:
    """Content widths for columns that need at least ``mins`` and at most ``maxs`` cells in
    ``available`` cells; None when even the minimums do not fit. Spare cells go to the columns
    that want more, in proportion to how much more they want."""
    if sum(mins) > available:
        return None
    widths = list(mins)
    spare = available - sum(widths)
    wants = [max(0, mx - mn) for mn, mx in zip(mins, maxs, strict=True)]
    total = sum(wants)
    if total <= spare:  # room for every column's longest cell
        return [mn + want for mn, want in zip(mins, wants, strict=True)]
    if spare:
        for i, want in enumerate(wants):
            widths[i] += min(want, spare * want // total)
        spare = available - sum(widths)
        for i, want in enumerate(wants):  # rounding leftovers, first come first served
            extra = min(spare, mins[i] + want - widths[i])
            widths[i] += extra
            spare -= extra
    return widths


def fit_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], width: int, *,
              title: str | None = None) -> RenderableType:
    """``rows`` as a table when every column can be as wide as its longest word within
    ``width`` cells, else stacked (see :func:`stacked`)."""
    cells = [[as_text(c) for c in row] for row in rows]
    n = len(headers)
    mins = [max([longest_word(h) for h in (headers[i],)] + [longest_word(r[i]) for r in cells])
            for i in range(n)]
    maxs = [max([cell_len(headers[i])] + [cell_len(r[i].plain) for r in cells])
            for i in range(n)]
    available = width - TABLE_CELLS_PER_COLUMN * n - TABLE_CELLS_EXTRA
    widths = column_widths(mins, maxs, available)
    if widths is None:
        return stacked(headers, cells, width, title=title)
    table = Table(title=title, title_justify="left", expand=False)
    for header, w in zip(headers, widths, strict=True):
        table.add_column(header, width=w, overflow="fold")
    for row in cells:
        table.add_row(*row)
    return table


def stacked(headers: Sequence[str], rows: Sequence[Sequence[Cell]], width: int, *,
            title: str | None = None, indent: str = "  ", hanging: str = "      ") -> Group:
    """One block per row: the first cell, then ``header: value`` for every other non-empty
    cell, wrapped to ``width`` between pairs."""
    out: list[RenderableType] = []
    if title:
        out.append(Text(title, style="italic"))
    for row in rows:
        cells = [as_text(c) for c in row]
        atoms: list[Text] = [cells[0].copy()]
        atoms[0].stylize("bold")
        for header, cell in zip(headers[1:], cells[1:], strict=True):
            if cell.plain.strip():
                atoms.append(Text(f"{header}: ", style="dim") + cell)
        out.extend(wrap_atoms(atoms, width, indent=indent, hanging=hanging, sep="  "))
    return Group(*out)


__all__ = ["as_text", "words", "longest_word", "wrap_atoms", "wrap_text", "column_widths",
           "fit_table", "stacked"]
