"""After an import, the SM3 pass shows its progress in the status bar, then goes (issue 11,
point 9)."""

from __future__ import annotations

from pathlib import Path

from app.capture.importer import import_files
from app.store.digests import pending_count
from app.store.records import IncidentRecord
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from tests import ui_log_support
from tests.conftest import DATA

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


def test_the_sm3_pass_after_an_import_shows_its_progress(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    label = window.digest_pass
    report = import_files(services.repos, incident.id,
                          sorted(Path(DATA, "camera-samples", "jpg").glob("*.jpg")))
    assert report.imported and pending_count(services.store) > 0
    services.last_item.set(report.imported[-1].item_id)  # what the import panel does
    qtbot.waitUntil(lambda: label.isVisible() and "%" in label.text(), timeout=30_000)
    assert label.text().startswith("SM3 digests: ")
    qtbot.waitUntil(lambda: not label.running and pending_count(services.store) == 0,
                    timeout=60_000)
    qtbot.waitUntil(lambda: not label.isVisible())
