"""The corpus part of the REST API over a linked store: the same records as ``allegedly groups``
and ``allegedly conflicts --format jsonl``, graphs, confirm/reject into the corrections layer,
and coded errors (E503 on a store that was never linked)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from allegedly.corpus.views import iter_comparisons, iter_groups
from allegedly.store import open_store


def _cli_groups(path) -> list[dict]:
    with open_store(path, readonly=True) as store:
        return list(iter_groups(store))


def _suggested(client) -> tuple[str, str]:
    """(group id, member id) of the first suggested member."""
    for g in client.get("/api/groups", params={"limit": 100}).json()["items"]:
        for m in g["members"]:
            if m["status"] == "suggested":
                return g["group"], m["id"]
    raise AssertionError("the linked store has no suggested member")


def test_groups_are_the_cli_records_in_its_order(linked_client, linked_store_path) -> None:
    cli = _cli_groups(linked_store_path)
    page = linked_client.get("/api/groups", params={"limit": 500}).json()
    assert page["total"] == len(cli) > 5
    assert page["items"] == json.loads(json.dumps(cli))  # the --format jsonl records
    first = linked_client.get("/api/groups", params={"limit": 3, "offset": 2}).json()
    assert [g["group"] for g in first["items"]] == [g["group"] for g in cli[2:5]]


def test_group_filters(linked_client) -> None:
    one = linked_client.get("/api/groups", params={"one_origin": True, "limit": 100}).json()
    assert one["total"] >= 1
    assert all(g["one_origin"] and g["independent_origins"] == 1 for g in one["items"])
    sarn = linked_client.get("/api/groups", params={"outlet": "Sarn Voice"}).json()
    assert sarn["total"] >= 1 and all("Sarn Voice" in g["outlets"] for g in sarn["items"])
    words = linked_client.get("/api/groups", params={"q": "fuel depot"}).json()
    assert words["total"] == 1
    assert set(words["items"][0]["outlets"]) == {"Evil <b onmouseover=alert(1)>Outlet</b>",
                                                 "Other <i>Outlet</i>"}
    many = linked_client.get("/api/groups", params={"min_reports": 4, "limit": 100}).json()
    assert many["total"] >= 1 and all(g["reports"] >= 4 for g in many["items"])
    assert linked_client.get("/api/groups", params={"min_reports": 0}).status_code == 422


def test_one_group_with_decisions_and_comparisons(linked_client) -> None:
    g = linked_client.get("/api/groups", params={"limit": 1}).json()["items"][0]
    one = linked_client.get(f"/api/groups/{g['group']}").json()
    assert one["group"] == g["group"] and one["claim"] == g["claim"]
    assert [m["id"] for m in one["members"]] == [m["id"] for m in g["members"]]
    assert all(m["decisions"] == [] for m in one["members"])  # nobody decided yet
    assert one["comparisons"] and all({"kind", "reason", "a", "b"} <= set(c)
                                      for c in one["comparisons"])
    missing = linked_client.get("/api/groups/gnothere")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E606"


def test_conflicts_are_the_cli_records(linked_client, linked_store_path) -> None:
    with open_store(linked_store_path, readonly=True) as store:
        every = list(iter_comparisons(store, kinds=()))
        conflicts = list(iter_comparisons(store, kinds=("conflict",)))
        fatal = list(iter_comparisons(store, kinds=(), key="people|fatal"))
    page = linked_client.get("/api/conflicts", params={"limit": 500}).json()
    assert page["total"] == len(every) and page["items"] == json.loads(json.dumps(every))
    only = linked_client.get("/api/conflicts", params={"kind": "conflict", "limit": 500}).json()
    assert only["total"] == len(conflicts) > 0
    assert {c["kind"] for c in only["items"]} == {"conflict"}
    two = linked_client.get("/api/conflicts", params=[("kind", "update"), ("kind", "scope")])
    assert {c["kind"] for c in two.json()["items"]} <= {"update", "scope"}
    keyed = linked_client.get("/api/conflicts", params={"key": "people|fatal", "limit": 500})
    assert keyed.json()["total"] == len(fatal)
    paged = linked_client.get("/api/conflicts", params={"limit": 5, "offset": 5}).json()
    assert paged["items"] == page["items"][5:10]
    bad = linked_client.get("/api/conflicts", params={"kind": "verdict"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E605"


def test_figure_timeline_with_its_comparisons(linked_client) -> None:
    data = linked_client.get("/api/figures/people%7Cfatal/timeline").json()
    assert data["key"] == "people|fatal" and len(data["figures"]) > 5
    shown = {(f["article"], f["figure"]) for f in data["figures"]}
    assert data["comparisons"]
    for c in data["comparisons"]:
        assert (c["a"]["article"], c["a"]["figure"]) in shown or \
            (c["b"]["article"], c["b"]["figure"]) in shown
        assert c["a"]["context"]["figure"] == c["a"]["text"]


def test_group_graph(linked_client) -> None:
    g = linked_client.get("/api/groups", params={"limit": 1}).json()["items"][0]
    graph = linked_client.get("/api/graph", params={"group": g["group"]}).json()
    assert graph["independent_origins"] == g["independent_origins"]
    ids = {n["id"] for n in graph["nodes"]}
    assert {f"doc:{m['article']}" for m in g["members"]} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    origins = [n for n in graph["nodes"] if n.get("origin") == "independent"]
    assert len(origins) == g["independent_origins"]
    assert {"published", "cites"} <= {e["kind"] for e in graph["edges"]}


def test_source_graph_and_bad_graph_requests(linked_client) -> None:
    src = linked_client.get("/api/sources", params={"q": "Dorin"}).json()["items"][0]
    graph = linked_client.get("/api/graph", params={"source": src["id"]}).json()
    assert graph["source"] == src["id"] and graph["outlets"] >= 2
    assert any(n["label"] == "Pavel Dorin" for n in graph["nodes"])
    for params in ({}, {"group": "x", "source": "y"}):
        r = linked_client.get("/api/graph", params=params)
        assert r.status_code == 422 and r.json()["error"]["code"] == "E605"
    assert linked_client.get("/api/graph", params={"group": "nope"}).status_code == 404
    assert linked_client.get("/api/graph", params={"source": "nope"}).status_code == 404


def test_confirm_writes_a_correction_and_relinks(writable_client) -> None:
    client, path = writable_client
    group, member = _suggested(client)
    r = client.post(f"/api/groups/{group}/members/{member}/confirm",
                    json={"by": "A. Checker", "why": "same toll, same ministry"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["decision"] == "confirm" and body["status"] == "confirmed"
    assert body["member"] == member and body["by"] == "A. Checker"
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT member_id, decision, by, why, time FROM corrections").fetchall()
    assert rows[0][:4] == (member, "confirm", "A. Checker", "same toll, same ministry")
    assert rows[0][4]  # when
    after = client.get(f"/api/groups/{body['group']}").json()
    m = next(m for m in after["members"] if m["id"] == member)
    assert m["status"] == "confirmed" and m["method"] == "correction"
    assert m["decisions"][0]["by"] == "A. Checker"
    assert client.get("/api/corrections").json()[0]["member_id"] == member
    again = client.post(f"/api/groups/{body['group']}/members/{member}/confirm")
    assert again.status_code == 409 and again.json()["error"]["code"] == "E609"
    assert "A. Checker" in again.json()["error"]["message"]


def test_reject_keeps_the_member_out(writable_client) -> None:
    client, _ = writable_client
    group, member = _suggested(client)
    r = client.post(f"/api/groups/{group}/members/{member}/reject")  # no body: nobody, no why
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["by"] is None
    after = client.get(f"/api/groups/{r.json()['group']}").json()
    assert next(m for m in after["members"] if m["id"] == member)["status"] == "rejected"


def test_decision_errors(writable_client) -> None:
    client, _ = writable_client
    group, member = _suggested(client)
    other = next(g["group"] for g in client.get("/api/groups").json()["items"]
                 if g["group"] != group)
    cases = [(f"/api/groups/nope/members/{member}/confirm", 404, "E606"),
             (f"/api/groups/{group}/members/mnothere/confirm", 404, "E502"),
             (f"/api/groups/{other}/members/{member}/confirm", 404, "E502")]
    for url, status, code in cases:
        r = client.post(url)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), url
    r = client.post(f"/api/groups/{group}/members/{member}/confirm", json={"who": "x"})
    assert r.status_code == 422  # unknown field
    r = client.post(f"/api/groups/{group}/members/{member}/confirm",
                    headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E607"
    # no state-changing GET
    assert client.get(f"/api/groups/{group}/members/{member}/confirm").status_code == 405
    assert client.get("/api/corrections").json() == []


@pytest.mark.parametrize("url", ["/api/groups", "/api/groups/g1", "/api/conflicts",
                                 "/api/graph?group=g1"])
def test_an_unlinked_store_answers_e503(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 503 and r.json()["error"]["code"] == "E503"
    assert "allegedly link" in r.json()["error"]["message"]


def test_decisions_on_an_unlinked_store_answer_e503(client) -> None:
    r = client.post("/api/groups/g1/members/m1/confirm")
    assert r.status_code == 503 and r.json()["error"]["code"] == "E503"


def test_corpus_routes_are_in_openapi(linked_client) -> None:
    paths = linked_client.get("/openapi.json").json()["paths"]
    for p in ("/api/groups", "/api/groups/{group_id}", "/api/conflicts", "/api/graph",
              "/api/figures/{key}/timeline", "/api/corrections",
              "/api/groups/{group_id}/members/{member_id}/confirm",
              "/api/groups/{group_id}/members/{member_id}/reject"):
        assert p in paths, p
    assert "post" in paths["/api/groups/{group_id}/members/{member_id}/confirm"]
    post = paths["/api/groups/{group_id}/members/{member_id}/confirm"]["post"]
    assert {"200", "403", "404", "409", "503"} <= set(post["responses"])


def test_recent_conflicts_are_the_latest(linked_store_path) -> None:
    from allegedly.web.corpus import CorpusReader

    with open_store(linked_store_path, readonly=True) as store:
        every = list(iter_comparisons(store, kinds=("conflict",)))
        recent = CorpusReader(store).recent_conflicts(3)
    latest = sorted((max(c["a"]["published"] or "", c["b"]["published"] or "")
                     for c in every), reverse=True)[:3]
    assert [max(c["a"]["published"], c["b"]["published"]) for c in recent] == latest
    assert all(c["kind"] == "conflict" and c["a"]["context"]["figure"] for c in recent)
