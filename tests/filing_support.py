"""Helpers for the describing and filing tests (no tests here): items stored the way an
import stores them (``ItemRepository.stage`` + ``commit_staged``), many at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.store import DB_NAME

DESCRIBED = {"title": "群众转移", "creator": "张三", "classification": "internal",
             "description": "群众转移到安置点"}


def add_items(repos: Repositories, incident_id: str, dates: Sequence[datetime | None],
              kind: str = "photo", fields: dict[str, Any] | None = None,
              batch_id: str | None = None, tag: str = "") -> list[str]:
    """One item per date, each with its own small original; returns their ids in order."""
    staged = [repos.items.stage(incident_id, kind,
                                [NewFile(f"{tag}{kind} {n} {d}".encode(), suffix=".bin")],
                                date=d, fields=dict(fields or {}), batch_id=batch_id)
              for n, d in enumerate(dates)]
    ids = []
    for outcome in repos.items.commit_staged(staged):
        assert not isinstance(outcome, Exception), outcome
        ids.append(outcome.id)
    return ids


def codes_by_group(store_root: Path) -> dict[str, list[int]]:
    """档号 without the 件号 -> the 件号 in that group, sorted."""
    conn = sqlite3.connect(f"file:{store_root / DB_NAME}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT archival_code, piece_number FROM item "
                            "WHERE archival_code IS NOT NULL").fetchall()
    finally:
        conn.close()
    out: dict[str, list[int]] = {}
    for code, piece in rows:
        prefix, _, number = code.rpartition("-")
        assert int(number) == piece, code
        out.setdefault(prefix, []).append(piece)
    return {k: sorted(v) for k, v in out.items()}


def assert_gap_free(store_root: Path) -> dict[str, list[int]]:
    groups = codes_by_group(store_root)
    for prefix, pieces in groups.items():
        assert pieces == list(range(1, len(pieces) + 1)), (prefix, pieces)
    return groups
