"""The shipped demo corpus is well formed and really contains what its README promises."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from allegedly.demo import corpus_path

README = Path(corpus_path()).with_name("README.md")
REQUIRED = ("id", "url", "outlet", "title", "published", "author", "text")

Q_OPEN = "\"“"


def _load() -> list[dict]:
    rows = []
    for n, line in enumerate(corpus_path().read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"blank line {n} in corpus.jsonl"
        rows.append(json.loads(line))
    return rows


ARTICLES = _load()
BY_ID = {a["id"]: a for a in ARTICLES}


def _readme_phenomena() -> dict[str, list[str]]:
    """``key -> [article ids]`` from the README's Phenomena table."""
    table = README.read_text(encoding="utf-8").split("## Phenomena", 1)[1].split("\n## ", 1)[0]
    out = {}
    for m in re.finditer(r"^\|\s*`([a-z0-9-]+)`\s*\|([^|]+)\|", table, re.M):
        out[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
    return out


# ---------------------------------------------------------------------------------------------
# checks: a regex (must match the text of every listed article) or a function of the listed
# articles (called once with all of them)

def _two_paragraph_quote(arts: list[dict]) -> bool:
    for a in arts:
        paras = a["text"].split("\n\n")
        found = False
        for p, nxt in zip(paras, paras[1:], strict=False):
            m = re.search(r":\s*[\"“]", p)
            if m and not re.search(r"[\"”]", p[m.end():]) and nxt[:1] in Q_OPEN:
                found = True
        if not found:
            return False
    return True


def _reporting_verbs(arts: list[dict]) -> bool:
    text = "\n".join(a["text"] for a in arts)
    verbs = ("said", "told", "claimed", "alleged", "admitted", "estimated", "suggested", "denied",
             "insisted", "warned", "accused", "confirmed", "added")
    missing = [v for v in verbs if not re.search(rf"\b{v}\b", text)]
    assert not missing, missing
    return True


def _short_name(arts: list[dict]) -> bool:
    pat = re.compile(r"\b[A-Z][a-z]+ ([A-Z][a-z]+)\b.+?\b(?:Mr|Ms|Dr|Colonel) \1\b", re.S)
    return all(pat.search(a["text"]) for a in arts)


def _outlet_chain(arts: list[dict]) -> bool:
    agg, tab, broad = (BY_ID[i]["text"] for i in ("newspulse-0510", "beacon-0509", "ledger-0508"))
    return ("according to the Daily Beacon" in agg and "Northern Ledger" in agg
            and "the Northern Ledger reported" in tab
            and "Darko Liss" in broad and "told the Ledger" in broad
            and "Beacon" not in broad)


def _malformed(arts: list[dict]) -> bool:
    pat = re.compile(r"\b\d{1,3},(?:\d{1,2}|\d{4,})\b")
    listed = {a["id"] for a in arts}
    for a in ARTICLES:
        has = bool(pat.search(a["text"]))
        assert has == (a["id"] in listed), a["id"]
    return True


def _inconsistent(arts: list[dict]) -> bool:
    def bad(text: str) -> bool:
        return any(int(x) > int(y) for x, y in re.findall(r"\b(\d+) out of (\d+)\b", text))
    return all(bad(a["text"]) for a in arts)


def _conflicting(arts: list[dict]) -> bool:
    (text,) = (a["text"] for a in arts)
    return all(s in text for s in ("At least 34 people were killed", "more than 60 bodies",
                                   "no more than 12 people had died"))


def _update(arts: list[dict]) -> bool:
    (text,) = (a["text"] for a in arts)
    return "risen to 41" in text and "put the toll at 34" in text and "Defence Ministry" in text


def _corroboration(arts: list[dict]) -> bool:
    a, b = arts
    assert a["outlet"] != b["outlet"]
    both = all(re.search(r"\b63\b", x["text"]) for x in arts)
    independent = ("Kovanic" in a["text"] and "Kovanic" not in b["text"]
                   and "Dalca" in b["text"] and "Dalca" not in a["text"]
                   and "Ledger" not in b["text"] and "Courier" not in a["text"])
    return both and independent


def _verbatim(arts: list[dict]) -> bool:
    a, b = arts
    return a["text"] == b["text"] and a["outlet"] != b["outlet"] and a["url"] != b["url"]


def _near_copy(arts: list[dict]) -> bool:
    a, b = arts
    ratio = difflib.SequenceMatcher(None, a["text"], b["text"]).ratio()
    return a["text"] != b["text"] and a["title"] != b["title"] and ratio >= 0.85


def _tag_line(arts: list[dict]) -> bool:
    return all(re.search(r"^\S.{5,200}\s\[[A-Z]+\]\s*$", a["text"], re.M) for a in arts)


CHECKS: dict[str, str | Callable[[list[dict]], bool]] = {
    "quote-direct": r"[\"“][^\"”]{20,}[\"”]",
    "quote-two-paragraphs": _two_paragraph_quote,
    "quote-colon": r"\b(?:said|told \w+):\s*[\"“]",
    "quote-inverted-x-said": r"[,.!?][\"”] (?:Mr|Ms|Dr|Colonel) [A-Z]\w+ (?:said|told)\b",
    "quote-inverted-said-x": r",[\"”] said (?:Colonel |Mr |Ms |Dr )?[A-Z]\w+ [A-Z]\w+",
    "according-to": r"\b[Aa]ccording to (?:the )?[A-Z]",
    "reporting-verbs": _reporting_verbs,
    "pronoun-speaker": r"\b(?:He|She) (?:said|told|warned)\b",
    "short-name": _short_name,
    "government-figures-suggest": r"\bGovernment figures suggest\b",
    "reports-suggest": r"\bReports suggest\b",
    "there-are-claims": r"\bThere are claims that\b",
    "sources-said": r"\b[Ss]ources said\b",
    "officials": r"\bOfficials (?:in \w+ )?said\b",
    "source-close-to": r"\b[Aa] source close to the\b",
    "footage-shows": r"\b[Ff]ootage\b[^.]{0,80}\bshows\b",
    "agentless-passive": r"\b(?:has|have) been accused of\b",
    "nested-chain": r"\b(?:has|have) alleged that\b[^.]*, the [A-Z]\w*(?: [A-Z]\w*)* reported\.",
    "outlet-chain": _outlet_chain,
    "hedge-allegedly": r"\ballegedly\b",
    "hedge-reportedly": r"\breportedly\b",
    "hedge-modal": r"\b(?:may|might|could)\b",
    "hedge-not-known": r"\bIt is not known\b",
    "hedge-not-verified": r"\bcould not be independently verified\b",
    "bound-at-least": r"\b[Aa]t least \d+\b",
    "bound-more-than": r"\bmore than \d[\d,]*\b",
    "bound-up-to": r"\bup to \d+\b",
    "bound-about": r"\babout \d[\d,]*\b",
    "bound-no-more-than": r"\bno more than \d+\b",
    "range-between": r"\bbetween \d+ and \d+\b",
    "number-word": r"\b(?:five|seven) \w+",
    "dozens-of": r"\b[Dd]ozens of\b",
    "thousands-of": r"\b[Tt]housands of\b",
    "percentage": r"\b\d+(?: per cent|%)",
    "money": r"\b\d[\d.,]* million (?:crowns|euros)\b",
    "change": r"\bup (?:\w+ )?from\b",
    "rel-weekday": r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    "rel-last-week": r"\blast week\b",
    "rel-days-ago": r"\btwo days ago\b",
    "rel-since-date": r"\bsince \d{1,2} May\b",
    "malformed-number": _malformed,
    "inconsistent-ratio": _inconsistent,
    "conflicting-figures": _conflicting,
    "toll-update": _update,
    "scope-casualties": r"\bcasualties\b",
    "scope-lost": r"\bhas lost (?:up to|more than) \d+\b",
    "explicit-dispute": r"\bdismissed these figures as exaggerated\b",
    "corroboration": _corroboration,
    "verbatim-copy": _verbatim,
    "near-copy": _near_copy,
    "clutter-consent": r"(?m)^By signing up, you agree\b.*$",
    "clutter-read-more": r"(?m)^READ MORE: .+$",
    "clutter-tag-line": _tag_line,
    "clutter-share": r"(?m)^Share this article$",
    "clutter-follow": r"(?m)^Follow (?:us|[A-Z]\w+(?: \w+)?) on (?:Facebook|X)\b.*$",
    "clutter-video": r"(?m)^(?:Video Loading|WATCH: .+\[VIDEO\])$",
    "clutter-source-footer": r"(?m)^Source: Read Full Article$",
}

PHENOMENA = _readme_phenomena()


# ---------------------------------------------------------------------------------------------

def test_corpus_path_is_packaged_file():
    p = corpus_path()
    assert p.name == "corpus.jsonl" and p.is_file()
    assert README.is_file()


def test_size_and_outlets():
    assert 12 <= len(ARTICLES) <= 16
    assert 7 <= len({a["outlet"] for a in ARTICLES}) <= 9


@pytest.mark.parametrize("art", ARTICLES, ids=lambda a: a.get("id", "?"))
def test_fields(art):
    for key in REQUIRED:
        assert isinstance(art.get(key), str) and art[key].strip(), key
    assert re.fullmatch(r"https://[a-z0-9.-]+\.example/\S+", art["url"]), art["url"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", art["published"])
    date.fromisoformat(art["published"])


@pytest.mark.parametrize("art", ARTICLES, ids=lambda a: a["id"])
def test_text_shape(art):
    text = art["text"]
    assert 150 <= len(text.split()) <= 650
    assert text == text.strip()
    assert not text.startswith(art["title"])
    assert "\n\n\n" not in text
    assert "\r" not in text
    assert len(text.split("\n\n")) >= 5


def test_unique_ids_and_urls():
    ids = [a["id"] for a in ARTICLES]
    urls = [a["url"] for a in ARTICLES]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)


def test_dates_span_the_event():
    days = sorted(date.fromisoformat(a["published"]) for a in ARTICLES)
    assert 25 <= (days[-1] - days[0]).days <= 31  # the week of the event, and an inquiry


def test_readme_lists_every_article():
    readme = README.read_text(encoding="utf-8")
    for a in ARTICLES:
        assert f"| `{a['id']}` |" in readme, a["id"]


def test_readme_and_checks_agree():
    assert PHENOMENA, "no Phenomena table found in README"
    assert set(PHENOMENA) == set(CHECKS), set(PHENOMENA) ^ set(CHECKS)
    for key, ids in PHENOMENA.items():
        unknown = [i for i in ids if i not in BY_ID]
        assert not unknown, (key, unknown)


@pytest.mark.parametrize("key", sorted(PHENOMENA))
def test_phenomenon_occurs(key):
    arts = [BY_ID[i] for i in PHENOMENA[key]]
    check = CHECKS[key]
    if isinstance(check, str):
        missing = [a["id"] for a in arts if not re.search(check, a["text"])]
        assert not missing, f"{key}: no match in {missing}"
    else:
        assert check(arts), key


def test_fictional_only():
    """No real outlet names from the tank-mutiny example leak in."""
    text = "\n".join(a["text"] + a["title"] for a in ARTICLES)
    for real in ("Express", "The Sun", "Putin", "Ukraine", "Russia", "Tsimbalyuk"):
        assert real not in text, real
