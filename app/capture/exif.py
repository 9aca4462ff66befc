"""Read EXIF from an opened Pillow image: the description fields and a JSON-safe raw dump.

EXIF is only ever read here, never written back: the original file stays bit-identical.
Broken EXIF is common (odd types, zero-length strings, bad offsets); every part is read on
its own so one bad tag costs that tag, not the photo, and the problem is reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from PIL import ExifTags, Image, TiffImagePlugin

from app.capture.images import OPEN_WARNINGS
from app.capture.warning_capture import caught_warnings
from app.capture.xmp import parse_xmp_date, xmp_dates
from app.domain.messages import QT_TRANSLATE_NOOP, Message

IFD_EXIF = 0x8769
IFD_GPS = 0x8825
IFD_INTEROP = 0xA005
TAG_MAKER_NOTE = 0x927C
TAG_XMP_PACKET = 0x02BC  # TIFF's XMLPacket
MAX_BYTES_IN_DUMP = 64  # longer binary values (maker notes, previews) are left out

_DATE_RE = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


@dataclass
class ExifInfo:
    date: datetime | None = None  # aware when the file says its offset, else naive
    date_source: str = ""  # the tag it came from, e.g. exif:DateTimeOriginal (see _date)
    make: str = ""
    model: str = ""
    lens: str = ""
    artist: str = ""
    software: str = ""
    orientation: int = 1
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str | Message] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return any(self.raw.values())


def read_exif(image: Image.Image) -> ExifInfo:
    """Everything we use from the image's EXIF; problems are collected, never raised."""
    info = ExifInfo()
    with caught_warnings() as caught:
        # Pillow reports damaged EXIF as a UserWarning and carries on with what it got.
        _read(image, info)
    notes = [str(w.message).strip() for w in caught if issubclass(w.category, UserWarning)]
    notes += image.info.get(OPEN_WARNINGS, [])
    for note in notes:
        if "exif" in note.lower():
            _problem(info, Message(QT_TRANSLATE_NOOP(
                "Errors", "EXIF could not be read in full ({reason})"), {"reason": note}))
    block = image.info.get("exif")
    if isinstance(block, bytes) and len(block) > 14 and not info.present:
        _problem(info, Message(QT_TRANSLATE_NOOP(
            "Errors", "EXIF could not be read (its block is damaged)")))
    return info


def _problem(info: ExifInfo, text: str | Message) -> None:
    if text not in info.problems:
        info.problems.append(text)


def _read(image: Image.Image, info: ExifInfo) -> None:
    try:
        # Pillow's PNG reader decodes the whole picture looking for an eXIf chunk after
        # the pixels (a gigabyte for a 15000 x 16000 scan): read only what the headers hold.
        exif = Image.Image.getexif(image) if image.format == "PNG" else image.getexif()
    except Exception as err:  # Pillow raises many types on malformed EXIF
        _problem(info, Message(QT_TRANSLATE_NOOP("Errors", "EXIF could not be read ({reason})"),
                               {"reason": _reason(err)}))
        return
    info.raw["IFD0"] = _dump(exif, ExifTags.TAGS, skip={IFD_EXIF, IFD_GPS, IFD_INTEROP})
    sub: dict[str, dict[int, Any]] = {}
    for name, tag, names in (("Exif", IFD_EXIF, ExifTags.TAGS), ("GPS", IFD_GPS, ExifTags.GPSTAGS),
                             ("Interop", IFD_INTEROP, ExifTags.TAGS)):
        try:
            ifd = dict(exif.get_ifd(tag)) if tag in exif else {}
        except Exception as err:
            _problem(info, Message(QT_TRANSLATE_NOOP(
                "Errors", "the EXIF {block} block could not be read ({reason})"),
                {"block": name, "reason": _reason(err)}))
            ifd = {}
        sub[name] = ifd
        if ifd:
            info.raw[name] = _dump(ifd, names, skip=set())
    base = dict(exif)
    ex = sub["Exif"]
    info.make = _text(base.get(0x010F))
    info.model = _text(base.get(0x0110))
    info.artist = _text(base.get(0x013B))
    info.software = _text(base.get(0x0131))
    info.lens = _text(ex.get(0xA434)) or _text(ex.get(0xFDEA))
    lens_make = _text(ex.get(0xA433))
    if lens_make and info.lens and not info.lens.startswith(lens_make):
        info.lens = f"{lens_make} {info.lens}"
    info.orientation = _orientation(base.get(0x0112), info)
    packet = (image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
              or base.get(TAG_XMP_PACKET))
    info.date, info.date_source = _date(ex, base, xmp_dates(packet), info)
    _gps(sub["GPS"], info)


def _reason(err: BaseException) -> str:
    return str(err).strip() or type(err).__name__


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", " ").strip()


def _orientation(value: Any, info: ExifInfo) -> int:
    if value is None:
        return 1
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if 1 <= number <= 8:
        return number
    _problem(info, Message(QT_TRANSLATE_NOOP(
        "Errors", "EXIF Orientation has the invalid value {value}; taken as upright"),
        {"value": repr(value)}))
    return 1


def parse_exif_date(text: str, offset: str = "", subsec: str = "") -> datetime | None:
    """``2021:04:11 15:47:53`` (+ ``-05:00``, + ``123``) to a datetime; None if unusable."""
    m = _DATE_RE.match(text or "")
    if not m:
        return None
    try:
        y, mo, d, h, mi, sec = (int(g) for g in m.groups())
        value = datetime(y, mo, d, h, mi, sec)
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other placeholders
    digits = "".join(ch for ch in subsec if ch.isdigit())[:6]
    if digits:
        value = value.replace(microsecond=int(digits.ljust(6, "0")))
    om = _OFFSET_RE.match(offset or "")
    if om:
        sign = -1 if om.group(1) == "-" else 1
        minutes = int(om.group(2)) * 60 + int(om.group(3))
        if minutes <= 14 * 60:
            value = value.replace(tzinfo=timezone(timedelta(minutes=sign * minutes)))
    return value


# Where a picture's date is taken from, best first (as photo archives do): when it was
# taken, then when it was made digital; when the file was last changed only at the end.
# Each: (source name, where: "exif" | "ifd0" | "xmp", date tag, offset tag, subsec tag).
DATE_ORDER: tuple[tuple[str, str, int | str, int, int], ...] = (
    ("exif:DateTimeOriginal", "exif", 0x9003, 0x9011, 0x9291),
    ("xmp:exif:DateTimeOriginal", "xmp", "exif:DateTimeOriginal", 0, 0),
    ("xmp:photoshop:DateCreated", "xmp", "photoshop:DateCreated", 0, 0),
    ("exif:DateTimeDigitized", "exif", 0x9004, 0x9012, 0x9292),
    ("xmp:xmp:CreateDate", "xmp", "xmp:CreateDate", 0, 0),
    ("xmp:exif:DateTimeDigitized", "xmp", "exif:DateTimeDigitized", 0, 0),
    ("exif:ModifyDate", "ifd0", 0x0132, 0x9010, 0x9290),
)
# Sources that say when the file was changed, not when the picture was taken.
UNRELIABLE_SOURCES = frozenset({"exif:ModifyDate"})


def _date(ex: dict[int, Any], base: dict[int, Any], xmp: dict[str, str],
          info: ExifInfo) -> tuple[datetime | None, str]:
    for source, where, tag, offset_tag, subsec_tag in DATE_ORDER:
        if where == "xmp":
            text = xmp.get(str(tag), "")
            value = parse_xmp_date(text) if text else None
        else:
            text = _text((ex if where == "exif" else base).get(int(tag)))
            value = (parse_exif_date(text, _text(ex.get(offset_tag)), _text(ex.get(subsec_tag)))
                     if text else None)
        if not text:
            continue
        if value is not None:
            return value, source
        _problem(info, Message(QT_TRANSLATE_NOOP(
            "Errors", "the date '{text}' ({source}) is not a valid date"),
            {"text": text, "source": source}))
    return None, ""


def _ratio(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _dms(value: Any) -> float | None:
    if not isinstance(value, tuple | list) or not value:
        return _ratio(value)
    parts = [_ratio(v) for v in value[:3]]
    if any(p is None for p in parts):
        return None
    nums = [p for p in parts if p is not None] + [0.0, 0.0]
    return nums[0] + nums[1] / 60 + nums[2] / 3600


def _gps(gps: dict[int, Any], info: ExifInfo) -> None:
    if not gps:
        return
    lat, lon = _dms(gps.get(2)), _dms(gps.get(4))
    lat_ref, lon_ref = _text(gps.get(1)).upper(), _text(gps.get(3)).upper()
    if lat is not None and lon is not None and lat_ref in ("N", "S") and lon_ref in ("E", "W"):
        lat = -lat if lat_ref == "S" else lat
        lon = -lon if lon_ref == "W" else lon
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            info.latitude, info.longitude = round(lat, 7), round(lon, 7)
        else:
            _problem(info, Message(QT_TRANSLATE_NOOP(
                "Errors", "the EXIF GPS position is out of range; it was not used")))

    alt = _ratio(gps.get(6))
    if alt is not None and info.latitude is not None:
        ref = gps.get(5)
        below = ref in (1, b"\x01", "1") or (isinstance(ref, bytes) and ref[:1] == b"\x01")
        info.altitude = round(-alt if below else alt, 3)


def _dump(tags: Any, names: dict[int, str], skip: set[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tag, value in dict(tags).items():
        if tag in skip:
            continue
        key = names.get(tag, f"0x{tag:04X}")
        if tag == TAG_MAKER_NOTE and isinstance(value, bytes):
            out[key] = f"({len(value)} bytes, not shown)"
            continue
        out[key] = json_safe(value)
    return out


def json_safe(value: Any) -> Any:
    """Rationals as floats (None when undefined), short bytes as hex, text without NULs."""
    if isinstance(value, TiffImagePlugin.IFDRational):
        return _ratio(value)
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    if isinstance(value, bytes):
        if len(value) > MAX_BYTES_IN_DUMP:
            return f"({len(value)} bytes, not shown)"
        return value.hex()
    if isinstance(value, tuple | list):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)
