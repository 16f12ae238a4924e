"""Export store tables, or one joined claims view, as JSONL, CSV or Parquet.

- :func:`export_table` / :func:`export_claims` write one stream or file.
- :func:`export_all` writes one file per table into a directory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from allegedly.store.db import Store
from allegedly.store.schema import CLAIMS_VIEW_SQL

FORMATS = ("jsonl", "csv", "parquet")

def claims_view(store: Store) -> Iterator[dict[str, Any]]:
    """Rows of the joined claims view (see :data:`allegedly.store.schema.CLAIMS_VIEW_SQL`),
    ordered by publication date, article and position."""
    cur = store.conn.execute(CLAIMS_VIEW_SQL + " ORDER BY a.published, c.article_id, c.start")
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row, strict=True))


def table_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of one table, in primary-key order."""
    pks = store.db[table].pks if table in store.tables() else None
    yield from store.rows(table, order_by=", ".join(f"[{p}]" for p in pks) if pks else None)


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | str | Path) -> int:
    """Write rows as ``fmt`` to a text stream (jsonl/csv) or a path; return the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ValueError("Parquet needs an output path (-o FILE or DIR)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(rows)
        pq.write_table(pa.Table.from_pylist(rows), str(out))
        return len(rows)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return write_rows(rows, fmt, fh)
    n = 0
    writer = None
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        n += 1
    return n


def export_table(store: Store, table: str, fmt: str, out: IO[str] | str | Path) -> int:
    """Export one table; return the number of rows written."""
    return write_rows(table_rows(store, table), fmt, out)


def export_claims(store: Store, fmt: str, out: IO[str] | str | Path) -> int:
    """Export the joined claims view; return the number of rows written."""
    return write_rows(claims_view(store), fmt, out)


def export_all(store: Store, fmt: str, directory: str | Path) -> dict[str, int]:
    """One file per table (``<table>.<fmt>``) into ``directory``; return rows per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return {t: export_table(store, t, fmt, directory / f"{t}.{fmt}") for t in store.tables()}
