"""Every rule name is documented in docs/contract.md (the table is generated from the lists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from allegedly.extract import known_rules, rule_table, switchable_rules

CONTRACT = Path(__file__).resolve().parents[3] / "docs" / "contract.md"
START = "<!-- rule table: generated, do not edit by hand -->"
END = "<!-- end of rule table -->"


def _section(text: str) -> str:
    start, end = text.index(START) + len(START), text.index(END)
    return text[start:end].strip()


def test_contract_table_matches_the_strategy_lists(request: pytest.FixtureRequest) -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    if request.config.getoption("--update-golden"):
        start, end = text.index(START) + len(START), text.index(END)
        text = text[:start] + "\n" + rule_table() + "\n" + text[end:]
        CONTRACT.write_text(text, encoding="utf-8")
    assert _section(text) == rule_table(), (
        "docs/contract.md's rule table is out of date: run "
        "pytest tests/unit/extract/test_rule_docs.py --update-golden and review the diff")


def test_every_rule_has_a_unique_dotted_name_and_a_description() -> None:
    names = known_rules()
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"(headline|phrase|naming|verb|passive|noun|quote|source|act|via|figure)"
                            r"\.[a-z_]+", n) for n in names), names
    for line in rule_table().splitlines()[2:]:
        assert len(line.rsplit("|", 2)[-2].strip()) > 10, line  # a real description


def test_switchable_names_are_known_rules() -> None:
    assert switchable_rules() - set(known_rules()) == {"verb"}
