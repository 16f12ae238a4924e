"""Clutter by the shape of the text (teaser runs, appended stories, datelines), on texts written
for the test; the text itself never changes and every removed region keeps its offsets."""

from __future__ import annotations

from allegedly.ingest import article_from_text
from allegedly.ingest.clean import find_clutter
from allegedly.ingest.regions import find_regions

PARA = ("The regional council said on Monday that the new bridge would open in the spring, "
        "after two years of delays caused by flooding and a shortage of steel.")
PARA2 = ("Engineers told the council that the last load tests had been passed and that the "
         "approach roads were being resurfaced, according to the minutes of the meeting.")


def regions(text: str):
    return find_regions(text, find_clutter(text))


def check_offsets(text: str, removed) -> None:
    for r in removed:
        assert text[r.start:r.end] == r.text


def test_kicker_teasers_in_a_row_are_removed() -> None:
    text = "\n".join([PARA, PARA2,
                      "FLOOD RISK: An official said the river could rise again next week as "
                      "more rain is forecast The mayor of the town said yesterday that",
                      "NEW LINE? The operator said a second line was being studied and that "
                      "it would cost more than expected The transport ministry"])
    cut, warnings = regions(text)
    assert [r.reason for r in cut] == ["related-teaser", "related-teaser"]
    assert cut[0].text.startswith("FLOOD RISK:") and not warnings
    check_offsets(text, cut)


def test_one_kicker_line_and_kickers_that_end_a_sentence_stay() -> None:
    text = "\n".join([PARA, "UPDATE: The council has since confirmed the date.", PARA2,
                      "CORRECTION: An earlier version gave the wrong year."])
    assert regions(text) == ([], [])


def test_headline_bullets_next_to_an_ad_label_are_removed() -> None:
    text = "\n".join([PARA,
                      "-   Council votes to rename the old harbour after a local poet",
                      "-   Five things to know before the new ferry timetable starts",
                      "Advertisement Story continues below",
                      PARA2])
    cut, warnings = regions(text)
    assert [r.text[:12] for r in cut] == ["-   Council ", "-   Five thi"] and not warnings
    check_offsets(text, cut)


def test_headline_bullets_alone_are_only_warned_and_short_lists_left_alone() -> None:
    text = "\n".join([PARA,
                      "- Council votes to rename the old harbour after a local poet",
                      "- Five things to know before the new ferry timetable starts",
                      PARA2, "- Apples", "- Two pears", "- Plums"])
    cut, warnings = regions(text)
    assert cut == [] and [w.code for w in warnings] == ["W331"]
    assert "bullet lines" in warnings[0].message
    assert warnings[0].span.text.startswith("- Council votes")


def test_a_story_after_the_only_closing_credit_is_removed() -> None:
    other = ("Separately, the central bank raised interest rates by a quarter of a point on "
             "Thursday, its third increase this year, saying that inflation was still too high "
             "and that it expected to keep rates at that level until the end of next year.")
    text = "\n".join([PARA, PARA2, PARA, "(Reporting by Jane Doe; Editing by John Roe)", other])
    art = article_from_text(text)
    assert art.text == text
    assert art.removed[-1].reason == "appended-story" and art.removed[-1].text == other
    check_offsets(text, art.removed)


def test_a_credit_early_in_the_text_or_a_short_tail_removes_nothing() -> None:
    text = "\n".join([PARA, "(Reporting by Jane Doe)", PARA2, PARA, PARA2])
    assert [r.reason for r in regions(text)[0]] == []
    text = "\n".join([PARA, PARA2, "Reporting by Jane Doe", "Follow us for more."])
    assert regions(text)[0] == []


def test_several_credits_with_stories_between_are_warned() -> None:
    text = "\n".join([PARA, "(Reporting by Jane Doe)", PARA2, "(Reporting by John Roe)"])
    cut, warnings = regions(text)
    assert cut == [] and [w.code for w in warnings] == ["W331"]
    assert "2 closing credit lines" in warnings[0].message


def test_a_second_dateline_is_warned_not_the_first() -> None:
    text = "\n".join(["LONDON, May 3 (Reuters) - " + PARA, PARA2,
                      "PARIS (AP) — " + PARA2])
    cut, warnings = regions(text)
    assert cut == [] and len(warnings) == 1
    assert "'PARIS (AP) —'" in warnings[0].message
    assert warnings[0].span.text == "PARIS (AP) —"


def test_short_headline_lines_in_a_row_are_warned() -> None:
    text = "\n".join([PARA, "Bridge opening delayed again", "Harbour to get a new name",
                      "Ferry timetable changes in June", PARA2])
    cut, warnings = regions(text)
    assert cut == [] and [w.code for w in warnings] == ["W331"]
    assert "3 short lines" in warnings[0].message


def test_ordinary_articles_give_no_regions() -> None:
    text = "Bridge to open in spring\n\n" + "\n\n".join([PARA, PARA2, PARA, PARA2])
    assert regions(text) == ([], [])


def test_bullets_before_a_tags_line_are_the_articles_own() -> None:
    text = "\n".join([PARA, "* Dates may still be changed by the organisers of the series",
                      "* Dates as published by the organisers in January this year",
                      "Tags: racing, calendar"])
    cut, warnings = regions(text)
    assert cut == [] and [w.code for w in warnings] == ["W331"]


def test_shape_removals_never_take_most_of_a_text() -> None:
    lines = [f"ROW {n}: the price of a seat in this row is {n}0 euros for adults" for n in "ABC"]
    cut, warnings = regions("\n".join(lines))
    assert cut == [] and "most of the text" in warnings[0].message
