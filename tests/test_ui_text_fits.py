"""Every label, button, check box and drop-down shows its whole text, in both languages and
after a live switch (issue: "All categ", "No sounc" after switching to English)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    yield UiServices.for_store(store, settings, translations, jobs)
    jobs.cancel_all()
    jobs.wait()
    translations.set_language("en")


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped(root: QWidget) -> list[str]:
    """Widgets shown narrower than their one-line text needs (QFontMetrics)."""
    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 1:
            continue
        fm = QFontMetrics(w.font())
        if isinstance(w, QLabel):
            if w.wordWrap() or not w.text() or w.pixmap() is not None and not w.pixmap().isNull():
                continue
            if re.search(r"<\w+[^>]*>", w.text()):  # rich text, maybe <br>: the widest line
                doc = QTextDocument()
                doc.setDefaultFont(w.font())
                doc.setDocumentMargin(0)
                doc.setHtml(w.text())
                need = int(doc.idealWidth())
            else:
                need = fm.horizontalAdvance(plain(w.text()))
            room = w.contentsRect().width()
        elif isinstance(w, QComboBox):
            if not w.currentText():
                continue
            need, room = fm.horizontalAdvance(w.currentText()), w.width() - 24
        elif isinstance(w, QCheckBox):
            need, room = fm.horizontalAdvance(plain(w.text())), w.width() - 18
        elif isinstance(w, QPushButton | QToolButton) and isinstance(w, QAbstractButton):
            if not w.text() or (isinstance(w, QToolButton) and w.toolButtonStyle().name
                                == "ToolButtonIconOnly"):
                continue
            need, room = fm.horizontalAdvance(plain(w.text())), w.width() - 6
        else:
            continue
        if need > room:
            shown = w.currentText() if isinstance(w, QComboBox) else plain(w.text())
            bad.append(f"{type(w).__name__} {w.objectName()} {shown!r}: needs {need}, "
                       f"has {room}")
    return bad


def each_page(qtbot, window: MainWindow) -> Iterator[str]:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        tabs = page.findChild(type(window.tabs))
        for sub in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(sub)
            QApplication.processEvents()
            yield window.tabs.tabText(index)


@pytest.mark.parametrize("order", [("zh_CN", "en"), ("en", "zh_CN")])
def test_texts_fit_after_a_live_switch(qtbot, services: UiServices,
                                       incident: IncidentRecord, order: tuple[str, str]) -> None:
    services.repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    first, second = order
    services.translations.set_language(first)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    problems = []
    for language in (first, second):
        if language != first:
            window.set_language(language)
        for page in each_page(qtbot, window):
            problems += [f"[{language} {page}] {p}" for p in clipped(window)]
    assert sorted(set(problems)) == []


def test_the_series_message_follows_a_live_switch(qtbot, services: UiServices,
                                                  incident: IncidentRecord) -> None:
    services.translations.set_language("zh_CN")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    camera = window.pages["capture"].camera_panel()
    camera._on_series_done(3, "complete")
    assert camera.series_label.text() == "定时连拍完成：共 3 张。"
    window.set_language("en")
    qtbot.waitUntil(lambda: camera.series_label.text() == "Series finished: 3 photos.")
