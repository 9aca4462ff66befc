"""The preview of the current item beside the Library's grid or table.

Photos are decoded at the screen's size in the worker when an item becomes current (the
import kept only a 160 px thumbnail) and shown upright and zoomable. Sound and video play in
place. Documents open in the system viewer from a copy in the user's cache folder. Every
load has a request number: an answer for an item no longer current is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.repositories.library import LibraryQueries, LibraryRow
from app.ui.labels import code_label, format_time
from app.ui.library.item_model import excluded_label, missing_text
from app.ui.library.preview_jobs import DecodedPhoto, copy_to_cache, decode_photo, media_path
from app.ui.library.zoom_view import STEP, ZoomableImageView
from app.ui.retranslate import Retranslating
from app.ui.worker import Jobs

if TYPE_CHECKING:
    from app.ui.library.media_player import MediaPlayerWidget

EMPTY, PHOTO, MEDIA, DOCUMENT = range(4)


def cache_folder() -> Path:
    """Where documents are copied for the system viewer (the user's cache, not the vault)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base) / "previews"


def screen_bound() -> QSize:
    """The largest picture worth decoding: the screen's size in device pixels."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(1920, 1080)
    size = screen.size() * screen.devicePixelRatio()
    return QSize(max(size.width(), 640), max(size.height(), 480))


class ItemPreview(Retranslating, QWidget):
    def __init__(self, library: LibraryQueries, jobs: Jobs, parent: QWidget | None = None,
                 cache_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.library = library  # reading only: the same pane serves review mode
        self.jobs = jobs
        self.cache_dir = cache_dir or cache_folder()
        self.row: LibraryRow | None = None
        self._request = 0
        self.full_size: tuple[int, int] = (0, 0)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("previewTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.image_view = ZoomableImageView(self)
        # Qt Multimedia loads when the first sound or video is shown, not at start-up.
        self._player: MediaPlayerWidget | None = None
        self.media_page = QWidget(self)
        self.media_layout = QVBoxLayout(self.media_page)
        self.media_layout.setContentsMargins(0, 0, 0, 0)
        self.document_page = QWidget(self)
        self.document_label = QLabel(self.document_page)
        self.document_label.setWordWrap(True)
        self.open_button = QPushButton(self.document_page)
        self.open_button.setObjectName("openDocument")
        self.open_button.clicked.connect(self.open_document)
        doc_layout = QVBoxLayout(self.document_page)
        doc_layout.addStretch(1)
        doc_layout.addWidget(self.document_label)
        doc_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        doc_layout.addStretch(1)
        for page in (self.empty_label, self.image_view, self.media_page, self.document_page):
            self.stack.addWidget(page)
        self.zoom_in = QToolButton(self)
        self.zoom_out = QToolButton(self)
        self.zoom_fit = QToolButton(self)
        self.zoom_in.setText("+")
        self.zoom_out.setText("−")
        self.zoom_in.clicked.connect(lambda: self.image_view.zoom_by(STEP))
        self.zoom_out.clicked.connect(lambda: self.image_view.zoom_by(1 / STEP))
        self.zoom_fit.clicked.connect(self.image_view.fit)
        self.size_label = QLabel(self)
        zoom_bar = QHBoxLayout()
        for widget in (self.zoom_out, self.zoom_in, self.zoom_fit):
            zoom_bar.addWidget(widget)
        zoom_bar.addWidget(self.size_label, 1)
        self.zoom_widgets = (self.zoom_in, self.zoom_out, self.zoom_fit, self.size_label)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("previewDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(zoom_bar)
        layout.addWidget(self.details_label)
        layout.addWidget(self.status_label)
        self.retranslate()
        self.show_item(None)

    @property
    def player(self) -> MediaPlayerWidget:
        if self._player is None:
            from app.ui.library.media_player import MediaPlayerWidget

            self._player = MediaPlayerWidget(self.media_page)
            self.media_layout.addWidget(self._player)
        return self._player

    # -- showing an item -----------------------------------------------------------------------
    def show_item(self, row: LibraryRow | None) -> None:
        if row is not None and self.row is not None and row.id == self.row.id:
            self.row = row  # the same item, newer values: keep what is shown
            self.retranslate()
            return
        self.row = row
        self._request += 1
        if self._player is not None:
            self._player.stop()
        self.image_view.set_image(None)
        self.full_size = (0, 0)
        self.status_label.clear()
        kind = row.kind if row is not None else None
        for widget in self.zoom_widgets:
            widget.setVisible(kind == "photo")
        if row is None:
            self.stack.setCurrentIndex(EMPTY)
        elif kind == "photo":
            self.stack.setCurrentIndex(PHOTO)
            self.status_label.setText(self.tr("Decoding the photo…"))
            self.jobs.start(decode_photo, self.library, row.id,
                                     screen_bound(), self._request,
                                     on_finished=self._photo_decoded,
                                     on_failed=self._failed)
        elif kind in ("audio", "video"):
            self.stack.setCurrentIndex(MEDIA)
            self.jobs.start(media_path, self.library, row.id,
                                     on_finished=self._media_found, on_failed=self._failed)
        elif kind == "document":
            self.stack.setCurrentIndex(DOCUMENT)
        else:
            self.stack.setCurrentIndex(EMPTY)
        self.retranslate()

    def _photo_decoded(self, photo: DecodedPhoto) -> None:
        if photo.request != self._request:
            return
        if photo.error is not None:
            self.status_label.setText(photo.error)
            return
        self.status_label.clear()
        self.full_size = photo.full_size
        self.image_view.set_image(photo.image)
        self._show_size()

    def _media_found(self, found: tuple[str, Path | None]) -> None:
        item_id, path = found
        if self.row is None or item_id != self.row.id:
            return
        self.player.open(path, with_picture=self.row.kind == "video")

    def _failed(self, message: str) -> None:
        self.status_label.setText(message)

    def open_document(self) -> None:
        """Copy the file out of the vault (in the worker), then hand the copy to the system."""
        if self.row is None:
            return
        self.status_label.setText(self.tr("Copying the document for the viewer…"))
        self.jobs.start(copy_to_cache, self.library, self.row.id,
                                 self.cache_dir, on_finished=self._copied,
                                 on_failed=self._failed)

    def _copied(self, path: Path) -> None:
        self.last_copy = path
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.status_label.setText(
            self.tr("Opened a copy: {path}").format(path=path) if opened
            else self.tr("No viewer for this file; a copy is at {path}").format(path=path))

    def _show_size(self) -> None:
        w, h = self.full_size
        self.size_label.setText(self.tr("{width} × {height} pixels").format(width=w, height=h)
                                if w else "")

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        kind = self.row.kind if self.row is not None else None
        if kind == "physical":
            self.empty_label.setText(self.tr(
                "A physical object: its record is below; its photos are items of their own, "
                "linked to it."))
        elif kind is not None:
            self.empty_label.setText(self.tr("No preview for this kind of item."))
        else:
            self.empty_label.setText(self.tr("Select an item to see it here."))
        self.zoom_in.setToolTip(self.tr("Zoom in (+ or the wheel)"))
        self.zoom_out.setToolTip(self.tr("Zoom out (-)"))
        self.zoom_fit.setText(self.tr("Fit"))
        self.zoom_fit.setToolTip(self.tr("Fit the photo in the pane (0)"))
        self.open_button.setText(self.tr("Open in the system viewer"))
        self.document_label.setText(self.tr(
            "Documents open in the program your system uses for them, from a copy in your "
            "cache folder; the stored original is never opened for writing."))
        self._show_size()
        row = self.row
        if row is None:
            self.title_label.clear()
            self.details_label.clear()
            return
        self.title_label.setText(row.shown_title)
        lines = [" · ".join(p for p in (
            code_label(codes.ITEM_KIND, row.kind), format_time(row.date), row.creator,
            code_label(codes.ITEM_STATE, row.state), row.archival_code or "") if p)]
        if row.place:
            lines.append(self.tr("Place: {place}").format(place=row.place))
        if row.excluded:
            lines.append(excluded_label())
        elif row.missing:
            lines.append(self.tr("Still lacks: {fields}").format(
                fields=missing_text(row.missing)))
        else:
            lines.append(self.tr("The description is complete."))
        self.details_label.setText("\n".join(lines))
