"""Video recording for the camera panel: the take, its sound, and storing it.

The camera loop writes the frames (``camera_loop``); this keeps what lives on the GUI
thread: the microphone giving the video its sound (started first, so the video never waits
for it; the ``AudioTap`` hands its sound to the recorder the moment the loop has made it),
the clock, and the store job once the take is finished. A take that cannot be stored (a
full disk) stays in the pending area and is offered again with ``retry``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QElapsedTimer, QObject, Signal
from PySide6.QtMultimedia import QAudioDevice

from app.capture.microphone import MicResult, MicrophoneRecorder
from app.capture.recording_files import temp_recording
from app.capture.video import AudioSpec, VideoRecorder
from app.store.errors import StoreError
from app.ui.capture.camera_loop import CameraControl, Recording, RecordRequest
from app.ui.capture.capture_jobs import Stored, store_recording
from app.ui.i18n import message_text
from app.ui.services import UiServices

ERROR_COLOUR = "#be1e1e"
OK_COLOUR = "#1e7a32"


class AudioTap:
    """Sound from the microphone (GUI thread) to the video recorder (camera thread). Sound
    that arrives before the recorder exists is held and handed over when it does; the
    recorder lines it up with the first picture and drops what came before."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._recorder: VideoRecorder | None = None
        self._early: list[tuple[bytes, float]] = []

    def __call__(self, pcm: bytes, arrived: float) -> None:
        with self._lock:
            if self._recorder is not None:
                self._recorder.add_audio(pcm, arrived)
            else:
                self._early.append((pcm, arrived))

    def attach(self, recorder: VideoRecorder) -> None:
        with self._lock:
            for pcm, arrived in self._early:
                recorder.add_audio(pcm, arrived)
            self._early.clear()
            self._recorder = recorder


class VideoTakes(QObject):
    started = Signal()  # the first frame is written: the clock runs
    over = Signal()  # the take ended (finished, failed, or lost with its source)
    stored = Signal(object)  # Stored
    message = Signal(object, str)  # a Message for the panel's status line, and its colour

    # Emitted by the camera thread; delivered on the GUI thread.
    loop_started = Signal()
    loop_finished = Signal(object)  # Recording
    loop_failed = Signal(object)  # the StoreError

    def __init__(self, services: UiServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.recording = False
        self.storing = 0
        self.unstored: list[tuple[Recording, MicResult | None]] = []
        self.elapsed = QElapsedTimer()
        self.mic: MicrophoneRecorder | None = None
        self.tap: AudioTap | None = None
        self.sound: MicResult | None = None  # the take's sound, once its microphone stopped
        self.loop_started.connect(self._started)
        self.loop_finished.connect(self._finished)
        self.loop_failed.connect(self._failed)

    def busy(self) -> bool:
        return self.recording or self.storing > 0

    # -- the take ------------------------------------------------------------------------------
    def start(self, control: CameraControl, sound: QAudioDevice | None) -> None:
        if self.recording:
            return
        path = temp_recording(self.services.store, ".mp4")
        audio = None
        if sound is not None:
            tap = AudioTap()
            mic = MicrophoneRecorder(sound, None, on_pcm=tap, parent=self)
            try:
                mic.start()
            except StoreError as err:
                error = err
                self._say(lambda: self.tr("Recording without sound: {reason}").format(
                    reason=message_text(error)), ERROR_COLOUR)
            else:
                self.mic, self.tap, audio = mic, tap, AudioSpec()
        control.start_recording(RecordRequest(path, audio))
        self.sound = None
        self.recording = True

    def in_loop_started(self, recorder: VideoRecorder) -> None:
        """On the camera thread: hand the sound over before the first frame is written."""
        tap = self.tap
        if tap is not None:
            tap.attach(recorder)
        self.loop_started.emit()

    def stop(self, control: CameraControl | None) -> None:
        """Stop: the sound first (all of it reaches the recorder), then the pictures."""
        if not self.recording or control is None:
            return
        self._stop_mic()
        control.end_recording()

    def source_gone(self) -> None:
        """The camera loop ended without reporting the take (it could not finish it)."""
        if self.recording:
            self._stop_mic()
            self._over()

    def _started(self) -> None:
        self.elapsed.start()
        self.started.emit()

    def _stop_mic(self) -> MicResult | None:
        """Stop the take's microphone (if still running); its result, kept until the take
        is stored."""
        mic, self.mic, self.tap = self.mic, None, None
        if mic is not None:
            if mic.state in ("recording", "paused"):
                mic.stop()
            mic.deleteLater()
            self.sound = mic.result
        return self.sound

    def _over(self) -> None:
        self.recording = False
        self.sound = None
        self.elapsed.invalidate()
        self.over.emit()

    def _finished(self, recording: Recording) -> None:
        audio = self._stop_mic()  # stopped already by stop(), or now if the source ended
        self._over()
        self._store(recording, audio)

    def _failed(self, error: object) -> None:
        self._stop_mic()
        self._over()
        self._say(lambda: self.tr("The recording failed: {reason}").format(
            reason=message_text(error)),
                  ERROR_COLOUR)

    # -- storing ---------------------------------------------------------------------------------
    def _store(self, recording: Recording, audio: MicResult | None) -> None:
        incident = self.services.selection.current
        if incident is None:
            self.unstored.append((recording, audio))
            self._say(lambda: self.tr("Choose an incident, then press Store again."),
                      ERROR_COLOUR)
            return
        self.storing += 1
        self._say(lambda: self.tr("Storing the video…"))
        self.services.jobs.start(
            store_recording, self.services.repos, incident.id, recording, audio,
            on_finished=self._stored,
            on_failed=lambda message: self._not_stored(recording, audio, message))

    def _stored(self, stored: Stored) -> None:
        self.storing -= 1
        seconds = float(stored.item.technical.get("duration") or 0)

        def text() -> str:
            said = self.tr("Video stored: {name} ({seconds} s).").format(
                name=stored.item.title, seconds=f"{seconds:.1f}")
            if stored.note:
                said += " " + self.tr("It was cut short: {reason}; what was recorded is "
                                      "kept.").format(reason=message_text(stored.note))
            return said

        self.stored.emit(stored)
        self._say(text, ERROR_COLOUR if stored.note else OK_COLOUR)

    def _not_stored(self, recording: Recording, audio: MicResult | None,
                    message: str) -> None:
        self.storing -= 1
        self.unstored.append((recording, audio))
        self._say(lambda: self.tr("The video was not stored: {reason} It is kept aside; "
                                  "press Store again when the cause is fixed.").format(
            reason=message), ERROR_COLOUR)

    def retry(self) -> None:
        waiting, self.unstored = self.unstored, []
        for recording, audio in waiting:
            if recording.path.exists():
                self._store(recording, audio)

    def shutdown(self) -> None:
        self._stop_mic()

    def _say(self, message: object, colour: str = "") -> None:
        self.message.emit(message, colour)
