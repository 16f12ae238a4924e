"""``allegedly ingest / report / export`` end to end: real processes, real files, real kills."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from allegedly.cli import cli
from tests.conftest import shared_path

ARTICLES = {
    "border.txt": "Border guards said 40 migrants were detained near the crossing on Sunday. "
                  "A spokesman for the agency told reporters that the group had been found in "
                  "two lorries.",
    "strike.txt": "Union leaders claimed that more than 5,000 workers joined the strike, while "
                  "the company insisted only 800 had walked out. Police estimated the crowd at "
                  "about 2,000.",
    "storm.txt": "The storm killed at least 12 people, the national weather service said. "
                 "Officials warned that the toll may rise as rescuers reach remote villages.",
}


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    return root


def run_cli(*args: str, input: str | None = None, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "allegedly", *args], capture_output=True,
                          text=True, input=input, timeout=timeout,
                          env={**os.environ, **(env or {})})


def snapshot(db: Path) -> dict[str, list]:
    """Every content table, without run ids, timestamps and row ids (sorted)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {}
    for table in ("articles", "article_locations", "sources", "attributions", "figures",
                  "claims", "relations", "errors"):
        drop = {"run_id", "time"} | ({"id"} if table == "errors" else set())
        rows = [tuple(r[k] for k in r.keys() if k not in drop)  # noqa: SIM118 (sqlite3.Row)
                for r in conn.execute(f"SELECT * FROM {table}")]
        out[table] = sorted(rows, key=repr)
    conn.close()
    return out


@pytest.mark.slow
def test_ingest_report_export(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "storm.txt", corpus / "storm-copy.txt")
    db = tmp_path / "c.db"
    res = run_cli("ingest", str(corpus), "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert "analysed 3" in res.stderr and "copies 1" in res.stderr
    assert "articles/s" in res.stderr
    again = run_cli("ingest", str(corpus), "--db", str(db), "--quiet")
    assert again.returncode == 0 and again.stderr == ""

    runner = CliRunner()
    rep = runner.invoke(cli, ["report", "--db", str(db), "--format", "json"])
    assert rep.exit_code == 0, rep.output
    data = json.loads(rep.output)
    assert data["totals"]["articles"] == 3 and data["totals"]["copies"] == 1
    assert data["copies"][0]["locations"] == 2
    text = runner.invoke(cli, ["report", "--db", str(db)])
    assert text.exit_code == 0 and "Top sources" in text.output

    claims = runner.invoke(cli, ["export", "--db", str(db), "--claims"])
    assert claims.exit_code == 0
    rows = [json.loads(line) for line in claims.output.splitlines()]
    assert rows and {"claim", "chain", "stance", "figures", "outlet", "url"} <= set(rows[0])
    conn = sqlite3.connect(db)
    assert len(rows) == conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]

    out = tmp_path / "export"
    res = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0
    assert (out / "articles.csv").read_text().count("\n") > 3
    meta = tmp_path / "meta.json"
    res = runner.invoke(cli, ["export", "--db", str(db), "--datasette-metadata", str(meta)])
    assert res.exit_code == 0 and "c" in json.loads(meta.read_text())["databases"]


def test_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--db", str(tmp_path / "x.db")]).exit_code == 2
    res = runner.invoke(cli, ["ingest", "x", "--parquet", str(tmp_path / "pq")])
    assert res.exit_code == 2 and "--engine dask" in res.output
    assert runner.invoke(cli, ["ingest", "x", "--jobs", "0"]).exit_code == 2
    res = runner.invoke(cli, ["ingest", "--resume", "--db", str(tmp_path / "new.db")])
    assert res.exit_code == 2 and "no unfinished run" in res.output
    assert runner.invoke(cli, ["export", "--db", str(tmp_path / "missing.db"),
                               "--claims"]).exit_code == 1


def test_nothing_ingestible_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    res = run_cli("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "c.db"))
    assert res.returncode == 1, res.stderr
    assert "empty.txt" in res.stderr and "E101" in res.stderr


@pytest.mark.slow
def test_bad_inputs_are_recorded_and_the_rest_is_ingested(tmp_path):
    d = write_corpus(tmp_path / "mixed")
    bad = {
        # binary content under an article name (directories are read by article extensions)
        "scan.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,
        "empty.html": b"",
        "huge.html": b"<html><body><p>" + b"word " * (10 * 2**20) + b"</p></body></html>",
        "undecodable.txt": bytes(range(128, 256)) * 10,
        "truncated.txt.gz": gzip.compress(ARTICLES["storm.txt"].encode() * 50)[:60],
        "feed.rss": b"this is not XML at all { ] <<",
    }
    for name, data in bad.items():
        (d / name).write_bytes(data)
    lines = [json.dumps({"text": "Witnesses said 3 boats capsized off the coast on Monday.",
                         "url": "https://news.example/boats", "outlet": "Example News"}),
             '{"text": "unterminated', "[1, 2, 3]"]
    (d / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = run_cli("ingest", str(d), "--db", str(db))
    assert res.returncode == 0, res.stderr
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT origin, code, message FROM errors").fetchall()
    origins = " ".join(o for o, _, _ in errors)
    for name in bad:
        assert name in origins, (name, errors)
        assert name in res.stderr, name
    assert "records.jsonl" in origins  # the malformed lines
    assert all(code.startswith("E") and msg for _, code, msg in errors)
    # every good article is stored and analysed
    analysed = conn.execute("SELECT COUNT(*) FROM articles WHERE status = 'analysed'").fetchone()
    assert analysed[0] == len(ARTICLES) + 1


@pytest.mark.slow
def test_kill_9_then_resume_equals_a_clean_run(tmp_path):
    pages = sorted(shared_path("data", "zyte_aeb", "html").glob("*.html.gz"))[:60]
    corpus = tmp_path / "pages"
    corpus.mkdir()
    for p in pages:  # a temporary working copy, deleted with tmp_path
        shutil.copy(p, corpus / p.name)
    shutil.copy(pages[0], corpus / "zz-copy-of-first.html.gz")
    (corpus / "zz-empty.html").write_bytes(b"")
    env = {"ALLEGEDLY_STORE_BATCH": "4"}

    clean = tmp_path / "clean.db"
    res = run_cli("ingest", str(corpus), "--db", str(clean), "--quiet", env=env)
    assert res.returncode == 0, res.stderr

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "allegedly", "ingest", str(corpus), "--db",
                             str(killed), "--quiet"], env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if killed.exists():
            try:
                c = sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=1)
                stored = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                c.close()
            except sqlite3.Error:
                continue
            if stored >= 9:
                break
    assert proc.poll() is None, "the run ended before it could be killed: use more pages"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    partial = snapshot(killed)
    assert 9 <= len(partial["articles"]) < len(pages)

    # --resume without INPUT continues the interrupted run on its own inputs
    res = run_cli("ingest", "--db", str(killed), "--resume", "--quiet", env=env)
    assert res.returncode == 0, res.stderr
    assert snapshot(killed) == snapshot(clean)
    conn = sqlite3.connect(killed)
    assert conn.execute("SELECT COUNT(*), MAX(status) FROM runs").fetchone() == (1, "finished")
    seen = [Path(o).name for (o,) in conn.execute(
        "SELECT origin FROM article_locations UNION ALL SELECT origin FROM errors")]
    assert sorted(seen) == sorted(p.name for p in corpus.iterdir())  # each input exactly once


@pytest.mark.slow
def test_dask_engine_from_the_command_line(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    assert run_cli("ingest", str(corpus), "--db", str(local), "--quiet").returncode == 0
    res = run_cli("ingest", str(corpus), "--db", str(dask), "--engine", "dask", "--jobs", "2",
                  "--parquet", str(tmp_path / "pq"))
    assert res.returncode == 0, res.stderr
    assert "analysed 3" in res.stderr
    assert snapshot(dask) == snapshot(local)
    assert len(list((tmp_path / "pq" / "claims").glob("part-*.parquet"))) == 1
