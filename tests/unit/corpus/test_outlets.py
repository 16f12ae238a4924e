import re
from pathlib import Path

from allegedly.corpus.outlets import OutletNames, canonical_outlet, lexicon_outlet
from allegedly.demo import corpus_path


def test_lexicon_names_and_domains():
    assert lexicon_outlet("bbc.co.uk") == lexicon_outlet("BBC News") == "BBC"
    assert lexicon_outlet("https://www.reuters.com/world/x") == "Reuters"
    assert lexicon_outlet("The Associated Press") == "Associated Press"
    assert lexicon_outlet("Valdoria Herald") is None


def test_short_forms_and_acronyms_resolve_to_the_corpus_outlet():
    names = OutletNames(["Daily Beacon", "The Northern Ledger", "Continental Press Agency"])
    assert names.canonical("the Beacon") == names.canonical("Beacon") == "Daily Beacon"
    assert names.canonical("the Ledger") == "The Northern Ledger"
    assert names.canonical("CPA") == "Continental Press Agency"
    assert names.canonical("Sarn Voice") == "Sarn Voice"  # unknown: itself
    assert canonical_outlet(None) is None


def test_ambiguous_short_form_is_left_alone():
    names = OutletNames(["Mountain Herald", "Valley Herald"])
    assert names.canonical("Herald") == "Herald"


def test_every_alias_in_the_demo_readme_is_one_outlet():
    """The demo README's Outlets table: "Referred to in other texts as" names one outlet."""
    readme = Path(corpus_path()).with_name("README.md").read_text(encoding="utf-8")
    table = readme.split("## Outlets", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in table.splitlines() if r.startswith("| ") and "---" not in r][1:]
    outlets = [r.split("|")[1].strip() for r in rows]
    names = OutletNames(outlets)
    checked = 0
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        for alias in re.split(r",\s*", cells[3]):
            if alias and alias != "--":
                assert names.canonical(alias) == cells[0], (alias, cells[0])
                checked += 1
    assert checked >= 4
