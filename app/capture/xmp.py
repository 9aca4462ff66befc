"""Dates from a photo's XMP packet, read safely (no entities, no network, bounded size).

Photo archives take a picture's date in this order (as the Metadata Working Group and
ExifTool's composite tags do): EXIF DateTimeOriginal, then XMP ``exif:DateTimeOriginal`` and
``photoshop:DateCreated``, then the creation dates (EXIF DateTimeDigitized, XMP
``xmp:CreateDate``). Editors and phones write XMP; this reads the dates from it by
namespace, whatever prefix the file uses (Adobe's early ``xap:`` included).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from lxml import etree

MAX_PACKET = 1024 * 1024  # a larger packet is not a camera's: its dates are not read

NAMESPACES = {
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/xap/1.0/": "xmp",
}
WANTED = {"exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate",
          "exif:DateTimeDigitized"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          load_dtd=False, recover=True)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})"
                  r"(?:[.,](\d{1,9}))?)?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$")


def xmp_dates(packet: bytes | str | None) -> dict[str, str]:
    """The date properties of an XMP packet by their usual name (``exif:DateTimeOriginal``),
    as written; empty when the packet is missing or unreadable."""
    if not packet:
        return {}
    data = packet.encode("utf-8", "replace") if isinstance(packet, str) else packet
    if len(data) > MAX_PACKET:
        return {}
    start = data.find(b"<")
    try:
        root = etree.fromstring(data[start:] if start > 0 else data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    if root is None:
        return {}
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key, value in element.attrib.items():
            _take(found, str(key), str(value))
        if element.text and element.text.strip():
            _take(found, element.tag, element.text)
    return found


def _take(found: dict[str, str], qualified: str, value: str) -> None:
    if not qualified.startswith("{"):
        return
    uri, _, local = qualified[1:].partition("}")
    prefix = NAMESPACES.get(uri)
    name = f"{prefix}:{local}" if prefix else ""
    if name in WANTED and name not in found:
        found[name] = value.strip()


def parse_xmp_date(text: str) -> datetime | None:
    """An XMP (ISO 8601) date: aware when it gives an offset; a date alone is midnight."""
    m = _ISO.match(text or "")
    if not m:
        return None
    year, month, day, hour, minute, second, fraction, zone = m.groups()
    try:
        value = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                         int(minute or 0), int(second or 0),
                         int((fraction or "0")[:6].ljust(6, "0")))
    except ValueError:
        return None
    if zone:
        if zone == "Z":
            return value.replace(tzinfo=UTC)
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes <= 14 * 60:
            return value.replace(tzinfo=timezone(timedelta(minutes=sign * minutes)))
    return value
