"""The CLI through its real entry point (``python -m allegedly``), as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path

GOOD = ("Officials said on Tuesday that at least 12 people were killed in the flooding.\n\n"
        "The mayor, Anna Berg, told reporters: \"We have never seen anything like it.\"\n")


def run(*args: str, stdin: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "allegedly", *args], input=stdin,
                          capture_output=True, timeout=timeout, cwd=REPO)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("inputs")
    files = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 40,
        "latin1.txt": ("Le ministre a déclaré que 40 soldats étaient blessés. "
                       "Officials said the café was closed.").encode("cp1252"),
        "noarticle.html": b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a>"
                          b"</nav><script>var a=1;</script></body></html>",
    }
    paths = {}
    for name, data in files.items():
        (d / name).write_bytes(data)
        paths[name] = d / name
    big = d / "big.txt"
    with open(big, "wb") as f:
        f.write(b"The council said 3 roads were closed. " * (21_000_000 // 38 + 1))
    paths["big.txt"] = big
    return paths


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and b"allegedly" in out.stdout
    out = run("analyze", "--help")
    assert out.returncode == 0 and b"--published" in out.stdout


def test_analyze_json_contract_on_text_from_stdin():
    out = run("analyze", "-", "--format", "json", "--outlet", "Example Post",
              "--published", "2024-05-09", stdin=GOOD.encode())
    assert out.returncode == 0, out.stderr.decode()
    (doc,) = json.loads(out.stdout)  # always a list, even of one article
    assert doc["schema"] == "allegedly/1"
    assert doc["outlet"] == "Example Post" and doc["published"] == "2024-05-09"
    for att in doc["attributions"]:
        c = att["content"]
        assert doc["text"][c["start"]:c["end"]] == c["text"]
    fig = next(f for f in doc["figures"] if f["value"] == 12)
    assert fig["bound"] == "at_least"
    sources = {a["source"]["name"] for a in doc["attributions"] if a["source"]}
    assert "Anna Berg" in sources


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_analysed(bad_inputs):
    args = [str(p) for p in bad_inputs.values()]
    out = run("analyze", *args, "--format", "jsonl")
    assert out.returncode == 0, out.stderr.decode()
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    origins = {Path(r["origin"]).name for r in records}
    assert {"good.txt", "latin1.txt"} <= origins
    latin = next(r for r in records if Path(r["origin"]).name == "latin1.txt")
    assert "déclaré" in latin["text"] and "café" in latin["text"]
    err_lines = [line for line in out.stderr.decode().splitlines() if line.startswith("allegedly:")]
    for name, code in (("empty.txt", "E101"), ("binary.bin", "E102"), ("big.txt", "E104"),
                       ("noarticle.html", "E105")):
        line = next((x for x in err_lines if name in x), None)
        assert line is not None, f"no error line for {name}: {err_lines}"
        assert code in line


def test_exit_code_is_1_when_nothing_could_be_analysed(bad_inputs):
    out = run("analyze", str(bad_inputs["empty.txt"]), str(bad_inputs["binary.bin"]))
    assert out.returncode == 1
    lines = out.stderr.decode().splitlines()
    assert len([x for x in lines if x.startswith("allegedly: /")]) == 2
    assert lines[-1] == "allegedly: summary: 0 analysed, 2 errors"


def test_terminal_report_on_the_seed_article():
    path = shared_path("examples", "tank-mutiny.txt")
    out = run("analyze", str(path), "--outlet", "Express", "--published", "2022-03-21")
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    assert "Express ← the Sun" in text or "Express ← The Sun" in text
    assert "Roman Tsimbalyuk" in text
    assert "W101" in text  # 1,5000


def test_every_command_is_documented_in_the_readme():
    from allegedly.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"allegedly {name}" in readme, f"README does not show `allegedly {name}`"


# ---- issue 10: say what happened, output people can read ------------------------------------

LONG_NAMES = ("Putin mutiny claims spread as soldier is accused of attack\n\n"
              "Ukrainian journalist Oleksandra Kovalenko-Hrytsenko has alleged that the colonel "
              "was run over by one of his own soldiers, the Daily Example reported.\n\n"
              "Colonel Volodymyrovych Tsimbalyuk-Medvedev was reportedly taken to a hospital "
              "across the border, and officials said he may have lost both legs.\n\n"
              "The Russian defence ministry admitted that 498 Russian soldiers had been killed, "
              "while US military intelligence estimated that over 7,000 troops had died.\n")


def _split_words(lines: list[str], text: str) -> list[tuple[str, str]]:
    """Pairs (end of a line, start of the next) that join into a word of ``text``."""
    import re

    words = set(re.findall(r"[A-Za-z]+", text)) | set(re.findall(r"[A-Za-z][\w-]+", text))
    tokens = [re.findall(r"[A-Za-z][\w-]*", ln.strip("│ ")) for ln in lines]
    return [(a[-1], b[0]) for a, b in zip(tokens, tokens[1:], strict=False)
            if a and b and a[-1] + b[0] in words]


def test_terminal_report_fits_80_columns_when_piped(tmp_path: Path) -> None:
    import os

    from rich.cells import cell_len

    path = tmp_path / "mutiny.txt"
    path.write_text(LONG_NAMES, encoding="utf-8")
    env = dict(os.environ, COLUMNS="80")
    out = subprocess.run([sys.executable, "-m", "allegedly", "analyze", str(path), "--outlet",
                          "Example Express", "--published", "2022-03-21"],
                         capture_output=True, timeout=300, cwd=REPO, env=env)
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().splitlines()
    assert lines and max(cell_len(ln) for ln in lines) <= 80
    assert _split_words(lines, LONG_NAMES) == []
    text = out.stdout.decode()
    assert "Kovalenko-Hrytsenko" in text and "Tsimbalyuk-Medvedev" in text
    assert "hedged: reportedly" in text or "hedged: may" in text  # hedges in words
    assert "· alleged" in text
    # the first line of the file is its title
    assert "Putin mutiny claims spread as soldier is accused of attack" in lines[1]


def test_json_is_always_a_list_or_one_object_with_single(bad_inputs) -> None:
    good = str(bad_inputs["good.txt"])
    out = run("analyze", good, str(bad_inputs["empty.txt"]), "--format", "json")
    assert out.returncode == 0 and isinstance(json.loads(out.stdout), list)
    out = run("analyze", good, "--format", "json", "--single")
    assert out.returncode == 0 and json.loads(out.stdout)["schema"] == "allegedly/1"
    out = run("analyze", good, good, "--format", "json", "--single")
    assert out.returncode == 2 and b"--single takes one INPUT" in out.stderr


def test_help_is_fast_and_imports_no_spacy() -> None:
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "allegedly", "--help"],
                         capture_output=True, timeout=60, cwd=REPO)
    assert out.returncode == 0 and b"analyze" in out.stdout
    imported = {line.split("|")[-1].strip() for line in out.stderr.decode().splitlines()}
    heavy = {m for m in imported if m.split(".")[0] in ("spacy", "thinc", "trafilatura",
                                                        "dask", "fastapi", "warcio", "httpx")}
    assert heavy == set()


def test_chinese_text_is_detected_stored_not_analysed(tmp_path: Path) -> None:
    path = tmp_path / "drills.txt"
    path.write_text("国防部表示，解放军在周边海域举行了大规模军事演习，共有153架飞机和27艘军舰参与，"
                    "规模为近年来最大。当局称将密切监视事态发展，并已派出舰艇应对。\n", encoding="utf-8")
    out = run("analyze", str(path), "--format", "json")
    assert out.returncode == 1  # nothing analysed
    err = out.stderr.decode()
    assert "W321" in err and "zh" in err and "E108" in err
    (doc,) = json.loads(out.stdout)
    assert doc["language"] == "zh" and doc["figures"] == [] and doc["claims"] == []
    assert [w["code"] for w in doc["warnings"]] == ["W321", "E108"]
    forced = run("analyze", str(path), "--format", "json", "--language", "zh")
    assert "W321" not in forced.stderr.decode() and "E108" in forced.stderr.decode()


def _truncated_archive(n: int) -> bytes:
    """A gzipped WARC of ``n`` HTML responses whose last record is cut 40 bytes in."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    members = []
    for i in range(n):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True)
        body = (f"<html lang='en'><body><article><p>{GOOD} Record {i} of the crawl was "
                "written for this test by hand.</p></article></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body),
                                                      http_headers=http))
        members.append(buf.getvalue())
    return b"".join(members[:-1]) + members[-1][:40]


def test_truncated_archive_is_reported_not_silent(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_truncated_archive(3))
    out = run("analyze", str(path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr.decode()
    err = out.stderr.decode()
    assert "W301 The archive is truncated" in err
    assert "WARNING" not in err and "Remainder" not in err  # nothing raw from warcio
    assert "warnings: W301 ×1 truncated archive" in err.splitlines()[-1]
    urls = [json.loads(line)["url"] for line in out.stdout.decode().splitlines()]
    assert urls[:2] == ["https://news.example/0", "https://news.example/1"]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _feed(link: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example/</link>
<item><title>Depot hit overnight</title><link>{link}</link>
<description>A fuel depot was hit overnight, the regional governor said on Tuesday, and
firefighters were still at the scene.</description></item></channel></rss>"""


def test_feed_item_with_an_unreachable_link_says_it_used_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(_feed(f"http://127.0.0.1:{_closed_port()}/depot"), encoding="utf-8")
    out = run("analyze", str(path), "--format", "json", "--allow-private")
    assert out.returncode == 0, out.stderr.decode()
    assert "W401 Feed item analysed from its summary only" in out.stderr.decode()
    (doc,) = json.loads(out.stdout)
    assert "W401" in [w["code"] for w in doc["warnings"]]


def test_url_list_in_a_txt_file_is_fetched(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (f"<html lang='en'><head><title>Floods</title></head><body><article><p>{GOOD}</p>"
            "</article></body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        path = tmp_path / "to-read.txt"
        path.write_text(f"{base}/one\n{base}/two\n", encoding="utf-8")
        out = run("analyze", str(path), "--format", "json", "--allow-private")
    finally:
        server.shutdown()
        server.server_close()
    assert out.returncode == 0, out.stderr.decode()
    docs = json.loads(out.stdout)
    assert [d["url"] for d in docs] == [f"{base}/one", f"{base}/two"]
    assert docs[0]["origin"].endswith("to-read.txt#line-1")


def test_ingest_stores_warnings_and_summarises_them(tmp_path: Path) -> None:
    import sqlite3

    (tmp_path / "crawl.warc.gz").write_bytes(_truncated_archive(2))
    (tmp_path / "wire.rss").write_text(_feed(f"http://127.0.0.1:{_closed_port()}/x"),
                                       encoding="utf-8")
    db = tmp_path / "store.db"
    out = run("ingest", str(tmp_path / "crawl.warc.gz"), str(tmp_path / "wire.rss"),
              "--db", str(db), "--allow-private")
    assert out.returncode == 0, out.stderr.decode()
    err = out.stderr.decode()
    assert "warning" in err and "W301" in err
    assert "warnings: W301 ×1 truncated archive; W401 ×1" in err
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT code, origin FROM errors").fetchall()
    assert [c for c, _ in errors] == ["W301"] and "crawl.warc.gz::" in errors[0][1]
    warned = [json.loads(w) for (w,) in conn.execute(
        "SELECT warnings FROM articles WHERE origin LIKE '%wire.rss#item-1'")]
    assert [w["code"] for w in warned[0]] == ["W401"]


def test_analyze_json_carries_the_outlet_spoken_to_and_the_report_shows_the_hop():
    text = "Mara Lindqvist told the AP that the harbour would reopen in May.\n"
    out = run("analyze", "-", "--format", "json", "--outlet", "Example Post", stdin=text.encode())
    assert out.returncode == 0, out.stderr.decode()
    (doc,) = json.loads(out.stdout)
    (att,) = doc["attributions"]
    assert att["source"]["name"] == "Mara Lindqvist"
    via = att["via"]
    assert via["name"] == "Associated Press" and via["kind"] == "media"
    assert doc["text"][via["start"]:via["end"]] == via["text"] == "the AP"
    assert via["method"] == "rule:via.addressee"
    out = run("analyze", "-", "--outlet", "Example Post", stdin=text.encode())
    assert out.returncode == 0, out.stderr.decode()
    assert "Example Post ← Associated Press ← Mara Lindqvist" in out.stdout.decode()


def test_a_missing_model_is_one_line_with_its_code_not_a_traceback(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The ministry said 40 soldiers were killed on Monday.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "allegedly", "analyze", str(path)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "ALLEGEDLY_MODEL": "no_such_model_installed"})
    assert out.returncode == 2
    assert "E201" in out.stderr and "ALLEGEDLY_MODEL" in out.stderr
    assert "Traceback" not in out.stderr
