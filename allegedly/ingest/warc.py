"""WARC/ARC archives (warcio): HTML response records become articles.

- ``response`` / ``resource`` records with an HTML (or plain-text) payload are read; the HTTP
  ``charset`` is passed on as the declared encoding (Common Crawl files mix encodings).
- other ``response``/``resource`` payloads (JSON, images, PDFs ...) yield E110 "skipped".
- ``request``, ``metadata``, ``warcinfo``, ``revisit`` and ``conversion`` records are never
  articles and are passed over silently.
- a broken record yields E107 with its offset; reading resumes at the next record header found
  after it, so one bad record never hides the rest of the file. A whole-file (non-chunked) gzip,
  which warcio refuses, is decompressed and read in memory when under ``settings.max_bytes``.
- a **truncated** archive (a copy or download cut short) gets a W301 for the record it ends in:
  a last payload shorter than its Content-Length (the part read is analysed when it holds an
  article, the warning attached to it; else the W301 is an item of its own), a last gzip member
  without its end, or trailing bytes too short to hold a record. A payload shorter than its
  Content-Length *inside* the file is a malformed record (E107).
- what warcio itself prints to stderr or logs (a record not followed by a blank line, corrupt
  compressed data, a URI with spaces) never reaches the terminal: it becomes a W302/W303 item.

Origins are ``path::<record offset>`` (offset into the file as stored, as warcio reports it; for a
whole-file gzip, into the decompressed stream).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from allegedly.errors import AllegedlyError, InputError, InputWarning, message
from allegedly.ingest.text import human_size
from allegedly.model import AnalysisWarning, Article
from allegedly.settings import Settings

_READ_TYPES = {"response", "resource"}
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_RESYNCS = 1000
_INC_RECORD = re.compile(r"Record not followed by newline.*?Offset:\s*(\d+)\s+Remainder:\s*(.*)",
                         re.DOTALL)


def _payload_type(record: Any) -> tuple[str, str | None]:
    """(mime type, charset) of a record's payload."""
    http = getattr(record, "http_headers", None)
    raw = http.get_header("Content-Type") if http else None
    if not raw:
        raw = record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = raw.partition(";")
    charset = None
    for p in params.split(";"):
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            charset = v.strip().strip("\"'")
    return mime.strip().lower(), charset


def _next_record_start(f: BinaryIO, after: int, gz: bool) -> int | None:
    """Offset of the next gzip member (``gz``) or ``WARC/`` header line after ``after``."""
    magic = b"\x1f\x8b\x08" if gz else b"\nWARC/"
    f.seek(after)
    pos, tail = after, b""
    while True:
        chunk = f.read(1 << 16)
        if not chunk:
            return None
        buf = tail + chunk
        i = buf.find(magic)
        if i >= 0:
            start = pos - len(tail) + i
            return start + (0 if gz else 1)
        tail = buf[-(len(magic) - 1):]
        pos += len(chunk)


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


@contextlib.contextmanager
def warcio_quiet() -> Iterator[list[str]]:
    """Collect what warcio writes to stderr or logs while the block runs, instead of letting it
    reach the terminal. Yields the list the messages are added to when the block ends.

    stderr is swapped process-wide for the block, so keep blocks to warcio calls (never across
    a ``yield`` to the caller).
    """
    said: list[str] = []
    buf = io.StringIO()
    logger = logging.getLogger("warcio")
    handler = _ListHandler(said)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with contextlib.redirect_stderr(buf):
            yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        text = buf.getvalue().strip()
        if text:
            said.append(text)


def _said_items(said: list[str], path: str, fallback: int) -> Iterator[InputWarning]:
    """warcio's messages as W302 (bad Content-Length) / W303 (anything else) items."""
    for text in said:
        for part in re.split(r"\n\s*(?=WARNING:)", text):
            m = _INC_RECORD.search(part)
            if m:
                offset, rest = int(m.group(1)), " ".join(m.group(2).split())[:80]
                yield InputWarning("W302", f"{path}::{offset}",
                                   detail=f"at offset {offset} (next bytes: {rest!r})")
            elif part.strip():
                said_text = " ".join(part.split())[:200]
                yield InputWarning("W303", f"{path}::{fallback}", detail=said_text)


def iter_warc(path: str, *, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles in the WARC/ARC file at ``path``; errors, skips and warnings as InputError items."""
    settings = settings or Settings()
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, generator-friendly
    except OSError as exc:
        yield InputError("E106", path, detail=f"{path}: {exc.strerror}")
        return
    with f:
        gz = f.read(2) == b"\x1f\x8b"
        start: int | None = 0
        resyncs = 0
        size = os.fstat(f.fileno()).st_size
        while start is not None and resyncs <= MAX_RESYNCS:
            f.seek(start)
            outcome = yield from _read_from(f, path, settings, size)
            if outcome[0] == "end":
                yield from _check_end(f, path, *outcome[1:], gz)
                return
            _, offset, reason = outcome
            if "non-chunked gzip" in reason and start == 0:
                yield from _read_whole_gzip(f, path, settings)
                return
            start = _next_record_start(f, offset + 1, gz)
            resyncs += 1
            if start is None:  # nothing readable after it: the file was cut inside this record
                yield InputWarning("W301", f"{path}::{offset}", detail=(
                    f"it ends inside the record at offset {offset}, which warcio cannot read "
                    f"({reason}); that record was skipped, the records before it were read"))
                return
            yield InputError("E107", f"{path}::{offset}",
                             detail=f"broken WARC record at offset {offset} ({reason}); "
                                    "skipped, reading on from the next record")


def _read_from(f: BinaryIO, path: str, settings: Settings, size: int
               ) -> Iterator[Article | InputError]:
    """Read records from the current position. Returns ``("end", offset after the last record,
    start of the last record, whether a W301 was yielded for it)`` or ``("broken", offset,
    reason)``."""
    from warcio.archiveiterator import ArchiveIterator

    it = ArchiveIterator(f, arc2warc=True, ensure_http_headers=False)
    records = iter(it)
    next_offset = last_start = f.tell()  # where the record after the last good one starts
    cut_short = False
    try:
        while True:
            with warcio_quiet() as said:
                record = next(records, None)
            yield from _said_items(said, path, next_offset)
            if record is None:
                return ("end", next_offset, last_start, cut_short)
            with warcio_quiet() as said:
                item = _record_item(record, it, path, settings, size)
                last_start = it.get_record_offset()
                next_offset = last_start + it.get_record_length()
            cut_short = item is not None and _has_code(item, "W301")
            if item is not None:
                yield item
            yield from _said_items(said, path, last_start)
    except Exception as exc:  # warcio raises assorted errors on malformed input
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return ("broken", next_offset, reason)


def _has_code(item: Article | InputError, code: str) -> bool:
    if isinstance(item, Article):
        return any(w.code == code for w in item.ingest_warnings)
    return item.code == code


def _record_item(record: Any, it: Any, path: str, settings: Settings, size: int
                 ) -> Article | InputError | None:
    """The article (or skip, error, truncation warning) of one record; None when the record
    type is never an article."""
    from warcio.exceptions import ArchiveLoadFailed

    if record.rec_type not in _READ_TYPES:
        return None
    mime, charset = _payload_type(record)
    uri = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() if record.http_headers else None
    skip = None
    if mime and not mime.startswith(_TEXT_TYPES):
        skip = f"a {record.rec_type} record of type {mime} ({uri})"
    elif status and not status.startswith("2"):
        skip = f"an HTTP {status} response ({uri})"
    body = b""
    if skip is None:
        try:
            body = record.content_stream().read(settings.max_bytes + 1)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            skip = f"unreadable payload ({uri}): {exc}"
    # the offset is known only once the record has been read to its end
    offset = it.get_record_offset()
    origin = f"{path}::{offset}"
    short = _short_payload(record, uri, offset)
    if short and offset + it.get_record_length() < size:  # more follows: a bad Content-Length
        return InputError("E107", origin, detail=f"the record at offset {offset} is {short}")
    if skip is not None:
        return InputError("E107" if skip.startswith("unreadable") else "E110", origin,
                          detail=skip)
    from allegedly.ingest import article_from_bytes

    try:
        art = article_from_bytes(body, origin=origin, settings=settings, url=uri,
                                 encoding=charset, input_format="warc")
    except AllegedlyError as exc:
        if short:  # nothing usable in the part that was read
            return InputWarning("W301", origin, detail=f"it ends inside the record at offset "
                                f"{offset}, which is {short}; that record was skipped")
        return exc if isinstance(exc, InputError) else InputError(exc.code, origin, **exc.details)
    if short:
        detail = f"it ends inside this record, which is {short}; the part read was analysed"
        warning = AnalysisWarning("W301", message("W301", detail=detail))
        art = replace(art, ingest_warnings=(*art.ingest_warnings, warning))
    return art


def _short_payload(record: Any, uri: str | None, offset: int) -> str:
    """"cut after N of its M bytes (URI)" when the record's block is shorter than its
    Content-Length (warcio stops at the end of the data), else ""."""
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing <= 0:
        return ""
    declared = record.length or 0
    return f"cut after {declared - missing:,} of its {declared:,} bytes ({uri})"


def _check_end(f: BinaryIO, path: str, end: int, last_start: int, reported: bool, gz: bool
               ) -> Iterator[InputWarning]:
    """W301 when the file ends in a record warcio could not see whole: bytes after the last
    record (``end``) that hold no record, or (gzip) a last member without its end (unless that
    record was ``reported`` cut short already)."""
    size = os.fstat(f.fileno()).st_size
    f.seek(end)
    leftover = f.read(1 << 20)
    if leftover.strip(b"\r\n\t \x00"):
        yield InputWarning("W301", f"{path}::{end}", detail=(
            f"its last {human_size(size - end)}, from offset {end}, hold an incomplete record, "
            "which was skipped"))
    elif gz and not reported and last_start < end and not _member_complete(f, last_start):
        yield InputWarning("W301", f"{path}::{last_start}", detail=(
            f"the gzip member of its last record, at offset {last_start}, has no end; the "
            "record was read but may be incomplete"))


def _member_complete(f: BinaryIO, start: int) -> bool:
    """True when the gzip member at ``start`` decompresses to its end."""
    f.seek(start)
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not dec.eof:
            chunk = f.read(1 << 16)
            if not chunk:
                return False
            dec.decompress(chunk)
    except zlib.error:
        return False
    return True


def _read_whole_gzip(f: BinaryIO, path: str, settings: Settings
                     ) -> Iterator[Article | InputError]:
    f.seek(0)
    raw = f.read(settings.max_bytes + 1)
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError) as exc:
        yield InputError("E107", path, detail=f"a WARC compressed as one gzip stream could not be "
                         f"decompressed ({exc})")
        return
    if len(data) > settings.max_bytes:
        yield InputError("E104", path, detail="a WARC compressed as one gzip stream (decompressed "
                         "in memory)", limit=str(settings.max_bytes))
        return
    inner = path  # offsets are into the decompressed stream here
    outcome = yield from _read_from(io.BytesIO(data), inner, settings, len(data))
    if outcome[0] == "broken":
        yield InputError("E107", f"{inner}::{outcome[1]}", detail=f"broken WARC record "
                         f"({outcome[2]})")
