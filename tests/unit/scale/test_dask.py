"""Dask engine: a LocalCluster of 2 worker processes stores exactly what one process stores."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from allegedly.scale.dask import arrow_schema
from allegedly.scale.run import ingest
from allegedly.store import open_store
from allegedly.store.tables import COLUMNS

from .conftest import SETTINGS, corpus, snapshot

pytest.importorskip("distributed", reason="Dask is optional: pip install 'allegedly[dask]'")


@pytest.mark.slow
def test_dask_local_cluster_equals_single_process(tmp_path, analyzer):
    items = corpus(12)
    with open_store(tmp_path / "inline.db") as inline:
        ingest([], inline, settings=SETTINGS, articles=items)
        expected = snapshot(inline)
    errors: list = []
    with open_store(tmp_path / "dask.db") as store:
        result = ingest([], store, settings=SETTINGS, articles=items, engine="dask", jobs=2,
                        parquet_dir=str(tmp_path / "pq"), on_error=errors.append)
        assert result.run["status"] == "finished" and result.run["engine"] == "dask"
        assert snapshot(store) == expected
    assert [e.code for e in errors] == ["E101"]
    # the kept Parquet dataset: one file per table per partition, store schema
    parts = sorted((tmp_path / "pq" / "articles").glob("part-*.parquet"))
    assert len(parts) == 4  # 12 new texts in partitions of store_batch=3 (+ copy, error)
    claims = pq.read_table(tmp_path / "pq" / "claims")
    assert claims.schema.names == list(COLUMNS["claims"])
    assert claims.schema.equals(arrow_schema("claims"))
    assert claims.num_rows == len(expected["claims"])


@pytest.mark.slow
def test_existing_scheduler_address(tmp_path, analyzer, monkeypatch):
    import tempfile
    from pathlib import Path

    from distributed import LocalCluster

    # a temp dir of the test's own: other runs on the machine stage datasets in /tmp too
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def staged() -> set:
        return set(Path(tempfile.gettempdir()).glob("allegedly-parquet-*"))

    before = staged()
    items = corpus(4)
    with open_store(tmp_path / "inline.db") as inline:
        ingest([], inline, settings=SETTINGS, articles=items)
        expected = snapshot(inline)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, open_store(tmp_path / "d.db") as store:
        result = ingest([], store, settings=SETTINGS, articles=items,
                        scheduler=cluster.scheduler_address, engine="dask")
        assert result.run["status"] == "finished"
        assert snapshot(store) == expected
    assert staged() == before  # without --parquet the staged dataset is removed
