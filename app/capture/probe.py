"""What a file is and what it says about itself: format by content, EXIF, streams.

``probe_file`` is the one entry point: it identifies the format from the bytes, then reads
a photo's EXIF (through Pillow, without decoding the picture) or an audio/video file's
streams (through PyAV). It never changes the file. Known problems raise
``app.capture.errors`` exceptions with one sentence each; soft problems (broken EXIF) are
returned as warnings and the file is still usable.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.capture import sniff
from app.capture.avprobe import AVInfo, probe_av
from app.capture.damage import damage
from app.capture.errors import (
    DamagedFile,
    EmptyFile,
    ImageTooLarge,
    UnreadableFile,
    UnsupportedFormat,
)
from app.capture.exif import ExifInfo, read_exif
from app.capture.images import check_pixel_count, open_image
from app.capture.sniff import FileFormat
from app.domain.messages import QT_TRANSLATE_NOOP, Message

# Names a format usually goes by; any other extension is recorded as a mismatch.
USUAL_SUFFIXES: dict[str, set[str]] = {
    ".jpg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    ".tif": {".tif", ".tiff"},
    ".heic": {".heic", ".heif", ".hif"},
    ".heif": {".heic", ".heif", ".hif"},
    ".mp4": {".mp4", ".m4v", ".m4a", ".mp4v"},
    ".m4a": {".m4a", ".m4b", ".mp4", ".aac"},
    ".mov": {".mov", ".qt"},
    ".mpg": {".mpg", ".mpeg", ".vob", ".mod", ".mpe"},
    ".m2v": {".m2v", ".mpg", ".mpeg", ".mpv"},
    ".ts": {".ts", ".mts", ".m2ts", ".tod"},
    ".m2ts": {".ts", ".mts", ".m2ts"},
    ".mkv": {".mkv", ".mka", ".mk3d"},
    ".ogv": {".ogv", ".ogg", ".oga", ".ogx"},
    ".ogg": {".ogg", ".oga"},
    ".opus": {".opus", ".ogg", ".oga"},
    ".oga": {".oga", ".ogg"},
    ".aif": {".aif", ".aiff", ".aifc"},
    ".wav": {".wav", ".bwf", ".wave"},
    ".asf": {".asf", ".wmv", ".wma"},
    ".3gp": {".3gp", ".3g2", ".3gpp"},
    ".awb": {".awb", ".amr"},
    ".txt": {".txt", ".text", ".log", ".csv", ".md"},
    ".cr2": {".cr2"},
    ".dng": {".dng"},
}

# Audio-only files in containers that also hold video get audio MIME types.
AUDIO_MIME_OF = {
    "video/mp4": ("audio/mp4", ".m4a"),
    "video/quicktime": ("audio/mp4", ".m4a"),
    "video/3gpp": ("audio/3gpp", ".3gp"),
    "video/x-matroska": ("audio/x-matroska", ".mka"),
    "video/webm": ("audio/webm", ".weba"),
    "video/ogg": ("audio/ogg", ".oga"),
    "video/x-ms-asf": ("audio/x-ms-wma", ".wma"),
    "video/mpeg": ("audio/mpeg", ".mpg"),
    "video/mp2t": ("audio/mp2t", ".ts"),
    "video/x-flv": ("audio/x-flv", ".flv"),
}
VIDEO_MIME_OF = {"audio/mp4": ("video/mp4", ".mp4"), "audio/ogg": ("video/ogg", ".ogv")}


@dataclass(frozen=True)
class ProbeResult:
    format: FileFormat  # kind resolved: photo | audio | video | document
    size: int
    technical: dict[str, Any]
    date: datetime | None = None  # aware if the file says its offset, else naive local
    date_source: str = ""  # the tag it came from (exif:DateTimeOriginal, ...) | container
    artist: str = ""
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    format_version: str = ""
    warnings: tuple[str | Message, ...] = field(default_factory=tuple)
    damaged: bool = False  # its structure says it is cut short or mis-sized (see damage)

    @property
    def kind(self) -> str:
        return self.format.kind


def probe_file(path: Path) -> ProbeResult:
    """Identify and describe the file at ``path``. Raises a BadFile subclass if unusable."""
    size = regular_file_size(path)
    try:
        fmt = sniff.identify(path)
    except OSError as err:
        raise UnreadableFile(QT_TRANSLATE_NOOP("Errors", "{name} cannot be read ({reason})."),
                             name=path.name, reason=err.strerror or err) from None
    if fmt is None:
        raise UnsupportedFormat(QT_TRANSLATE_NOOP(
            "Errors", "{name} is not a photo, audio, video or document format FieldArchive "
            "takes (its content is not JPEG, TIFF, HEIC, RAW, WAV, MP3, M4A, FLAC, Ogg, AMR, "
            "MP4, MOV, AVI, MPG, MKV, PDF, OFD or an office file)."), name=path.name)
    base: dict[str, Any] = {"format": fmt.name, "mime": fmt.mime}
    suffix = path.suffix.lower()
    if suffix not in USUAL_SUFFIXES.get(fmt.ext, {fmt.ext}):
        base["extension_mismatch"] = {"extension": path.suffix, "content": fmt.name}
    if fmt.kind == "photo":
        return _probe_photo(path, fmt, size, base)
    if fmt.kind in ("audio", "video", "media"):
        return _probe_media(path, fmt, size, base)
    return ProbeResult(fmt, size, base, format_version=_document_version(path, fmt))


def regular_file_size(path: Path) -> int:
    """Size of a regular file; FIFOs, devices, folders and broken links are refused.

    Opening a FIFO would block for ever, so the type is checked before anything opens it.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnreadableFile(QT_TRANSLATE_NOOP(
                "Errors", "{name} is a link whose target is missing."), name=path.name) from None
        raise UnreadableFile(QT_TRANSLATE_NOOP("Errors", "{name} no longer exists."),
                             name=path.name) from None
    except OSError as err:
        raise UnreadableFile(QT_TRANSLATE_NOOP("Errors", "{name} cannot be read ({reason})."),
                             name=path.name, reason=err.strerror or err) from None
    if not stat.S_ISREG(st.st_mode):
        what = Message(
            QT_TRANSLATE_NOOP("Errors", "a named pipe (FIFO)") if stat.S_ISFIFO(st.st_mode) else
            QT_TRANSLATE_NOOP("Errors", "a socket") if stat.S_ISSOCK(st.st_mode) else
            QT_TRANSLATE_NOOP("Errors", "a device")
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
            QT_TRANSLATE_NOOP("Errors", "a folder") if stat.S_ISDIR(st.st_mode) else
            QT_TRANSLATE_NOOP("Errors", "not a regular file"))
        raise UnreadableFile(QT_TRANSLATE_NOOP(
            "Errors", "{name} is {what}, not a file that can be imported."),
            name=path.name, what=what)
    if st.st_size == 0:
        raise EmptyFile(QT_TRANSLATE_NOOP(
            "Errors", "{name} is empty (0 bytes); there is nothing to keep."), name=path.name)
    return st.st_size


def _probe_photo(path: Path, fmt: FileFormat, size: int, base: dict[str, Any]) -> ProbeResult:
    warnings: list[str | Message] = []
    try:
        with open_image(path) as im:
            check_pixel_count(im, path.name)
            width, height = im.size
            exif = read_exif(im)
    except ImageTooLarge:
        raise
    except DamagedFile:
        if fmt.decodable:
            raise
        # RAW and AVIF are kept as received even when this machine cannot read them.
        warnings.append(Message(QT_TRANSLATE_NOOP(
            "Errors", "{format} is kept as received; its picture is not read here"),
            {"format": fmt.name}))

        return ProbeResult(fmt, size, base, warnings=tuple(warnings))
    warnings.extend(exif.problems)
    damaged = damage(path, fmt.mime)
    warnings.extend(damaged)
    technical = {**base, "width": width, "height": height, **_exif_fields(exif)}
    return ProbeResult(
        fmt, size, technical, date=exif.date, date_source=exif.date_source,
        artist=exif.artist, latitude=exif.latitude, longitude=exif.longitude,
        altitude=exif.altitude, warnings=tuple(warnings), damaged=bool(damaged),
    )


def _exif_fields(exif: ExifInfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "orientation": exif.orientation, "make": exif.make, "model": exif.model,
        "lens": exif.lens, "software": exif.software, "exif": exif.raw,
    }
    if exif.problems:
        data["exif_problems"] = [str(p) for p in exif.problems]  # English in the record
    return {k: v for k, v in data.items() if v not in ("", None)}


def _probe_media(path: Path, fmt: FileFormat, size: int, base: dict[str, Any]) -> ProbeResult:
    damaged = damage(path, fmt.mime)
    try:
        info: AVInfo = probe_av(path)
    except DamagedFile as err:
        if not damaged:
            raise
        # Cut short past what FFmpeg can read: kept as received, for repair tools.
        kind = fmt.kind if fmt.kind != "media" else fmt.mime.split("/")[0]
        final = _resolve_kind(fmt, kind if kind in ("audio", "video") else "video")
        note = QT_TRANSLATE_NOOP("Errors", "it cannot be played here ({reason}); the "
                                 "original is kept as received").format(reason=str(err))
        return ProbeResult(final, size, {**base, "format": final.name, "mime": final.mime},
                           warnings=(*damaged, note), damaged=True)
    final = _resolve_kind(fmt, info.kind)
    technical = {**base, "format": final.name, "mime": final.mime, **info.technical()}
    date = info.creation_time
    return ProbeResult(final, size, technical, date=date,
                       date_source="container" if date else "", warnings=tuple(damaged),
                       damaged=bool(damaged))


def _resolve_kind(fmt: FileFormat, kind: str) -> FileFormat:
    mime, ext = fmt.mime, fmt.ext
    if kind == "audio" and mime in AUDIO_MIME_OF:
        mime, ext = AUDIO_MIME_OF[mime]
    elif kind == "video" and mime in VIDEO_MIME_OF:
        mime, ext = VIDEO_MIME_OF[mime]
    return replace(fmt, kind=kind, mime=mime, ext=ext)


def _document_version(path: Path, fmt: FileFormat) -> str:
    if fmt.mime != "application/pdf":
        return ""
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return ""
    at = head.find(b"%PDF-")
    version = head[at + 5:at + 8].decode("ascii", "replace") if at >= 0 else ""
    return version if len(version) == 3 and version[1] == "." else ""
