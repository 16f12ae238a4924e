"""Workers exit when their parent dies, even by SIGKILL: no process is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[3]
SENTENCE = "Police said {n} people were arrested after the protest in the capital, "\
           "officials said on Friday."


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def _wait_gone(procs: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while (left := _alive(procs)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _kill_all(procs: list[psutil.Process]) -> None:
    for p in _alive(procs):
        p.kill()


_GRANDPARENT = textwrap.dedent("""
    import multiprocessing as mp, sys, time
    from allegedly.scale.batch import exit_with_parent

    def worker(parent, deathsig):
        exit_with_parent(parent, deathsig=deathsig)
        time.sleep(120)

    if __name__ == "__main__":
        import os
        p = mp.get_context("spawn").Process(target=worker,
                                            args=(os.getpid(), sys.argv[1] == "1"))
        p.start()
        print(p.pid, flush=True)
        time.sleep(120)
""")


@pytest.mark.parametrize("deathsig", [True, False], ids=["prctl", "watch-thread"])
def test_exit_with_parent_ends_a_worker_whose_parent_was_killed(tmp_path, deathsig):
    script = tmp_path / "parent.py"
    script.write_text(_GRANDPARENT)
    parent = subprocess.Popen([sys.executable, str(script), "1" if deathsig else "0"],
                              stdout=subprocess.PIPE, text=True, cwd=REPO)
    worker = psutil.Process(int(parent.stdout.readline()))
    try:
        time.sleep(0.5)  # armed: the worker runs exit_with_parent first thing
        assert _alive([worker])
        parent.kill()
        parent.wait()
        assert not _wait_gone([worker], 3.0), "the worker outlived its parent"
    finally:
        _kill_all([worker])
        parent.stdout.close()


def _corpus(folder: Path, n: int = 150) -> Path:
    folder.mkdir()
    for i in range(n):
        text = "\n\n".join(SENTENCE.format(n=i * 7 + k) for k in range(25))
        (folder / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _loaded_workers(parent: psutil.Process, n: int, timeout: float) -> list[psutil.Process]:
    """Wait until ``n`` spawned workers of ``parent`` have loaded the model (> 120 MB)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = [c for c in parent.children(recursive=True)
                   if "spawn_main" in " ".join(c.cmdline())]
        if len([w for w in workers if w.memory_info().rss > 120e6]) >= n:
            return workers
        time.sleep(0.3)
    raise AssertionError(f"{n} loaded workers did not appear within {timeout} s")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ingest_killed_with_sigkill_leaves_no_process(tmp_path, engine):
    corpus = _corpus(tmp_path / "corpus")
    cmd = [sys.executable, "-m", "allegedly", "ingest", str(corpus), "--db",
           str(tmp_path / "corpus.db"), "--jobs", "2", "--engine", engine]
    with open(tmp_path / "stderr.txt", "w") as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
    parent = psutil.Process(proc.pid)
    family: list[psutil.Process] = []
    try:
        workers = _loaded_workers(parent, 2, timeout=180)
        family = parent.children(recursive=True)  # the workers and the resource tracker
        assert len(workers) >= 2 and len(family) >= len(workers)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        left = _wait_gone(family, 5.0)
        assert not left, [" ".join(p.cmdline())[:80] for p in left]
    finally:
        proc.kill()
        proc.wait()
        _kill_all(family)
