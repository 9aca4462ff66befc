"""The retention-schedule window on a real store: view the template, edit it as a new version,
approve with a reviewer's passphrase (a wrong one refused in the window), print to PDF."""

from __future__ import annotations

from pathlib import Path

from app.store.records import IncidentRecord
from app.ui.dashboard.schedule_window import RETENTION, ScheduleWindow
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import REVIEWER_PASSPHRASE

services = ui_log_support.services  # a shared fixture
people = ui_log_support.people  # a shared fixture


def open_window(qtbot, services: UiServices, incident: IncidentRecord) -> ScheduleWindow:
    window = ScheduleWindow(services, incident.id)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.show()
    return window


def test_view_edit_approve_and_print(qtbot, services: UiServices, people: dict[str, str],
                                     incident: IncidentRecord, tmp_path: Path) -> None:
    window = open_window(qtbot, services, incident)
    assert window.table.rowCount() == len(services.repos.schedules.current(incident.id)
                                          .categories)
    assert "version 1" in window.heading.text() and "draft" in window.heading.text()
    assert not window.save_button.isVisible()
    # Edit as a new version: one more category, one retention changed.
    window.start_editing()
    assert window.save_button.isVisible() and window.add_button.isVisible()
    window.add_row()
    row = window.table.rowCount() - 1
    window.table.item(row, 0).setText("volunteers")
    window.table.item(row, 1).setText("志愿者服务记录")
    window.table.item(row, 2).setText("Volunteer service records")
    combo = window.table.cellWidget(row, RETENTION)
    combo.setCurrentIndex(combo.findData("D30"))
    with qtbot.waitSignal(window.changed, timeout=20_000) as changed:
        window.save_version()
    assert changed.args[0].version == 2
    qtbot.waitUntil(lambda: "version 2" in window.heading.text(), timeout=20_000)
    current = services.repos.schedules.current(incident.id)
    assert current.version == 2 and current.categories[-1].key == "volunteers"
    assert current.categories[-1].retention == "D30"
    # A wrong passphrase is refused in the window; the right one approves.
    assert window.approver_combo.currentData() == people["reviewer"]
    window.passphrase_edit.setText("wrong")
    window.reference_edit.setText("内档发〔2025〕12号")
    window.approve()
    qtbot.waitUntil(window.error.isVisible, timeout=20_000)
    assert "passphrase" in window.error.text().lower()
    assert services.repos.schedules.current(incident.id).status == "draft"
    window.passphrase_edit.setText(REVIEWER_PASSPHRASE)
    with qtbot.waitSignal(window.changed, timeout=20_000):
        window.approve()
    qtbot.waitUntil(lambda: "approved" in window.heading.text()
                    and "内档发" in window.heading.text(), timeout=20_000)
    assert not window.approve_box.isEnabled()
    # Print to PDF.
    out = tmp_path / "schedule.pdf"
    with qtbot.waitSignal(window.printed, timeout=60_000):
        window.print_to(out)
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 2000


def test_a_category_without_a_key_is_refused(qtbot, services: UiServices,
                                             incident: IncidentRecord) -> None:
    window = open_window(qtbot, services, incident)
    window.start_editing()
    window.add_row()
    window.save_version()
    assert window.error.isVisible() and "key" in window.error.text()
    assert services.repos.schedules.current(incident.id).version == 1
