"""Width fitting: lines never exceed the width and break only between words (or atoms)."""

from __future__ import annotations

import random

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from allegedly.report.layout import column_widths, fit_table, stacked, wrap_atoms, wrap_text

NAMES = ["Roman Tsimbalyuk", "Oleksandra Kovalenko-Hrytsenko", "the Russian defence ministry",
         "US military intelligence", "Zhang Wei", "国防部发言人", "a", "UNRWA"]


def render(renderable, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().splitlines()


def test_wrapping_random_word_streams_never_breaks_a_word() -> None:
    rng = random.Random(20261125)
    vocab = ["Tsimbalyuk", "said", "the", "soldier", "allegedly", "drove", "1,500", "a",
             "Kovalenko-Hrytsenko", "国防部", "—", "“quoted”", "counter-attack"]
    for _ in range(300):
        width = rng.randint(24, 100)  # the longest word fits after the indent
        words = [rng.choice(vocab) for _ in range(rng.randint(1, 60))]
        lines = wrap_text(" ".join(words), width, indent="  ", hanging="    ")
        assert all(cell_len(ln.plain) <= width for ln in lines)
        got = [w for ln in lines for w in ln.plain.split()]
        assert got == words  # same words, same order: nothing split, nothing lost


def test_atoms_stay_whole_when_they_fit_on_a_line() -> None:
    atoms = ["▸ Express", *(f"← {n}" for n in NAMES), "· alleged"]
    for width in (30, 40, 60, 80):
        lines = [ln.plain for ln in wrap_atoms(atoms, width, hanging="      ")]
        assert all(cell_len(ln) <= width for ln in lines)
        joined = "\n".join(lines)
        for atom in atoms:
            if cell_len(atom) <= width - 6:
                assert atom in joined, (width, atom)


def test_a_word_longer_than_the_line_is_folded_as_the_last_resort() -> None:
    url = "https://example.org/" + "x" * 60
    lines = wrap_text(f"see {url} now", 30)
    assert all(cell_len(ln.plain) <= 30 for ln in lines)
    assert "".join(ln.plain for ln in lines).replace(" ", "") == f"see{url}now"


def test_styles_survive_wrapping() -> None:
    text = Text("he allegedly drove the tank")
    text.stylize("bold yellow", 3, 12)
    lines = wrap_text(text, 12)
    styled = [ln for ln in lines if "allegedly" in ln.plain]
    start = styled[0].plain.index("allegedly")
    assert any(span.style == "bold yellow" and span.start <= start < span.end
               for span in styled[0].spans)


def test_column_widths_respect_minimums_and_share_the_rest() -> None:
    assert column_widths([5, 5], [20, 10], 9) is None
    assert column_widths([5, 5], [20, 10], 40) == [20, 10]
    widths = column_widths([5, 5], [25, 15], 30)
    assert widths is not None and sum(widths) == 30 and min(widths) >= 5


def test_fit_table_is_a_table_when_words_fit_and_stacked_otherwise() -> None:
    headers = ("figure", "stated by", "as of")
    rows = [("498", "Express ← the Russian defence ministry", "2022-03-01 – 2022-03-10"),
            ("over 7,000", "Express ← US military intelligence", "")]
    wide = fit_table(headers, rows, 100, title="Figures")
    assert isinstance(wide, Table)
    narrow = fit_table(headers, rows, 30, title="Figures")
    assert not isinstance(narrow, Table)
    for renderable, width in ((wide, 100), (narrow, 30)):
        lines = render(renderable, width)
        assert all(cell_len(ln) <= width for ln in lines)
        words = {w for ln in lines for w in ln.replace("│", " ").split()}
        assert {"intelligence", "ministry", "2022-03-01"} <= words  # never folded
    text = "\n".join(render(narrow, 30))
    assert "stated by:" in text and "as of:" in text


def test_stacked_skips_empty_cells() -> None:
    lines = render(stacked(("figure", "measure", "as of"), [("12", "killed", "")], 80), 80)
    assert lines == ["  12  measure: killed"]
