"""The main window on a real store: incident list, pages, status bar, new incident."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.models.incident_model import RecordRole
from app.ui.pages import PAGES, PageSpec, placeholder
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    yield UiServices.for_store(store, settings, translations, jobs)
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def window(qtbot, services: UiServices, incident: IncidentRecord) -> MainWindow:
    services.repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_shows_the_incident_and_makes_it_current(window: MainWindow,
                                                 incident: IncidentRecord) -> None:
    view = window.incidents.view
    assert view.model().rowCount() == 1
    assert view.model().index(0, 1).data() == "2025年某旗7.1级地震"
    assert view.model().index(0, 0).data() == "EQ2025-01"
    assert window.services.selection.current is not None
    assert window.services.selection.current.id == incident.id


def test_a_placeholder_page_follows_the_current_incident(qtbot, services: UiServices,
                                                        incident: IncidentRecord) -> None:
    win = MainWindow(services, pages=[PageSpec("demo", "Demo", placeholder("Coming soon."))])
    qtbot.addWidget(win)
    labels = [w.text() for w in win.pages["demo"].findChildren(QLabel)]
    assert "Coming soon." in labels
    assert "Current incident: 2025年某旗7.1级地震" in labels


def test_status_bar_names_store_and_operator(window: MainWindow, store: Store) -> None:
    assert str(store.root) in window.store_label.text()
    assert "张伟" in window.operator_label.text()
    assert "自治区档案馆" in window.operator_label.text()


def test_pages_come_from_the_registry(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [spec.title for spec in PAGES]
    assert {"capture", "worklog", "library", "export"} <= set(window.pages)


def test_a_page_is_added_with_one_registry_line(qtbot, services: UiServices,
                                                incident: IncidentRecord) -> None:
    seen: list[IncidentRecord | None] = []

    def make(svc: UiServices, parent: QWidget | None) -> QWidget:
        page = QLabel("extra page", parent)
        svc.selection.changed.connect(seen.append)
        return page

    win = MainWindow(services, pages=[*PAGES, PageSpec("extra", "Extra", make)])
    qtbot.addWidget(win)
    assert win.tabs.tabText(win.tabs.count() - 1) == "Extra"
    assert seen and seen[-1] is not None and seen[-1].id == incident.id


def test_new_incident_dialog_adds_and_selects_it(qtbot, window: MainWindow) -> None:
    dialog = window.new_incident()
    qtbot.waitExposed(dialog)
    form = dialog.form
    form.name_edit.setText("2025年某市洪涝灾害")
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("natural"))
    form.level_combo.setCurrentIndex(form.level_combo.findData("II"))
    form.fonds_edit.setText("Z109")
    form.number_edit.setText("FL2025-02")
    with qtbot.waitSignal(window.current_incident_changed, timeout=5000) as blocker:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert blocker.args[0].name == "2025年某市洪涝灾害"
    assert not dialog.isVisible()
    assert window.incidents.model.rowCount() == 2
    assert window.incidents.current().number == "FL2025-02"


def test_new_incident_dialog_keeps_input_on_a_refused_incident(qtbot,
                                                               window: MainWindow) -> None:
    dialog = window.new_incident()
    dialog.form.name_edit.setText("重复编号的事件")
    dialog.form.kind_combo.setCurrentIndex(1)
    dialog.form.level_combo.setCurrentIndex(1)
    dialog.form.fonds_edit.setText("Z109")
    dialog.form.number_edit.setText("EQ2025-01")  # already used
    dialog.accept()
    assert dialog.isVisible()
    assert "already exists" in dialog.error.text()
    assert dialog.form.name_edit.text() == "重复编号的事件"
    assert window.incidents.model.rowCount() == 1
    dialog.reject()


def test_about_names_the_version(qtbot, window: MainWindow) -> None:
    from app import __version__

    box = window.show_about()
    assert __version__ in box.text()
    box.close()


def test_selection_is_an_incident_record(window: MainWindow) -> None:
    index = window.incidents.view.model().index(0, 0)
    assert isinstance(index.data(RecordRole), IncidentRecord)



def test_incident_counts_follow_captures_and_log_entries(
        qtbot, window: MainWindow, services: UiServices, incident: IncidentRecord) -> None:
    """A stored item or log entry shows up in the incident list's counts by itself."""
    from app.store.repositories.items import NewFile
    from app.ui.models.incident_model import COLUMN_KEYS

    model = window.incidents.model
    row = model.row_of(incident.id)

    def shown(key: str) -> str:
        return str(model.index(row, COLUMN_KEYS.index(key)).data())

    assert shown("items") == "0"
    item = services.repos.items.ingest(
        incident.id, "document",
        [NewFile(b"%PDF-1.4 test", "original", "a.pdf", "application/pdf")])
    services.last_item.set(item.id)
    qtbot.waitUntil(lambda: shown("items") == "1", timeout=5000)
    services.repos.log.add(incident.id, "到达现场")
    services.changes.notify()
    qtbot.waitUntil(lambda: shown("log") == "1", timeout=5000)


def test_the_status_bar_reminds_when_the_last_backup_is_older_than_a_day(
    window: MainWindow, services: UiServices, tmp_path: Path
) -> None:
    from app.store.backup import backup_store

    label = window.findChild(QLabel, "backup_reminder")
    assert label is not None and label.isVisible()
    assert "Not backed up yet" in label.text()
    report = backup_store(services.store, tmp_path / "backup")
    services.repos.backups.record(report)
    window.update_status()
    assert not label.isVisible()
    old = type(report)(report.target, report.files, report.copied, report.bytes_copied,
                       report.events, report.finished_at - timedelta(days=3))
    services.repos.backups.record(old)
    window.update_status()
    assert label.isVisible() and "3 day" in label.text()


def test_the_audit_head_to_write_down_is_one_menu_away(qtbot, window: MainWindow,
                                                       store: Store) -> None:
    from app.store.integrity import check_path, parse_head

    assert window.head_action in window.help_menu.actions()
    box = window.show_audit_head()
    qtbot.waitExposed(box)
    written_down = box.text()
    count, _, digest = written_down.partition(":")
    assert int(count) >= 1 and len(digest) == 16
    assert written_down in box.informativeText()
    box.close()
    # What the user wrote down is what `check --head` takes back.
    assert check_path(store.root, parse_head(written_down)).ok
