"""Item models checked by Qt's model tester, and what their cells say."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.ui import i18n
from app.ui.models.incident_model import (
    COLUMN_KEYS,
    OVERDUE_COLOUR,
    WARNING_COLOUR,
    IncidentTableModel,
    SortRole,
)
from app.ui.models.operator_model import OperatorTableModel


@pytest.fixture
def chinese(qapp, tmp_path) -> Iterator[None]:
    translations = i18n.Translations(tmp_path / "cache")
    assert translations.set_language("zh_CN")
    yield
    translations.set_language("en")


def cell(model: IncidentTableModel, row: int, key: str) -> str:
    return model.index(row, COLUMN_KEYS.index(key)).data()


def test_incident_model_passes_the_model_tester(qtmodeltester, repos: Repositories,
                                                incident: IncidentRecord) -> None:
    repos.incidents.create("某化工厂爆炸事故", "accident", "II",
                           datetime.fromisoformat("2025-03-02T09:00:00+08:00"), "Z109")
    model = IncidentTableModel()
    model.set_incidents(repos.incidents.list())
    qtmodeltester.check(model, force_py=True)
    model.set_incidents([])
    qtmodeltester.check(model, force_py=True)


def test_incident_cells(repos: Repositories, incident: IncidentRecord) -> None:
    ended = repos.incidents.end_response(incident.id,
                                         datetime.fromisoformat("2025-08-31T18:00:00+08:00"))
    model = IncidentTableModel(clock=lambda: datetime.fromisoformat("2026-02-10T09:00+08:00"))
    model.set_incidents([ended])
    assert cell(model, 0, "number") == "EQ2025-01"
    assert cell(model, 0, "kind") == "Natural disaster"
    assert cell(model, 0, "level") == "Extraordinarily serious"
    assert cell(model, 0, "start") == "2025-07-21 14:30"
    assert cell(model, 0, "items") == "0"
    assert cell(model, 0, "log") == "0"
    assert cell(model, 0, "deadline") == "18 days left"  # due 2026-02-28, month end kept
    deadline = model.index(0, COLUMN_KEYS.index("deadline"))
    assert "2026-02-28" in deadline.data(Qt.ItemDataRole.ToolTipRole)
    assert deadline.data(Qt.ItemDataRole.ForegroundRole) == WARNING_COLOUR  # 30 days or fewer
    model = IncidentTableModel(clock=lambda: datetime.fromisoformat("2026-03-03T09:00+08:00"))
    model.set_incidents([ended])
    assert cell(model, 0, "deadline") == "3 days overdue"
    assert model.index(0, COLUMN_KEYS.index("deadline")).data(
        Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    assert model.index(0, COLUMN_KEYS.index("start")).data(SortRole).startswith("2025-07-21")


def test_incident_labels_follow_the_language(chinese: None, repos: Repositories,
                                             incident: IncidentRecord) -> None:
    model = IncidentTableModel()
    model.set_incidents([incident])
    assert cell(model, 0, "kind") == "自然灾害"
    assert cell(model, 0, "level") == "特别重大"
    assert cell(model, 0, "deadline") == "—"
    ended = repos.incidents.end_response(incident.id,
                                         datetime.fromisoformat("2025-08-31T18:00:00+08:00"))
    model = IncidentTableModel(clock=lambda: datetime.fromisoformat("2025-09-01T09:00+08:00"))
    model.set_incidents([ended])
    assert cell(model, 0, "deadline") == "还剩 180 天"
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMN_KEYS))]
    assert headers == ["编号", "名称", "类型", "级别", "发生时间", "件数", "日志条数", "归档期限"]


def test_operator_model_passes_the_model_tester(qtmodeltester, repos: Repositories) -> None:
    first = repos.operators.add("张伟", "自治区档案馆", "archivist")
    repos.operators.add("李审核", "应急管理局", "reviewer", passphrase="review-2025")
    model = OperatorTableModel()
    model.set_operators(repos.operators.list(), first.id)
    qtmodeltester.check(model, force_py=True)
