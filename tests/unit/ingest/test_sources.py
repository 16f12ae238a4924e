"""iter_articles over every input shape; broken items become one-line InputErrors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from allegedly.errors import InputError
from allegedly.ingest import article_from_bytes, article_from_text, iter_articles
from allegedly.ingest.sources import format_from_name, is_url, sniff_format
from allegedly.model import Article
from allegedly.settings import Settings
from tests.unit.ingest.conftest import ARTICLE_HTML


def split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(arts) + len(errs) == len(items)
    return arts, errs


def test_bad_inputs_each_give_one_line_error_and_the_rest_come_through(data_dir: Path) -> None:
    arts, errs = split(list(iter_articles([str(data_dir)])))
    by_file = {Path(e.origin.split("#")[0]).name: e.code for e in errs if "#" not in e.origin}
    assert by_file == {"blank.txt": "E101", "empty.txt": "E101", "front-page.html": "E105",
                       "image.html": "E102", "not-a-feed.rss": "E107",
                       "script-app.html": "E105", "truncated.txt.gz": "E106"}
    for e in errs:
        line = str(e)
        assert line.startswith(e.origin + ": E1") and "\n" not in line
    # malformed JSONL lines and an empty CSV row are reported per record ...
    assert {e.origin.rsplit("/", 1)[1] for e in errs if "#" in e.origin} == {
        "records.jsonl#record-2", "records.jsonl#record-3", "records.jsonl#record-4",
        "dump.csv#record-2"}
    # ... and every good item still comes through, with a precise origin and format
    got = {(Path(a.origin).name, a.input_format) for a in arts}
    assert got == {("article.txt.gz", "text"), ("cp1252.txt", "text"),
                   ("dump.csv#record-1", "csv"), ("dump.csv#record-3", "csv"),
                   ("records.jsonl#record-1", "jsonl"), ("records.jsonl#record-5", "jsonl")}
    cp = next(a for a in arts if a.origin.endswith("cp1252.txt"))
    assert "Défense a déclaré" in cp.text and "« Nous ne céderons pas »" in cp.text


def test_text_article_keeps_input_unchanged() -> None:
    text = "Officials said 5 people died.\n\nREAD MORE: Other story\n\nThe toll may rise.\n"
    art = article_from_text(text, origin="t.txt", published="2022-03-21")
    assert art.text == text and art.published.isoformat() == "2022-03-21"
    assert [(r.reason, text[r.start:r.end]) for r in art.removed] == [
        ("read-more", "READ MORE: Other story")]


def test_bytes_dispatch_html_vs_text() -> None:
    assert article_from_bytes(ARTICLE_HTML.encode(), origin="p").input_format == "html"
    assert article_from_bytes(b"Just a sentence said by someone.", origin="p").input_format == \
        "text"


def test_twenty_megabyte_file_is_refused_at_the_default_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)  # sparse: no 20 MB written to disk
    (tmp_path / "ok.txt").write_text("The mayor said the bridge would reopen.", "utf-8")
    arts, errs = split(list(iter_articles([str(tmp_path)])))
    assert [a.origin for a in arts] == [str(tmp_path / "ok.txt")]
    assert [(e.origin, e.code) for e in errs] == [(str(big), "E104")]
    assert "21.0 MB" in str(errs[0]) and "20.0 MB" in str(errs[0])


def test_globs_missing_paths_and_forced_format(tmp_path: Path, data_dir: Path) -> None:
    shutil.copy(data_dir / "cp1252.txt", tmp_path / "a.txt")
    (tmp_path / "b.html").write_text(ARTICLE_HTML, "utf-8")
    arts, errs = split(list(iter_articles([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt"),
                                           str(tmp_path / "*.none")])))
    assert [Path(a.origin).name for a in arts] == ["a.txt"]
    assert [e.code for e in errs] == ["E106", "E106"]
    (art,) = iter_articles([str(tmp_path / "b.html")], fmt="text")
    assert art.input_format == "text" and art.text.startswith("<!doctype html>")


def test_stdin(data_dir: Path) -> None:
    stream = io.BytesIO((data_dir / "cp1252.txt").read_bytes())
    (art,) = iter_articles(["-"], stdin=stream)
    assert art.origin == "-" and "Défense" in art.text
    (art,) = iter_articles(["-"], stdin=io.StringIO(ARTICLE_HTML))
    assert art.input_format == "html" and art.title.startswith("Bridge collapse")


def test_url_list_and_single_urls(tmp_path: Path, http_server) -> None:
    base, routes = http_server
    routes["/a"] = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode())
    routes["/t"] = (200, {"Content-Type": "text/plain"}, b"The council said the road was shut.")
    lst = tmp_path / "list.urls"
    lst.write_text(f"# my list\n{base}/a\n\nnot a url\n{base}/missing\n{base}/t\n", "utf-8")
    arts, errs = split(list(iter_articles([str(lst)], allow_private=True)))
    assert [(a.origin, a.input_format, a.url) for a in arts] == [
        (f"{lst}#line-2", "url", f"{base}/a"), (f"{lst}#line-6", "url", f"{base}/t")]
    assert [(e.origin, e.code) for e in errs] == [(f"{lst}#line-4", "E107"),
                                                  (f"{lst}#line-5", "E402")]
    arts, errs = split(list(iter_articles([f"{base}/a"])))  # private not allowed by default
    assert not arts and errs[0].code == "E401" and errs[0].origin == f"{base}/a"
    (art,) = iter_articles([f"{base}/a"], allow_private=True)
    assert art.outlet == "Example Times" and art.origin == f"{base}/a"


def test_format_helpers() -> None:
    assert format_from_name("x/crawl.warc.gz") == "warc"
    assert format_from_name("feed.atom") == "feed" and format_from_name("a.HTML") == "html"
    assert format_from_name("notes.md") is None
    assert sniff_format(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff_format(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>') == "feed"
    assert sniff_format(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff_format(b"https://a.example/1\nhttps://b.example/2\n") == "urls"
    assert sniff_format(b"Officials said on Monday.") == "auto"
    assert is_url("https://example.com/a?b=1") and not is_url("example.com")


def test_settings_limit_applies(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x" * 500, "utf-8")
    (err,) = iter_articles([str(tmp_path / "a.txt")], settings=Settings(max_bytes=100))
    assert isinstance(err, InputError) and err.code == "E104"


def test_a_txt_file_of_urls_is_read_as_a_url_list(tmp_path: Path, http_server) -> None:
    base, routes = http_server
    routes["/story"] = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode())
    urls = tmp_path / "reading-list.txt"
    urls.write_text(f"# to read\n{base}/story\n\n{base}/missing\n", encoding="utf-8")
    arts, errs = split(list(iter_articles([str(urls)], allow_private=True)))
    assert [a.url for a in arts] == [f"{base}/story"]
    assert arts[0].origin == f"{urls}#line-2" and "At least 12 people" in arts[0].text
    assert [e.origin for e in errs] == [f"{urls}#line-4"]
    # a .txt that only mentions a URL is an article
    prose = tmp_path / "note.txt"
    prose.write_text(f"The council said the bridge will reopen.\nMore at {base}/story\n")
    (art,) = iter_articles([str(prose)])
    assert isinstance(art, Article) and art.input_format == "text"
    assert sniff_format(b"# comment\nhttps://a.example/1\n") == "urls"


def test_a_given_language_replaces_detection() -> None:
    text = ("Der Bürgermeister sagte am Dienstag, dass bei dem Hochwasser mindestens zwölf "
            "Menschen ums Leben gekommen seien.").encode()
    (art,) = iter_articles(["-"], stdin=io.BytesIO(text))
    assert art.language == "de" and [w.code for w in art.ingest_warnings] == ["W321"]
    (art,) = iter_articles(["-"], stdin=io.BytesIO(text), language="en")
    assert art.language == "en" and art.ingest_warnings == ()
