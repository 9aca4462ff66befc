"""The Capture page: Import, Camera, Microphone and Physical object, as sub-tabs.

It composes the panels and wires what crosses between them: drops on the window go to
the import; photos taken for a physical object come from the camera. The heavy parts
(OpenCV, Qt Multimedia) load when their tab is first opened, so the window opens quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app.store.records import IncidentRecord
from app.ui.capture.drop_filter import FileDropFilter
from app.ui.capture.import_panel import ImportPanel
from app.ui.services import UiServices

if TYPE_CHECKING:  # loaded when their tab is first opened
    from app.ui.capture.camera_panel import CameraPanel
    from app.ui.capture.microphone_panel import MicrophonePanel
    from app.ui.capture.physical_form import PhysicalForm


class CapturePage(QWidget):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.incident_label = QLabel(self)
        self.incident_label.setObjectName("capture_incident_label")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("capture_tabs")
        self.import_panel = ImportPanel(services, self.tabs)
        self.tabs.addTab(self.import_panel, "")
        self._camera: CameraPanel | None = None
        self._microphone: MicrophonePanel | None = None
        self._physical: PhysicalForm | None = None
        self.tabs.addTab(QWidget(), "")  # camera, built on first use
        self.tabs.addTab(QWidget(), "")  # microphone
        self.tabs.addTab(QWidget(), "")  # physical object
        self.tabs.currentChanged.connect(self._tab_opened)
        layout = QVBoxLayout(self)
        layout.addWidget(self.incident_label)
        layout.addWidget(self.tabs, 1)
        self.drop_filter: FileDropFilter | None = None
        self.close_refused: QMessageBox | None = None
        self.close_question: QMessageBox | None = None
        self._camera_off_agreed = False
        self._watch_window()
        services.selection.changed.connect(self._incident_changed)
        self.retranslate()

    # -- panels --------------------------------------------------------------------------------
    IMPORT, CAMERA, MICROPHONE, PHYSICAL = range(4)

    def _tab_opened(self, index: int) -> None:
        if index == self.CAMERA:
            self.camera_panel()
        elif index == self.MICROPHONE:
            self.microphone_panel()
        elif index == self.PHYSICAL:
            self.physical_form()

    def _replace_tab(self, index: int, panel: QWidget) -> None:
        self.tabs.blockSignals(True)
        current = self.tabs.currentIndex()
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, "")
        if old is not None:
            old.deleteLater()
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.retranslate()

    def camera_panel(self) -> CameraPanel:
        if self._camera is None:
            from app.ui.capture.camera_panel import CameraPanel

            self._camera = CameraPanel(self.services, self.tabs)
            self._replace_tab(self.CAMERA, self._camera)
        return self._camera

    def microphone_panel(self) -> MicrophonePanel:
        if self._microphone is None:
            from app.ui.capture.microphone_panel import MicrophonePanel

            self._microphone = MicrophonePanel(self.services, self.tabs)
            self._replace_tab(self.MICROPHONE, self._microphone)
        return self._microphone

    def physical_form(self) -> PhysicalForm:
        if self._physical is None:
            from app.ui.capture.physical_form import PhysicalForm

            self._physical = PhysicalForm(self.services, self.tabs)
            self._physical.take_photos_requested.connect(self._take_object_photos)
            self._replace_tab(self.PHYSICAL, self._physical)
        return self._physical

    def show_panel(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._tab_opened(index)

    def _take_object_photos(self) -> None:
        camera = self.camera_panel()
        form = self.physical_form()
        camera.collect_for(form.object_title(), form.add_camera_photo,
                           lambda: self.show_panel(self.PHYSICAL))
        self.show_panel(self.CAMERA)

    # -- drops on the window -------------------------------------------------------------------
    def _watch_window(self) -> None:
        window = self.window()
        if window is self:
            return  # not placed in a window yet; showEvent tries again
        if self.drop_filter is not None and self.drop_filter.window is window:
            return
        if self.drop_filter is not None:
            self.drop_filter.remove()
        self.drop_filter = FileDropFilter(window, self.files_dropped, self._close_requested)

    def busy_panel(self) -> QWidget | None:
        """A panel whose recording or storing would be lost if the window closed now."""
        if self._camera is not None and self._camera.busy():
            return self._camera
        if self._microphone is not None and self._microphone.busy():
            return self._microphone
        return None

    def _close_requested(self) -> bool:
        """The window is asked to close: refuse while a recording is running or storing;
        while the camera streams, refuse and ask (the answer Yes closes the window again)."""
        panel = self.busy_panel()
        if panel is None and self._camera_streams() and not self._camera_off_agreed:
            self._ask_before_closing_the_camera()
            return False
        if panel is None:
            return True
        self._bring_forward()
        self.tabs.setCurrentWidget(panel)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Recording in progress"),
                          self.tr("A recording is running or still being stored. Stop it and "
                                  "wait until it is stored, then close; nothing is lost."),
                          QMessageBox.StandardButton.Ok, self)
        box.open()
        self.close_refused = box
        return False

    def _camera_streams(self) -> bool:
        return self._camera is not None and self._camera.is_open

    def _ask_before_closing_the_camera(self) -> None:
        """Asked without a nested event loop (``open``, not ``exec``): a modal question
        inside a close would block whatever closes the window, a test's teardown included.
        No is the default: the picture stays on."""
        if self.close_question is not None and self.close_question.isVisible():
            return
        self._bring_forward()
        if self._camera is not None:
            self.tabs.setCurrentWidget(self._camera)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("The camera is on"),
                          self.tr("The camera is still streaming. Turn it off and close the "
                                  "window?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._close_question_answered)
        box.open()
        self.close_question = box

    def _close_question_answered(self, answer: int) -> None:
        if answer != QMessageBox.StandardButton.Yes.value or not self._camera_streams():
            return
        assert self._camera is not None
        self._camera.close_camera()
        self._camera_off_agreed = True
        try:
            self.window().close()
        finally:
            self._camera_off_agreed = False

    def set_recording_allowed(self, allowed: bool) -> None:
        """Off while a supervisor is the current operator: nothing is captured or imported."""
        self.setEnabled(allowed)

    def files_dropped(self, paths: list[Path]) -> None:
        """What a drop anywhere on the window does: bring the import forward and start it."""
        if not self.isEnabled():
            return
        self._bring_forward()
        self.tabs.setCurrentIndex(self.IMPORT)
        self.import_panel.add_paths(paths)

    def _bring_forward(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if isinstance(parent, QTabWidget):
            parent.setCurrentWidget(self)

    def showEvent(self, event: object) -> None:
        self._watch_window()
        super().showEvent(event)  # type: ignore[arg-type]

    # -- look ----------------------------------------------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self.retranslate()

    def retranslate(self) -> None:
        if self.incident is None:
            self.incident_label.setText(self.tr(
                "No incident selected: choose one above (or File ▸ New incident) before "
                "capturing."))
            self.incident_label.setStyleSheet("color: #be1e1e;")
        else:
            self.incident_label.setText(self.tr("Capturing into: {name}").format(
                name=self.incident.name))
            self.incident_label.setStyleSheet("font-weight: bold;")
        self.incident_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs.setTabText(self.IMPORT, self.tr("Import"))
        self.tabs.setTabText(self.CAMERA, self.tr("Camera"))
        self.tabs.setTabText(self.MICROPHONE, self.tr("Microphone"))
        self.tabs.setTabText(self.PHYSICAL, self.tr("Physical object"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
