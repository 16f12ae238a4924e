"""WARC files written at test time: HTML responses read, others skipped, broken records reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from allegedly.errors import InputError
from allegedly.ingest import iter_articles
from allegedly.model import Article
from tests.unit.ingest.conftest import ARTICLE_HTML


def _record(writer: WARCWriter, url: str, ctype: str, body: bytes, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  http_headers=http))


def build(gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    _record(w, "https://a.example/1", "text/html; charset=windows-1252",
            ARTICLE_HTML.replace("governor said", "governor’s aide said").encode("cp1252"))
    _record(w, "https://a.example/api", "application/json", b'{"a": 1}')
    _record(w, "https://a.example/404", "text/html", b"<p>gone</p>", "404 Not Found")
    _record(w, "https://a.example/2", "text/html", ARTICLE_HTML.encode())
    return buf.getvalue()


def test_warc_records(tmp_path: Path) -> None:
    for gz in (False, True):
        path = tmp_path / ("a.warc.gz" if gz else "a.warc")
        path.write_bytes(build(gz))
        items = list(iter_articles([str(path)]))
        kinds = [getattr(i, "code", "article") for i in items]
        assert kinds == ["article", "E110", "E110", "article"]
        first = items[0]
        assert isinstance(first, Article) and first.input_format == "warc"
        assert first.url == "https://a.example/1" and "governor’s aide said" in first.text
        assert first.origin == f"{path}::0"
        assert items[3].origin.startswith(f"{path}::") and items[3].origin != first.origin
        assert "application/json" in str(items[1])


@pytest.mark.parametrize("junk", [
    b"\x00\x01\x02 binary junk\r\n\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\ncut short",
])
def test_broken_record_is_reported_and_the_rest_read(tmp_path: Path, junk: bytes) -> None:
    good = build(False)
    second = good.index(b"WARC/1", 10)
    path = tmp_path / "broken.warc"
    path.write_bytes(good[:second] + junk + good[second:])
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], Article) and isinstance(items[-1], Article)
    assert items[-1].url == "https://a.example/2"
    err = next(i for i in items if isinstance(i, InputError) and i.code == "E107")
    # the offset where the bad bytes start (the previous record's trailing CRLFs included or not)
    assert err.origin.startswith(f"{path}::") and "broken WARC record" in str(err)
    assert second - 4 <= int(err.origin.rsplit("::", 1)[1]) <= second


def _three_records(gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for n in (1, 2, 3):
        _record(w, f"https://a.example/{n}", "text/html",
                ARTICLE_HTML.replace("At least 12", f"At least {n}2").encode())
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("keep", [0.4, 0.75, 0.9, 0.999])
def test_a_truncated_archive_is_reported_and_what_precedes_is_read(
        tmp_path: Path, capfd: pytest.CaptureFixture[str], gz: bool, keep: float) -> None:
    data = _three_records(gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:int(len(data) * keep)])
    items = list(iter_articles([str(path)]))
    arts = [i for i in items if isinstance(i, Article)]
    full = [a for a in arts if not any(w.code == "W301" for w in a.ingest_warnings)]
    cut = [i for i in items if isinstance(i, InputError) and i.code == "W301"]
    cut += [a for a in arts if any(w.code == "W301" for w in a.ingest_warnings)]
    assert len(cut) == 1, items  # said once, at the record where the file ends
    assert full[0].url == "https://a.example/1"
    assert len(full) >= (1 if keep < 0.7 else 2)
    assert capfd.readouterr().err == ""  # nothing from warcio on the terminal


def test_warcio_stderr_warnings_become_items(tmp_path: Path,
                                             capfd: pytest.CaptureFixture[str]) -> None:
    data = build(False)
    # shorten the first record's Content-Length: warcio then finds no blank line after it
    head_end = data.index(b"\r\n\r\n")
    head = data[:head_end].decode()
    length = int(head.split("Content-Length: ")[1].split("\r\n")[0])
    head = head.replace(f"Content-Length: {length}", f"Content-Length: {length - 40}")
    path = tmp_path / "bad-length.warc"
    path.write_bytes(head.encode() + data[head_end:])
    items = list(iter_articles([str(path)]))
    assert capfd.readouterr().err == ""
    warned = [i for i in items if isinstance(i, InputError) and i.code == "W302"]
    assert warned and "Content-Length" in str(warned[0])
    assert any(isinstance(i, Article) and i.url == "https://a.example/2" for i in items)


def test_origins_after_a_broken_record_are_file_offsets(tmp_path: Path) -> None:
    good = build(False)
    second = good.index(b"WARC/1", 10)
    data = good[:second] + b"\x00\x01 junk\r\n\r\n" + good[second:]
    path = tmp_path / "junk.warc"
    path.write_bytes(data)
    for item in iter_articles([str(path)]):
        offset = int(item.origin.rsplit("::", 1)[1])
        if not (isinstance(item, InputError) and item.code == "E107"):
            assert data[offset:offset + 5] == b"WARC/", item
