"""The row seal: every row of a sealed table has its content recorded in the audit chain.

How it works, and why this way:
- Each writing connection carries TEMP triggers (invisible to other programs, gone when the
  connection closes) that note the key of every row inserted, updated or deleted in a sealed
  table. They catch every write the program makes, through the ORM, Core or raw SQL, without
  a call in each repository method; a table a later change adds is sealed by listing it in
  ``SEALED_TABLES``.
- At the end of each unit of work (``Store.writer``), ``seal_pending`` reads the noted rows
  back as SQLite stores them and records one ``store.seal`` audit event, in the same
  transaction, with each row's seal: a digest of its canonical content plus a short digest
  per column (so ``check`` can name the field that changed), or null for a removed row.
- A write made outside the program (sqlite3, a hex editor) fires no such trigger: the row no
  longer matches the newest seal the chain holds for it, has none, or is gone while its seal
  remains. ``check_seals`` finds all three and names the row and the field.
- Rewriting the seal events means re-chaining the audit trail; the head written down by the
  user (``fieldarchive head``) catches that.

Stores from before the seal get one ``store.seal-baseline`` event per 5,000 existing rows at
the first writable open after migration 0005 (which leaves ``BASELINE_KEY`` for it). It also
lists the reviews and schedule approvals made before signatures, which ``check`` then shows as
such instead of calling them forged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.store import audit
from app.store.hashing import canonical_json

# Sealed table -> its key column. Rows that are only preferences stay out: see UNSEALED.
SEALED_TABLES: dict[str, str] = {
    "operator": "id",
    "incident": "id",
    "retention_schedule": "id",
    "retention_category": "id",
    "import_batch": "id",
    "item": "id",
    "item_relation": "id",
    "file": "id",
    "log_entry": "id",
    "log_review": "id",
    "filing_run": "id",
    "transfer_batch": "id",
    "decode_verdict": "sha256",
}
UNSEALED = {
    "store_setting": "preferences (the default operator) and the pending-baseline marker; "
                     "authority comes from passphrases and keys, not from them",
    "audit_event": "the chain itself: each event's hash covers it and its predecessor",
    "alembic_version": "the schema revision (a wrong one makes the store refuse to open)",
    "search_doc": "the search index: derived from sealed rows, rebuilt from them",
    "search_pending": "the search index's queue, emptied by every commit",
}
SEAL_EVENT = "store.seal"
BASELINE_EVENT = "store.seal-baseline"
SCHEMA_EVENT = "store.schema"  # a migration changed the schema (recorded at open)
SCHEMA_EVENTS = (SEAL_EVENT, BASELINE_EVENT, SCHEMA_EVENT)
BASELINE_KEY = "seal_baseline_pending"
BASELINE_CHUNK = 5000
COLUMN_DIGEST_HEX = 8
_DIRTY = "seal_dirty"
_TRIGGER_PREFIX = "seal_"
_ACTOR = audit.Actor("fieldarchive")


# -- canonical content -------------------------------------------------------------------------


def _canon(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$blob": bytes(value).hex()}
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # stored bytes that are not UTF-8 (read with escapes)
            return {"$text": value.encode("utf-8", "surrogateescape").hex()}
    return value


def row_digest(table: str, columns: Sequence[str], values: Sequence[Any]) -> str:
    """What a seal commits to: the table, the column names and every value as stored."""
    body = canonical_json([table, list(columns), [_canon(v) for v in values]])
    return hashlib.sha256(body).hexdigest()[:32]


def column_digests(values: Sequence[Any]) -> list[str]:
    return [hashlib.sha256(canonical_json(_canon(v))).hexdigest()[:COLUMN_DIGEST_HEX]
            for v in values]


def make_seal(table: str, columns: Sequence[str], values: Sequence[Any]) -> str:
    return row_digest(table, columns, values) + "." + "".join(column_digests(values))


def changed_columns(seal: str, columns: Sequence[str], values: Sequence[Any]) -> list[str]:
    """The columns whose value no longer matches its digest in ``seal``."""
    per = seal.partition(".")[2]
    now = column_digests(values)
    out = []
    for n, (name, digest) in enumerate(zip(columns, now, strict=True)):
        if per[n * COLUMN_DIGEST_HEX:(n + 1) * COLUMN_DIGEST_HEX] != digest:
            out.append(name)
    return out


# -- writing: triggers, the seal at each unit of work, the baseline ----------------------------


def table_columns(conn: Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA main.table_info({table})")]


def existing_tables(conn: Connection) -> list[str]:
    names = set(conn.exec_driver_sql(
        "SELECT name FROM main.sqlite_master WHERE type='table'").scalars())
    return [t for t in SEALED_TABLES if t in names]


def schema_digest(conn: Connection) -> str:
    """The database's structure: every table, index and guard trigger as declared.

    Recorded with every seal, so a guard rewritten to do nothing, a dropped index or a
    changed declaration is noticed; the program changes the schema only by migrations,
    which record the new digest (``record_schema``).
    """
    rows = conn.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master "
        "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all()
    return hashlib.sha256(canonical_json([list(r) for r in rows])).hexdigest()


def record_schema(session: Session) -> None:
    """After a migration: the schema the program itself now made."""
    audit.record(session, _ACTOR, SCHEMA_EVENT, object_type="schema",
                 detail={"schema": schema_digest(session.connection())})


def recorded_schema(conn: Connection) -> tuple[int, str] | None:
    """The newest schema digest the chain records (event seq, digest)."""
    for seq, detail_text in conn.exec_driver_sql(
            "SELECT seq, detail FROM audit_event WHERE event_type IN (?, ?, ?) "
            "ORDER BY seq DESC", SCHEMA_EVENTS):
        try:
            value = json.loads(detail_text).get("schema")
        except (ValueError, TypeError, AttributeError):
            continue
        if isinstance(value, str):
            return int(seq), value
    return None


def install_triggers(conn: Connection) -> None:
    """Give this connection its TEMP triggers (once; again if a schema change dropped them)."""
    tables = existing_tables(conn)
    have = conn.exec_driver_sql(
        "SELECT count(*) FROM temp.sqlite_master WHERE type='trigger' AND name LIKE ?",
        (_TRIGGER_PREFIX + "%",)).scalar()
    if have == 3 * len(tables):
        return
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_DIRTY} (tbl TEXT NOT NULL, "
                         "key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID")
    for table in tables:
        key = SEALED_TABLES[table]
        for action, rows in (("insert", ("NEW",)), ("update", ("OLD", "NEW")),
                             ("delete", ("OLD",))):
            name = f"{_TRIGGER_PREFIX}{table}_{action}"
            notes = " ".join(f"INSERT OR IGNORE INTO {_DIRTY} VALUES ('{table}', {r}.{key});"
                             for r in rows)
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS temp.{name}")
            conn.exec_driver_sql(f"CREATE TEMP TRIGGER {name} AFTER {action.upper()} ON "
                                 f"main.{table} BEGIN {notes} END")


def seal_pending(session: Session) -> None:
    """Record the seals of every row this unit of work wrote, as one audit event."""
    session.flush()
    conn = session.connection()
    # Grouped as they are read, not listed as rows first (a transfer of 100,000 items
    # notes as many).
    keys: dict[str, list[str]] = {}
    for table, key in conn.exec_driver_sql(f"SELECT tbl, key FROM temp.{_DIRTY}"):
        keys.setdefault(str(table), []).append(str(key))
    if not keys:
        return
    conn.exec_driver_sql(f"DELETE FROM temp.{_DIRTY}")
    actor = session.info.get(audit.SESSION_ACTOR_KEY, _ACTOR)
    schema = schema_digest(conn)
    tables: dict[str, Any] = {}
    count = 0
    for table, wanted in sorted(keys.items()):
        columns = table_columns(conn, table)
        # A bulk load is sealed in events of BASELINE_CHUNK rows, not one huge one.
        for start in range(0, len(wanted), BASELINE_CHUNK):
            part = wanted[start:start + BASELINE_CHUNK]
            seals: dict[str, str | None] = dict.fromkeys(part)
            for key, seal in _seal_rows(conn, table, columns, part):
                seals[key] = seal
            tables[table] = {"columns": columns, "rows": seals}
            count += len(part)
            if count >= BASELINE_CHUNK:
                audit.record(session, actor, SEAL_EVENT, object_type="seal",
                             detail={"tables": tables, "schema": schema})
                session.flush()  # each large event written out, not all held at once
                tables, count = {}, 0
    if tables:
        audit.record(session, actor, SEAL_EVENT, object_type="seal",
                     detail={"tables": tables, "schema": schema})
    session.flush()  # the events' own rows: audit_event is not sealed, nothing new is noted


def _seal_rows(conn: Connection, table: str, columns: Sequence[str],
               keys: Sequence[str] | None) -> Iterator[tuple[str, str]]:
    key_col = SEALED_TABLES[table]
    select = ", ".join(f'"{c}"' for c in columns)
    key_at = list(columns).index(key_col)
    if keys is None:
        rows: Iterable[Sequence[Any]] = conn.exec_driver_sql(
            f"SELECT {select} FROM main.{table} ORDER BY {key_col}")
        for row in rows:
            yield str(row[key_at]), make_seal(table, columns, row)
        return
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in conn.exec_driver_sql(
                f"SELECT {select} FROM main.{table} WHERE {key_col} IN ({marks})", tuple(chunk)):
            yield str(row[key_at]), make_seal(table, columns, row)


def seal_baseline(session: Session) -> bool:
    """Seal every existing row of a store from before the seal (once, at its first open)."""
    conn = session.connection()
    pending = conn.exec_driver_sql(
        "SELECT 1 FROM store_setting WHERE key = ?", (BASELINE_KEY,)).first()
    if pending is None:
        return False
    unsigned_reviews = [str(r) for r in conn.exec_driver_sql(
        "SELECT id FROM log_review WHERE signature IS NULL ORDER BY incident_id, seq").scalars()]
    unsigned_approvals = [str(r) for r in conn.exec_driver_sql(
        "SELECT id FROM retention_schedule WHERE status = 'approved' "
        "AND approval_signature IS NULL").scalars()]
    batch: dict[str, Any] = {}
    count = 0
    first = True

    def emit() -> None:
        nonlocal batch, count, first
        detail: dict[str, Any] = {"tables": batch, "schema": schema_digest(conn)}
        if first:
            detail["unsigned_reviews"] = unsigned_reviews
            detail["unsigned_approvals"] = unsigned_approvals
        audit.record(session, _ACTOR, BASELINE_EVENT, object_type="seal", detail=detail)
        batch, count, first = {}, 0, False

    for table in existing_tables(conn):
        columns = table_columns(conn, table)
        for key, seal in _seal_rows(conn, table, columns, None):
            batch.setdefault(table, {"columns": columns, "rows": {}})["rows"][key] = seal
            count += 1
            if count >= BASELINE_CHUNK:
                emit()
    if count or first:
        emit()
    conn.exec_driver_sql("DELETE FROM store_setting WHERE key = ?", (BASELINE_KEY,))
    return True


def reseal_after_migration(session: Session) -> int:
    """After a migration added columns to a sealed table: seal its rows over them too.

    Only rows that still match their seal over the columns it covered are sealed again; one
    changed outside the program keeps its old seal, so ``check`` still names it. Returns the
    number of rows sealed again.
    """
    conn = session.connection()
    latest = _sealed_rows(conn)
    batch: dict[str, Any] = {}
    total = count = 0
    for table in existing_tables(conn):
        columns = table_columns(conn, table)
        now_cols = tuple(columns)
        index = {c: n for n, c in enumerate(columns)}
        key_at = index[SEALED_TABLES[table]]
        select = ", ".join(f'"{c}"' for c in columns)
        for row in conn.exec_driver_sql(f"SELECT {select} FROM main.{table}"):
            key = str(row[key_at])
            _seq, cols, old = latest.get((table, key), (0, now_cols, None))
            if old is None or cols == now_cols or any(c not in index for c in cols):
                continue
            if row_digest(table, cols, [row[index[c]] for c in cols]) != old.partition(".")[0]:
                continue  # changed outside the program: left for check to name
            body = batch.setdefault(table, {"columns": columns, "rows": {}})
            body["rows"][key] = make_seal(table, columns, row)
            count += 1
            if count >= BASELINE_CHUNK:
                _emit_reseal(session, batch)
                total, batch, count = total + count, {}, 0
    if count:
        _emit_reseal(session, batch)
    return total + count


def settle_after_migration(session: Session, *, migrated: bool) -> None:
    """What a migrated database needs before it is read or checked, in one unit of work.

    The baseline (a store from before the seal) seals its rows; a migration that added
    columns reseals the rows over them; the new schema is recorded. A writable open does
    this in the store, a read-only one in its copy: else ``check`` of a store from an older
    version would call every row unsealed and the schema changed outside the program.
    """
    seal_baseline(session)
    if migrated:
        reseal_after_migration(session)
        record_schema(session)


def _emit_reseal(session: Session, tables: dict[str, Any]) -> None:
    audit.record(session, _ACTOR, SEAL_EVENT, object_type="seal",
                 detail={"tables": tables, "reason": "migration added columns"})


# -- checking ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """``kind``: changed | unsealed | removed | unreadable."""

    kind: str
    table: str
    key: str
    row: dict[str, Any] | None  # the row as it is now (for its label), None when gone
    columns: tuple[str, ...] = ()  # what changed
    seq: int | None = None  # the audit event holding the seal compared against


SealAt = tuple[int, tuple[str, ...], str | None]  # event seq, columns, seal (None: removed)


def _sealed_rows(conn: Connection) -> dict[tuple[str, str], SealAt]:
    """(table, key) -> the newest seal the chain holds for that row."""
    latest: dict[tuple[str, str], SealAt] = {}
    interned: dict[tuple[str, ...], tuple[str, ...]] = {}
    for seq, detail_text in conn.exec_driver_sql(
            "SELECT seq, detail FROM audit_event WHERE event_type IN (?, ?) ORDER BY seq",
            (SEAL_EVENT, BASELINE_EVENT)):
        try:
            tables = json.loads(detail_text)["tables"]
            items = tables.items()
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a damaged event: the audit chain check names it
        for table, body in items:
            try:
                cols = tuple(str(c) for c in body["columns"])
                rows = body["rows"].items()
            except (TypeError, KeyError, AttributeError):
                continue
            cols = interned.setdefault(cols, cols)
            for key, seal in rows:
                latest[(str(table), str(key))] = (int(seq), cols,
                                                  seal if isinstance(seal, str) else None)
    return latest


def check_seals(conn: Connection, counted: list[int] | None = None) -> Iterator[RowProblem]:
    """Every sealed row against the newest seal the chain holds for it, both ways.

    ``counted[0]`` is increased by the number of rows read.
    """
    latest = _sealed_rows(conn)
    seen: set[tuple[str, str]] = set()
    for table in existing_tables(conn):
        columns = table_columns(conn, table)
        index = {c: n for n, c in enumerate(columns)}
        key_at = index[SEALED_TABLES[table]]
        select = ", ".join(f'"{c}"' for c in columns)
        for row in conn.exec_driver_sql(f"SELECT {select} FROM main.{table}"):
            if counted is not None:
                counted[0] += 1
            key = str(row[key_at])
            now = dict(zip(columns, row, strict=True))
            if (table, key) in seen:
                yield RowProblem("duplicate", table, key, now)
                continue
            seen.add((table, key))
            seq, cols, seal = latest.get((table, key), (0, (), None))
            if seal is None:
                yield RowProblem("unsealed", table, key, now)
                continue
            if any(c not in index for c in cols):
                gone = tuple(c for c in cols if c not in index)
                yield RowProblem("changed", table, key, now, gone, seq)
                continue
            values = [row[index[c]] for c in cols]
            if row_digest(table, cols, values) != seal.partition(".")[0]:
                yield RowProblem("changed", table, key, now,
                                 tuple(changed_columns(seal, cols, values)), seq)
    for (table, key), (seq, _cols, seal) in latest.items():
        if seal is not None and (table, key) not in seen:
            yield RowProblem("removed", table, key, None, (), seq)


def pre_signature_ids(conn: Connection) -> tuple[set[str], set[str]]:
    """Reviews and schedule approvals the baseline found made before signatures."""
    reviews: set[str] = set()
    approvals: set[str] = set()
    for (detail_text,) in conn.exec_driver_sql(
            "SELECT detail FROM audit_event WHERE event_type = ?", (BASELINE_EVENT,)):
        try:
            detail = json.loads(detail_text)
            reviews.update(str(x) for x in detail.get("unsigned_reviews", []))
            approvals.update(str(x) for x in detail.get("unsigned_approvals", []))
        except (ValueError, TypeError, AttributeError):
            continue
    return reviews, approvals
