"""Camera: a live preview from a USB camera, a video file or a stream; photos (Space),
video (R) and interval photos, all stored as items of the current incident.

The camera is read by one loop on a thread of the panel's own pool (a camera is open for
hours; it must not hold a thread the imports and stores need). Storing a photo or a video
runs as a job of the shared worker primitive. When the source fails or ends, the panel says
so in plain words; what was already recorded is finished and stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.capture.camera import Frame
from app.store.records import IncidentRecord
from app.ui.capture.audio_devices import AudioInputCombo
from app.ui.capture.camera_loop import (
    CameraControl,
    CameraEvents,
    SourceInfo,
    run_camera,
)
from app.ui.capture.capture_jobs import SeriesBatch, Stored, store_photo
from app.ui.capture.message_label import Message, MessageLabel
from app.ui.capture.preview_view import PreviewView
from app.ui.capture.thumbnail_model import Thumb, ThumbnailModel
from app.ui.capture.video_takes import VideoTakes
from app.ui.i18n import message_text
from app.ui.services import UiServices
from app.ui.worker import Jobs, Worker

STRIP_ICON = QSize(96, 72)
ERROR_COLOUR = "#be1e1e"
OK_COLOUR = "#1e7a32"


class CameraBridge(QObject):
    """Signals the camera thread emits; connected slots run on the GUI thread."""

    opened = Signal(object)  # SourceInfo
    frame = Signal(QImage)
    still = Signal(object, str)  # Frame, mode
    series_done = Signal(int, str)


class CameraPanel(QWidget):
    photo_stored = Signal(str, object)  # item id, thumbnail QImage | None
    item_stored = Signal(str)

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        # One thread of its own: an open camera must never wait for, or block, other jobs.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.camera_jobs = Jobs(self.pool, self)
        self.worker: Worker | None = None
        self.control: CameraControl | None = None
        self.info: SourceInfo | None = None
        self.takes = VideoTakes(services, self)
        self.takes.started.connect(self._on_recording_started)
        self.takes.over.connect(self._on_recording_over)
        self.takes.stored.connect(self._remember)
        self.takes.message.connect(self._on_takes_message)
        self.series: SeriesBatch | None = None
        self.series_taken = 0
        self.storing = 0
        self._collect: tuple[str, Callable[[str, object], None], Callable[[], None]] | None = None
        self.bridge = CameraBridge(self)
        self.bridge.opened.connect(self._on_opened)
        self.bridge.frame.connect(self._on_frame)
        self.bridge.still.connect(self._on_still)
        self.bridge.series_done.connect(self._on_series_done)
        self.clock = QTimer(self)
        self.clock.setInterval(250)
        self.clock.timeout.connect(self._tick)

        self._build()
        self._shortcuts()
        services.selection.changed.connect(self._incident_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.retranslate()
        self._update_buttons()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.source_label = QLabel(self)
        self.source_edit = QLineEdit(self)
        self.source_edit.setObjectName("source_edit")
        self.source_edit.setText("0")
        self.source_edit.returnPressed.connect(self.open_camera)
        self.source_label.setBuddy(self.source_edit)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.browse)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("open_button")
        self.open_button.clicked.connect(self.open_camera)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.close_camera)

        self.collect_banner = QFrame(self)
        self.collect_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.collect_banner.setStyleSheet("QFrame { background: #fff4d6; }")
        self.collect_label = QLabel(self.collect_banner)
        self.collect_label.setWordWrap(True)
        self.back_button = QPushButton(self.collect_banner)
        self.back_button.clicked.connect(self.end_collecting)
        banner = QHBoxLayout(self.collect_banner)
        banner.addWidget(self.collect_label, 1)
        banner.addWidget(self.back_button)
        self.collect_banner.setVisible(False)

        self.preview = PreviewView(self)
        self.preview.setObjectName("preview")
        self.preview.resized.connect(self._preview_resized)

        self.sound_label = QLabel(self)
        self.sound_combo = AudioInputCombo("", self)
        self.sound_combo.setObjectName("sound_combo")
        self.sound_label.setBuddy(self.sound_combo)
        self.shutter_button = QPushButton(self)
        self.shutter_button.setObjectName("shutter_button")
        self.shutter_button.setMinimumHeight(40)
        self.shutter_button.clicked.connect(self.take_photo)
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("record_button")
        self.record_button.setMinimumHeight(40)
        self.record_button.clicked.connect(self.toggle_recording)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setObjectName("elapsed_label")
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry_storing)
        self.retry_button.setVisible(False)

        self.series_box = QGroupBox(self)
        self.every_label = QLabel(self.series_box)
        self.every_spin = QDoubleSpinBox(self.series_box)
        self.every_spin.setObjectName("every_spin")
        self.every_spin.setRange(0.2, 24 * 3600)
        self.every_spin.setDecimals(1)
        self.every_spin.setValue(10.0)
        self.every_label.setBuddy(self.every_spin)
        self.count_label = QLabel(self.series_box)
        self.count_spin = QSpinBox(self.series_box)
        self.count_spin.setObjectName("count_spin")
        self.count_spin.setRange(0, 100_000)
        self.count_spin.setValue(0)
        self.count_label.setBuddy(self.count_spin)
        self.series_button = QPushButton(self.series_box)
        self.series_button.setObjectName("series_button")
        self.series_button.clicked.connect(self.toggle_series)
        self.series_label = MessageLabel(self.series_box)  # follows a change of language
        self.series_label.setWordWrap(True)
        series = QFormLayout(self.series_box)
        series.addRow(self.every_label, self.every_spin)
        series.addRow(self.count_label, self.count_spin)
        series.addRow(self.series_button)
        series.addRow(self.series_label)

        self.recent = ThumbnailModel(self, newest_first=True, icon_size=STRIP_ICON)
        self.strip = QListView(self)
        self.strip.setObjectName("recent_strip")
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setMovement(QListView.Movement.Static)
        self.strip.setIconSize(STRIP_ICON)
        self.strip.setGridSize(QSize(STRIP_ICON.width() + 24, STRIP_ICON.height() + 30))
        self.strip.setFixedHeight(STRIP_ICON.height() + 50)
        self.strip.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.strip.setModel(self.recent)
        self.recent_label = QLabel(self)
        self.recent_label.setBuddy(self.strip)
        self.message_label = MessageLabel(self)
        self.message_label.setObjectName("message_label")

        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.browse_button)
        source_row.addWidget(self.open_button)
        source_row.addWidget(self.close_button)
        side = QGridLayout()
        side.addWidget(self.shutter_button, 0, 0, 1, 2)
        side.addWidget(self.record_button, 1, 0, 1, 2)
        side.addWidget(self.sound_label, 2, 0)
        side.addWidget(self.sound_combo, 2, 1)
        side.addWidget(self.elapsed_label, 3, 0, 1, 2)
        side.addWidget(self.retry_button, 4, 0, 1, 2)
        side.addWidget(self.series_box, 5, 0, 1, 2)
        side.setRowStretch(6, 1)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(300)
        middle = QHBoxLayout()
        middle.addWidget(self.preview, 1)
        middle.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addWidget(self.collect_banner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.strip)
        # Tab order follows the work: source, open, the picture, shutter, record, sound, series.
        QWidget.setTabOrder(self.source_edit, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.close_button)
        QWidget.setTabOrder(self.close_button, self.preview)
        QWidget.setTabOrder(self.preview, self.shutter_button)
        QWidget.setTabOrder(self.shutter_button, self.record_button)
        QWidget.setTabOrder(self.record_button, self.sound_combo)
        QWidget.setTabOrder(self.sound_combo, self.every_spin)
        QWidget.setTabOrder(self.every_spin, self.count_spin)
        QWidget.setTabOrder(self.count_spin, self.series_button)
        QWidget.setTabOrder(self.series_button, self.strip)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shutter_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.take_photo,
                                          context=context)
        self.record_shortcut = QShortcut(QKeySequence(Qt.Key.Key_R), self,
                                         self.toggle_recording, context=context)

    # -- the source ----------------------------------------------------------------------------
    def browse(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a video file to use as the camera"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Videos (*.mp4 *.mov *.avi *.mkv *.mpg *.m4v *.ts)"),
                               self.tr("All files (*)")])
        dialog.fileSelected.connect(self._file_chosen)
        dialog.open()
        return dialog

    def _file_chosen(self, path: str) -> None:
        self.source_edit.setText(path)
        self.open_camera()

    def open_camera(self) -> Worker | None:
        if self.worker is not None:
            return None
        text = self.source_edit.text().strip() or "0"
        self.control = CameraControl()
        self.control.preview_size = self._preview_pixels()
        events = CameraEvents(
            opened=self.bridge.opened.emit, frame=self.bridge.frame.emit,
            still=self.bridge.still.emit, series_done=self.bridge.series_done.emit,
            recording_started=self.takes.in_loop_started,
            recording_finished=self.takes.loop_finished.emit,
            recording_failed=self.takes.loop_failed.emit)
        worker = self.camera_jobs.prepare(run_camera, text, self.control, events)
        worker.signals.finished.connect(self._camera_ended)
        worker.signals.failed.connect(self._camera_failed)
        worker.signals.done.connect(self._camera_done)
        self.worker = worker
        self.info = None
        self._say(lambda: self.tr("Opening {source}…").format(source=text))
        self.preview.set_placeholder(self.tr("Opening the camera…"))
        self._update_buttons()
        self.camera_jobs.submit(worker)
        return worker

    def close_camera(self) -> None:
        """Close; a recording in progress is finished and stored first."""
        if self.worker is not None:
            if self.recording:
                self.stop_recording()
            self.worker.cancel()

    @property
    def is_open(self) -> bool:
        return self.worker is not None and self.info is not None

    def _on_opened(self, info: SourceInfo) -> None:
        self.info = info
        self._say(lambda: self.tr("{source} is open: {width}×{height}.").format(
            source=message_text(info.name or info.description), width=info.width,
            height=info.height), colour=OK_COLOUR)
        self._update_buttons()
        self.preview.setFocus()

    def _on_frame(self, image: QImage) -> None:
        self.preview.show_image(image)
        if self.control is not None:
            self.control.preview_wanted.set()

    def _camera_ended(self, reason: object) -> None:
        if not reason:
            self._say(lambda: self.tr("Camera closed."))
            return
        kind = self.info.kind if self.info is not None else "device"
        if kind == "file":
            text = lambda: self.tr("The video file has ended.")  # noqa: E731
        elif kind == "stream":
            text = lambda: self.tr(  # noqa: E731
                "The stream stopped sending pictures (connection lost?).")
        else:
            text = lambda: self.tr(  # noqa: E731
                "The camera stopped sending pictures (unplugged?).")
        self._say(lambda: text() + " " + self.tr("Everything taken is kept."),
                  colour=ERROR_COLOUR)
        self.message_label.setToolTip(message_text(reason))

    def _camera_failed(self, message: str) -> None:
        if self.info is None:
            self._say(lambda: self.tr("The camera could not be opened: {reason}").format(
                reason=message), colour=ERROR_COLOUR)
        else:
            self._say(lambda: self.tr("The camera stopped: {reason} Everything taken is "
                                      "kept.").format(reason=message), colour=ERROR_COLOUR)

    def _camera_done(self) -> None:
        self.worker = None
        self.info = None
        self.control = None
        self.takes.source_gone()
        if self.series is not None:
            self.series = None
        self.preview.clear()
        self.retranslate()
        self._update_buttons()

    # -- photos --------------------------------------------------------------------------------
    def take_photo(self) -> None:
        if not self._ready_to_take():
            return
        assert self.control is not None
        self.control.press_shutter()
        self.preview.flash()

    def _ready_to_take(self) -> bool:
        if not self.is_open:
            self._say(lambda: self.tr("Open a camera first."), colour=ERROR_COLOUR)
            return False
        if self.incident is None:
            self._say(lambda: self.tr("Choose an incident first; nothing was taken."),
                      colour=ERROR_COLOUR)
            return False
        return True

    def _on_still(self, frame: Frame, mode: str) -> None:
        if self.incident is None or self.info is None:
            return
        series = self.series if mode == "interval" else None
        if mode == "interval":
            self.series_taken += 1
            self._show_series_count()
        self.storing += 1
        self.services.jobs.start(store_photo, self.services.repos, self.incident.id, frame,
                                 self.info.description, mode, series,
                                 on_finished=self._photo_stored, on_failed=self._store_failed)

    def _photo_stored(self, stored: Stored) -> None:
        self.storing -= 1
        item = stored.item
        self._remember(stored)
        width = item.technical.get("width")
        height = item.technical.get("height")
        self._say(lambda: self.tr("Photo stored: {name} ({width}×{height}).").format(
            name=item.title, width=width, height=height), colour=OK_COLOUR)
        self.photo_stored.emit(item.id, stored.thumbnail)
        if self._collect is not None:
            self._collect[1](item.id, stored.thumbnail)

    def _store_failed(self, message: str) -> None:
        self.storing -= 1
        self._say(lambda: self.tr("Not stored: {reason}").format(reason=message),
                  colour=ERROR_COLOUR)

    def _remember(self, stored: Stored) -> None:
        item = stored.item
        self.recent.add(Thumb(item.id, item.title, item.kind, stored.thumbnail, item.title))
        self.services.last_item.set(item.id)
        self.item_stored.emit(item.id)

    # -- interval photos -----------------------------------------------------------------------
    def toggle_series(self) -> None:
        if self.series is not None:
            if self.control is not None:
                self.control.end_series()
            return
        if not self._ready_to_take():
            return
        assert self.control is not None and self.incident is not None and self.info is not None
        seconds, count = self.every_spin.value(), self.count_spin.value()
        amount = str(count) if count else "unlimited"
        self.series = SeriesBatch(self.services.repos, self.incident.id,
                                  f"{amount} photos every {seconds:g} s from "
                                  f"{self.info.description}")
        self.series_taken = 0
        self.control.start_series(seconds, count)
        self._show_series_count()
        self._update_buttons()

    def _show_series_count(self) -> None:
        count, taken = self.count_spin.value(), self.series_taken
        if count:
            self.series_label.show_message(lambda: self.tr("{taken} of {count} taken").format(
                taken=taken, count=count))
        else:
            self.series_label.show_message(lambda: self.tr(
                "{taken} taken; press Stop series to end").format(taken=taken))

    def _on_series_done(self, taken: int, why: str) -> None:
        self.series = None
        if why == "complete":
            self.series_label.show_message(lambda: self.tr(
                "Series finished: {taken} photos.").format(taken=taken))
        elif why == "ended":
            self.series_label.show_message(lambda: self.tr(
                "Series cut short by the source after {taken} photos; they are kept.").format(
                taken=taken))
        else:
            self.series_label.show_message(lambda: self.tr(
                "Series stopped after {taken} photos.").format(taken=taken))
        self._update_buttons()

    # -- video ---------------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        if self.takes.recording:
            self.stop_recording()
        else:
            self.start_recording()

    def start_recording(self) -> None:
        if self.takes.recording or not self._ready_to_take():
            return
        assert self.control is not None
        self.takes.start(self.control, self.sound_combo.device())
        self._update_buttons()

    def stop_recording(self) -> None:
        if self.takes.recording:
            self.takes.stop(self.control)
            self.record_button.setEnabled(False)  # until the take is finished

    @property
    def recording(self) -> bool:
        return self.takes.recording

    @property
    def elapsed(self) -> QElapsedTimer:
        return self.takes.elapsed

    def _on_recording_started(self) -> None:
        self.clock.start()
        self._tick()
        self._update_buttons()

    def _tick(self) -> None:
        seconds = self.elapsed.elapsed() // 1000 if self.elapsed.isValid() else 0
        text = f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        self.elapsed_label.setText(self.tr("Recording {time}").format(time=text))
        self.preview.set_recording_text(text)

    def _on_recording_over(self) -> None:
        self.clock.stop()
        self.elapsed_label.setText("")
        self.preview.set_recording_text("")
        self._update_buttons()

    def _on_takes_message(self, message: Message, colour: str) -> None:
        self._say(message, colour)
        self._update_buttons()

    def retry_storing(self) -> None:
        self.takes.retry()
        self._update_buttons()

    # -- photos for a physical object ----------------------------------------------------------
    def collect_for(self, title: str, on_photo: Callable[[str, object], None],
                    back: Callable[[], None]) -> None:
        """Until ``end_collecting``, every photo taken is also handed to ``on_photo``."""
        self._collect = (title, on_photo, back)
        self.collect_banner.setVisible(True)
        self.retranslate()

    def end_collecting(self) -> None:
        collect, self._collect = self._collect, None
        self.collect_banner.setVisible(False)
        if collect is not None:
            collect[2]()

    # -- state ---------------------------------------------------------------------------------
    def busy(self) -> bool:
        """A take is running or something is still being stored: closing now would lose it."""
        return self.takes.busy() or self.storing > 0

    def shutdown(self) -> None:
        """Stop everything (the application is closing): the loop ends, the pool drains."""
        if self.worker is not None:
            self.worker.cancel()
        self.takes.shutdown()
        self.pool.waitForDone(10_000)

    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self._update_buttons()

    def _preview_pixels(self) -> QSize:
        ratio = self.preview.devicePixelRatioF()
        return QSize(round(self.preview.width() * ratio), round(self.preview.height() * ratio))

    def _preview_resized(self, size: QSize) -> None:
        if self.control is not None:
            self.control.preview_size = size

    def _update_buttons(self) -> None:
        opened = self.is_open
        self.open_button.setEnabled(self.worker is None)
        self.source_edit.setEnabled(self.worker is None)
        self.browse_button.setEnabled(self.worker is None)
        self.close_button.setEnabled(self.worker is not None)
        can_take = opened and self.incident is not None
        self.shutter_button.setEnabled(can_take)
        self.record_button.setEnabled(can_take and (not self.recording
                                                    or self.elapsed.isValid()))
        self.sound_combo.setEnabled(not self.recording)
        self.series_button.setEnabled(can_take)
        self.every_spin.setEnabled(self.series is None)
        self.count_spin.setEnabled(self.series is None)
        self.retry_button.setVisible(bool(self.takes.unstored))
        self.retranslate_buttons()

    def _say(self, message: Message, colour: str = "") -> None:
        self.message_label.show_message(message, colour)

    def retranslate_buttons(self) -> None:
        self.record_button.setText(self.tr("Stop recording (R)") if self.recording
                                   else self.tr("Record video (R)"))
        self.series_button.setText(self.tr("Stop s&eries") if self.series is not None
                                   else self.tr("Start s&eries"))

    def retranslate(self) -> None:
        self.source_label.setText(self.tr("Sour&ce:"))
        self.source_edit.setPlaceholderText(self.tr(
            "0 = first camera · a video file · rtsp://… or http://… stream"))
        self.source_edit.setToolTip(self.tr(
            "A camera number (0, 1 …), a video file, or the address of an IP camera or "
            "drone stream"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.open_button.setText(self.tr("&Open"))
        self.close_button.setText(self.tr("C&lose"))
        self.shutter_button.setText(self.tr("Take photo (Space)"))
        self.sound_label.setText(self.tr("Sou&nd:"))
        self.sound_combo.set_none_text(self.tr("No sound"))
        self.retry_button.setText(self.tr("Store a&gain"))
        self.series_box.setTitle(self.tr("Interval photos"))
        self.every_label.setText(self.tr("E&very:"))
        self.every_spin.setSuffix(self.tr(" s"))
        self.count_label.setText(self.tr("Coun&t:"))
        self.count_spin.setSpecialValueText(self.tr("until stopped"))
        self.recent_label.setText(self.tr("Taken in this session:"))
        self.back_button.setText(self.tr("Bac&k to the object"))
        if self._collect is not None:
            self.collect_label.setText(self.tr(
                "Photos taken now are also added to the physical object “{title}”.").format(
                title=self._collect[0] or self.tr("(no title yet)")))
        if self.worker is None:
            self.preview.set_placeholder(self.tr(
                "No camera open. Give a camera number, a video file or a stream address "
                "above, then press Open."))
        self.retranslate_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
