"""A review database made in the user's cache folder from rows read elsewhere (a package).

A fresh database with the store's own schema (the migrations run on the new file), filled
with the given rows in one transaction, its search index rebuilt, then left as one plain
file that ``make_engine(readonly=True)`` opens ``query_only``. It is the reviewer's
working copy: the reviewed package is never written, and the folder goes with the review
(``read_source``'s in-use lock keeps a running review's folder; abandoned ones are removed).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine

from app.store import migrate, search_index
from app.store.engine import make_engine
from app.store.models import Base
from app.store.read_source import IN_USE, _remove_abandoned, review_cache_path
from app.store.store import DB_NAME
from app.store.store_lock import hold_shared

# Tables in an order their foreign keys accept (operators and incidents first).
FILL_ORDER = ("operator", "incident", "retention_schedule", "retention_category",
              "transfer_batch", "item", "file", "log_entry", "log_review", "audit_event")


def new_cache_folder() -> tuple[Path, BinaryIO]:
    """A fresh folder in the review cache, and the lock that marks it in use."""
    base = review_cache_path()
    base.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(base)
    folder = Path(tempfile.mkdtemp(prefix="snapshot-package-", dir=base))
    return folder, hold_shared(folder / IN_USE)


def build_review_db(folder: Path, rows: Mapping[str, Sequence[dict[str, Any]]]) -> Engine:
    """Make ``folder/archive.sqlite`` from ``rows`` (table -> rows); a read-only engine."""
    db_path = folder / DB_NAME
    work = make_engine(db_path)
    try:
        migrate.apply_migrations(work)
        with work.connect() as conn:
            # A package holds part of a store: an entry may correct one of an earlier
            # batch, a log name a recorder it does not describe. The rows are kept as read.
            driver = conn.connection.dbapi_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                for name in FILL_ORDER:
                    table_rows = rows.get(name)
                    if table_rows:
                        conn.execute(Base.metadata.tables[name].insert(), list(table_rows))
                search_index.rebuild(conn)
    finally:
        work.dispose()
    conn2 = sqlite3.connect(db_path, isolation_level=None)
    try:  # one plain file: a read-only connection then needs no side files
        conn2.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn2.close()
    return make_engine(db_path, readonly=True)


def remove_cache_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
