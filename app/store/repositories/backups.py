"""When the store was last backed up: recorded in the store (and its audit chain), so the
desktop app can remind the archivist when the last copy off the laptop is too old."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from app.store import audit
from app.store.backup import BackupReport
from app.store.models import StoreSetting
from app.store.repositories.base import Repository, resolve_actor

LAST_BACKUP_KEY = "last_backup"
REMIND_AFTER = timedelta(days=1)


class BackupRepository(Repository):
    def record(self, report: BackupReport, operator: str | None = None) -> None:
        """Note a finished backup: the setting the reminder reads, and an audit event."""
        value = json.dumps({"at": report.finished_at.isoformat(), "target": str(report.target),
                            "files": report.files, "events": report.events},
                           ensure_ascii=False)
        with self.store.writer() as s:
            setting = s.get(StoreSetting, LAST_BACKUP_KEY)
            if setting is None:
                s.add(StoreSetting(key=LAST_BACKUP_KEY, value=value))
            else:
                setting.value = value
            audit.record(s, resolve_actor(s, operator), "store.backup", object_type="store",
                         detail={"target": str(report.target), "files": report.files,
                                 "copied": report.copied, "events": report.events})

    def last(self) -> datetime | None:
        """When the last backup finished, or None if there never was one."""
        with self.store.reader() as s:
            setting = s.get(StoreSetting, LAST_BACKUP_KEY)
        if setting is None:
            return None
        try:
            return datetime.fromisoformat(json.loads(setting.value)["at"])
        except (ValueError, KeyError, TypeError):
            return None

    def overdue(self, now: datetime) -> bool:
        """Whether a reminder is due: no backup, or the last one older than a day."""
        last = self.last()
        return last is None or now - last > REMIND_AFTER
