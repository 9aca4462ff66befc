"""Helpers shared by the store and CLI tests (no tests here).

``add_item_with_file`` stores bytes the way an import does: vault first, then the Item and
File rows and an audit event in one unit of work, then the vault intent is settled.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.store import audit
from app.store.models import File, Item
from app.store.store import DB_NAME, Store

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class StoredItem:
    item_id: str
    vault_path: str


def add_item_with_file(
    store: Store,
    incident_id: str,
    data: bytes,
    *,
    title: str = "现场照片",
    suffix: str = ".jpg",
    archival_code: str | None = None,
) -> StoredItem:
    with store.vault.placing(io.BytesIO(data), suffix) as placed:
        with store.writer() as s:
            now = datetime.now(UTC)
            item = Item(incident_id=incident_id, kind="photo", category="ZP", title=title,
                        archival_code=archival_code, created_at=now, updated_at=now)
            s.add(item)
            s.flush()
            file = File(item_id=item.id, role="original", vault_path=placed.vault_path,
                        original_name=f"photo{suffix}", size=placed.size, sha256=placed.sha256,
                        sm3=placed.sm3, format="image/jpeg", created_at=now)
            s.add(file)
            s.flush()
            audit.record(s, audit.Actor("test"), "file.ingest", incident_id=incident_id,
                         item_id=item.id, object_type="file", object_id=file.id,
                         detail={"sha256": placed.sha256})
    return StoredItem(item.id, placed.vault_path)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path -> SHA-256): equal means unchanged."""
    out: dict[str, str] = {}
    if root.is_file():
        return {root.name: hashlib.sha256(root.read_bytes()).hexdigest()}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def sql(store_root: Path, *statements: str) -> list[tuple[object, ...]]:
    """Run statements on the store's database with plain sqlite3 (a hand edit)."""
    conn = sqlite3.connect(store_root / DB_NAME, isolation_level=None)
    try:
        rows: list[tuple[object, ...]] = []
        for statement in statements:
            rows = conn.execute(statement).fetchall()
        return rows
    finally:
        conn.close()


def audit_count(store_root: Path) -> int:
    conn = sqlite3.connect(f"file:{store_root / DB_NAME}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])
    finally:
        conn.close()


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real program, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO, input=stdin if stdin is not None else "", capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=timeout,
    )


def one_json_object(stdout: str) -> dict[str, object]:
    """``--json`` prints exactly one JSON object on stdout."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    value = json.loads(lines[0])
    assert isinstance(value, dict), value
    return value


def assert_one_clear_line(stderr: str) -> str:
    """A failure says one sentence on stderr, never a traceback."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]
