"""`allegedly serve` through the real entry point: start-up line and coded start-up errors."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import urllib.request

from tests.conftest import REPO


def _serve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "allegedly", "serve", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def test_missing_and_corrupt_store(tmp_path) -> None:
    r = _serve("--db", str(tmp_path / "none.db"))
    assert r.returncode == 2 and "E602" in r.stderr and "allegedly demo" in r.stderr
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    r = _serve("--db", str(bad))
    assert r.returncode == 2 and "E603" in r.stderr


def test_port_taken(store_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = _serve("--db", str(store_path), "--port", str(port))
    assert r.returncode == 2 and "E601" in r.stderr and "in use" in r.stderr


def test_start_up_line_and_serving(store_path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "allegedly", "serve", "--db",
                             str(store_path), "--port", "0"], cwd=REPO,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"\((\d+) articles\) at (http://127\.0\.0\.1:\d+/)", line)
        assert m and m.group(1) == "3", line
        data = json.load(urllib.request.urlopen(m.group(2) + "api/articles"))
        assert data["total"] == 3
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_help_is_cheap_to_import() -> None:
    code = "import sys, allegedly.cli.serve; print('fastapi' in sys.modules, 'uvicorn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout.split()
    assert out == ["False", "False"]
