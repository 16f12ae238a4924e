"""The corpus store: one SQLite file (WAL) written by ``allegedly ingest``.

``open_store(path)`` opens/creates and migrates it; ``Store.write`` is the single writer (one
transaction per batch); ``allegedly.store.export`` writes tables or the claims view to
JSONL/CSV/Parquet; ``metadata.json`` describes the tables for Datasette.
"""

from allegedly.store.db import Store, open_store
from allegedly.store.schema import SCHEMA_VERSION, migration
from allegedly.store.tables import Failure

__all__ = ["SCHEMA_VERSION", "Failure", "Store", "migration", "open_store"]
