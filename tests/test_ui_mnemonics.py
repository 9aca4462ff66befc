"""No two controls shown together share an Alt mnemonic, in either language (issue 11,
point 9: 姓名(N) and 事件名称(N), 职务(P) and 口令(P) in the first-run dialog). Walks every
dialog and every page (and sub-page) of the main window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QWidget,
)

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.export.wizard import ExportWizard
from app.ui.first_run import FirstRunDialog
from app.ui.incident_dialog import NewIncidentDialog
from app.ui.log.correction_dialog import CorrectionDialog
from app.ui.log.history_dialog import HistoryDialog
from app.ui.log.quick_entry import QuickEntryDialog
from app.ui.log.render_dialog import RenderDialog
from app.ui.log.review_dialog import ReviewDialog
from app.ui.main_window import MainWindow
from app.ui.operators_dialog import AddOperatorDialog, OperatorsDialog
from app.ui.passphrase_dialog import PassphraseDialog
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import START

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(text, what) of each control shown in ``root`` that carries a mnemonic."""
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or not w.isEnabled() and not isinstance(w, QLabel):
            continue
        if isinstance(w, QLabel) and w.buddy() is not None:
            yield w.text(), f"label {w.text()!r}"
        elif isinstance(w, QAbstractButton):
            yield w.text(), f"button {w.text()!r}"
        elif isinstance(w, QGroupBox):
            yield w.title(), f"group {w.title()!r}"
        elif isinstance(w, QTabBar):
            for n in range(w.count()):
                yield w.tabText(n), f"tab {w.tabText(n)!r}"
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield action.text(), f"menu {action.text()!r}"


def duplicates(root: QWidget, where: str) -> list[str]:
    seen: dict[str, str] = {}
    found = []
    for text, what in shown_texts(root):
        key = mnemonic(text)
        if key is None:
            continue
        if key in seen:
            found.append(f"{where}: Alt+{key} for {seen[key]} and {what}")
        else:
            seen[key] = what
    return found


def pages(window: MainWindow) -> Iterator[str]:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        inner = page.findChild(QTabWidget)
        for sub in range(inner.count() if inner is not None else 1):
            if inner is not None:
                inner.setCurrentIndex(sub)
            QApplication.processEvents()
            yield window.tabs.tabText(index) + (f" ▸ {inner.tabText(sub)}" if inner else "")


def dialogs(services: UiServices, window: MainWindow, incident: IncidentRecord,
            fresh: Repositories) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    repos = services.repos
    views = repos.log.page(incident.id)

    def quick() -> QDialog:
        d = QuickEntryDialog(services, window)
        d.prepare()
        d.more_button.setChecked(True)
        return d

    def add_operator() -> QDialog:
        d = AddOperatorDialog(repos, window)
        d.form.role_combo.setCurrentIndex(d.form.role_combo.findData("reviewer"))
        return d

    yield "quick entry", quick
    yield "correction", lambda: CorrectionDialog(services, views[0], window)
    yield "review", lambda: ReviewDialog(services, views, window)
    yield "render", lambda: RenderDialog(services, incident, window)
    yield "history", lambda: HistoryDialog(repos.log, views[0].id, window)
    yield "first run", lambda: FirstRunDialog(fresh, window)  # operator and incident
    yield "new incident", lambda: NewIncidentDialog(repos, window)
    yield "operators", lambda: OperatorsDialog(repos, window)
    yield "add operator", add_operator
    yield "passphrase", lambda: PassphraseDialog("李审核", lambda p: None, window)
    yield "export wizard", lambda: ExportWizard(services, window)  # its first page: the scope


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_two_controls_shown_together_share_a_mnemonic(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        language: str, tmp_path: Path) -> None:
    services.repos.log.add(incident.id, "到达现场", occurred_at=START + timedelta(hours=1))
    services.translations.set_language(language)
    services.selection.set(incident)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    for where in pages(window):
        problems += duplicates(window, f"[{language}] {where}")
    fresh = Store.open(tmp_path / "fresh", create=True)  # no operator, no incident yet
    for name, make in dialogs(services, window, incident, Repositories(fresh)):
        dialog = make()
        dialog.show()
        QApplication.processEvents()
        problems += duplicates(dialog, f"[{language}] {name}")
        dialog.reject()
        dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the store
    fresh.close()
    assert problems == [], "\n".join(problems)
