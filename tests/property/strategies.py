"""Generators of hostile, news-like text for the property suites.

Text is built from fragments a news article is made of (names, pronouns, reporting verbs,
quote marks of every style, numbers in every notation, dates and relative times) mixed with
what breaks naive code: unicode of every category, control characters, line and paragraph
separators, lone surrogates, very long tokens, empty and blank lines.
"""

from __future__ import annotations

from hypothesis import strategies as st

SOURCES = ["Roman Tsimbalyuk", "He", "She", "They", "Officials", "The ministry", "A spokesman",
           "Mr Tsimbalyuk", "Sources close to the army", "It", "There are claims that",
           "The Sun", "Reuters", "The 29-year-old", "Ukraine's defence ministry", "who"]
CUES = ["said", "claimed", "has alleged", "told reporters", "according to", "denied",
        "admitted", "reportedly said", "estimated", "warned", "asked:", "says", "wrote",
        "it is alleged that", "has been accused of", "insisted"]
NUMBERS = ["12", "1,500", "1,5000", "7,000", "over 7,000", "at least 498", "up to 17",
           "about 40%", "thousands of", "dozens of", "two and a half", "a dozen", "½", "2 1/2",
           "1.5 million", "$13.6M", "£2.8bn", "2.48×10−5", "-3", "10 000", "0", "99999999999",
           "3.14159", "1e9", "tens of thousands", "750 out of 1,500", "12-15", "between 3 and 5",
           "9" * 40, "1,000,000,000,000,000,000,000", "0.0001", "−7", "4th", "1990s",
           "9" * 400, "1e912", "2.48×10^999", "3 x2^99999", "1/" + "7" * 400]
TIMES = ["on 24 February", "last week", "In early March", "in March 2022", "two weeks ago",
         "since Monday", "yesterday", "on Friday", "in less than four weeks of fighting",
         "as of 13:00", "by late 2021", "since 31 February", "on 29 February 2023",
         "in 9999", "since Putin launched his invasion on 24 February", "this year",
         "in the past 48 hours", "earlier today", "Sept. 11, 2001", "in mid-2030",
         "In early March 12", "last Friday, January 29"]
OPEN = ["“", "”", '"', "„", "«", "»", "‘", "’", "'", "''", "``", "(", ")", "—", "–", ":"]
WORDS = ["the", "soldiers", "were", "killed", "wounded", "in", "attack", "Kremlin", "mutiny",
         "allegedly", "may", "could", "it is not known", "However,", "But", "and", "of", "a",
         "tank", "commander", "unit", "his", "injuries", "were", "caused", "by", "people",
         "Russian", "Ukrainian", "civilians", "however", "not", "denied", "the report"]
HOSTILE = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x7f", "\x85",
           "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u202e", "\u00a0", "\u2009",
           "\ufffd", "\U0001f600", "\U0001f1fa\U0001f1e6", "e\u0301", "\u0627\u0644\u0639",
           "\u4e2d\u6587", "\t", "  ", "…", "\\", "<b>", "&amp;", "%s", "{}", "\ud800",
           "\udfff"]


def _long_token() -> st.SearchStrategy[str]:
    return st.builds(lambda c, n: c * n, st.sampled_from(["a", "9", "-", "“", ".", "x9,", " "]),
                     st.integers(200, 3000))


def fragments(surrogates: bool = True) -> st.SearchStrategy[str]:
    """One piece of text: a news fragment, a hostile character or a random string; one in
    about 40 is a very long token."""
    hostile = HOSTILE if surrogates else [h for h in HOSTILE if not 0xD800 <= ord(h[0]) <= 0xDFFF]
    alphabet = st.characters(blacklist_categories=() if surrogates else ("Cs",))
    common = st.one_of(
        st.sampled_from(SOURCES), st.sampled_from(CUES), st.sampled_from(NUMBERS),
        st.sampled_from(TIMES), st.sampled_from(OPEN), st.sampled_from(WORDS),
        st.sampled_from(hostile), st.sampled_from([".", ",", "?", "!", ";", " ", "\n", "\n\n"]),
        st.text(alphabet, max_size=12),
    )
    return st.integers(0, 40).flatmap(lambda k: _long_token() if k == 0 else common)


@st.composite
def sentences(draw: st.DrawFn, surrogates: bool = True) -> str:
    """A sentence-like run of fragments, often quoted and attributed."""
    parts = draw(st.lists(fragments(surrogates), min_size=1, max_size=8))
    if draw(st.booleans()):
        q = draw(st.sampled_from(["“{}”", '"{}"', "«{}»", "“{}", "{}”", "'{}'"]))
        parts = [q.format(" ".join(parts)), draw(st.sampled_from(CUES)),
                 draw(st.sampled_from(SOURCES))]
    sep = draw(st.sampled_from([" ", "", "  ", " \u00a0"]))
    return sep.join(parts) + draw(st.sampled_from([".", "", "?", "!", ".”", "…"]))


@st.composite
def news_text(draw: st.DrawFn, max_paragraphs: int = 4, surrogates: bool = True) -> str:
    """Paragraphs of sentences separated by blank, empty or odd line breaks."""
    paras = draw(st.lists(st.lists(sentences(surrogates), min_size=0, max_size=4)
                          .map(" ".join), min_size=1, max_size=max_paragraphs))
    breaks = st.sampled_from(["\n\n", "\n", "\n \n", "\n\n\n\n", "\r\n\r\n", "\u2029",
                              "\n\t\n"])
    out = paras[0]
    for p in paras[1:]:
        out += draw(breaks) + p
    return out


def spans_of(node: object, path: str = "$"):  # noqa: ANN201 - a generator of (path, dict)
    """Every span-like dict (``start``, ``end``, ``text``) in a ``to_dict()`` tree."""
    if isinstance(node, dict):
        if "start" in node and "end" in node and "text" in node and "schema" not in node:
            yield path, node
        for k, v in node.items():
            yield from spans_of(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from spans_of(v, f"{path}[{i}]")


def check_spans(result: dict, text: str) -> int:
    """Assert every span's text is ``text[start:end]`` and within bounds; return how many."""
    n = 0
    for path, span in spans_of(result):
        s, e = span["start"], span["end"]
        if s is None and e is None and span["text"] is None:
            continue  # a source with no mention (documented as null)
        assert isinstance(s, int) and isinstance(e, int), (path, span)
        assert 0 <= s <= e <= len(text), (path, s, e, len(text))
        assert span["text"] == text[s:e], (path, span["text"], text[s:e])
        for a, b in span.get("segments") or ():
            assert s <= a <= b <= e, (path, "segment", a, b, s, e)
        n += 1
    return n
