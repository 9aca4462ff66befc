"""Microphone: record an oral-history interview (or any sound) with a live level meter.

The recorder (Qt Multimedia, on the GUI thread as Qt requires) writes the WAV master into
the vault's pending area as sound arrives; the meter shows its level about twenty times a
second. Stop, or a microphone that disappears, ends the take: what was recorded is stored
(with an MP3 access copy if asked) by a job of the worker primitive, in an oral-history
batch carrying narrator, interviewer, unit and consent reference when the channel is oral.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.capture.microphone import MicResult, MicrophoneRecorder
from app.capture.recording_files import remove_quietly, require_free_space, temp_recording
from app.domain.timeutil import now_local
from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.ui.capture.audio_devices import AudioInputCombo
from app.ui.capture.capture_jobs import Stored, store_interview
from app.ui.capture.level_meter import LevelMeter
from app.ui.capture.message_label import Message, MessageLabel
from app.ui.capture.provenance_form import ProvenanceForm
from app.ui.capture.thumbnail_model import Thumb, ThumbnailModel
from app.ui.i18n import message_text
from app.ui.services import UiServices

METER_INTERVAL_MS = 50  # 20 updates a second
ROOM_FOR_SECONDS = 10 * 60  # refuse to start with less room than ten minutes of sound
ERROR_COLOUR = "#be1e1e"
OK_COLOUR = "#1e7a32"


@dataclass(frozen=True)
class Take:
    """A recording as started: where it goes and under which provenance."""

    wav: Path
    started_at: datetime
    channel: str
    provenance: dict[str, Any]
    make_mp3: bool


class MicrophonePanel(QWidget):
    item_stored = Signal(str)

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.recorder: MicrophoneRecorder | None = None
        self.take: Take | None = None
        self.storing = 0
        self.unstored: list[tuple[Take, MicResult]] = []
        self._levels: tuple[float, float] | None = None
        self.meter_timer = QTimer(self)
        self.meter_timer.setInterval(METER_INTERVAL_MS)
        self.meter_timer.timeout.connect(self._refresh)
        self._build()
        services.selection.changed.connect(self._incident_changed)
        self.retranslate()
        self._update_buttons()

    def _build(self) -> None:
        self.device_label = QLabel(self)
        self.device_combo = AudioInputCombo(None, self)
        self.device_combo.setObjectName("device_combo")
        self.device_label.setBuddy(self.device_combo)
        self.meter = LevelMeter(self)
        self.meter.setObjectName("level_meter")
        self.level_label = QLabel(self)
        self.level_label.setObjectName("level_label")
        self.level_label.setMinimumWidth(110)
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("record_button")
        self.record_button.setMinimumHeight(40)
        self.record_button.clicked.connect(self.record)
        self.pause_button = QPushButton(self)
        self.pause_button.setObjectName("pause_button")
        self.pause_button.setMinimumHeight(40)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stop_button")
        self.stop_button.setMinimumHeight(40)
        self.stop_button.clicked.connect(self.stop)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setObjectName("elapsed_label")
        font = self.elapsed_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.elapsed_label.setFont(font)
        self.state_label = QLabel(self)
        self.mp3_check = QCheckBox(self)
        self.mp3_check.setObjectName("mp3_check")
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry_storing)
        self.retry_button.setVisible(False)

        self.interview_box = QGroupBox(self)
        self.provenance = ProvenanceForm(("self", "oral"), self.interview_box)
        box = QVBoxLayout(self.interview_box)
        box.addWidget(self.provenance)

        self.recent = ThumbnailModel(self, newest_first=True)
        self.recent_view = QListView(self)
        self.recent_view.setObjectName("recent_list")
        self.recent_view.setIconSize(QSize(20, 20))
        self.recent_view.setModel(self.recent)
        self.recent_label = QLabel(self)
        self.recent_label.setBuddy(self.recent_view)
        self.message_label = MessageLabel(self)
        self.message_label.setObjectName("message_label")

        grid = QGridLayout()
        grid.addWidget(self.device_label, 0, 0)
        grid.addWidget(self.device_combo, 0, 1, 1, 3)
        grid.addWidget(self.meter, 1, 0, 1, 3)
        grid.addWidget(self.level_label, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.elapsed_label)
        buttons.addWidget(self.state_label, 1)
        grid.addLayout(buttons, 2, 0, 1, 4)
        grid.addWidget(self.mp3_check, 3, 0, 1, 4)
        grid.addWidget(self.retry_button, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addWidget(self.message_label)
        left.addWidget(self.recent_label)
        left.addWidget(self.recent_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.interview_box, 2)
        QWidget.setTabOrder(self.device_combo, self.record_button)
        QWidget.setTabOrder(self.record_button, self.pause_button)
        QWidget.setTabOrder(self.pause_button, self.stop_button)
        QWidget.setTabOrder(self.stop_button, self.mp3_check)
        QWidget.setTabOrder(self.mp3_check, self.provenance.channel_combo)

    # -- recording ------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self.recorder.state if self.recorder is not None else "idle"

    def record(self) -> MicrophoneRecorder | None:
        if self.recorder is not None:
            return None
        if self.incident is None:
            self._say(lambda: self.tr("Choose an incident first; nothing was recorded."),
                      ERROR_COLOUR)
            return None
        problem = self.provenance.problem()
        if problem is not None:
            self._say(problem, ERROR_COLOUR)
            return None
        device = self.device_combo.device()
        if device is None:
            self._say(lambda: self.tr("No microphone is available; connect one and choose it "
                              "above."), ERROR_COLOUR)
            return None
        channel, details = self.provenance.provenance()
        store = self.services.store
        try:
            require_free_space(store, ROOM_FOR_SECONDS * 48000 * 2, ROOM_FOR_SECONDS)

            wav = temp_recording(store, ".wav")
            recorder = MicrophoneRecorder(device, wav, parent=self)
            recorder.level.connect(self._on_level)
            recorder.stateChanged.connect(self._on_state)
            recorder.finished.connect(self._on_finished)
            recorder.failed.connect(self._on_failed)
            recorder.shortfall.connect(self._on_shortfall)
            take = Take(wav, now_local(), channel, details, self.mp3_check.isChecked())
            recorder.start()
        except StoreError as err:
            error = err
            self._say(lambda: self.tr("Recording did not start: {reason}").format(
                reason=message_text(error)), ERROR_COLOUR)
            return None
        self.recorder, self.take = recorder, take
        self.meter.reset()
        self.meter_timer.start()
        self._say(lambda: self.tr("Recording from {device}.").format(device=device.description()),
                  OK_COLOUR)
        self._update_buttons()
        return recorder

    def pause_or_resume(self) -> None:
        if self.recorder is None:
            return
        if self.recorder.state == "recording":
            self.recorder.pause()
        elif self.recorder.state == "paused":
            self.recorder.resume()

    def stop(self) -> None:
        if self.recorder is not None:
            self.recorder.stop()  # ``finished`` follows at once, with what was recorded

    def _on_level(self, peak: float, rms: float) -> None:
        if self._levels is None:
            self._levels = (peak, rms)
        else:  # the loudest of the chunks since the meter was last drawn
            self._levels = (max(self._levels[0], peak), max(self._levels[1], rms))

    def _refresh(self) -> None:
        if self._levels is not None:
            peak, rms = self._levels
            self._levels = None
            self.meter.set_level(peak, rms)
            self.level_label.setText(self.tr("{level} dBFS").format(
                level=f"{peak:.0f}" if peak > -120 else "−∞"))
        if self.recorder is not None:
            seconds = int(self.recorder.seconds)
            self.elapsed_label.setText(
                f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")

    def _on_state(self, state: str) -> None:
        self._update_buttons()

    def _on_shortfall(self, received: float | None, wall: float | None) -> None:
        """The device delivers too little sound: say so at once, while it matters."""
        self.meter.set_short(received is not None)
        if received is None or wall is None:
            self._say(lambda: self.tr("Sound is arriving again."), OK_COLOUR)
            return
        self._say(lambda: self.tr(
            "The microphone delivers too little sound: {received} s in {wall} s of recording. "
            "Check the device, or stop and record again.").format(
            received=f"{received:.1f}", wall=f"{wall:.0f}"), ERROR_COLOUR)

    def _on_finished(self, result: MicResult) -> None:
        take = self.take
        self._recording_over()
        if take is None:
            return
        if result.frames == 0:
            remove_quietly(take.wav)
            self._say(lambda: self.tr("Nothing was recorded, so nothing was stored."), ERROR_COLOUR)
            return
        if result.truncated:
            self._say(lambda: self.tr("The microphone stopped giving sound (disconnected?). The "
                              "{seconds} s recorded before that are being stored.").format(
                seconds=f"{result.seconds:.1f}"), ERROR_COLOUR)
        self._store(take, result)

    def _on_failed(self, error: object) -> None:
        self._recording_over()
        self._say(lambda: self.tr("The recording failed: {reason}").format(
            reason=message_text(error)),
                  ERROR_COLOUR)

    def _recording_over(self) -> None:
        self._refresh()  # the final length on the clock
        recorder, self.recorder = self.recorder, None
        self._levels = None
        self.meter_timer.stop()
        # Nothing is heard any more: the meter falls to zero instead of freezing.
        self.meter.reset()
        self.level_label.setText(self.tr("{level} dBFS").format(level="−∞"))
        if recorder is not None:
            recorder.deleteLater()
        self._update_buttons()

    # -- storing ---------------------------------------------------------------------------------
    def _store(self, take: Take, result: MicResult) -> None:
        assert self.incident is not None
        self.take = None
        self.storing += 1
        self.services.jobs.start(
            store_interview, self.services.repos, self.incident.id, take.wav, result,
            take.started_at, take.channel, take.provenance, take.make_mp3,
            on_finished=lambda stored: self._stored(stored, result),
            on_failed=lambda message: self._not_stored(take, result, message))

    def _stored(self, stored: Stored, result: MicResult) -> None:
        self.storing -= 1
        item = stored.item
        self.recent.add(Thumb(item.id, f"{item.title}  ({result.seconds:.1f} s)", item.kind,
                              None, item.title))
        self.services.last_item.set(item.id)
        self.item_stored.emit(item.id)

        def text() -> str:
            said = self.tr("Recording stored: {name} ({seconds} s, loudest {peak} dBFS).").format(
                name=item.title, seconds=f"{result.seconds:.1f}",
                peak=f"{result.peak_dbfs:.0f}")
            if result.fell_short:
                said += " " + self.tr(
                    "It holds {seconds} s of sound for {wall} s of recording: the microphone "
                    "delivered too little.").format(seconds=f"{result.seconds:.1f}",
                                                    wall=f"{result.wall_seconds:.1f}")
            if stored.note:
                said += " " + self.tr("It was cut short: {reason}; what was recorded is "
                                      "kept.").format(reason=message_text(stored.note))
            return said

        self._say(text, ERROR_COLOUR if stored.note or result.fell_short else OK_COLOUR)
        self._update_buttons()

    def _not_stored(self, take: Take, result: MicResult, message: str) -> None:
        self.storing -= 1
        self.unstored.append((take, result))
        self._say(lambda: self.tr("The recording was not stored: {reason} It is kept aside; press "
                          "Store again when the cause is fixed.").format(reason=message),
                  ERROR_COLOUR)
        self._update_buttons()

    def retry_storing(self) -> None:
        if self.incident is None:
            self._say(lambda: self.tr("Choose an incident first."), ERROR_COLOUR)
            return
        waiting, self.unstored = self.unstored, []
        for take, result in waiting:
            if take.wav.exists():
                self._store(take, result)
        self._update_buttons()

    # -- state -----------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.recorder is not None or self.storing > 0

    def shutdown(self) -> None:
        self.stop()

    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.state
        idle = self.recorder is None
        self.record_button.setEnabled(idle and self.incident is not None)
        self.pause_button.setEnabled(state in ("recording", "paused"))
        self.stop_button.setEnabled(state in ("recording", "paused"))
        self.device_combo.setEnabled(idle)
        self.provenance.setEnabled(idle)
        self.mp3_check.setEnabled(idle)
        self.retry_button.setVisible(bool(self.unstored))
        self._retranslate_state()

    def _say(self, message: Message, colour: str = "") -> None:
        self.message_label.show_message(message, colour)

    def _retranslate_state(self) -> None:
        state = self.state
        self.pause_button.setText(self.tr("Resu&me") if state == "paused"
                                  else self.tr("P&ause"))
        self.state_label.setText({
            "recording": self.tr("● Recording"),
            "paused": self.tr("Paused"),
        }.get(state, self.tr("Not recording")))
        self.state_label.setStyleSheet("color: #d72828; font-weight: bold;"
                                       if state == "recording" else "")
        if self.recorder is None and not self.elapsed_label.text():
            self.elapsed_label.setText("0:00:00")

    def retranslate(self) -> None:
        self.device_label.setText(self.tr("&Device:"))
        self.record_button.setText(self.tr("Rec&ord"))
        self.stop_button.setText(self.tr("Sto&p"))
        self.mp3_check.setText(self.tr("Also make an MP&3 access copy"))
        self.retry_button.setText(self.tr("Store a&gain"))
        self.interview_box.setTitle(self.tr("Oral history (DA/T 59)"))
        self.recent_label.setText(self.tr("Recorded in this session:"))
        if not self.level_label.text():
            self.level_label.setText(self.tr("{level} dBFS").format(level="−∞"))
        self._retranslate_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
