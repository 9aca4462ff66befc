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
from app.capture.exif import UNRELIABLE_SOURCES
from app.capture.heic import heic_to_jpeg
from app.capture.jpeg_check import jpeg_problem
from app.capture.probe import ProbeResult, probe_file
from app.capture.thumbnails import (
    TooLargeToDecode,
    embedded_thumbnail,
    photo_thumbnail,
    video_poster,
)
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.text import printable, scrubbed
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
    _flag_unreliable_date(date_source, technical, warnings)
    # Decoders' messages name the file; a name that is not UTF-8 must not reach the database.
    warnings = [w if isinstance(w, Message) else printable(w) for w in warnings]
    if warnings:
        technical["warnings"] = [str(w) for w in warnings]  # the record keeps English words
    technical = {printable(k): scrubbed(v) for k, v in technical.items()}
    fields: dict[str, Any] = {
        "title": Path(name_info["nfc_name"]).stem or name_info["nfc_name"],
        "creator": printable(result.artist or default_creator),
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
        except TooLargeToDecode as err:
            warnings.append(Message(err.template, err.params))
            technical["thumbnail_source"] = "none"
            return []
        except DamagedFile as err:
            if not fmt.decodable:
                warnings.append(Message(QT_TRANSLATE_NOOP(
                    "Errors", "no thumbnail: this RAW picture is not decoded here")))
                return []
            partial = _damaged_thumbnail(path, result, err, warnings)
            if partial is None:
                technical["thumbnail_source"] = "none"
                return []
            thumbnail = partial
        technical["thumbnail_source"] = "decoded"
        return [Derivative("thumbnail", thumbnail)]
    if fmt.kind == "video":
        try:
            poster, thumbnail = video_poster(path)
        except DamagedFile as err:
            if not result.damaged:
                raise
            warnings.append(Message(NO_PICTURE, {"reason": err}))
            return []
        return [Derivative("poster", poster),
                Derivative("thumbnail", thumbnail, made_from="poster")]
    return []


DAMAGED_PICTURE = QT_TRANSLATE_NOOP(
    "Errors", "damaged: its picture data is cut short or broken ({reason}); what could be "
    "decoded is shown, the rest is grey")
NO_PICTURE = QT_TRANSLATE_NOOP(
    "Errors", "no thumbnail: no picture could be decoded ({reason}); the original is kept "
    "as received")


def _damaged_thumbnail(path: Path, result: ProbeResult, err: DamagedFile,
                       warnings: list[str | Message]) -> bytes | None:
    """A thumbnail of what can be read of a damaged picture, saying what is damaged.

    None (with a warning) when nothing can be decoded of a file whose structure says it is
    cut short: it is kept as received. Raises ``err`` when the file looks whole yet cannot
    be decoded at all: that is not a picture we can vouch for.
    """
    try:
        thumbnail = photo_thumbnail(path, lenient=True)
    except DamagedFile:
        if not result.damaged:
            raise err from None
        warnings.append(Message(NO_PICTURE, {"reason": err}))
        return None
    if not result.damaged:  # the structure looked whole: say what the decoder found
        warnings.append(Message(DAMAGED_PICTURE, {"reason": err}))
    return thumbnail


FILE_DATE_NOTE = QT_TRANSLATE_NOOP(
    "Errors", "the date is not the capture date: the file does not say when it was taken, so "
    "{what} was used; check the date in the editor")


def _date(path: Path, result: ProbeResult) -> tuple[datetime, str]:
    """The file's own date (offset from the file, else this machine's), else its mtime."""
    if result.date is not None:
        source = result.date_source
        if result.date.tzinfo is None:
            return result.date.astimezone(), f"{source} (local offset)"
        if source == "container":  # MP4 keeps UTC; show it in this machine's offset
            return result.date.astimezone(), source
        return result.date, source
    return datetime.fromtimestamp(os.stat(path).st_mtime).astimezone(), "file-modified"


def _flag_unreliable_date(source: str, technical: dict[str, Any],
                          warnings: list[str | Message]) -> None:
    """A date from the file system (the copy time, often) or from the EXIF date the file
    was last changed is marked, so the archivist checks it in the editor."""
    if source == "file-modified":
        what = QT_TRANSLATE_NOOP("Errors", "the time the file was last modified (often when "
                                 "it was copied)")
    elif source.split(" ")[0] in UNRELIABLE_SOURCES:
        what = QT_TRANSLATE_NOOP("Errors", "the time the file was last changed (EXIF "
                                 "ModifyDate)")
    else:
        return
    technical["date_unreliable"] = True
    warnings.append(Message(FILE_DATE_NOTE, {"what": Message(what)}))
