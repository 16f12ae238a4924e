"""Bytes to text: size limit, gzip, binary detection, encoding detection.

Every failure is an :class:`~allegedly.errors.InputError` with a code and the origin, so a caller
reading many inputs can report it in one line and go on.
"""

from __future__ import annotations

import codecs
import re
import zlib

from allegedly.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"

# Leading bytes of common binary formats someone might pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (docx/xlsx/epub?)"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?\s*|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
    rb"""([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (from JSON ``\\ud800`` escapes; no encoding can write
    them) replaced by U+FFFD, one code point for one: every offset stays valid."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def human_size(n: int) -> str:
    """``20971520`` -> ``"21.0 MB"`` (decimal units, as in the settings)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def check_size(n: int, limit: int, origin: str | None) -> None:
    """Raise E104 when ``n`` bytes exceed ``limit``."""
    if limit and n > limit:
        raise InputError("E104", origin, detail=human_size(n), limit=human_size(limit))


def gunzip(data: bytes, *, origin: str | None, limit: int) -> bytes:
    """Decompress gzip ``data`` (all members), stopping at ``limit`` bytes of output.

    A truncated or corrupt stream raises E106 naming how far decompression got.
    """
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += dec.decompress(rest, max(1, limit + 1 - len(out)) if limit else 0)
            while dec.unconsumed_tail and (not limit or len(out) <= limit):
                out += dec.decompress(dec.unconsumed_tail, max(1, limit + 1 - len(out)))
        except zlib.error as exc:
            raise InputError("E106", origin, detail=f"corrupt gzip data ({exc})") from None
        check_size(len(out), limit, origin)
        if not dec.eof:
            raise InputError("E106", origin, detail=f"truncated gzip file: it ends after "
                             f"{human_size(len(out))} of decompressed data; re-download it")
        rest = dec.unused_data.lstrip(b"\x00")
    return bytes(out)


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format of ``data`` ("a PDF document"), or None if it may be text."""
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte is NUL in ASCII-heavy text
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) / 4 and min(even, odd) < len(head) / 50:
            return None
        return "it contains NUL bytes"
    controls = sum(1 for b in head if b in _CONTROL)
    if head and controls / len(head) > 0.05:
        return f"{controls} control characters in the first {len(head)} bytes"
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names, if it is a known codec."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, origin: str | None, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; returns ``(text, encoding)``.

    Order: byte-order mark, strict UTF-8, the encoding the caller (HTTP header) or the document
    declares, then charset-normalizer's detection. E103 only when nothing decodes cleanly.
    """
    marked = [enc for bom, enc in _BOMS if data.startswith(bom)]
    for enc in marked:  # FF FE 00 00 is the UTF-32 BOM, or UTF-16's followed by a NUL
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if marked:
        return data.decode(marked[0], errors="replace"), marked[0]
    if b"\x00" in data[:4096]:
        # no BOM: ASCII-heavy UTF-16 has its NULs at odd offsets (LE) or even ones (BE)
        head = data[:4096]
        enc = "utf-16-be" if head[0::2].count(0) > head[1::2].count(0) else "utf-16-le"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in (declared, declared_encoding(data)):
        if enc:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                pass
    western = _prefer_western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes  # ~20 ms to import: only when needed

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    # western European text is by far the most common non-UTF-8 news encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise InputError("E103", origin, detail=f"no encoding fits: {exc.reason} at byte "
                         f"{exc.start}") from None


def _prefer_western(data: bytes) -> str | None:
    """cp1252 text when it reads as Western European text, else None.

    charset-normalizer guesses badly on short texts with a few accented letters (cp1257 for
    French, cp857 for Spanish); Western European is by far the commonest legacy encoding of news
    pages, so cp1252 wins when its decoding is mostly ASCII letters (rules out Cyrillic, Greek)
    and never puts a symbol from 0xA0-0xBF inside a word (rules out Polish/Czech, whose ż, ł, ą
    land there: "Za¿ó³æ").
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    if not letters or non_ascii / len(letters) >= 0.35:
        return None
    if _SANDWICHED.search(text):
        return None
    return text


_SANDWICHED = re.compile(r"(?<=[^\W\d_])[\xa1-\xbf](?=[^\W\d_])")


def bytes_to_text(data: bytes, *, origin: str | None, max_bytes: int,
                  declared: str | None = None) -> tuple[str, str]:
    """Checks and decoding in one step: size (E104), gzip (E106), binary (E102), empty (E101),
    encoding (E103). Returns ``(text, encoding)``."""
    check_size(len(data), max_bytes, origin)
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, origin=origin, limit=max_bytes)
    if not data.strip():
        raise InputError("E101", origin)
    what = sniff_binary(data)
    if what:
        raise InputError("E102", origin, detail=what)
    text, enc = decode(data, origin=origin, declared=declared)
    if not text.strip():
        raise InputError("E101", origin)
    return text, enc


_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b"
    r"|<title\b|<article\b|<div\b|<p\b|<section\b|<main\b)", re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|html|body|article|section|h[1-6]|li|ul|table)\b",
                        re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document (or a fragment dense with markup)."""
    if _HTML_START.match(text[:4096]):
        return True
    head = text[:20000]
    return len(_HTML_TAGS.findall(head)) >= max(3, len(head) // 400)
