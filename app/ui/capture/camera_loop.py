"""The camera loop: one thread reads frames and serves the preview, the shutter, interval
stills and video recording, so a source is read by one reader only.

The GUI asks through ``CameraControl`` (thread-safe flags) and hears back through
``CameraEvents`` callbacks (the panel turns them into queued Qt signals). Each preview frame
is scaled and converted to a QImage here, never on the GUI thread, and only when the GUI
has taken the previous one, so a slow screen never builds a queue. Stills leave the loop as
frames (the panel stores them in a store job); a recording is written here, one frame at a
time, and finished here, also when the source ends or the camera is closed mid-take.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.capture.camera import CameraSession, CameraSource, Frame
from app.capture.video import AudioSpec, RecordOutcome, VideoRecorder
from app.domain.messages import Message
from app.domain.timeutil import now_local
from app.store.errors import StoreError
from app.ui.capture.frame_convert import frame_to_qimage

POSTER_WITHIN = 1.0  # seconds: the poster frame is one from about a second in


@dataclass(frozen=True)
class SourceInfo:
    description: str  # for the EXIF model (English), never with a password
    kind: str  # device | file | stream
    width: int
    height: int
    fps: float
    name: Message | None = None  # for messages, in the interface language


@dataclass
class RecordRequest:
    path: Path  # a new file in the vault's pending area
    audio: AudioSpec | None


@dataclass(frozen=True)
class Recording:
    """A finished take: the MP4 at ``path`` is complete and synced."""

    path: Path
    started_at: Any  # datetime of the first frame
    outcome: RecordOutcome
    device: str


@dataclass
class CameraEvents:
    opened: Callable[[SourceInfo], None]
    frame: Callable[[QImage], None]
    still: Callable[[Frame, str], None]  # the frame, and "shutter" or "interval"
    series_done: Callable[[int, str], None]  # stills taken, why the series stopped
    recording_started: Callable[[VideoRecorder], None]
    recording_finished: Callable[[Recording], None]
    recording_failed: Callable[[StoreError], None]


@dataclass
class CameraControl:
    """What the GUI asks of the running loop. Every field is read by the loop thread."""

    preview_size: QSize = field(default_factory=lambda: QSize(640, 480))
    preview_wanted: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    shutters: int = 0
    record: RecordRequest | None = None
    stop_recording: bool = False
    interval: tuple[float, int] | None = None  # (seconds, count; 0 = until stopped)
    stop_series: bool = False

    def __post_init__(self) -> None:
        self.preview_wanted.set()

    def press_shutter(self) -> None:
        with self.lock:
            self.shutters += 1

    def start_recording(self, request: RecordRequest) -> None:
        with self.lock:
            self.record, self.stop_recording = request, False

    def end_recording(self) -> None:
        with self.lock:
            self.stop_recording = True

    def start_series(self, seconds: float, count: int) -> None:
        with self.lock:
            self.interval, self.stop_series = (seconds, count), False

    def end_series(self) -> None:
        with self.lock:
            self.stop_series = True


class _Take:
    """A recording in progress inside the loop."""

    def __init__(self, recorder: VideoRecorder, device: str) -> None:
        self.recorder = recorder
        self.device = device
        self.started_at: Any = None
        self.origin: float | None = None
        self.poster: np.ndarray | None = None

    def add(self, frame: Frame) -> None:
        if self.origin is None:
            self.origin, self.started_at = frame.t, frame.taken_at
        self.recorder.add_frame(frame.image, frame.t)
        if self.poster is None or frame.t - self.origin <= POSTER_WITHIN:
            self.poster = frame.image

    def finish(self, ended: str | None) -> Recording:
        self.recorder.finish()
        outcome = RecordOutcome(self.recorder.frames, self.recorder.seconds,
                                ended is not None, ended, self.poster)
        return Recording(self.recorder.path, self.started_at or now_local(), outcome,
                         self.device)


class _Series:
    """Interval stills: one now, then one every ``seconds`` (as ``interval_stills`` does)."""

    def __init__(self, seconds: float, count: int) -> None:
        self.seconds = seconds
        self.count = count
        self.taken = 0
        self.next_due = 0.0

    def due(self, t: float) -> bool:
        if self.taken and t < self.next_due:
            return False
        # Keep the cadence; after falling far behind, restart it rather than burst.
        on_time = self.taken > 0 and t - self.next_due < self.seconds
        self.next_due = (self.next_due if on_time else t) + self.seconds
        self.taken += 1
        return True

    @property
    def complete(self) -> bool:
        return self.count > 0 and self.taken >= self.count


def run_camera(source: str, control: CameraControl, events: CameraEvents, *,
               cancel: threading.Event, progress: Callable[[int, int, str], None]) -> Message | str:
    """Read ``source`` until it ends or ``cancel`` is set; returns why it ended ("" when
    closed by the user). Raises CameraError when the source cannot be opened.
    (``progress`` is the worker primitive's; a live source has no progress to report.)"""
    parsed = CameraSource.parse(source)
    take: _Take | None = None
    series: _Series | None = None
    with CameraSession(parsed) as session:
        events.opened(SourceInfo(session.describe(), parsed.kind, session.width,
                                 session.height, session.fps, parsed.name()))
        for frame in session.frames(cancel.is_set):
            with control.lock:
                shutters, control.shutters = control.shutters, 0
                request, control.record = control.record, None
                stop_take, control.stop_recording = control.stop_recording, False
                interval, control.interval = control.interval, None
                stop_series, control.stop_series = control.stop_series, False
            if interval is not None:
                series = _Series(*interval)
            if series is not None and stop_series:
                events.series_done(series.taken, "stopped")
                series = None
            if request is not None and take is None:
                take = _start_take(session, request, events)
            if take is not None:
                try:
                    take.add(frame)
                except StoreError as err:  # the disk filled up: the recorder removed its file
                    events.recording_failed(err)
                    take = None
            if take is not None and stop_take:
                _finish_take(take, None, events)
                take = None
            for _ in range(shutters):
                events.still(frame, "shutter")
            if series is not None and series.due(frame.t):
                events.still(frame, "interval")
                if series.complete:
                    events.series_done(series.taken, "complete")
                    series = None
            if control.preview_wanted.is_set():
                control.preview_wanted.clear()
                events.frame(frame_to_qimage(frame.image, control.preview_size))
        ended = session.ended_reason or ""
    if take is not None:
        _finish_take(take, ended or None, events)
    if series is not None:
        events.series_done(series.taken, "ended" if ended else "stopped")
    return ended


def _start_take(session: CameraSession, request: RecordRequest,
                events: CameraEvents) -> _Take | None:
    try:
        recorder = VideoRecorder(request.path, session.width, session.height, session.fps,
                                 audio=request.audio)
    except StoreError as err:
        events.recording_failed(err)
        return None
    events.recording_started(recorder)
    return _Take(recorder, session.describe())


def _finish_take(take: _Take, ended: str | None, events: CameraEvents) -> None:
    try:
        events.recording_finished(take.finish(ended))
    except StoreError as err:
        take.recorder.abort()
        events.recording_failed(err)
