"""SQLite engines: WAL, foreign keys on, one writer at a time by BEGIN IMMEDIATE.

A writing transaction takes SQLite's write lock when it starts, so reading the chain head
and appending the next link can never interleave with another writer. The read-only engine
opens the file with ``mode=ro`` and ``query_only`` so no statement can change it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 10_000


def _uri(path: Path, readonly: bool) -> str:
    mode = "ro" if readonly else "rwc"
    # sqlite3 URI: percent-encode what could break the query string.
    quoted = str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"sqlite:///file:{quoted}?mode={mode}&uri=true"


def make_engine(db_path: Path, readonly: bool = False) -> Engine:
    engine = create_engine(_uri(db_path, readonly), poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        if readonly:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk when it returns, so the audit head file written
            # after it can never be ahead of the database after a power cut.
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine
