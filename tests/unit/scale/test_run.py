"""One ingest run (inline engine): copies, idempotent re-runs, interruption and --resume."""

from __future__ import annotations

import pytest

from allegedly.scale.run import batches_of, ingest
from allegedly.store import open_store

from .conftest import SETTINGS, corpus, snapshot


def test_batches_skip_stored_origins_and_mark_copies(tmp_path):
    from allegedly.scale.run import Progress
    from allegedly.store.tables import Copy, Failure

    with open_store(tmp_path / "c.db") as store:
        batches = list(batches_of(corpus(4), store, size=2, progress=Progress()))
    items = [i for b in batches for i in b.items]
    assert sum(b.read for b in batches) == 6
    assert all(b.n_analyse <= 2 for b in batches)
    assert isinstance(items[4], Copy) and isinstance(items[5], Failure)


def test_ingest_then_reingest_is_idempotent(tmp_path, analyzer):
    with open_store(tmp_path / "c.db") as store:
        first = ingest([], store, settings=SETTINGS, articles=corpus())
        assert first.run["articles_analysed"] == 9
        assert first.run["duplicates"] == 1 and first.run["errors"] == 1
        snap = snapshot(store)
        second = ingest([], store, settings=SETTINGS, articles=corpus())
        assert second.progress.already_stored == 10  # every origin already stored
        assert second.run["articles_analysed"] == 0
        # the bad input is recorded again, under the new run
        assert store.count("errors") == 2
        after = snapshot(store)
        after["errors"] = snap["errors"]
        assert after == snap


def test_the_progress_moves_once_per_analysed_article(tmp_path, analyzer):
    seen: list[int] = []
    with open_store(tmp_path / "c.db") as store:
        result = ingest([], store, settings=SETTINGS, articles=corpus(),
                        on_progress=lambda p: seen.append(p.finished))
    assert seen == sorted(seen)  # never goes back
    # batches hold 2 articles (SETTINGS.batch_size): every single article is a step of the bar
    assert set(range(1, 10)) <= set(seen)
    assert seen[-1] == result.progress.processed == 11  # 9 articles, a copy, a failure


def test_interrupted_run_resumes_to_the_same_store(tmp_path, analyzer):
    with open_store(tmp_path / "clean.db") as clean:
        ingest([], clean, settings=SETTINGS, articles=corpus())
        expected = snapshot(clean)

    class Stop(Exception):
        pass

    def stop_after_two_writes(p):
        if p.written >= 5:
            raise Stop

    with open_store(tmp_path / "killed.db") as store:
        with pytest.raises(Stop):
            ingest(["corpus"], store, settings=SETTINGS, articles=corpus(),
                   on_progress=stop_after_two_writes)
        run = store.unfinished_run()
        assert run is not None and run["status"] == "interrupted"
        assert 0 < store.count("articles") < 9
        resumed = ingest([], store, settings=SETTINGS, articles=corpus(), resume=True)
        assert resumed.resumed and resumed.run_id == run["id"]
        assert resumed.run["status"] == "finished" and store.count("runs") == 1
        assert snapshot(store) == expected
