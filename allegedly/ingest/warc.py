"""WARC/ARC archives (warcio): HTML response records become articles.

- ``response`` / ``resource`` records with an HTML (or plain-text) payload are read; the HTTP
  ``charset`` is passed on as the declared encoding (Common Crawl files mix encodings).
- other ``response``/``resource`` payloads (JSON, images, PDFs ...) yield E110 "skipped".
- ``request``, ``metadata``, ``warcinfo``, ``revisit`` and ``conversion`` records are never
  articles and are passed over silently.
- a broken record yields E107 with its offset; reading resumes at the next record header found
  after it, so one bad record never hides the rest of the file. A whole-file (non-chunked) gzip,
  which warcio refuses, is decompressed and read in memory when under ``settings.max_bytes``.

Origins are ``path::<record offset>`` (offset into the file as stored, as warcio reports it; for a
whole-file gzip, into the decompressed stream).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from allegedly.errors import AllegedlyError, InputError
from allegedly.model import Article
from allegedly.settings import Settings

_READ_TYPES = {"response", "resource"}
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_RESYNCS = 1000


def _payload_type(record: object) -> tuple[str, str | None]:
    """(mime type, charset) of a record's payload."""
    http = getattr(record, "http_headers", None)
    raw = http.get_header("Content-Type") if http else None
    if not raw:
        raw = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
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


def iter_warc(path: str, *, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles in the WARC/ARC file at ``path``; errors and skips as InputError items."""
    settings = settings or Settings()
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, generator-friendly
    except OSError as exc:
        yield InputError("E106", path, detail=f"{path}: {exc.strerror}")
        return
    with f:
        gz = f.read(2) == b"\x1f\x8b"
        start, resyncs = 0, 0
        while start is not None and resyncs <= MAX_RESYNCS:
            f.seek(start)
            err = yield from _read_from(f, path, start, settings)
            if err is None:
                return
            offset, reason = err
            if "non-chunked gzip" in reason and start == 0:
                yield from _read_whole_gzip(f, path, settings)
                return
            yield InputError("E107", f"{path}::{offset}",
                             detail=f"broken WARC record at offset {offset} ({reason}); "
                                    "skipped, reading on from the next record")
            start = _next_record_start(f, offset + 1, gz)
            resyncs += 1


def _read_from(f: BinaryIO, path: str, base: int, settings: Settings,
               ) -> Iterator[Article | InputError]:
    """Read records from the current position; return None at the end, or (offset, reason)."""
    from allegedly.ingest import article_from_bytes

    it = ArchiveIterator(f, arc2warc=True, ensure_http_headers=False)
    next_offset = base  # where the record after the last good one starts
    try:
        for record in it:
            if record.rec_type not in _READ_TYPES:
                next_offset = base + it.get_record_offset() + it.get_record_length()
                continue
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
            offset = base + it.get_record_offset()
            next_offset = offset + it.get_record_length()
            origin = f"{path}::{offset}"
            if skip is not None:
                code = "E107" if skip.startswith("unreadable") else "E110"
                yield InputError(code, origin, detail=skip)
                continue
            try:
                yield article_from_bytes(body, origin=origin, settings=settings, url=uri,
                                         encoding=charset, input_format="warc")
            except AllegedlyError as exc:
                yield exc if isinstance(exc, InputError) else InputError(
                    exc.code, origin, **exc.details)
    except Exception as exc:  # warcio raises assorted errors on malformed input
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return (next_offset, reason)
    return None


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
    err = yield from _read_from(io.BytesIO(data), inner, 0, settings)
    if err is not None:
        yield InputError("E107", f"{inner}::{err[0]}", detail=f"broken WARC record ({err[1]})")
