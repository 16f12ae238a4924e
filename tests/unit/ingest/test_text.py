"""Bytes to text: size, gzip, binary, empty, encodings."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from allegedly.errors import InputError
from allegedly.ingest.text import (
    bytes_to_text,
    declared_encoding,
    decode,
    gunzip,
    looks_like_html,
    sniff_binary,
)

LIMIT = 20_000_000


def code_of(data: bytes, limit: int = LIMIT) -> str:
    with pytest.raises(InputError) as info:
        bytes_to_text(data, origin="in.txt", max_bytes=limit)
    assert str(info.value).startswith("in.txt: ") and "\n" not in str(info.value)
    return info.value.code


@pytest.mark.parametrize(("text", "enc"), [
    ("Le ministre a déclaré que l'armée française se retirerait « sans délai ».", "cp1252"),
    ("Señor García dijo que el café costaba 5 € — una señal de la crisis.", "cp1252"),
    ("Zürich: Grüße aus Köln, schön war's.", "latin-1"),
])
def test_western_legacy_encodings_decode_correctly(text: str, enc: str) -> None:
    got, used = bytes_to_text(text.encode(enc), origin="x", max_bytes=LIMIT)
    assert got == text
    assert used == "cp1252"


def test_cyrillic_and_polish_are_not_forced_to_cp1252() -> None:
    ru = "Министерство обороны заявило, что потери составили 498 человек."
    assert decode(ru.encode("cp1251"), origin="x")[0] == ru
    pl = "Zażółć gęślą jaźń, powiedział minister w środę wieczorem."
    assert decode(pl.encode("cp1250"), origin="x")[0] == pl


def test_utf8_utf16_and_declared_charset() -> None:
    s = "Kyiv – “quoted” ‘text’ …"
    assert decode(s.encode("utf-8"), origin="x") == (s, "utf-8")
    assert decode(codecs.BOM_UTF16_LE + s.encode("utf-16-le"), origin="x")[0] == s
    html = '<html><head><meta charset="iso-8859-15"></head><body>Prix: 5 €</body></html>'
    data = html.encode("iso-8859-15")
    assert declared_encoding(data) == "iso8859-15"
    assert decode(data, origin="x")[0] == html


def test_empty_and_blank_inputs_are_e101() -> None:
    assert code_of(b"") == "E101"
    assert code_of(b" \n\t  \r\n") == "E101"


def test_binary_inputs_are_e102(data_dir: Path) -> None:
    assert code_of((data_dir / "bad" / "image.html").read_bytes()) == "E102"
    assert code_of(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj") == "E102"
    assert code_of(b"plain start \x00\x01\x02\x03 then junk" * 10) == "E102"
    assert sniff_binary(b"an ordinary sentence.") is None


def test_size_limit_is_e104() -> None:
    assert code_of(b"x" * 101, limit=100) == "E104"
    with pytest.raises(InputError) as info:
        bytes_to_text(b"x" * 2_000, origin="big.txt", max_bytes=1_000)
    assert "2.0 kB" in str(info.value) and "1.0 kB" in str(info.value)


def test_gzip_members_and_truncation(data_dir: Path) -> None:
    one, two = gzip.compress(b"first part. "), gzip.compress(b"second part.")
    assert gunzip(one + two, origin="x", limit=LIMIT) == b"first part. second part."
    assert code_of((data_dir / "bad" / "truncated.txt.gz").read_bytes()) == "E106"
    bomb = gzip.compress(b"a" * 5_000_000)
    assert code_of(bomb, limit=1_000_000) == "E104"  # decompression stops at the limit


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("\n<div><p>One</p><p>Two</p><p>Three</p></div>")
    assert not looks_like_html("The army said 5 < 7 and the talks <ended> on Monday.")


def test_a_first_line_that_reads_as_a_headline_becomes_the_title() -> None:
    from allegedly.ingest import article_from_text, headline_title

    body = "\n\nOfficials said on Monday that the bridge would reopen.\n"
    assert headline_title("Bridge to reopen after two years of repairs" + body) == \
        "Bridge to reopen after two years of repairs"
    assert headline_title("Will the bridge ever reopen?" + body) == "Will the bridge ever reopen?"
    for first in ("Officials said on Monday that the bridge would reopen.",  # a sentence
                  "Bridge",  # too short
                  "LONDON, May 3 (Reuters) -",  # a dateline
                  "https://example.org/bridge-story",
                  "- Bridge to reopen after two years"):  # a list item
        assert headline_title(first + body) is None, first
    assert headline_title("Bridge to reopen after two years of repairs") is None  # nothing after
    art = article_from_text("Bridge to reopen after two years of repairs" + body)
    assert art.title == "Bridge to reopen after two years of repairs"
    given = article_from_text("Bridge to reopen after two years of repairs" + body, title="Mine")
    assert given.title == "Mine"
