"""Physical object (实物): the record (description, size, condition, where it is kept, its
label number) and its photos, picked from files or taken with the camera, stored together.

The object becomes an item of its own and each photo a photo item linked to it
(``app.capture.physical``): files are imported like any photo; photos taken with the camera
are already stored and are linked. Storing runs in the worker primitive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.messages import Words
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.ui.capture.message_label import Message, MessageLabel
from app.ui.capture.provenance_form import ProvenanceForm
from app.ui.capture.thumbnail_model import Thumb, ThumbnailModel
from app.ui.i18n import message_text
from app.ui.services import UiServices

FILE_KEY = "file:"  # rows for picked files are keyed by path, camera photos by item id
ERROR_COLOUR = "#be1e1e"
OK_COLOUR = "#1e7a32"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ObjectStored:
    item_id: str
    title: str
    linked: int
    failed: tuple[Words, ...]  # one sentence per photo file that could not be stored


def store_object(repos: Repositories, incident: str, fields: Mapping[str, str],
                 files: Sequence[Path], camera_photos: Sequence[str], channel: str,
                 provenance: Mapping[str, Any], *, cancel: threading.Event,
                 progress: Progress) -> ObjectStored:
    """The worker job: record the object, import its photo files, link the camera photos."""
    from app.capture.physical import PHOTO_OF, PhysicalObject, add_physical

    obj = PhysicalObject(**fields)
    result = add_physical(repos, incident, obj, files, source_channel=channel,
                          provenance=provenance, progress=progress, cancel=cancel)
    linked = set(result.photo_ids)
    for photo_id in camera_photos:
        if photo_id not in linked:
            repos.items.relate(photo_id, result.item.id, PHOTO_OF)
            linked.add(photo_id)
    return ObjectStored(result.item.id, result.item.title, len(linked),
                        tuple(f.message for f in result.photos.failed))


def file_thumbnails(paths: Sequence[Path], *, cancel: threading.Event,
                    progress: Progress) -> dict[str, QImage | None]:
    """Thumbnails of picked photo files, made on the worker thread."""
    from app.capture.thumbnails import photo_thumbnail
    from app.ui.capture.thumbnail_model import jpeg_to_qimage

    out: dict[str, QImage | None] = {}
    for path in paths:
        if cancel.is_set():
            break
        try:
            out[FILE_KEY + str(path)] = jpeg_to_qimage(photo_thumbnail(path))
        except Exception:  # noqa: BLE001 - not a picture we can show; the import will say why
            out[FILE_KEY + str(path)] = None
    return out


class PhysicalForm(QWidget):
    take_photos_requested = Signal()
    item_stored = Signal(str)

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.storing = False
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title_edit")
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("description_edit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(90)
        self.dimensions_edit = QLineEdit(self)
        self.condition_edit = QLineEdit(self)
        self.location_edit = QLineEdit(self)
        self.label_edit = QLineEdit(self)
        self.labels = [QLabel(self) for _ in range(6)]
        fields = QFormLayout()
        for label, field in zip(self.labels, (
                self.title_edit, self.description_edit, self.dimensions_edit,
                self.condition_edit, self.location_edit, self.label_edit), strict=True):
            label.setBuddy(field)
            fields.addRow(label, field)

        self.photos = ThumbnailModel(self, icon_size=QSize(96, 72))
        self.photo_view = QListView(self)
        self.photo_view.setObjectName("photo_list")
        self.photo_view.setViewMode(QListView.ViewMode.IconMode)
        self.photo_view.setIconSize(QSize(96, 72))
        self.photo_view.setGridSize(QSize(120, 100))
        self.photo_view.setMovement(QListView.Movement.Static)
        self.photo_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_view.setModel(self.photos)
        self.photo_files: list[Path] = []
        self.camera_photos: list[str] = []
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose_photos)
        self.camera_button = QPushButton(self)
        self.camera_button.setObjectName("camera_button")
        self.camera_button.clicked.connect(self.take_photos_requested)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.photos_box = QGroupBox(self)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_button)
        photo_buttons.addWidget(self.camera_button)
        photo_buttons.addWidget(self.remove_button)
        photo_buttons.addStretch(1)
        photos_layout = QVBoxLayout(self.photos_box)
        photos_layout.addLayout(photo_buttons)
        photos_layout.addWidget(self.photo_view, 1)

        self.provenance_box = QGroupBox(self)
        self.provenance = ProvenanceForm(parent=self.provenance_box)
        QVBoxLayout(self.provenance_box).addWidget(self.provenance)
        self.store_button = QPushButton(self)
        self.store_button.setObjectName("store_button")
        self.store_button.setMinimumHeight(36)
        self.store_button.clicked.connect(self.store)
        self.message_label = MessageLabel(self)
        self.message_label.setObjectName("message_label")

        left = QVBoxLayout()
        left.addLayout(fields)
        left.addWidget(self.photos_box, 1)
        right = QVBoxLayout()
        right.addWidget(self.provenance_box)
        right.addStretch(1)
        right.addWidget(self.store_button)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message_label)
        services.selection.changed.connect(self._incident_changed)
        self._title_missing = False
        self.title_edit.textChanged.connect(self._title_typed)
        self.retranslate()
        self._update_buttons()

    # -- photos ----------------------------------------------------------------------------------
    def choose_photos(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Photos of the object"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([
            self.tr("Photos (*.jpg *.jpeg *.tif *.tiff *.heic *.heif *.png *.dng *.cr2 *.nef "
                    "*.arw)"),
            self.tr("All files (*)")])
        dialog.filesSelected.connect(lambda files: self.add_photo_files([Path(f)
                                                                         for f in files]))
        dialog.open()
        return dialog

    def add_photo_files(self, paths: list[Path]) -> None:
        new = [p for p in paths if p not in self.photo_files]
        for path in new:
            self.photo_files.append(path)
            self.photos.add(Thumb(FILE_KEY + str(path), path.name, "photo", None, str(path)))
        if new:
            self.services.jobs.start(file_thumbnails, new, on_finished=self._thumbnails_made)
        self._update_buttons()

    def _thumbnails_made(self, images: dict[str, QImage | None]) -> None:
        for key, image in images.items():
            self.photos.set_image(key, image)

    def add_camera_photo(self, item_id: str, image: object) -> None:
        """A photo the camera has just stored for this object."""
        if item_id in self.camera_photos:
            return
        self.camera_photos.append(item_id)
        picture = image if isinstance(image, QImage) else None
        self.photos.add(Thumb(item_id, self.tr("camera photo {n}").format(
            n=len(self.camera_photos)), "photo", picture))
        self._update_buttons()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.photo_view.selectedIndexes()}, reverse=True)
        for row in rows:
            thumb = self.photos.remove(row)
            if thumb.item_id.startswith(FILE_KEY):
                self.photo_files.remove(Path(thumb.item_id[len(FILE_KEY):]))
            else:
                self.camera_photos.remove(thumb.item_id)
        self._update_buttons()

    def object_title(self) -> str:
        return self.title_edit.text().strip()

    # -- storing ---------------------------------------------------------------------------------
    def store(self) -> None:
        if self.storing:
            return
        if self.incident is None:
            self._say(lambda: self.tr("Choose an incident first; nothing was stored."),
                      ERROR_COLOUR)
            return
        if not self.object_title():
            self.title_edit.setFocus()
            self._title_missing = True
            self._say(lambda: self.tr("Give the object a title (题名) first."), ERROR_COLOUR)
            return
        problem = self.provenance.problem()
        if problem is not None:
            self._say(problem, ERROR_COLOUR)
            return
        channel, details = self.provenance.provenance()
        fields = {
            "title": self.object_title(),
            "description": self.description_edit.toPlainText().strip(),
            "dimensions": self.dimensions_edit.text().strip(),
            "condition": self.condition_edit.text().strip(),
            "storage_location": self.location_edit.text().strip(),
            "label_number": self.label_edit.text().strip(),
        }
        self.storing = True
        self._update_buttons()
        self._say(lambda: self.tr("Storing the object and its photos…"))
        self.services.jobs.start(
            store_object, self.services.repos, self.incident.id, fields,
            list(self.photo_files), list(self.camera_photos), channel, details,
            on_finished=self._stored, on_failed=self._not_stored)

    def _stored(self, result: ObjectStored) -> None:
        self.storing = False
        self.services.last_item.set(result.item_id)
        self.item_stored.emit(result.item_id)

        def text() -> str:
            said = self.tr("Object stored: {title}, {count} photos linked.").format(
                title=result.title, count=result.linked)
            if result.failed:
                said += " " + self.tr("These photos were not stored: {reasons}").format(
                    reasons=" ".join(message_text(f) for f in result.failed))
            return said

        self._say(text, ERROR_COLOUR if result.failed else OK_COLOUR)
        for edit in (self.title_edit, self.dimensions_edit, self.condition_edit,
                     self.location_edit, self.label_edit):
            edit.clear()
        self.description_edit.clear()
        self.photos.clear()
        self.photo_files.clear()
        self.camera_photos.clear()
        self._update_buttons()

    def _not_stored(self, message: str) -> None:
        self.storing = False
        self._say(lambda: self.tr("The object was not stored: {reason}").format(reason=message),
                  ERROR_COLOUR)
        self._update_buttons()

    # -- look ------------------------------------------------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        if incident is not self.incident and not self.storing:
            self._say("")  # what was said was about the other incident
        self.incident = incident
        self._update_buttons()

    def _title_typed(self) -> None:
        # A message goes when its cause goes.
        if self._title_missing and self.object_title():
            self._title_missing = False
            self._say("")

    def _update_buttons(self) -> None:
        self.store_button.setEnabled(not self.storing and self.incident is not None)
        self.remove_button.setEnabled(self.photos.rowCount() > 0)

    def _say(self, message: Message, colour: str = "") -> None:
        self.message_label.show_message(message, colour)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (
                self.tr("Tit&le: *"), self.tr("Descri&ption:"), self.tr("Di&mensions:"),
                self.tr("Cond&ition:"), self.tr("Stora&ge location:"),
                self.tr("Label num&ber:")), strict=True):
            label.setText(text)
        self.title_edit.setPlaceholderText(self.tr("e.g. the rescue team's flag"))
        self.dimensions_edit.setPlaceholderText(self.tr("e.g. 120 × 80 cm"))
        self.condition_edit.setPlaceholderText(self.tr("e.g. torn at one corner, dry"))
        self.location_edit.setPlaceholderText(self.tr("e.g. store room 2, shelf B-3"))
        self.label_edit.setPlaceholderText(self.tr("number on the label or QR code"))
        self.photos_box.setTitle(self.tr("Photos of the object"))
        self.add_button.setText(self.tr("&Add photo files…"))
        self.camera_button.setText(self.tr("Take with &camera"))
        self.remove_button.setText(self.tr("R&emove"))
        self.provenance_box.setTitle(self.tr("Where the object comes from"))
        self.store_button.setText(self.tr("Store this ob&ject"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

