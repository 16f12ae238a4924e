"""Clutter rules: each on sentences written for the test, the tank-mutiny article, and negatives."""

from __future__ import annotations

import pytest

from allegedly.ingest.clean import find_clutter, rules, without
from tests.conftest import shared_path


def reasons(text: str) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in find_clutter(text)]


def test_tank_mutiny_removes_exactly_the_clutter() -> None:
    text = shared_path("examples", "tank-mutiny.txt").read_text("utf-8")
    removed = find_clutter(text)
    for r in removed:
        assert text[r.start:r.end] == r.text
    got = [(r.reason, r.text[:30]) for r in removed]
    assert got == [
        ("consent-notice", "We use your sign-up to provide"),
        ("related-link", "What Putin fears most – key in"),
        ("related-link", "Could Putin be assassinated? I"),
        ("related-link", "Turkey’s Erdogan demands EU ‘o"),
        ("source-footer", "Source: Read Full Article"),
    ]
    assert removed[0].text.endswith("More info")
    assert removed[1].text.endswith("[INSIGHT]") and removed[2].text.endswith("[BREAKING]")
    assert removed[3].text.endswith("[LATEST]")
    # the headline, the video title and every article paragraph stay
    kept = without(text, removed)
    assert kept.startswith("Putin mutiny as soldier drives tank")
    assert "Ukraine: Counter-attack close to 'cutting off' Russian supplies" in kept
    assert kept.rstrip().endswith("decimated by Russian bombardment.")


@pytest.mark.parametrize(("line", "reason"), [
    ("We use your sign-up to provide content in ways you've consented to and to improve our "
     "understanding of you.", "consent-notice"),
    ("This website uses cookies to improve your experience.", "cookie-notice"),
    ("Ceasefire talks collapse after shelling of port [LATEST]", "related-link"),
    ("Related: Five things we learned from the summit", "related-link"),
    ("READ MORE: Minister quits over leaked memo", "read-more"),
    ("Continue reading...", "read-more"),
    ("Source: Read Full Article", "source-footer"),
    ("Share this article", "share-line"),
    ("Follow us on Twitter for the latest updates", "share-line"),
    ("Facebook Twitter WhatsApp Email", "share-line"),
    ("Sign up to our daily newsletter for the top stories", "newsletter"),
    ("Video Loading", "video-teaser"),
    ("Image: Getty Images", "image-credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "reporting-credit"),
    ("Associated Press writer Sam Smith contributed to this report.", "reporting-credit"),
    ("Copyright 2022 The Associated Press. All rights reserved.", "copyright-notice"),
    ("Advertisement", "ad-label"),
])
def test_each_rule_on_its_own_line(line: str, reason: str) -> None:
    text = f"The mayor said the road would reopen on Friday.\n{line}\nTraffic was light."
    assert reasons(text) == [(reason, line)]


def test_tail_rules_remove_only_the_suffix() -> None:
    text = "The president arrived in Kyiv on Monday (Image: GETTY)\nHe met troops."
    (r,) = find_clutter(text)
    assert (r.reason, r.text) == ("image-credit", "(Image: GETTY)")
    text = "Trump promised unity but the speech divided the chamber. Continue reading…"
    (r,) = find_clutter(text)
    assert (r.reason, r.text) == ("read-more", "Continue reading…")


@pytest.mark.parametrize("line", [
    "Shares in the company fell 5% after the minister said the deal was off.",
    "Follow-up talks are planned for Monday, a source close to the negotiations said.",
    "Source: the defence ministry said 498 soldiers had been killed.",
    "The Sun reported that the colonel was run over by one of his own men.",
    "Read more carefully, the report suggests the figures were inflated.",
    "He said the soldier was furious after 750 out of 1,500 soldiers were injured [sic].",
    "Related deaths rose to 40, officials said, though the figure could not be verified.",
    "Comments made by the minister on Sunday drew criticism from the opposition.",
    "Copyright lawyers say the case could take years.",
    "Image rights were at the heart of the dispute, the court heard.",
    "Ukrainian journalist Roman Tsimbalyuk has alleged that his injuries were caused by a "
    "Kremlin soldier, the Sun reported.",
])
def test_article_sentences_are_never_clutter(line: str) -> None:
    assert find_clutter(line) == []


def test_lexicon_rules_are_well_formed() -> None:
    table = rules()
    assert len(table) >= 20
    for rule in table:
        assert rule.reason and rule.reason == rule.reason.lower()
        assert rule.mode in ("line", "tail", "end") and rule.max_chars > 0


def test_long_paragraph_is_protected_by_max_chars() -> None:
    long = "Related: " + "the ministry said the convoy was hit near the border. " * 10
    assert find_clutter(long) == []


def test_without_cuts_regions_and_collapses_blank_lines() -> None:
    text = "First paragraph.\n\nREAD MORE: Something else\n\nSecond paragraph."
    assert without(text, find_clutter(text)) == "First paragraph.\nSecond paragraph."


@pytest.mark.parametrize(("line", "reason"), [
    ("[2/7]Firefighters work at the scene of a fire in a warehouse in the port district on "
     "Monday.", "photo-caption"),
    ("Firefighters work at the scene of a fire in the port district, June 3, 2024. "
     "REUTERS/Jane Example", "photo-caption"),
    ("Firefighters work at the scene of a fire in the port district on Monday. "
     "(AP Photo/Jane Example)", "photo-caption"),
    ("Firefighters work at the scene of a fire on Monday. Photograph: Jane Example/Reuters",
     "photo-caption"),
    ("Firefighters work at the scene of a fire on Monday. AFP via Getty Images",
     "photo-caption"),
    ("Firefighters at the scene on Monday. Purchase Licensing Rights, opens new tab",
     "photo-caption"),
    ("- Advertisement embed-more-topicStory continues below", "ad-label"),
    ("Get daily National news", "promo"),
    ("Get weekly Business news", "promo"),
])
def test_captions_ad_slots_and_promo_headings(line: str, reason: str) -> None:
    text = f"The council said the port would reopen.\n{line}\nThe mayor agreed."
    assert reasons(text) == [(reason, line)]


@pytest.mark.parametrize("line", [
    "Reuters reported that the photographs were taken on Monday.",
    "The agency said its photographer, Jane Example, was unhurt.",
    "Get the facts first, the minister told reporters, before judging the news.",
    "Advertisement revenue fell by 12 per cent, the company said.",
])
def test_sentences_about_photos_or_ads_stay(line: str) -> None:
    assert reasons(f"The council said the port would reopen.\n{line}") == []
