"""The main window's pages, in tab order. To add a real page, replace its placeholder line:

    PageSpec("capture", QT_TRANSLATE_NOOP("Pages", "Capture"), CapturePage),

where ``CapturePage(services: UiServices, parent: QWidget | None)`` is a QWidget that follows
``services.selection.changed`` (the current incident) and retranslates on LanguageChange.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.store.records import IncidentRecord
from app.ui.capture.capture_page import CapturePage
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.export.export_page import ExportPage
from app.ui.library.library_page import LibraryPage
from app.ui.log.timeline_page import WorkLogPage
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices

PageFactory = Callable[[UiServices, QWidget | None], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("Pages", ...); shown translated
    factory: PageFactory


class PlaceholderPage(Retranslating, QWidget):
    """Says what the page will do, and shows that it follows the current incident."""

    def __init__(self, services: UiServices, sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = sentence
        self.incident: IncidentRecord | None = services.selection.current
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.incident_label = QLabel(self)
        self.incident_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.incident_label.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.incident_label)
        layout.addStretch(2)
        services.selection.changed.connect(self._incident_changed)
        self.retranslate()

    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(QCoreApplication.translate("Pages", self.sentence))
        if self.incident is None:
            self.incident_label.setText(QCoreApplication.translate(
                "Pages", "No incident selected."))
        else:
            self.incident_label.setText(QCoreApplication.translate(
                "Pages", "Current incident: {name}").format(name=self.incident.name))


def placeholder(sentence: str) -> PageFactory:
    def make(services: UiServices, parent: QWidget | None) -> QWidget:
        return PlaceholderPage(services, sentence, parent)

    return make


PAGES: list[PageSpec] = [
    PageSpec("dashboard", QT_TRANSLATE_NOOP("Pages", "Dashboard"), DashboardPage),
    PageSpec("capture", QT_TRANSLATE_NOOP("Pages", "Capture"), CapturePage),
    PageSpec("worklog", QT_TRANSLATE_NOOP("Pages", "Work log"), WorkLogPage),
    PageSpec("library", QT_TRANSLATE_NOOP("Pages", "Library"), LibraryPage),
    PageSpec("export", QT_TRANSLATE_NOOP("Pages", "Export"), ExportPage),
]
