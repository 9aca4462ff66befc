"""SQLite engines: WAL, foreign keys on, one writer at a time by BEGIN IMMEDIATE.

A writing transaction takes SQLite's write lock when it starts, so reading the chain head
and appending the next link can never interleave with another writer; reading transactions
(``read_only(engine)``) begin deferred, so they never wait for a writer in WAL mode. The
read-only engine opens the file with ``mode=ro`` and ``query_only`` so no statement can change
it; on read-only media, where SQLite cannot create the WAL index, it opens ``immutable``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

# How long a writer waits for another writer before "the store is in use" (tests shorten it).
BUSY_TIMEOUT_ENV = "FIELDARCHIVE_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 10_000
# Execution option marking a connection that only reads: it begins deferred.
READ_ONLY_OPTION = "fieldarchive_read_only"


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, DEFAULT_BUSY_TIMEOUT_MS)))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


def quote_path(path: Path) -> str:
    """The absolute path for a sqlite3 ``file:`` URI, with what would break it encoded."""
    return str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def _uri(path: Path, readonly: bool, immutable: bool = False) -> str:
    mode = "ro" if readonly else "rwc"
    quoted = quote_path(path)
    extra = "&immutable=1" if immutable else ""
    return f"sqlite:///file:{quoted}?mode={mode}{extra}&uri=true"


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def read_only(engine: Engine) -> Engine:
    """The same engine for transactions that only read (plain, deferred BEGIN)."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def make_engine(db_path: Path, readonly: bool = False, immutable: bool = False) -> Engine:
    """``immutable`` (read-only media only): SQLite takes no locks and ignores any WAL."""
    # Pooled connections: closing the last connection to a WAL database checkpoints it,
    # which would cost every unit of work a checkpoint. Store.close() disposes the pool.
    engine = create_engine(_uri(db_path, readonly or immutable, immutable), pool_size=4,
                           max_overflow=8)
    readonly = readonly or immutable
    timeout = busy_timeout_ms()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        # Text that is not UTF-8 (a damaged page, a hand edit) reads as text with escapes
        # instead of failing the whole query: `check` then names the row it is in.
        dbapi_conn.text_factory = _lenient_text
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={timeout}")
        cur.execute("PRAGMA foreign_keys=ON")
        # The row seal's notes (a TEMP table) and check's sorting stay in memory: no temporary
        # file on a disk that may be full.
        cur.execute("PRAGMA temp_store=MEMORY")
        if readonly:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk when it returns, so the audit head file written
            # after it can never be ahead of the database after a power cut.
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: sqlite3.Connection, _record: Any, _proxy: Any) -> None:
        # A migration turns foreign keys off on its connection while it rebuilds tables
        # (migrations/env.py); no connection goes back to work without them.
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        reading = readonly or conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine
