"""What the preview runs in the worker: a photo decoded at screen size, and a document
copied out of the vault into the user's cache folder for the system viewer.

The vault is only ever read: a viewer writes lock files and temporary files beside what it
opens, so it is given a copy, never a vault path.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.store.errors import StoreError
from app.store.repositories.items import FileRecord, ItemRecord
from app.store.repositories.library import LibraryQueries
from app.ui.i18n import message_text
from app.ui.worker import Cancelled, ProgressCallback

# Which stored file a preview shows: an archival copy (a JPEG made from a HEIC) or an access
# copy (an MP3 beside a WAV) when there is one, else the original.
SHOWN_ROLES = ("archival", "access", "original")


def shown_file(item: ItemRecord) -> FileRecord | None:
    return next((f for role in SHOWN_ROLES for f in item.files if f.role == role), None)


@dataclass(frozen=True)
class DecodedPhoto:
    request: int
    item_id: str
    image: QImage | None
    full_size: tuple[int, int]  # the photo's own pixels, upright
    error: str | None = None


def decode_photo(library: LibraryQueries, item_id: str, bound: QSize, request: int, *,
                 cancel: threading.Event, progress: ProgressCallback) -> DecodedPhoto:
    """The item's photo upright (EXIF orientation) and at most ``bound`` in size.

    A JPEG is decoded reduced by the codec itself (``draft``: a 12-megapixel photo shown in
    a 1600 px pane decodes at 1/2 or 1/4 scale, a fraction of the work and memory).
    """
    try:
        detail = library.detail(item_id)
        stored = shown_file(detail.item)
        if stored is None:
            return DecodedPhoto(request, item_id, None, (0, 0))
        path = library.store.vault.path_to_read(stored.vault_path)
        with Image.open(path) as img:
            turned = _turned(img)
            full = img.size[::-1] if turned else img.size
            target = (bound.height(), bound.width()) if turned else (bound.width(),
                                                                     bound.height())
            if img.format == "JPEG":
                img.draft("RGB", target)
            if cancel.is_set():
                raise Cancelled()
            upright = ImageOps.exif_transpose(img)
            upright.thumbnail((bound.width(), bound.height()), Image.Resampling.LANCZOS)
            rgb = upright.convert("RGB")
    except (StoreError, OSError, ValueError, Image.DecompressionBombError) as err:
        return DecodedPhoto(request, item_id, None, (0, 0), message_text(err))
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3,
                   QImage.Format.Format_RGB888).copy()  # owns its pixels
    return DecodedPhoto(request, item_id, image, (int(full[0]), int(full[1])))


def _turned(img: Image.Image) -> bool:
    """Whether the EXIF orientation swaps width and height (5 to 8)."""
    try:
        return img.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    except (OSError, ValueError):
        return False


def copy_to_cache(library: LibraryQueries, item_id: str, cache_dir: Path, *,
                  cancel: threading.Event, progress: ProgressCallback) -> Path:
    """A copy of the item's file in ``cache_dir`` (made again only if missing), named
    after the original so the viewer shows a sensible title."""
    detail = library.detail(item_id)
    stored = shown_file(detail.item)
    if stored is None:
        raise FileNotFoundError(item_id)
    name = Path(stored.original_name or stored.vault_path).name
    target = cache_dir / item_id / name
    if target.exists() and target.stat().st_size == stored.size:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{uuid.uuid4().hex[:8]}.part")
    try:
        with library.store.vault.open_file(stored.vault_path) as src, \
                open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def media_path(library: LibraryQueries, item_id: str, *, cancel: threading.Event,
               progress: ProgressCallback) -> tuple[str, Path | None]:
    """The vault file a player reads (read-only) for an audio or video item."""
    detail = library.detail(item_id)
    stored = shown_file(detail.item)
    return item_id, (library.store.vault.path_to_read(stored.vault_path) if stored else None)
