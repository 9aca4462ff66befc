"""Camera capture through OpenCV: one path for a USB camera, an IP/drone stream or a file.

``CameraSession`` opens a source and hands out frames (BGR ``numpy`` arrays stamped with the
time they were read); the desktop preview and the command line both read from it. A video
file is paced to its own frame rate so that it behaves like a live camera (tests and
rehearsals use files). ``shutter`` turns one frame into a full-resolution JPEG carrying EXIF
date/time with offset, the operator as artist, and the program and source as make/model.
``interval_stills`` picks one frame every N seconds for documenting a site over time.
No Qt here: the UI converts frames to images on its own worker thread.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

import cv2
import numpy as np
from PIL import Image

from app import __version__
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.timeutil import now_local
from app.store.errors import StoreError

cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

MAKE = "FieldArchive"
JPEG_QUALITY = 95
STREAM_TIMEOUT_MS = 8000  # give up on a silent IP camera or drone link after this long

# EXIF tags (TIFF/EXIF 2.32 numbers).
TAG_MAKE, TAG_MODEL, TAG_SOFTWARE, TAG_DATETIME, TAG_ARTIST = 0x010F, 0x0110, 0x0131, 0x0132, 0x013B
TAG_XP_AUTHOR = 0x9C9D  # Windows shows this one; it holds any script as UTF-16
IFD_EXIF = 0x8769
TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED = 0x9003, 0x9004
TAG_OFFSET_TIME, TAG_OFFSET_ORIGINAL, TAG_OFFSET_DIGITIZED = 0x9010, 0x9011, 0x9012
TAG_SUBSEC_ORIGINAL = 0x9291
TAG_PIXEL_X, TAG_PIXEL_Y = 0xA002, 0xA003


class CameraError(StoreError):
    """The camera cannot be opened or gives no pictures."""

    code = "camera"


@dataclass(frozen=True)
class CameraSource:
    """What to open: a device index, a video file or a stream URL."""

    kind: str  # "device" | "file" | "stream"
    target: int | str

    @classmethod
    def parse(cls, text: str | int | Path) -> CameraSource:
        if isinstance(text, int):
            return cls("device", text)
        if isinstance(text, Path):
            return cls("file", str(text.expanduser()))
        value = text.strip()
        if value.isdigit():
            return cls("device", int(value))
        if "://" in value:
            return cls("stream", value)
        return cls("file", str(Path(value).expanduser()))

    def describe(self) -> str:
        """A short name for messages and the EXIF model; never shows a password."""
        if self.kind == "device":
            return f"camera {self.target}"
        if self.kind == "file":
            return f"video file {Path(str(self.target)).name}"
        return f"stream {_without_credentials(str(self.target))}"

    def name(self) -> Message:
        """``describe()`` as a message, put into the interface language where it is shown."""
        if self.kind == "device":
            return Message(QT_TRANSLATE_NOOP("Errors", "camera {index}"), {"index": self.target})
        if self.kind == "file":
            return Message(QT_TRANSLATE_NOOP("Errors", "video file {name}"),
                           {"name": Path(str(self.target)).name})
        return Message(QT_TRANSLATE_NOOP("Errors", "stream {address}"),
                       {"address": _without_credentials(str(self.target))})


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # height x width x 3, BGR, uint8
    index: int  # 0-based number of the frame within this session
    t: float  # time.monotonic() when it was read
    taken_at: datetime  # wall clock with this machine's offset, for EXIF and the item date

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


class CameraSession:
    """An open camera. ``read()`` returns the next frame, or None once the source has ended.

    After the end ``ended_reason`` says why in one sentence (file finished, camera unplugged,
    stream dropped). Use as a context manager, or call ``open()`` and ``close()``.
    """

    def __init__(self, source: CameraSource | str | int | Path,
                 pace: bool | None = None) -> None:
        self.source = source if isinstance(source, CameraSource) else CameraSource.parse(source)
        self.pace = self.source.kind == "file" if pace is None else pace
        self._cap: cv2.VideoCapture | None = None
        self._first: np.ndarray | None = None
        self._index = 0
        self._start = 0.0
        self.width = 0
        self.height = 0
        self.fps = 0.0  # as the source reports it; 0 when unknown
        self.ended_reason: Message | None = None

    def describe(self) -> str:
        return self.source.describe()

    def open(self) -> CameraSession:
        src = self.source
        if src.kind == "file":
            path = Path(str(src.target))
            if not path.is_file():
                raise CameraError(QT_TRANSLATE_NOOP(
                    "Errors", "The video file {path} does not exist."), path=path)
            if not os.access(path, os.R_OK):
                raise CameraError(QT_TRANSLATE_NOOP(
                    "Errors", "The video file {path} cannot be read (permission denied)."),
                    path=path)
            cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
        elif src.kind == "stream":
            cap = cv2.VideoCapture(str(src.target), cv2.CAP_FFMPEG, [
                cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, STREAM_TIMEOUT_MS,
                cv2.CAP_PROP_READ_TIMEOUT_MSEC, STREAM_TIMEOUT_MS,
            ])
        else:
            cap = cv2.VideoCapture(int(src.target))
        if not cap.isOpened():
            cap.release()
            raise _cannot_open(src)
        ok, image = cap.read()
        if not ok or image is None:
            cap.release()
            raise CameraError(QT_TRANSLATE_NOOP(
                "Errors", "The {source} opened but gives no pictures; check that it is a video "
                "and not in use by another program."), source=src.name())
        self._cap = cap
        self._first = _as_bgr(image)
        self.height, self.width = self._first.shape[:2]
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 0.5 < fps < 1000 else 0.0
        self._index = 0
        self._start = time.monotonic()
        self.ended_reason = None
        return self

    def read(self) -> Frame | None:
        """The next frame; None when the source has ended (see ``ended_reason``)."""
        if self._cap is None:
            if self.ended_reason is not None:
                return None
            raise CameraError(QT_TRANSLATE_NOOP("Errors", "The camera is not open."))
        if self._first is not None:
            image, self._first = self._first, None
        else:
            ok, raw = self._cap.read()
            if not ok or raw is None:
                self.ended_reason = _ended(self.source)
                self._release()
                return None
            image = _as_bgr(raw)
        if self.pace and self.fps:
            due = self._start + self._index / self.fps
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        frame = Frame(image, self._index, time.monotonic(), now_local())
        self._index += 1
        return frame

    def frames(self, should_stop: Callable[[], bool] | None = None) -> Iterator[Frame]:
        while should_stop is None or not should_stop():
            frame = self.read()
            if frame is None:
                return
            yield frame

    def close(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None
        self._first = None

    def __enter__(self) -> CameraSession:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def _cannot_open(src: CameraSource) -> CameraError:
    if src.kind == "device":
        return CameraError(QT_TRANSLATE_NOOP(
            "Errors", "Camera {index} cannot be opened: it is not connected, or another "
            "program is using it."), index=src.target)
    if src.kind == "stream":
        return CameraError(QT_TRANSLATE_NOOP(
            "Errors", "Cannot connect to the {source}; check the address, the network and "
            "that the camera or drone is streaming."), source=src.name())
    return CameraError(QT_TRANSLATE_NOOP(
        "Errors", "The {source} is not a video OpenCV can read."), source=src.name())


def _ended(src: CameraSource) -> Message:
    if src.kind == "file":
        return Message(QT_TRANSLATE_NOOP("Errors", "the {source} ended"), {"source": src.name()})
    if src.kind == "stream":
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "the {source} stopped sending pictures (connection lost)"),
            {"source": src.name()})
    return Message(QT_TRANSLATE_NOOP("Errors", "{source} stopped sending pictures (unplugged?)"),
                   {"source": src.name()})



def to_rgb(image: np.ndarray) -> np.ndarray:
    """A contiguous RGB copy of a frame, ready to wrap in a QImage (Format_RGB888)."""
    return np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))


# -- the shutter ------------------------------------------------------------------------------

def exif_for(taken_at: datetime, artist: str, model: str, width: int, height: int) -> Image.Exif:
    """EXIF naming when, by whom and with what a picture was taken."""
    exif = Image.Exif()
    stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    offset = taken_at.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    exif[TAG_MAKE] = MAKE
    exif[TAG_MODEL] = model
    exif[TAG_SOFTWARE] = f"FieldArchive {__version__}"
    exif[TAG_DATETIME] = stamp
    if artist:
        # EXIF "ASCII" fields carry UTF-8 in practice (exiftool and most viewers read it so);
        # XPAuthor repeats the name as UTF-16 for Windows Explorer.
        exif[TAG_ARTIST] = artist.encode("utf-8")
        exif[TAG_XP_AUTHOR] = (artist + "\0").encode("utf-16-le")
    sub = exif.get_ifd(IFD_EXIF)
    sub[TAG_DATETIME_ORIGINAL] = stamp
    sub[TAG_DATETIME_DIGITIZED] = stamp
    sub[TAG_SUBSEC_ORIGINAL] = f"{taken_at.microsecond // 1000:03d}"
    if offset:
        sub[TAG_OFFSET_TIME] = offset
        sub[TAG_OFFSET_ORIGINAL] = offset
        sub[TAG_OFFSET_DIGITIZED] = offset
    sub[TAG_PIXEL_X] = width
    sub[TAG_PIXEL_Y] = height
    return exif


def save_jpeg(image: np.ndarray, fp: BinaryIO, taken_at: datetime, artist: str, model: str,
              quality: int = JPEG_QUALITY) -> None:
    """Write a BGR frame to ``fp`` as a full-resolution JPEG with its EXIF.

    Given a real file (or pipe), Pillow encodes with the GIL released, so other threads
    (hashing, writing) run alongside.
    """
    height, width = image.shape[:2]
    rgb = Image.frombuffer("RGB", (width, height), np.ascontiguousarray(image), "raw", "BGR", 0, 1)
    # 4:4:4 at archival quality: fine colour detail (signs, markings) survives.
    rgb.save(fp, "JPEG", quality=quality, subsampling=0 if quality >= 90 else 2,
             exif=exif_for(taken_at, artist, model, width, height))


def shutter(image: np.ndarray, taken_at: datetime, artist: str, model: str,
            quality: int = JPEG_QUALITY) -> bytes:
    """Full-resolution JPEG of a BGR frame with EXIF date/time, offset, artist, make/model."""
    out = io.BytesIO()
    save_jpeg(image, out, taken_at, artist, model, quality)
    return out.getvalue()


def interval_stills(session: CameraSession, count: int, interval: float,
                    should_stop: Callable[[], bool] | None = None,
                    on_frame: Callable[[Frame], None] | None = None) -> Iterator[Frame]:
    """One frame now and then one every ``interval`` seconds, ``count`` in all.

    Frames in between are still read (and passed to ``on_frame`` for a preview) so that a
    live camera's buffer never hands out a stale picture. Ends early, without error, when the
    source ends or ``should_stop()`` says so; compare the number yielded with ``count``.
    """
    if count < 1:
        return
    taken = 0
    next_due = 0.0
    for frame in session.frames(should_stop):
        if on_frame is not None:
            on_frame(frame)
        if taken == 0 or frame.t >= next_due:
            # Keep the cadence; after falling far behind, restart it rather than burst.
            on_time = taken > 0 and frame.t - next_due < interval
            next_due = (next_due if on_time else frame.t) + interval
            taken += 1
            yield frame
            if taken >= count:
                return
