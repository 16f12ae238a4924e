"""Direct-quote finder: curly/straight marks, multi-paragraph quotes, unbalanced marks."""

from __future__ import annotations

from allegedly.extract.quotes import find_quotes, quote_at


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]


def test_curly_and_straight_quotes():
    text = 'He said “we will win” and she said "no way".'
    assert _texts(text) == [["we will win"], ["no way"]]
    q = find_quotes(text)[0]
    assert text[q.start:q.end] == "“we will win”"


def test_quote_continues_into_next_paragraph_that_opens_with_a_mark():
    text = 'Mr Smith said: “First part of it.\n\n“Second part.”\n\nAfterwards nothing.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert [text[s:e] for s, e in quotes[0].segments] == ["First part of it.", "Second part."]
    assert quotes[0].closed


def test_unclosed_quote_is_closed_at_paragraph_end():
    text = 'She said "this never ends\nNext paragraph has no quote.'
    quotes = find_quotes(text)
    assert [text[s:e] for s, e in quotes[0].segments] == ["this never ends"]
    assert not quotes[0].closed


def test_stray_closing_mark_and_apostrophes_do_not_open_quotes():
    text = "It’s the soldiers’ tank” he said, and it's fine."
    assert find_quotes(text) == []


def test_new_opening_mark_recovers_from_missing_close():
    text = "“One quote without an end “Second quote” after."
    assert _texts(text) == [["One quote without an end"], ["Second quote"]]


def test_typewriter_quote_pairs():
    text = "''It's more tinkering at the edges,'' said Alan Cole."
    assert _texts(text)[0][0].startswith("'It's more tinkering")


def test_quote_at_overlap():
    text = 'A "b c" d'
    quotes = find_quotes(text)
    assert quote_at(quotes, 3, 4) is quotes[0]
    assert quote_at(quotes, 0, 1) is None


def test_closing_mark_typed_for_an_opening_one_at_a_paragraph_start():
    text = "Intro.\n\n”Fear. I am afraid the ferry will close.” ― Ana Ruiz\n”Stray"
    assert _texts(text) == [["Fear. I am afraid the ferry will close."]]
