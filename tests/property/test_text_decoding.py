"""Text decoding (``allegedly.ingest.text``): any bytes give text or a coded InputError."""

from __future__ import annotations

import codecs
import gzip

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from allegedly.errors import InputError
from allegedly.ingest.text import bytes_to_text, decode, gunzip, looks_like_html, sniff_binary

from .conftest import AUXILIARY, examples
from .strategies import news_text

LIMIT = 1_000_000
_CODES = {"E101", "E102", "E103", "E104", "E106"}

hostile_bytes = st.one_of(
    st.binary(max_size=3000),
    news_text(surrogates=False).map(lambda t: t.encode("utf-8")),
    news_text(surrogates=False).map(lambda t: t.encode("utf-16")),
    news_text(surrogates=False).map(lambda t: t.encode("cp1252", "replace")),
    news_text(surrogates=False).map(lambda t: t.encode("utf-8")[:-1]),  # cut mid-character
    st.binary(max_size=400).map(lambda b: gzip.compress(b)[: max(2, len(b) // 2)]),
    st.binary(max_size=400).map(gzip.compress),
    st.tuples(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE,
                               b"%PDF", b"\x1f\x8b", b"<meta charset=koi8-r>",
                               b"<?xml encoding='nonsense'?>"]),
              st.binary(max_size=500)).map(b"".join),
)


@settings(max_examples=examples(100))
@given(hostile_bytes)
def test_any_bytes_decode_or_fail_with_a_code(data: bytes) -> None:
    try:
        text, enc = bytes_to_text(data, origin="fuzz", max_bytes=LIMIT)
    except InputError as exc:
        assert exc.code in _CODES, exc
        return
    assert isinstance(text, str) and text.strip()
    assert codecs.lookup(enc)
    text.encode("utf-8")  # no lone surrogates reach the analysis
    looks_like_html(text)


@settings(max_examples=examples(40, AUXILIARY))
@given(news_text(surrogates=False))
def test_utf8_text_round_trips_exactly(text: str) -> None:
    """UTF-8 without NUL bytes (with NULs, bytes are read as UTF-16 or refused as binary)."""
    data = text.encode("utf-8")
    assume(text.strip() and "\x00" not in text and not text.startswith("\ufeff")
           and sniff_binary(data) is None)
    assert bytes_to_text(data, origin="fuzz", max_bytes=LIMIT)[0] == text


ascii_news = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1,
                     max_size=300).filter(lambda t: sum(c.isalpha() for c in t) > len(t) / 2)


@settings(max_examples=examples(100, AUXILIARY))
@example("Hello world, officials said.", "utf-16-be")  # was decoded as little-endian: "䠀攀氀氀漀"
@given(ascii_news, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_without_bom_is_read_in_its_byte_order(text: str, encoding: str) -> None:
    assert bytes_to_text(text.encode(encoding), origin="fuzz", max_bytes=LIMIT) == (text,
                                                                                  encoding)


@settings(max_examples=examples(40, AUXILIARY))
@example("\x00.", "utf-16")  # its BOM + NUL is the UTF-32 BOM: was decoded as UTF-32, "�"
@given(news_text(surrogates=False), st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_text_with_a_byte_order_mark_round_trips(text: str, encoding: str) -> None:
    assume(not text.startswith("\ufeff"))  # a second BOM is read as the first one's text
    assert decode(text.encode(encoding), origin="fuzz")[0] == text


@settings(max_examples=examples(100, AUXILIARY))
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=3))
def test_gzip_members_decompress_in_order_and_respect_the_limit(members: list[bytes]) -> None:
    data = b"".join(gzip.compress(m) for m in members)
    joined = b"".join(members)
    assert gunzip(data, origin="fuzz", limit=LIMIT) == joined
    if len(joined) > 10:
        try:
            gunzip(data, origin="fuzz", limit=10)
        except InputError as exc:
            assert exc.code == "E104"
        else:
            raise AssertionError("a gzip stream over the limit was accepted")
