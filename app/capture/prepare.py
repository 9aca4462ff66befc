"""Turn one file into what ``ItemRepository.ingest`` stores: kind, fields, derivatives.

Used by file import and by capture (camera, microphone): probe the file, make its
thumbnail / poster / archival JPEG, and fill the description fields the file can tell us
(date, creator, position, title). Nothing is written anywhere here.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from app.capture.errors import DamagedFile
from app.capture.heic import heic_to_jpeg
from app.capture.jpeg_check import jpeg_problem
from app.capture.probe import ProbeResult, probe_file
from app.capture.thumbnails import embedded_thumbnail, photo_thumbnail, video_poster
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.store.repositories.items import NewFile

JPEG_MIME = "image/jpeg"


@dataclass(frozen=True)
class Derivative:
    role: str  # archival | thumbnail | poster
    data: bytes
    made_from: str = "original"  # the role of the file it was made from
    mime: str = JPEG_MIME
    suffix: str = ".jpg"


@dataclass(frozen=True)
class PreparedFile:
    path: Path
    original_name: str  # the name as given (NFD stays NFD)
    probe: ProbeResult
    date: datetime
    fields: dict[str, Any]
    technical: dict[str, Any]
    derivatives: tuple[Derivative, ...] = ()
    warnings: tuple[str | Message, ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        return self.probe.kind

    def new_files(self, original: Path | BinaryIO | bytes | None = None) -> list[NewFile]:
        """The original first (from ``original``, default the path), then derivatives."""
        fmt = self.probe.format
        files = [NewFile(self.path if original is None else original, role="original",
                         original_name=self.original_name, format=fmt.mime,
                         format_version=self.probe.format_version, suffix=fmt.ext)]
        index = {"original": 0}
        for d in self.derivatives:
            index[d.role] = len(files)
            files.append(NewFile(d.data, role=d.role, format=d.mime, suffix=d.suffix,
                                 original_name=f"{Path(self.technical['nfc_name']).stem}"
                                               f"-{d.role}{d.suffix}",
                                 derived_from=index[d.made_from]))
        return files


def prepare_file(path: Path, *, default_creator: str = "",
                 original_name: str | None = None) -> PreparedFile:
    """Probe ``path`` and make its derivatives. Raises a BadFile subclass if unusable."""
    result = probe_file(path)
    name, name_info = display_name(original_name if original_name is not None else path.name)
    warnings = list(result.warnings)
    technical = {**result.technical, **name_info}
    derivatives = _derivatives(path, result, warnings, technical)
    if result.format.mime == JPEG_MIME:
        # The preview spares decoding the picture: look at its structure instead.
        damage = jpeg_problem(path)
        if damage is not None:
            warnings.append(damage)
    date, date_source = _date(path, result)
    technical["date_source"] = date_source
    if warnings:
        technical["warnings"] = [str(w) for w in warnings]  # the record keeps English words
    fields: dict[str, Any] = {
        "title": Path(name_info["nfc_name"]).stem or name_info["nfc_name"],
        "creator": result.artist or default_creator,
    }
    if result.latitude is not None and result.longitude is not None:
        fields.update(latitude=result.latitude, longitude=result.longitude)
        if result.altitude is not None:
            fields["altitude"] = result.altitude
    return PreparedFile(path, name, result, date, fields, technical, tuple(derivatives),
                        tuple(warnings))


def display_name(name: str) -> tuple[str, dict[str, Any]]:
    """The name to store as given, and its NFC form (plus raw bytes if not valid UTF-8)."""
    info: dict[str, Any] = {}
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in a POSIX file name (surrogateescape)
        raw = os.fsencode(name)
        info["original_name_bytes"] = raw.hex()
        name = raw.decode("utf-8", "replace")
    info["nfc_name"] = unicodedata.normalize("NFC", name)
    return name, info


def _derivatives(path: Path, result: ProbeResult, warnings: list[str | Message],
                 technical: dict[str, Any]) -> list[Derivative]:
    """The derivatives of the file; ``technical`` notes where a photo's thumbnail came from."""
    fmt = result.format
    if fmt.kind == "photo":
        if fmt.mime in ("image/heic", "image/heif"):
            archival = heic_to_jpeg(path)
            technical["thumbnail_source"] = "decoded"
            return [Derivative("archival", archival),
                    Derivative("thumbnail", photo_thumbnail(archival), made_from="archival")]
        # A camera JPEG's own preview spares decoding 12 megapixels; else decode as ever.
        embedded = embedded_thumbnail(path) if fmt.mime == JPEG_MIME else None
        if embedded is not None:
            technical["thumbnail_source"] = "embedded"
            return [Derivative("thumbnail", embedded)]
        try:
            thumbnail = photo_thumbnail(path)
        except DamagedFile:
            if fmt.decodable:
                raise
            warnings.append(Message(QT_TRANSLATE_NOOP(
                "Errors", "no thumbnail: this RAW picture is not decoded here")))
            return []
        technical["thumbnail_source"] = "decoded"
        return [Derivative("thumbnail", thumbnail)]
    if fmt.kind == "video":
        poster, thumbnail = video_poster(path)
        return [Derivative("poster", poster),
                Derivative("thumbnail", thumbnail, made_from="poster")]
    return []


def _date(path: Path, result: ProbeResult) -> tuple[datetime, str]:
    """The file's own date (offset from the file, else this machine's), else its mtime."""
    if result.date is not None:
        source = result.date_source
        if result.date.tzinfo is None:
            return result.date.astimezone(), f"{source}-local-offset"
        if source == "container":  # MP4 keeps UTC; show it in this machine's offset
            return result.date.astimezone(), source
        return result.date, source
    return datetime.fromtimestamp(os.stat(path).st_mtime).astimezone(), "file-modified"
