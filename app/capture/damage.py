"""Whether a file is whole, read from its own structure: what a damaged card leaves.

A file cut short (a card pulled out, a copy interrupted) or with a wrong size in its header
is still kept, with what can be read of it; these checks say what is damaged, in a
sentence for the import list, where decoders would stop silently or guess:

- PNG: the IEND chunk is missing, or a chunk runs past the end of the file;
- WAV: the RIFF size or the data size in the header does not match the file, or it holds
  no sound at all;
- MP4/MOV (and 3GP, M4A): a top-level box runs past the end of the file.

Only headers are read; nothing here decodes. (JPEG is left to its decoder: cameras write
data after the End Of Image marker, so a missing marker at the end proves nothing.)
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.domain.messages import QT_TRANSLATE_NOOP

MAX_BOXES = 100_000  # a top-level box list longer than this is itself damage

CUT_SHORT = QT_TRANSLATE_NOOP(
    "Errors", "damaged: the file is cut short ({detail}); what could be read is kept")
WRONG_SIZE = QT_TRANSLATE_NOOP(
    "Errors", "damaged: its header gives a wrong size ({detail}); the file is kept as it is")
NO_SOUND = QT_TRANSLATE_NOOP(
    "Errors", "damaged: the file holds no sound, only its header; it is kept as it is")


def damage(path: Path, mime: str) -> list[str]:
    """Sentences saying what is damaged in the file at ``path`` (none when it is whole)."""
    check = _CHECKS.get(mime)
    if check is None:
        return []
    try:
        with open(path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(0)
            return check(f, size)
    except (OSError, struct.error, ValueError):
        return []


def _png(f: BinaryIO, size: int) -> list[str]:
    at = 8
    while at + 8 <= size:
        f.seek(at)
        length, kind = struct.unpack(">I4s", f.read(8))
        end = at + 12 + length
        if end > size:
            return [CUT_SHORT.format(detail=f"its {kind.decode('latin-1')} chunk needs "
                                            f"{end - size} bytes more than the file has")]
        if kind == b"IEND":
            return []
        at = end
    return [CUT_SHORT.format(detail="the PNG end chunk (IEND) is missing")]


def _wav(f: BinaryIO, size: int) -> list[str]:
    head = f.read(12)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        return []
    order = "<" if head[:4] == b"RIFF" else ">"
    out: list[str] = []
    (riff_size,) = struct.unpack(order + "I", head[4:8])
    if riff_size + 8 != size and riff_size not in (0, 0xFFFFFFFF):  # 0/-1: still recording
        out.append(WRONG_SIZE.format(detail=f"RIFF says {riff_size + 8} bytes, the file has "
                                            f"{size}"))
    at = 12
    while at + 8 <= size:
        f.seek(at)
        kind, length = struct.unpack(order + "4sI", f.read(8))
        if kind == b"data":
            present = size - at - 8
            if present <= 0:
                return [NO_SOUND]
            if length > present and length not in (0, 0xFFFFFFFF):
                share = present * 100 / length
                out = [CUT_SHORT.format(detail=f"{present} of the {length} bytes of sound "
                                               f"its header announces, {share:.1f}%")]
            elif length == 0:
                out.append(WRONG_SIZE.format(detail="the sound data is said to be empty"))
            return out
        at += 8 + length + (length & 1)
    return [NO_SOUND]


def _iso_boxes(f: BinaryIO, size: int) -> list[str]:
    at = 0
    for _ in range(MAX_BOXES):
        if at >= size:
            return []
        f.seek(at)
        head = f.read(16)
        if len(head) < 8:
            return [CUT_SHORT.format(detail="it ends inside a box header")]
        length, kind = struct.unpack(">I4s", head[:8])
        if length == 1:
            if len(head) < 16:
                return [CUT_SHORT.format(detail="it ends inside a box header")]
            (length,) = struct.unpack(">Q", head[8:16])
        elif length == 0:  # the last box runs to the end of the file
            return []
        if length < 8:
            return []  # not a box structure we can follow: the decoders decide
        if at + length > size:
            name = kind.decode("latin-1", "replace")
            return [CUT_SHORT.format(detail=f"its '{name}' box needs {at + length - size} "
                                            f"bytes more than the file has")]
        at += length
    return []


_CHECKS: dict[str, Callable[[BinaryIO, int], list[str]]] = {
    "image/png": _png,
    "audio/wav": _wav,
    "video/mp4": _iso_boxes,
    "video/quicktime": _iso_boxes,
    "video/3gpp": _iso_boxes,
    "audio/mp4": _iso_boxes,
}
