"""quote.follow_on (quotes.py): a quote running on after the cue clause joins the content, also
when the clause names a show in Title Case quotes or ends with a no-break space."""

from __future__ import annotations

from allegedly.extract.attribution import find_attributions
from allegedly.extract.attribution.quotes import without_title_marks
from allegedly.extract.quotes import find_quotes


def _said(nlp, text: str, cue: str = "said") -> list[str]:
    ms = [m for m in find_attributions(nlp(text)) if m.cue and text[m.cue[0]:m.cue[1]] == cue]
    assert ms, f"no link with cue {cue!r}"
    return [text[s:e] for s, e in ms[0].content]


def test_show_title_in_cue_clause_does_not_stop_follow_on(nlp):
    text = ("“We are going to win this county,” Okafor said during an interview on the Ledger’s "
            "“Morning Report” Sunday. “Nobody can stop us now. We have the volunteers.”")
    content = _said(nlp, text)
    assert content[0] == "“We are going to win this county,”"
    assert any("Nobody can stop us now." in c for c in content[1:])
    assert not any("Morning Report" in c for c in content)


def test_quote_in_cue_clause_that_is_no_title_still_stops_follow_on(nlp):
    text = "“It is over,” the coach said, calling the season “a real letdown.” “We lost.”"
    content = _said(nlp, text)
    assert content == ["“It is over,”"]


def test_no_break_space_before_the_next_quote(nlp):
    text = ("“She had never run for office before,” Lindqvist continued, drawing loud cheers.\u00a0"
            "“You know, she turned her grief into a movement.”")
    content = _said(nlp, text, "continued")
    assert any("she turned her grief into a movement" in c for c in content[1:])


def test_without_title_marks_blanks_only_title_quotes():
    text = 'He said on “Meet the Voters.” and then “we lost the vote” and “The Chief. Big Man.”'
    out = without_title_marks(text, 0, find_quotes(text))
    assert len(out) == len(text)
    assert "“Meet" not in out and "Meet the Voters." in out
    assert "“we lost the vote”" in out  # lower case: a quote, not a title
    assert "“The Chief. Big Man.”" in out  # two sentences: a quote
