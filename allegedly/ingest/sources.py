"""Expanding inputs into articles: files, directories, globs, ``-``, URLs, URL lists.

:class:`Reader` decides each input's format from ``fmt``, the file name and a sniff of its first
bytes, hands it to the matching reader (:mod:`.warc`, :mod:`.feeds`, :mod:`.records`, or
:func:`allegedly.ingest.article_from_bytes`), and turns every failure into an ``InputError``
item so one broken input never stops a run.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from allegedly.errors import AllegedlyError, InputError
from allegedly.ingest import feeds, records, warc
from allegedly.ingest.text import GZIP_MAGIC, bytes_to_text, check_size, gunzip
from allegedly.model import Article
from allegedly.settings import Settings

LANGUAGE_CODES = ("W321", "W322", "W323")  # how the language was decided: moot when it is given

FORMATS = ("text", "html", "warc", "feed", "jsonl", "json", "csv", "tsv", "urls")
# Extensions picked up when walking a directory (".gz" variants too).
DIR_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".warc", ".arc", ".jsonl",
                  ".ndjson", ".csv", ".tsv", ".rss", ".atom", ".urls")
_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
_EXT_FORMAT = {".warc": "warc", ".arc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".json": "json", ".csv": "csv", ".tsv": "tsv", ".xml": "feed", ".rss": "feed",
               ".atom": "feed", ".urls": "urls", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".txt": "text", ".text": "text"}


def is_url(s: str) -> bool:
    """True for a single http(s) URL."""
    return bool(_URL.match(s.strip()))


def format_from_name(path: str) -> str | None:
    """Format implied by a file name (``.warc.gz`` -> warc), or None."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _EXT_FORMAT.get(os.path.splitext(name)[1])


def sniff_format(data: bytes) -> str:
    """Format of raw (decompressed) bytes: warc, feed, jsonl, urls, or "auto" (text/HTML).

    "urls": every non-blank line (``#`` comments aside) is one http(s) URL.
    """
    head = data[:4096].lstrip()
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if feeds.looks_like_feed(data):
        return "feed"
    if head.startswith(b"{") and b"\n{" in data[:200000]:
        return "jsonl"
    lines = [ln.strip() for ln in data[:200000].splitlines()
             if ln.strip() and not ln.lstrip().startswith(b"#")]
    if lines and all(_URL.match(ln.decode("utf-8", "replace")) for ln in lines[:1000]):
        return "urls"
    return "auto"


@dataclass
class Reader:
    """Reads inputs one by one; see :func:`allegedly.ingest.iter_articles`."""

    settings: Settings = field(default_factory=Settings)
    fields: Mapping[str, str] = field(default_factory=lambda: dict(records.DEFAULT_FIELDS))
    fmt: str | None = None
    allow_private: bool = False
    stdin: TextIO | Any | None = None
    fetch_links: bool = True
    language: str | None = None  # given by the user: no detection warnings, no E108 guessing

    def __post_init__(self) -> None:
        if self.fmt is not None and self.fmt not in FORMATS:
            raise ValueError(f"unknown input format {self.fmt!r}; use one of {', '.join(FORMATS)}")

    # ---- entry point ---------------------------------------------------------------------

    def read(self, item: str) -> Iterator[Article | InputError]:
        """Everything in one input; never raises for a broken input (yields InputError)."""
        try:
            for found in self._read(item):
                yield self._with_language(found)
        except AllegedlyError as exc:
            yield _as_input_error(exc, exc.origin or item)
        except Exception as exc:  # a bug or an exotic failure: report it, keep going
            yield InputError("E106", item, detail=f"{type(exc).__name__}: {exc}")

    def _with_language(self, item: Article | InputError) -> Article | InputError:
        if self.language is None or not isinstance(item, Article):
            return item
        kept = tuple(w for w in item.ingest_warnings if w.code not in LANGUAGE_CODES)
        return replace(item, language=self.language, ingest_warnings=kept)

    def _read(self, item: str) -> Iterator[Article | InputError]:
        if item == "-":
            yield from self._read_stdin()
        elif is_url(item):
            yield from self._read_url(item.strip(), origin=item.strip())
        elif os.path.isdir(item):
            yield from self._read_dir(item)
        elif os.path.exists(item):
            yield from self.read_file(item)
        elif glob.has_magic(item):
            paths = sorted(glob.glob(item, recursive=True))
            if not paths:
                yield InputError("E106", item, detail=f"no file matches the pattern {item}")
            for p in paths:
                yield from self.read(p)
        else:
            yield InputError("E106", item, detail=f"{item}: no such file, directory or URL")

    # ---- sources ---------------------------------------------------------------------------

    def _read_stdin(self) -> Iterator[Article | InputError]:
        stream = self.stdin if self.stdin is not None else sys.stdin
        buf = getattr(stream, "buffer", None)
        raw = (buf or stream).read(self.settings.max_bytes + 1)
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
        check_size(len(data), self.settings.max_bytes, "-")
        yield from self._read_bytes(data, "-", self.fmt)

    def _read_dir(self, path: str) -> Iterator[Article | InputError]:
        found = False
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                low = name.lower()
                base = low[:-3] if low.endswith(".gz") else low
                if name.startswith(".") or not base.endswith(DIR_EXTENSIONS):
                    continue
                found = True
                yield from self.read(os.path.join(root, name))
        if not found:
            yield InputError("E106", path, detail=f"the directory {path} holds no readable "
                             f"files ({', '.join(DIR_EXTENSIONS)}, optionally .gz)")

    def read_file(self, path: str) -> Iterator[Article | InputError]:
        """One file, by its format (``fmt``, name, or content)."""
        fmt = self.fmt or format_from_name(path)
        gz = path.lower().endswith(".gz")
        if fmt == "warc":
            yield from warc.iter_warc(path, settings=self.settings)
            return
        if fmt in ("jsonl", "csv", "tsv"):  # streamed: no whole-file size limit
            opener = gzip.open if gz else open
            try:
                with opener(path, "rt", encoding="utf-8-sig", errors="replace",
                            newline="") as fh:
                    if fmt == "jsonl":
                        yield from records.iter_jsonl(fh, path, fields=self.fields,
                                                      settings=self.settings)
                    else:
                        yield from records.iter_csv(fh, path, fields=self.fields,
                                                    settings=self.settings,
                                                    delimiter="\t" if fmt == "tsv" else None)
            except (OSError, EOFError) as exc:
                yield InputError("E106", path, detail=f"{path}: {exc} (reading stopped here)")
            return
        try:
            size = os.path.getsize(path)
            check_size(size, self.settings.max_bytes, path)
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield InputError("E106", path, detail=f"{path}: {exc.strerror or exc}")
            return
        yield from self._read_bytes(data, path, fmt)

    def _read_bytes(self, data: bytes, origin: str, fmt: str | None,
                    meta: Mapping[str, Any] | None = None) -> Iterator[Article | InputError]:
        from allegedly.ingest import article_from_bytes

        if data[:2] == GZIP_MAGIC:
            data = gunzip(data, origin=origin, limit=self.settings.max_bytes)
        if self.fmt is None and (fmt is None or fmt in ("text", "html") and not meta):
            sniffed = sniff_format(data)
            # content beats the name for archives, feeds and a .txt that lists only URLs
            if fmt is None or sniffed in ("warc", "feed") or (fmt, sniffed) == ("text", "urls"):
                fmt = None if sniffed == "auto" else sniffed
        if fmt == "feed":
            yield from feeds.iter_feed(data, origin, settings=self.settings,
                                       fetch_links=self.fetch_links, fetcher=self._fetch_article)
        elif fmt == "warc":
            yield from self._warc_bytes(data, origin)
        elif fmt in ("jsonl", "json", "csv", "tsv", "urls"):
            text, _ = bytes_to_text(data, origin=origin, max_bytes=self.settings.max_bytes)
            if fmt == "jsonl":
                yield from records.iter_jsonl(text.splitlines(), origin, fields=self.fields,
                                              settings=self.settings)
            elif fmt == "json":
                if feeds.looks_like_feed(data):
                    yield from feeds.iter_feed(data, origin, settings=self.settings,
                                               fetch_links=self.fetch_links,
                                               fetcher=self._fetch_article)
                else:
                    yield from records.iter_json(text, origin, fields=self.fields,
                                                 settings=self.settings)
            elif fmt == "urls":
                yield from self._read_url_list(text, origin)
            else:
                yield from records.iter_csv(io.StringIO(text), origin, fields=self.fields,
                                            settings=self.settings,
                                            delimiter="\t" if fmt == "tsv" else None)
        else:
            kw = dict(meta or {})
            if fmt in ("text", "html"):  # forced: no HTML/text sniffing
                from allegedly.ingest import article_from_html, article_from_text

                text, _ = bytes_to_text(data, origin=origin, max_bytes=self.settings.max_bytes,
                                        declared=kw.pop("encoding", None))
                kw.setdefault("input_format", fmt)
                reader = article_from_text if fmt == "text" else article_from_html
                yield reader(text, origin=origin, settings=self.settings, **kw)
            else:
                yield article_from_bytes(data, origin=origin, settings=self.settings, **kw)

    def _warc_bytes(self, data: bytes, origin: str) -> Iterator[Article | InputError]:
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".warc") as tmp:
            tmp.write(data)
            tmp.flush()
            for item in warc.iter_warc(tmp.name, settings=self.settings):
                new = (item.origin or "").replace(tmp.name, origin)
                yield replace(item, origin=new) if isinstance(item, Article) else \
                    InputError(item.code, new, **item.details)

    def _read_url_list(self, text: str, origin: str) -> Iterator[Article | InputError]:
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            item_origin = f"{origin}#line-{n}"
            if not is_url(line):
                yield InputError("E107", item_origin, detail=f"not an http(s) URL: {line[:100]}")
                continue
            try:
                yield from self._read_url(line, origin=item_origin)
            except AllegedlyError as exc:
                yield _as_input_error(exc, item_origin)

    def _read_url(self, url: str, *, origin: str) -> Iterator[Article | InputError]:
        from allegedly.ingest.fetch import fetch

        data, info = fetch(url, settings=self.settings, allow_private=self.allow_private)
        meta = {"url": info["url"], "encoding": info["encoding"], "input_format": "url"}
        body = gunzip(data, origin=origin, limit=self.settings.max_bytes) \
            if data[:2] == GZIP_MAGIC else data
        ctype = info["content_type"]
        if ("xml" in ctype and "xhtml" not in ctype) or feeds.looks_like_feed(body):
            yield from feeds.iter_feed(body, origin, settings=self.settings,
                                       fetch_links=self.fetch_links, fetcher=self._fetch_article)
            return
        yield from self._read_bytes(body, origin, "html" if "html" in ctype else None, meta)

    def _fetch_article(self, url: str) -> Article:
        """A linked page as an Article (used by feeds); raises AllegedlyError."""
        from allegedly.ingest import article_from_bytes
        from allegedly.ingest.fetch import fetch

        data, info = fetch(url, settings=self.settings, allow_private=self.allow_private)
        return article_from_bytes(data, origin=url, settings=self.settings, url=info["url"],
                                  encoding=info["encoding"], input_format="feed")


def _as_input_error(exc: AllegedlyError, origin: str) -> InputError:
    if isinstance(exc, InputError):
        return exc
    return InputError(exc.code, origin, **exc.details)


__all__ = ["Reader", "FORMATS", "DIR_EXTENSIONS", "is_url", "format_from_name", "sniff_format"]
