"""The corpus commands end to end through the real entry point, on the demo corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from allegedly.demo import corpus_path


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "allegedly", *args], capture_output=True,
                          text=True, timeout=300)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    proc = run("ingest", str(corpus_path()), "--db", str(path))
    assert "linked (run" in proc.stderr  # ingest links the new articles at its end
    return str(path)


def _jsonl(proc):
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_groups_jsonl_has_the_documented_fields(db):
    groups = _jsonl(run("groups", "--db", db, "--format", "jsonl"))
    assert groups
    for g in groups:
        assert {"group", "claim", "reports", "outlets", "independent_origins", "origins",
                "first_seen", "members"} <= set(g)
        for o in g["origins"]:
            assert {"name", "kind", "via"} <= set(o)
        for m in g["members"]:
            assert {"article", "url", "outlet", "published", "claim", "text", "status",
                    "score", "id"} <= set(m)
            assert m["status"] in ("suggested", "confirmed", "rejected")
    one = _jsonl(run("groups", "--db", db, "--format", "jsonl", "--one-origin"))
    assert one and all(g["independent_origins"] == 1 and g["reports"] > 1 for g in one)


def test_conflicts_jsonl_and_kinds(db):
    rows = _jsonl(run("conflicts", "--db", db, "--format", "jsonl"))
    assert {r["kind"] for r in rows} >= {"consistent", "update", "revision", "scope",
                                         "conflict"}
    for r in rows:
        for side in ("a", "b"):
            assert {"value", "low", "high", "bound", "measure", "counted", "as_of", "source",
                    "outlet", "article", "url", "published", "text"} <= set(r[side])
    only = _jsonl(run("conflicts", "--db", db, "--kind", "conflict", "--format", "jsonl"))
    assert only and {r["kind"] for r in only} == {"conflict"}


def test_table_output_and_figures_and_copies(db):
    table = run("conflicts", "--db", db, "--format", "table").stdout
    assert "conflict" in table and "reason" in table
    timeline = _jsonl(run("figures", "people|fatal", "--db", db, "--format", "jsonl"))
    assert len(timeline) >= 5
    copies = _jsonl(run("copies", "--db", db, "--format", "jsonl"))
    assert {c["kind"] for c in copies} >= {"exact", "wire"}
    assert all("first" in c and c["members"] for c in copies)


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_graph_formats(db, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    run("graph", "--db", db, "--format", fmt, "-o", str(out))
    if fmt == "json":
        data = json.loads(out.read_text())
        kinds = {n["kind"] for n in data["nodes"]}
        assert {"outlet", "document", "person"} <= kinds
    else:
        ET.parse(out)  # well-formed XML for Gephi / networkx


def test_export_claimreview(db):
    drafts = _jsonl(run("export", "--db", db, "--format", "claimreview"))
    assert drafts and all(d["@type"] == "ClaimReview" and d["reviewRating"] is None
                          for d in drafts)


def test_confirm_and_reject_are_kept_by_later_runs(db, tmp_path):
    import shutil

    copy = str(tmp_path / "c.db")
    shutil.copy(db, copy)
    groups = _jsonl(run("groups", "--db", copy, "--format", "jsonl"))
    g = next(g for g in groups if len(g["members"]) >= 3)
    target = g["members"][-1]
    run("reject", target["id"], "--db", copy, "--by", "ana", "--why", "another claim")
    run("link", "--db", copy)  # a full relink keeps the decision
    after = {m["id"]: m for x in _jsonl(run("groups", "--db", copy, "--format", "jsonl",
                                            "--min-reports", "1"))
             for m in x["members"]}
    assert after[target["id"]]["status"] == "rejected"
    other = next(m for m in g["members"] if m["status"] == "suggested"
                 and m["id"] != target["id"]) if any(
        m["status"] == "suggested" and m["id"] != target["id"] for m in g["members"]) else None
    if other:
        run("confirm", other["id"], "--db", copy, "--by", "bo")
        run("link", "--db", copy)
        after = {m["id"]: m for x in _jsonl(run("groups", "--db", copy, "--format",
                                                "jsonl", "--min-reports", "1"))
                 for m in x["members"]}
        assert after[other["id"]]["status"] == "confirmed"
    rows = json.loads(subprocess.run(
        ["sqlite3", "-json", copy, "SELECT decision, by, why FROM corrections"],
        capture_output=True, text=True).stdout or "[]") if shutil.which("sqlite3") else None
    if rows is not None:
        assert {"decision": "reject", "by": "ana", "why": "another claim"} in rows
    bad = run("confirm", "m0000000000", "--db", copy, ok=False)
    assert bad.returncode != 0 and "E502" in bad.stderr


def test_unlinked_store_says_what_to_do(tmp_path):
    from allegedly.store import open_store

    path = tmp_path / "empty.db"
    open_store(path).close()
    proc = run("groups", "--db", str(path), "--format", "jsonl", ok=False)
    assert proc.returncode != 0 and "E503" in proc.stderr and "allegedly link" in proc.stderr
