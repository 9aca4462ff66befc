"""Storing what the camera and the microphone took, as jobs for the worker primitive.

Each function stores one item through the capture core and returns it with its thumbnail
already decoded (a QImage, made on the worker thread), so the screen only has to show it.
A recording is deleted from the vault's pending area only once it is stored; when storing
fails (a full disk) it stays there, so the screen can offer to try again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from app.capture.camera import Frame
from app.capture.capture_store import VideoTake, actor_name, store_sound, store_still, store_video
from app.capture.microphone import MicResult
from app.capture.provenance import creator_from_provenance
from app.capture.recording_files import remove_quietly
from app.domain.messages import Words
from app.store.repositories import Repositories
from app.store.repositories.items import ItemRecord
from app.ui.capture.camera_loop import Recording
from app.ui.capture.thumbnail_model import item_thumbnail

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Stored:
    item: ItemRecord
    thumbnail: QImage | None
    note: Words = ""  # what the screen should say beside "stored" (a cut-short take)



class SeriesBatch:
    """The batch of an interval series, made by whichever still is stored first."""

    def __init__(self, repos: Repositories, incident: str, note: str) -> None:
        self.repos = repos
        self.incident = incident
        self.note = note
        self._lock = threading.Lock()
        self._id: str | None = None

    def id(self) -> str:
        with self._lock:
            if self._id is None:
                self._id = self.repos.items.create_batch(self.incident, "self",
                                                         note=self.note).id
            return self._id


def store_photo(repos: Repositories, incident: str, frame: Frame, model: str, mode: str,
                series: SeriesBatch | None = None, *, cancel: threading.Event,
                progress: Progress) -> Stored:
    """The shutter: a full-resolution JPEG with EXIF (date, offset, artist), and its
    thumbnail, stored as one photo item."""
    record = store_still(repos, incident, frame, artist=actor_name(repos, None), model=model,
                         batch_id=series.id() if series is not None else None, mode=mode)
    return Stored(record, item_thumbnail(repos, record))


def store_recording(repos: Repositories, incident: str, recording: Recording,
                    audio: MicResult | None, *, cancel: threading.Event,
                    progress: Progress) -> Stored:
    take = VideoTake(recording.started_at, recording.device, None, recording.outcome, audio)
    record = store_video(repos, incident, recording.path, take, artist=actor_name(repos, None))
    remove_quietly(recording.path)
    return Stored(record, item_thumbnail(repos, record),
                  recording.outcome.reason or "" if recording.outcome.truncated else "")


def store_interview(repos: Repositories, incident: str, wav: Path, result: MicResult,
                    started_at: datetime, channel: str, provenance: Mapping[str, Any],
                    make_mp3: bool, *, cancel: threading.Event, progress: Progress) -> Stored:
    """A finished WAV master (and an MP3 access copy if asked); an oral-history recording
    goes into its own batch carrying the narrator, interviewer, unit and consent."""
    from app.capture.audio_edit import mp3_access_copy
    from app.capture.recording_files import temp_recording

    mp3 = temp_recording(repos.store, ".mp3") if make_mp3 else None
    try:
        if mp3 is not None:
            progress(0, 0, "mp3")
            mp3_access_copy(wav, mp3)
        fields: dict[str, Any] = {}
        batch_id = None
        if channel != "self":
            batch_id = repos.items.create_batch(incident, channel, dict(provenance)).id
            creator = creator_from_provenance(channel, provenance)
            if creator:
                fields["creator"] = creator
        record = store_sound(repos, incident, wav, result, started_at,
                             artist=actor_name(repos, None), mp3=mp3, batch_id=batch_id,
                             fields=fields)
    finally:
        remove_quietly(mp3)  # made again from the WAV on a second try
    remove_quietly(wav)
    return Stored(record, None, result.reason or "" if result.truncated else "")
