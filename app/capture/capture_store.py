"""Storing what the camera and the microphone captured, as items, through ``ingest``.

A still is stored from memory (JPEG plus thumbnail); a recording from its finished file in
the vault's pending area, with a poster/thumbnail (video) or an MP3 access copy (sound).
Every function is one item: the files land in the vault first, then one short commit writes
the rows and the audit events; on any failure nothing of the item remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import cv2
import numpy as np
from PIL import Image

from app.capture import sniff
from app.capture.avprobe import probe_av
from app.capture.camera import MAKE, Frame, save_jpeg
from app.capture.encoded_stream import EncodedStream
from app.capture.thumbnails import THUMBNAIL_SIZE, encode_jpeg, video_poster
from app.capture.video import RecordOutcome
from app.store.repositories import Repositories
from app.store.repositories.base import os_user
from app.store.repositories.items import ItemRecord, NewFile

if TYPE_CHECKING:  # importing Qt Multimedia is not needed to store a photo
    from app.capture.microphone import MicResult

CAPTURE_EVENT = "item.capture"


def actor_name(repos: Repositories, operator: str | None) -> str:
    """The name that goes into EXIF Artist and 责任者: the acting operator's."""
    if operator:
        return repos.operators.get(operator).name
    default = repos.operators.default()
    return default.name if default is not None else os_user()


def _stamp(at: datetime) -> str:
    return f"{at:%Y%m%d_%H%M%S}"


def _frame_image(image: np.ndarray) -> Image.Image:
    height, width = image.shape[:2]
    return Image.frombuffer("RGB", (width, height), np.ascontiguousarray(image),
                            "raw", "BGR", 0, 1)


def _thumbnail(image: np.ndarray) -> bytes:
    """Thumbnail of a frame: OpenCV's area averaging straight to size (a camera frame is
    upright and has no EXIF), encoded like every other thumbnail."""
    height, width = image.shape[:2]
    scale = THUMBNAIL_SIZE / max(width, height)
    if scale < 1:
        image = cv2.resize(image, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA)
    return encode_jpeg(_frame_image(image))


def store_still(repos: Repositories, incident: str, frame: Frame, *, artist: str, model: str,
                operator: str | None = None, batch_id: str | None = None,
                fields: dict[str, Any] | None = None, mode: str = "shutter") -> ItemRecord:
    """Shutter ``frame`` and store it: full-resolution JPEG with EXIF, plus a thumbnail.

    The JPEG is encoded on a worker thread and streamed into the vault as it is made, while
    this thread makes the thumbnail; the item commits once both files are safe.
    """
    name = f"IMG_{_stamp(frame.taken_at)}_{frame.taken_at.microsecond // 1000:03d}.jpg"
    jpeg = EncodedStream(
        lambda fp: save_jpeg(frame.image, fp, frame.taken_at, artist, model), name="shutter")
    try:
        thumbnail = _thumbnail(frame.image)
        files = [
            NewFile(cast(BinaryIO, jpeg), role="original", original_name=name,
                    format=sniff.JPEG.mime, suffix=".jpg"),
            NewFile(thumbnail, role="thumbnail", original_name=name[:-4] + "-thumbnail.jpg",
                    format=sniff.JPEG.mime, suffix=".jpg", derived_from=0),
        ]
        technical = {
            "format": sniff.JPEG.name, "mime": sniff.JPEG.mime,
            "width": frame.width, "height": frame.height, "make": MAKE, "model": model,
            "capture": {"mode": mode, "device": model},
        }
        return repos.items.ingest(
            incident, "photo", files, batch_id=batch_id, date=frame.taken_at,
            fields={"title": name[:-4], "creator": artist, **(fields or {})},
            technical=technical, event_type=CAPTURE_EVENT, operator=operator,
        )
    finally:
        jpeg.close()


@dataclass(frozen=True)
class VideoTake:
    """What is known about a finished video recording besides its file."""

    started_at: datetime
    device: str
    requested_seconds: float | None
    outcome: RecordOutcome
    audio: MicResult | None = None


def store_video(repos: Repositories, incident: str, path: Path, take: VideoTake, *,
                artist: str, operator: str | None = None, batch_id: str | None = None,
                fields: dict[str, Any] | None = None) -> ItemRecord:
    """Store a finished MP4 with its poster frame and thumbnail."""
    info = probe_av(path)
    poster, thumbnail = video_poster(path)
    name = f"VID_{_stamp(take.started_at)}.mp4"
    files = [
        NewFile(path, role="original", original_name=name, format=sniff.MP4.mime,
                suffix=".mp4"),
        NewFile(poster, role="poster", original_name=f"{name[:-4]}-poster.jpg",
                format=sniff.JPEG.mime, suffix=".jpg", derived_from=0),
        NewFile(thumbnail, role="thumbnail", original_name=f"{name[:-4]}-thumbnail.jpg",
                format=sniff.JPEG.mime, suffix=".jpg", derived_from=1),
    ]
    capture: dict[str, Any] = {"mode": "record", "device": take.device,
                               "requested_seconds": take.requested_seconds}
    if take.audio is not None:
        capture["audio_device"] = take.audio.device
    _note_truncation(capture, take.outcome.truncated, take.outcome.reason,
                     take.audio.truncated if take.audio else False,
                     take.audio.reason if take.audio else None)
    technical = {"format": sniff.MP4.name, "mime": sniff.MP4.mime, **info.technical(),
                 "capture": capture}
    return repos.items.ingest(
        incident, "video", files, batch_id=batch_id, date=take.started_at,
        fields={"title": name[:-4], "creator": artist, **(fields or {})},
        technical=technical, event_type=CAPTURE_EVENT, operator=operator,
    )


def store_sound(repos: Repositories, incident: str, wav: Path, result: MicResult,
                started_at: datetime, *, artist: str, mp3: Path | None = None,
                requested_seconds: float | None = None, operator: str | None = None,
                batch_id: str | None = None,
                fields: dict[str, Any] | None = None) -> ItemRecord:
    """Store a finished WAV master, and its MP3 access copy when one was made."""
    info = probe_av(wav)
    name = f"REC_{_stamp(started_at)}.wav"
    files = [NewFile(wav, role="original", original_name=name, format=sniff.WAV.mime,
                     suffix=".wav")]
    if mp3 is not None:
        files.append(NewFile(mp3, role="access", original_name=f"{name[:-4]}.mp3",
                             format=sniff.MP3.mime, suffix=".mp3", derived_from=0))
    capture: dict[str, Any] = {"mode": "record", "device": result.device,
                               "requested_seconds": requested_seconds}
    if result.stopped_early:
        capture["stopped_early"] = True
    _note_truncation(capture, False, None, result.truncated, result.reason)
    technical = {"format": sniff.WAV.name, "mime": sniff.WAV.mime, **info.technical(),
                 "bit_depth": result.bits, "peak_dbfs": round(result.peak_dbfs, 1),
                 "capture": capture}
    return repos.items.ingest(
        incident, "audio", files, batch_id=batch_id, date=started_at,
        fields={"title": name[:-4], "creator": artist, **(fields or {})},
        technical=technical, event_type=CAPTURE_EVENT, operator=operator,
    )


def _note_truncation(capture: dict[str, Any], video_cut: bool, video_reason: object,
                     audio_cut: bool, audio_reason: object) -> None:
    # The record keeps the English words; the screen says them in its own language.
    reasons = [str(r) for cut, r in ((video_cut, video_reason), (audio_cut, audio_reason))
               if cut and r]

    if video_cut or audio_cut:
        capture["truncated"] = True
        capture["truncation_reason"] = "; ".join(reasons)
