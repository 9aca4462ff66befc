"""Shared parts of the work-log UI tests: services on a real store, operators, a large log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import inspect

from app.store.models import LogEntry, Operator, new_id
from app.store.repositories.log_append import entry_tail, link_entry, new_entry
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

START = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
REVIEWER_PASSPHRASE = "review-2025"


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    svc = UiServices.for_store(store, settings, translations, jobs)
    yield svc
    jobs.cancel_all()
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def people(services: UiServices) -> dict[str, str]:
    """An archivist (the default operator, who records) and a reviewer; name by role."""
    repos = services.repos
    repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    repos.operators.add("李审核", "自治区应急管理厅", "reviewer", position="组长",
                        passphrase=REVIEWER_PASSPHRASE)
    return {"archivist": "张伟", "reviewer": "李审核"}


def bulk_log(store: Store, incident_id: str, operator_id: str, count: int,
             start: datetime = START) -> None:
    """Grow a log by ``count`` entries in one transaction, fast: each entry is made from the
    repository's own ``new_entry`` fields and numbered and hash-chained by its ``link_entry``,
    then all rows go in as one multi-row insert (no audit events: these tests only read)."""
    columns = [c.key for c in inspect(LogEntry).column_attrs]
    with store.writer() as s:
        op = s.get(Operator, operator_id)
        assert op is not None
        tail = entry_tail(s, incident_id)
        template = new_entry(incident_id, op, "", start, phase="response", category="other",
                             operational_period=None, unit=None, participants="", place="",
                             linked_items=[])
        fields = {c: getattr(template, c) for c in columns}
        rows = []
        for n in range(count):
            occurred = start + timedelta(minutes=n)
            row = SimpleNamespace(**{
                **fields, "id": new_id(), "occurred_at": occurred.astimezone(UTC),
                "operational_period": occurred.date().isoformat(),
                "content": f"批量第{n + 1}条：搜救队在三号街区排查倒塌房屋，转移群众。"})
            tail = link_entry(row, tail)  # type: ignore[arg-type]
            rows.append(vars(row))
        s.execute(LogEntry.__table__.insert(), rows)



def type_text(qtbot: object, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key presses, other script (Chinese) committed
    the way an input method delivers it (QTest's key clicks take ASCII only)."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)  # type: ignore[attr-defined]
