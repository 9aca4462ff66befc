"""Helpers shared by the work-log tests (no tests here): people, times, and hand edits."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import DB_NAME

CST = timezone(timedelta(hours=8))
PASS = "审核口令1234"
SUPER_PASS = "监督口令4567"
APPEND_ONLY_TRIGGERS = ("log_entry_no_update", "log_entry_no_delete",
                        "log_review_no_update", "log_review_no_delete")


def at(hour: int, minute: int = 0, day: int = 21) -> datetime:
    """A time on the incident's days (it started 2025-07-21 14:30 +08:00)."""
    return datetime(2025, 7, day, hour, minute, tzinfo=CST)


@dataclass(frozen=True)
class People:
    archivist: str = "张三"
    second: str = "王记录"
    reviewer: str = "李审核"
    supervisor: str = "赵监督"


def add_people(repos: Repositories) -> People:
    """Two archivists (the first is the default operator), a reviewer and a supervisor."""
    p = People()
    repos.operators.add(p.archivist, "旗应急管理局", "archivist", position="档案员")
    repos.operators.add(p.second, "旗消防救援大队", "archivist", position="记录员")
    repos.operators.add(p.reviewer, "旗档案馆", "reviewer", position="科长", passphrase=PASS)
    repos.operators.add(p.supervisor, "盟档案馆", "supervisor", position="馆长",
                        passphrase=SUPER_PASS)
    return p


def fill_log(repos: Repositories, incident: IncidentRecord, n: int,
             start: datetime | None = None) -> list[str]:
    """``n`` entries ten minutes apart; returns their ids."""
    start = start or at(15)
    return [repos.log.add(incident.id, f"第{i + 1}条：搜救队在三号街区排查倒塌房屋。",
                          occurred_at=start + timedelta(minutes=10 * i)).id
            for i in range(n)]


def tamper(store_root: Path, *statements: str) -> None:
    """Edit the database by hand, as a tamperer would: first drop the append-only guards."""
    conn = sqlite3.connect(store_root / DB_NAME, isolation_level=None)
    try:
        for name in APPEND_ONLY_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def restore_guards(store_root: Path) -> None:
    """Put the guards back, so only the tampering itself is left to find."""
    conn = sqlite3.connect(store_root / DB_NAME, isolation_level=None)
    try:
        for table in ("log_entry", "log_review"):
            for action in ("UPDATE", "DELETE"):
                conn.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    finally:
        conn.close()
