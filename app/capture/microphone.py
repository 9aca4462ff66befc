"""Microphone recording through Qt Multimedia: device choice, level meter, pause, WAV master.

``MicrophoneRecorder`` (a QObject; QtCore/QtMultimedia only, no widgets) reads PCM from a
``QAudioSource``, writes it incrementally to a WAV file (48 kHz, 16- or 24-bit, mono or
stereo), passes it on to an optional consumer (the video recorder), and reports the level
(peak and RMS in dBFS) of every chunk. Qt does not report a microphone that disappears (the
stream just goes quiet), so a watchdog ends the recording when no sound arrives for a while;
what was recorded is kept and the result says it was cut short.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QLoggingCategory,
    QObject,
    QTimer,
    Signal,
)

if "symbolsresolver" not in os.environ.get("QT_LOGGING_RULES", ""):
    # Qt looks for PipeWire first and warns when it is absent, then uses PulseAudio (or the
    # platform's own audio) as it should: nothing a user can or needs to act on. Nor is
    # the FFmpeg version Qt announces on every recording (it broke the command line's
    # one line on stderr).
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false\n"
                                    "qt.multimedia.ffmpeg.info=false")

from PySide6.QtMultimedia import (  # noqa: E402 - after the logging rule above
    QAudioDevice,
    QAudioFormat,
    QAudioSource,
    QMediaDevices,
)

from app.capture.sound_clock import SoundClock
from app.capture.wav_writer import WavWriter
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.store.errors import StoreError
from app.store.vault import translate_os_error

SAMPLE_RATE = 48000  # DA/T 62 asks for >= 44.1 kHz; 48 kHz matches video sound
FIRST_SOUND_TIMEOUT = 6.0  # seconds a freshly opened device may take to deliver sound
STALL_TIMEOUT = 2.5  # no sound for this long while recording: the device is gone
WATCH_INTERVAL_MS = 250
SILENCE_DBFS = -120.0
# Qt keeps at most its buffer of unread sound and drops the rest. Some sources (PulseAudio's
# sine source, devices with a fixed large latency) hand out seconds of sound at once: give
# Qt room for that, and ask PulseAudio for short fragments so sound arrives as it is made.
BUFFER_SECONDS = 4.0
if "PULSE_LATENCY_MSEC" not in os.environ:
    os.environ["PULSE_LATENCY_MSEC"] = "30"


class MicrophoneError(StoreError):
    """The microphone is missing, unusable or stopped giving sound."""

    code = "microphone"


@dataclass(frozen=True)
class InputDevice:
    id: str
    description: str
    is_default: bool


def ensure_core_application() -> QCoreApplication:
    """The running Qt application, or a new windowless one (the command line needs one)."""
    app = QCoreApplication.instance()
    return app if app is not None else QCoreApplication([])


def _device_id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def input_devices() -> list[InputDevice]:
    """The audio inputs Qt can record from, as the user would name them."""
    ensure_core_application()
    return [InputDevice(_device_id(d), d.description(), d.isDefault())
            for d in QMediaDevices.audioInputs()]


def _names(devices: list[QAudioDevice]) -> str:
    return ", ".join(f"'{d.description()}'" for d in devices)


def find_input(name: str | None = None) -> QAudioDevice:
    """The input named ``name`` (description or id, exact or a unique part); default if None."""
    ensure_core_application()
    devices = list(QMediaDevices.audioInputs())
    if not devices:
        raise MicrophoneError(QT_TRANSLATE_NOOP(
            "Errors", "No microphone was found; connect one and check that the system sees it."))
    if not name:
        default = QMediaDevices.defaultAudioInput()
        return default if not default.isNull() else devices[0]
    wanted = name.strip().casefold()
    exact = [d for d in devices
             if wanted in (d.description().casefold(), _device_id(d).casefold())]
    if exact:
        return exact[0]
    partial = [d for d in devices if wanted in d.description().casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise MicrophoneError(QT_TRANSLATE_NOOP(
            "Errors", "More than one microphone matches '{name}': {names}; give the full name."),
            name=name, names=_names(partial))
    raise MicrophoneError(QT_TRANSLATE_NOOP(
        "Errors", "There is no microphone named '{name}'; available: {names}."),
        name=name, names=_names(devices))


def pcm_levels(pcm: bytes, bits: int) -> tuple[float, float]:
    """Peak and RMS level of signed little-endian PCM, in dBFS (silence is -120)."""
    dtype, full = ("<i2", 32768.0) if bits == 16 else ("<i4", 2147483648.0)
    samples = np.frombuffer(pcm, dtype=dtype)
    if samples.size == 0:
        return SILENCE_DBFS, SILENCE_DBFS
    values = samples.astype(np.float64) / full
    peak = float(np.max(np.abs(values)))
    rms = float(np.sqrt(np.mean(values * values)))
    return _dbfs(peak), _dbfs(rms)


def _dbfs(value: float) -> float:
    return max(SILENCE_DBFS, 20.0 * math.log10(value)) if value > 0 else SILENCE_DBFS


def _to_24bit(pcm32: bytes) -> bytes:
    """Qt delivers 32-bit integers; keep the top 24 bits for a 24-bit WAV."""
    raw = np.frombuffer(pcm32, dtype=np.uint8).reshape(-1, 4)
    return raw[:, 1:].tobytes()


@dataclass(frozen=True)
class MicResult:
    path: Path | None  # the finished WAV, or None when only a consumer was fed
    device: str
    sample_rate: int
    channels: int
    bits: int
    frames: int
    truncated: bool  # the device stopped giving sound before the end
    stopped_early: bool  # stopped by the user before the asked length
    reason: Message | None
    peak_dbfs: float
    wall_seconds: float = 0.0  # time spent recording (pauses excluded)
    fell_short: bool = False  # the device delivered less sound than time passed

    @property
    def missing_seconds(self) -> float:
        return max(0.0, self.wall_seconds - self.seconds)

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate


class MicrophoneRecorder(QObject):
    """Record one take from ``device``. Signals report level, state and the outcome.

    ``wav_path`` (a new file) receives the master; ``on_pcm(pcm, arrived)`` receives the same
    sound as it arrives (16/32-bit as Qt gives it, 24-bit packed when ``bits`` is 24).
    ``max_seconds`` stops the take after exactly that much sound (pauses excluded).
    """

    level = Signal(float, float)  # peak dBFS, RMS dBFS of the latest chunk
    stateChanged = Signal(str)  # "recording", "paused", "stopped"
    finished = Signal(object)  # MicResult
    failed = Signal(object)  # the MicrophoneError (or other StoreError), also in ``error``
    # Sound received and wall-clock seconds, while the device delivers too little (or None,
    # None once it caught up again): say so at once, the take is shorter than the time.
    shortfall = Signal(object, object)

    def __init__(self, device: QAudioDevice, wav_path: Path | None = None, *,
                 sample_rate: int = SAMPLE_RATE, channels: int = 1, bits: int = 16,
                 max_seconds: float | None = None,
                 on_pcm: Callable[[bytes, float], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if bits not in (16, 24):
            raise MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "Record with 16 or 24 bits per sample."))
        if channels not in (1, 2):
            raise MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "Record in mono (1 channel) or stereo (2 channels)."))
        self.device = device
        self.device_name = device.description()
        self.wav_path = wav_path
        self.sample_rate = sample_rate
        self.channels = channels
        self.bits = bits
        self.max_frames = None if max_seconds is None else int(round(max_seconds * sample_rate))
        self.on_pcm = on_pcm
        self.state = "idle"
        self.error: StoreError | None = None
        self.result: MicResult | None = None
        self.frames = 0
        self.peak_dbfs = SILENCE_DBFS
        self._qt_bits = 16 if bits == 16 else 32
        self._out_frame_bytes = channels * bits // 8
        self._wav: WavWriter | None = None
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._last_sound = 0.0
        self._heard = False
        self._stopped_early = False
        self.clock = SoundClock(sample_rate)
        self.fell_short = False
        self._short_now = False
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCH_INTERVAL_MS)
        self._watchdog.timeout.connect(self._watch)

    # -- control ---------------------------------------------------------------------------
    def audio_format(self) -> QAudioFormat:
        fmt = QAudioFormat()
        fmt.setSampleRate(self.sample_rate)
        fmt.setChannelCount(self.channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16 if self._qt_bits == 16
                            else QAudioFormat.SampleFormat.Int32)
        return fmt

    def start(self) -> None:
        if self.state != "idle":
            raise MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "This recorder has already been used; make a new one."))
        fmt = self.audio_format()
        if not self.device.isFormatSupported(fmt):
            raise MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "The microphone '{name}' cannot record {rate} Hz {bits}-bit with "
                "{channels} channel(s); try another device or setting."),
                name=self.device_name, rate=self.sample_rate, bits=self.bits,
                channels=self.channels)
        if self.wav_path is not None:
            try:
                self._wav = WavWriter(self.wav_path, self.sample_rate, self.channels, self.bits)
            except OSError as exc:
                raise translate_os_error(exc, self.wav_path.parent) from exc
        self._source = QAudioSource(self.device, fmt, self)
        self._source.setBufferSize(int(BUFFER_SECONDS * self.sample_rate * fmt.bytesPerFrame()))
        self._io = self._source.start()
        # QAudio.Error and QtAudio.Error are different enums in PySide6 >= 6.7: use names.
        if self._io is None or self._source.error().name != "NoError":
            self._discard_wav()
            raise MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "The microphone '{name}' cannot be opened; it may be in use by "
                "another program."), name=self.device_name)
        self._io.readyRead.connect(self._read)
        self._last_sound = time.monotonic()
        self.clock.start(self._last_sound)
        self._set_state("recording")
        self._watchdog.start()

    def pause(self) -> None:
        if self.state == "recording" and self._source is not None:
            self._read()
            self._source.suspend()
            self.clock.pause(time.monotonic())
            self._set_state("paused")

    def resume(self) -> None:
        if self.state == "paused" and self._source is not None:
            self._drop_pending()
            self._source.resume()
            self._last_sound = time.monotonic()
            self.clock.resume(self._last_sound)
            self._set_state("recording")

    def stop(self) -> None:
        """Stop and keep what was recorded (``finished`` follows)."""
        if self.state in ("recording", "paused"):
            if self.state == "recording":
                self._read()
            # Without a set length, stopping is how a take ends, not "early".
            self._stopped_early = self.max_frames is not None and self.frames < self.max_frames
            self._finish(truncated=False, reason=None)

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate

    # -- internals ---------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)

    def _drop_pending(self) -> None:
        if self._io is not None:
            self._io.readAll()

    def _read(self) -> None:
        if self._io is None or self.state not in ("recording", "paused"):
            return
        data = bytes(self._io.readAll().data())
        if not data or self.state == "paused":
            return  # sound that arrives while paused is not part of the take
        arrived = time.monotonic()
        self._last_sound = arrived
        self._heard = True
        in_frame = self.channels * self._qt_bits // 8
        data = data[: len(data) - len(data) % in_frame]
        if self.max_frames is not None:
            data = data[: max(self.max_frames - self.frames, 0) * in_frame]
        if not data:
            return
        peak, rms = pcm_levels(data, self._qt_bits)
        self.peak_dbfs = max(self.peak_dbfs, peak)
        out = data if self.bits == 16 else _to_24bit(data)
        if self._wav is not None:
            try:
                self._wav.write(out)
            except OSError as exc:
                self._fail(translate_os_error(exc, self._wav.path.parent))
                return
        self.frames += len(out) // self._out_frame_bytes
        if self.on_pcm is not None:
            self.on_pcm(out, arrived)
        self.level.emit(peak, rms)
        if self.max_frames is not None and self.frames >= self.max_frames:
            self._finish(truncated=False, reason=None)

    def _watch(self) -> None:
        if self.state != "recording":
            return
        self._read()  # sound may be waiting without a readyRead yet
        if self.state != "recording":
            return
        now = time.monotonic()
        if self._watch_delivery(now):
            return
        quiet = now - self._last_sound
        if not self._heard and quiet > FIRST_SOUND_TIMEOUT:
            self._fail(MicrophoneError(QT_TRANSLATE_NOOP(
                "Errors", "The microphone '{name}' gives no sound; check that it is "
                "connected, switched on and not muted."), name=self.device_name))
        elif self._heard and quiet > STALL_TIMEOUT:
            self._finish(truncated=True, reason=Message(QT_TRANSLATE_NOOP(
                "Errors", "the microphone '{name}' stopped giving sound (disconnected?)"),
                {"name": self.device_name}))

    def _watch_delivery(self, now: float) -> bool:
        """Compare the sound received with the wall clock; True when the take was ended."""
        short = self.clock.short(now, self.frames)
        if short:
            self.fell_short = True
            self.shortfall.emit(self.clock.received(self.frames), self.clock.wall(now))
        elif self._short_now:
            self.shortfall.emit(None, None)
        self._short_now = short
        length = None if self.max_frames is None else self.max_frames / self.sample_rate
        if self.clock.overdue(now, length):
            # Never wait for ever for sound that does not come: keep what arrived.
            self._finish(truncated=True, reason=Message(QT_TRANSLATE_NOOP(
                "Errors", "the microphone '{name}' delivered only {received} s of sound in "
                "{wall} s"), {"name": self.device_name,
                              "received": f"{self.clock.received(self.frames):.1f}",
                              "wall": f"{self.clock.wall(now):.1f}"}))
            return True
        return False

    def _stop_source(self) -> None:
        self._watchdog.stop()
        if self._source is not None:
            if self._io is not None:
                self._io.readyRead.disconnect(self._read)
            self._source.stop()
            self._source.deleteLater()
            self._source = None
            self._io = None

    def _finish(self, truncated: bool, reason: Message | None) -> None:
        self._stop_source()
        if self._wav is not None:
            try:
                self._wav.close()
            except OSError as exc:
                self._fail(translate_os_error(exc, self._wav.path.parent))
                return
            self._wav = None
        wall = self.clock.wall(time.monotonic())
        self.fell_short = self.fell_short or self.clock.short(time.monotonic(), self.frames)
        self.result = MicResult(self.wav_path, self.device_name, self.sample_rate,
                                self.channels, self.bits, self.frames, truncated,
                                self._stopped_early and not truncated, reason, self.peak_dbfs,
                                wall, self.fell_short)
        self._set_state("stopped")
        self.finished.emit(self.result)

    def _fail(self, error: StoreError) -> None:
        self._stop_source()
        self._discard_wav()
        self.error = error
        self._set_state("stopped")
        self.failed.emit(error)


    def _discard_wav(self) -> None:
        if self._wav is not None:
            self._wav.abort()
            self._wav = None


def run_until_done(recorder: MicrophoneRecorder,
                   should_stop: Callable[[], bool] | None = None,
                   started: Callable[[], None] | None = None) -> MicResult:
    """Start ``recorder`` and run a Qt event loop until it finishes (for the command line).

    ``should_stop()`` is polled; when it turns true the take is stopped and kept.
    ``started()`` runs once the microphone is open (e.g. to start a camera thread).
    Raises the recorder's error if it failed.
    """
    ensure_core_application()
    loop = QEventLoop()
    recorder.finished.connect(loop.quit)
    recorder.failed.connect(loop.quit)
    poll = QTimer()
    poll.setInterval(100)

    def check() -> None:
        if should_stop is not None and should_stop() and recorder.state != "stopped":
            recorder.stop()

    poll.timeout.connect(check)
    recorder.start()
    if started is not None:
        started()
    poll.start()
    if recorder.state != "stopped":
        loop.exec()
    poll.stop()
    if recorder.error is not None:
        raise recorder.error
    assert recorder.result is not None
    return recorder.result
