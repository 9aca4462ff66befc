"""A cheap look at a JPEG's structure, so a damaged photo is not stored as a good one.

Thumbnails now come from the camera's embedded preview, so the picture data itself is not
decoded at import. This walks the marker segments up to the scan, finds where the scan's
picture data ends (the first marker that is neither byte stuffing nor a restart), and checks
that it is a marker a JPEG may have there and that the file reaches its end marker (EOI);
then Pillow's ``verify()``. A problem is a warning: the file is kept as received.
"""

from __future__ import annotations

import mmap
import re
from pathlib import Path

from PIL import Image

from app.capture.warning_capture import caught_warnings
from app.domain.messages import QT_TRANSLATE_NOOP, Message

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
# After a scan: another scan (progressive), tables, restart interval, comments, APPn, SOFn.
AFTER_SCAN = {EOI, SOS, 0xC4, 0xDB, 0xDD, 0xFE, 0xCC} | set(range(0xE0, 0xF0)) \
    | set(range(0xC0, 0xD0))
# 0xFF then a byte that is not stuffing (00), a restart (D0-D7) or fill (FF): a marker.
MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
STANDALONE = {0x01} | set(range(0xD0, 0xD8)) | {SOI, EOI}


def jpeg_problem(path: Path) -> Message | None:
    """Why the JPEG at ``path`` looks damaged, or None when its structure is whole."""
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            problem = _walk(data)
    except (OSError, ValueError):
        return None  # unreadable files are refused elsewhere, with their own reason
    if problem is not None:
        return problem
    try:
        # (Damaged EXIF warns here too; read_exif reports that, so the warning is dropped.)
        with caught_warnings(), Image.open(path) as image:
            image.verify()
    except Exception as err:  # Pillow raises many types on damaged files
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "the JPEG structure is damaged ({reason}); the file is kept as "
            "received"), {"reason": str(err) or type(err).__name__})
    return None


def _walk(data: mmap.mmap) -> Message | None:
    size = len(data)
    if size < 4 or data[0] != 0xFF or data[1] != SOI:
        return _damaged(0)
    i = 2
    while i + 1 < size:
        if data[i] != 0xFF:
            return _damaged(i)
        marker = data[i + 1]
        if marker == 0xFF:  # fill
            i += 1
            continue
        if marker == EOI:
            return None
        if marker in STANDALONE:
            i += 2
            continue
        if i + 4 > size:
            break
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
        if marker == SOS:
            found = MARKER.search(data, i)
            if found is None:
                break
            if data[found.start() + 1] not in AFTER_SCAN:
                return _damaged(found.start())
            i = found.start()
    return Message(QT_TRANSLATE_NOOP(
        "Errors", "the JPEG ends before its end marker (EOI): the picture may be cut short; "
        "the file is kept as received"))


def _damaged(offset: int) -> Message:
    return Message(QT_TRANSLATE_NOOP(
        "Errors", "the JPEG's picture data is damaged at byte {offset} (an invalid marker): "
        "parts of the picture may be missing or garbled; the file is kept as received"),
        {"offset": offset})
