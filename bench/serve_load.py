"""Bounded load on a local ``allegedly serve``: POST /api/analyze, an article page and the
corpus pages.

Starts the real server (``python -m allegedly serve --port 0``) on 127.0.0.1 over a store (the
bundled demo corpus, ingested and linked, unless --db is given: that store must be linked),
warms it up, then runs client threads for --seconds (30 by default), each cycling through an
analysis of a short article of our own, a GET of a stored article's page, of ``/groups``, of
the most reported claim group's page and of ``/conflicts``, on keep-alive connections. Prints requests/s, p50/p99
latency per route, errors, and the server's RSS after warm-up and at the end. Exits 1 on any
error or when RSS grew more than 10% after warm-up. Only loopback traffic; it stops by itself.

    python bench/serve_load.py [--seconds 30] [--threads 4] [--db allegedly.db]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ARTICLE = ("Flood toll rises\n\nAt least 40 people were killed in the floods, the regional "
           "governor said on Tuesday. Rescue workers claimed that over 120 people were still "
           "missing, the Morning Star reported. Aid groups allegedly warned that up to 300 "
           "homes may have been destroyed.\n\nThe figures could not be verified, officials "
           "said. \"We are doing everything we can,\" the governor told reporters.")


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def demo_store(directory: Path) -> Path:
    from allegedly.demo import corpus_path

    db = directory / "demo.db"
    subprocess.run([sys.executable, "-m", "allegedly", "ingest", str(corpus_path()), "--db",
                    str(db), "-q"], check=True, timeout=600)
    return db


def start_server(db: Path) -> tuple[subprocess.Popen, str, int]:
    proc = subprocess.Popen([sys.executable, "-m", "allegedly", "serve", "--db", str(db),
                             "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        proc.terminate()
        raise SystemExit(f"server did not start: {line!r}")
    return proc, "127.0.0.1", int(match.group(1))


class Client:
    """One keep-alive connection; ``call`` returns (status, seconds)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, float]:
        headers = {"Content-Type": "application/json"} if body else {}
        t0 = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
            resp.read()
            return resp.status, time.perf_counter() - t0
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            return -1, time.perf_counter() - t0


def run_load(host: str, port: int, pages: list[str], seconds: float, threads: int
             ) -> dict[str, list[tuple[int, float]]]:
    body = json.dumps({"text": ARTICLE, "outlet": "Bench", "published": "2024-05-02"}).encode()
    results: dict[str, list[tuple[int, float]]] = {"POST /api/analyze": []}
    results.update({"GET " + page: [] for page in pages})
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        client, mine = Client(host, port), {k: [] for k in results}
        while time.monotonic() < deadline:
            mine["POST /api/analyze"].append(client.call("POST", "/api/analyze", body))
            for page in pages:
                mine["GET " + page].append(client.call("GET", page))
        with lock:
            for k, v in mine.items():
                results[k].extend(v)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else (values[0] if values else float("nan"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or demo_store(Path(tmp))
        proc, host, port = start_server(db)
        try:
            pages = bench_pages(host, port)
            run_load(host, port, pages, args.warmup, args.threads)  # loads the model, caches
            rss_start = rss_kib(proc.pid)
            t0 = time.perf_counter()
            results = run_load(host, port, pages, args.seconds, args.threads)
            elapsed = time.perf_counter() - t0
            rss_end = rss_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return report(results, elapsed, args.threads, rss_start, rss_end)


def bench_pages(host: str, port: int) -> list[str]:
    """The GET pages of the load: a stored article, /groups, the top group, /conflicts."""
    with urlopen_json(host, port, "/api/articles?limit=1") as items:
        pages = [f"/articles/{items['items'][0]['id']}"]
    with urlopen_json(host, port, "/api/groups?limit=1") as groups:
        if "error" in groups:
            raise SystemExit(f"the store is not linked ({groups['error']['code']}): run "
                             "`allegedly link --db STORE` first")
        pages += ["/groups", f"/groups/{groups['items'][0]['group']}", "/conflicts"]
    return pages


class urlopen_json:  # noqa: N801  (a tiny context manager, named like the function it wraps)
    def __init__(self, host: str, port: int, path: str) -> None:
        self.client = Client(host, port)
        self.path = path

    def __enter__(self) -> dict:
        self.client.conn.request("GET", self.path)
        return json.loads(self.client.conn.getresponse().read())

    def __exit__(self, *exc: object) -> None:
        self.client.conn.close()


def report(results: dict[str, list[tuple[int, float]]], elapsed: float, threads: int,
           rss_start: int, rss_end: int) -> int:
    total = sum(len(v) for v in results.values())
    errors = sum(1 for v in results.values() for status, _ in v if status != 200)
    print(f"serve_load: {elapsed:.1f} s, {threads} client threads on 127.0.0.1, "
          f"{total} requests, {total / elapsed:.1f} req/s, {errors} errors")
    for route, v in results.items():
        lat = [t * 1000 for _, t in v]
        print(f"  {route:<42} {len(v) / elapsed:7.1f} req/s  p50 {percentile(lat, 50):7.1f} ms"
              f"  p99 {percentile(lat, 99):7.1f} ms  errors "
              f"{sum(1 for s, _ in v if s != 200)}")
    growth = (rss_end - rss_start) / rss_start * 100
    print(f"  server RSS after warm-up {rss_start / 1024:.1f} MiB, at the end "
          f"{rss_end / 1024:.1f} MiB ({growth:+.1f}%)")
    ok = errors == 0 and growth <= 10
    print("serve_load: " + ("OK" if ok else "FAILED (errors, or RSS grew more than 10%)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
