"""The outlet's name from the site name a page or feed declares and its address.

Site names are written for search engines, not readers: "Breaking Australian and World News
Headlines - 9News", "Berliner Morgenpost, Berlin, Germany", "Freie Presse - Chemnitzer Verlag und
Druck GmbH & Co. KG", a headline glued to the brand, a slogan, a Twitter address. Every chain
starts with the publisher, so :func:`outlet_name` tries an ordered list of named strategies
(``OUTLET_STRATEGIES``, trafilatura-style fallbacks) and falls back to the host name:

1. ``outlet.address``: a site name that is itself an address or handle says nothing; use the host.
2. ``outlet.site_part``: of a name in parts ("A - B", "A | B", "A: B"), the part that names the
   host ("9News" for 9news.com.au).
3. ``outlet.place_suffix``: "Brand, City, Country" -> "Brand" when "Brand" names the host.
4. ``outlet.company``: a publishing company's legal name ("… GmbH", "… S.L.", "… A/S") is not the
   outlet's; use the host.
5. ``outlet.slogan``: a name of four or more words in Latin script that shares nothing with the
   host is a slogan ("Where Hope Finally Made a Comeback"); use the host.

Otherwise the site name is kept as written. The corpus layer (``allegedly.corpus.outlets``) maps
the result to one name per outlet across articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

from allegedly.lexicons import word_list

_PARTS = re.compile(r"\s+[|–—·-]\s+|\s*[:：]\s+")
_ADDRESS = re.compile(r"^(?:https?://|www\.|@)\S+$|^\S+\.(?:com|org|net)/\S*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
#: Host labels that name no outlet ("www1.wdr.de", "m.example.com", "news.example.co.uk").
_NON_NAME_LABELS = frozenset({"www", "www1", "www2", "m", "amp", "com", "co", "org", "net", "gov"})

Strategy = Callable[[str, tuple[str, ...]], "str | None"]


def host_outlet(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` ("https://www.express.co.uk/x" -> "express.co.uk")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def host_labels(url: str | None) -> tuple[str, ...]:
    """The labels of the host that can name an outlet ("https://www.9news.com.au/x" ->
    ("9news",); "timesofindia.indiatimes.com" -> ("timesofindia", "indiatimes"))."""
    if not url:
        return ()
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    labels = host.lower().split(".")[:-1]  # the last label is the top-level domain
    return tuple(lab for lab in labels if len(lab) >= 2 and lab not in _NON_NAME_LABELS)


def _key(text: str) -> str:
    """Letters and digits only, accents removed, lower-cased ("EL PAÍS" -> "elpais")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def _initials(name: str) -> str:
    return "".join(w[0] for w in _WORD.findall(name) if w[0].isupper()).lower()


def names_host(name: str, labels: tuple[str, ...]) -> bool:
    """Whether ``name`` names the host: one holds the other's letters ("Tageblatt.lu" /
    tageblatt, "The Times of India" / timesofindia), or its initials are a label ("Westdeutsche
    Allgemeine Zeitung" / waz, "Schweizer Radio und Fernsehen (SRF)" / srf)."""
    key = _key(name)
    if len(key) < 2:
        return False
    for label in labels:
        plain = _key(label)
        if len(plain) >= 3 and (plain in key or key in plain):
            return True
        initials = _initials(name)
        if len(initials) >= 2 and (initials == plain or plain.startswith(initials)):
            return True
        if re.search(rf"\b{re.escape(plain)}\b", name.lower()):
            return True
    return False


def from_address(sitename: str, labels: tuple[str, ...]) -> str | None:
    """``outlet.address``: "https://twitter.com/agency" as a site name -> the host."""
    return "" if _ADDRESS.match(sitename.strip()) else None


def from_site_part(sitename: str, labels: tuple[str, ...]) -> str | None:
    """``outlet.site_part``: "Headline - Tageblatt.lu" -> "Tageblatt.lu"."""
    parts = [p.strip() for p in _PARTS.split(sitename) if p.strip()]
    if len(parts) < 2:
        return None
    naming = [p for p in parts if names_host(p, labels)]
    return min(naming, key=len) if naming else None


def from_place_suffix(sitename: str, labels: tuple[str, ...]) -> str | None:
    """``outlet.place_suffix``: "DER SPIEGEL, Hamburg, Germany" -> "DER SPIEGEL"."""
    parts = [p.strip() for p in sitename.split(",")]
    if len(parts) < 2 or not names_host(parts[0], labels):
        return None
    return parts[0]


def from_company(sitename: str, labels: tuple[str, ...]) -> str | None:
    """``outlet.company``: "TAZ Verlags- und Vertriebs GmbH" -> the host ("taz.de")."""
    forms = word_list("legal_forms")
    words = {w.lower().rstrip(",") for w in sitename.replace(",", " ").split()}
    return "" if words & forms else None


def from_slogan(sitename: str, labels: tuple[str, ...]) -> str | None:
    """``outlet.slogan``: "Where Hope Finally Made a Comeback" -> the host."""
    words = _WORD.findall(sitename)
    latin = all(w.isascii() for w in words)
    if len(words) >= 4 and latin and labels and not names_host(sitename, labels):
        return ""
    return None


#: The strategies in the order they are tried; "" means "use the host name".
OUTLET_STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("outlet.address", from_address),
    ("outlet.site_part", from_site_part),
    ("outlet.place_suffix", from_place_suffix),
    ("outlet.company", from_company),
    ("outlet.slogan", from_slogan),
)


def outlet_name_with_method(sitename: str | None, url: str | None,
                            host: str | None) -> tuple[str | None, str]:
    """The outlet's name and the strategy that gave it (``outlet.sitename`` when the site name
    is kept as written, ``outlet.host`` when there is none)."""
    if not sitename or not sitename.strip():
        return host, "outlet.host"
    labels = host_labels(url)
    for method, strategy in OUTLET_STRATEGIES:
        found = strategy(sitename.strip(), labels)
        if found is not None:
            return (found or host or sitename.strip()), method
    return sitename.strip(), "outlet.sitename"


def outlet_name(sitename: str | None, url: str | None, host: str | None) -> str | None:
    """The outlet's name (see the module docstring); ``host`` is the fallback."""
    return outlet_name_with_method(sitename, url, host)[0]
