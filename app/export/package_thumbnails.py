"""Thumbnails for reviewing packages: a package carries no thumbnails, so they are made.

A store shows the 160 px thumbnail the import kept; a transfer package holds only the
originals and their archival and access copies. For a photo the review makes one from its
JPEG copy or its original (Pillow's reduced decoding, within the import's memory budget),
for a video from a frame, and keeps it in the review's cache folder by the file's SHA-256,
so scrolling back, or opening the same package again in this review, decodes nothing twice.
Nothing is written inside the package.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.capture.thumbnails import TooLargeToDecode, photo_thumbnail, video_poster
from app.store.atomic import write_atomically
from app.store.errors import StoreError
from app.store.read_source import ReadOnlyStore
from app.store.repositories.items import FileRecord, ItemQueries, ItemRecord
from app.store.repositories.library import LibraryQueries, LibraryRow

log = logging.getLogger(__name__)

# Larger files are not decoded for a thumbnail in review (a scan of a poster, a RAW file):
# the library shows the kind's icon, and the preview pane decodes on demand.
MAX_SOURCE_BYTES = 80 * 1024 * 1024
# Which of an item's files a picture is taken from, best first.
SOURCE_ROLES = ("access", "archival", "original")
PICTURED_KINDS = ("photo", "video")


class PackageLibrary(LibraryQueries):
    """The library's queries over a package's review database, with made thumbnails."""

    def __init__(self, source: ReadOnlyStore, items: ItemQueries, cache: Path) -> None:
        super().__init__(source)
        self.items = items
        self.cache = cache

    @staticmethod
    def _row(r: Any) -> LibraryRow:
        """A photo or video row says it has a picture: one is made when it is asked for."""
        row = LibraryQueries._row(r)
        if row.kind in PICTURED_KINDS and not row.has_thumbnail:
            return replace(row, has_thumbnail=True)
        return row

    def thumbnail(self, item_id: str) -> bytes | None:
        kept = super().thumbnail(item_id)
        if kept is not None:
            return kept
        try:
            item = self.items.get(item_id)
        except StoreError:
            return None
        chosen = _picture_source(item)
        if chosen is None:
            return None
        cached = self.cache / f"{chosen.sha256}.jpg"
        if cached.is_file():
            return cached.read_bytes()
        try:
            made = self._make(item.kind, chosen)
        except (StoreError, TooLargeToDecode, OSError) as err:  # damaged, too large, gone
            log.info("no thumbnail for %s in review: %s", item_id, err)
            return None
        self.cache.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, made)
        return made

    def _make(self, kind: str, file: FileRecord) -> bytes:
        if kind == "video":
            return video_poster(self.store.vault.path_to_read(file.vault_path))[1]
        with self.store.vault.open_file(file.vault_path) as f:
            return photo_thumbnail(f.read(), lenient=True)


def _picture_source(item: ItemRecord) -> FileRecord | None:
    wanted = "video/" if item.kind == "video" else "image/"
    for role in SOURCE_ROLES:
        for file in item.files:
            if (file.role == role and file.format.startswith(wanted)
                    and file.size <= MAX_SOURCE_BYTES):
                return file
    return None
