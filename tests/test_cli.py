"""The CLI through its real entry point (``python -m allegedly``), as users run it."""

from __future__ import annotations

import json
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
    doc = json.loads(out.stdout)
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
    assert len([x for x in out.stderr.decode().splitlines() if x.startswith("allegedly:")]) == 2


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
