import pytest

from allegedly.ingest.wires import detect_wire, wire_of
from allegedly.model import Article


@pytest.mark.parametrize("text, author, wire, method", [
    ("Headline.\n\nDALLAS (AP) — The candidate is shifting staff.", None, "AP", "dateline"),
    ("KYIV, April 8 (Reuters) - Officials said.", None, "Reuters", "dateline"),
    ("MERINSK, May 6 (CPA) - At least 34 people", None, "CPA", "dateline"),
    ("Text of the story.\n\n(Reporting by Jane Roe; Editing by John Doe)", None, "Reuters",
     "reuters_signoff"),
    ("More than 1,300 people remain trapped. — Ukrinform.", None, "Ukrinform", "signoff"),
    ("A story.", "AFP", "AFP", "byline"),
    ("By Jane Doe, Associated Press\n\nThe story.", None, "AP", "byline"),
])
def test_wire_credits(text, author, wire, method):
    credit = detect_wire(text, author)
    assert (credit.wire, credit.method) == (wire, method)
    if credit.start >= 0:
        assert text[credit.start:credit.end].strip() == credit.text


@pytest.mark.parametrize("text", [
    "He said the (AP) figures were wrong - nobody agreed.",
    "The agency, Reuters, reported nothing.",
    "Associated Press style is a book.",
    "",
])
def test_no_wire(text):
    assert wire_of(text) is None


def test_article_wire_is_found_at_construction_unless_given():
    assert Article("LONDON (Reuters) - Markets fell.").wire == "Reuters"
    assert Article("Markets fell.").wire is None
    assert Article("Markets fell.", wire="UPI").wire == "UPI"


def test_only_head_and_tail_are_read():
    long = "LONDON (Reuters) - " + "word " * 100_000
    assert wire_of(long) == "Reuters"
    assert wire_of("word " * 100_000 + "(AP) — hidden in the middle " + "word " * 100_000) \
        is None
