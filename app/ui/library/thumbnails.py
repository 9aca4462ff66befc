"""The Library's picture cache: the stored 160 px thumbnails, loaded in the worker.

The queue (a few loads at a time, the rows on screen now first) and the memory bound are the
work-log's ``ThumbnailCache``; only the load differs: straight from the item's thumbnail file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSize

from app.ui.browse import BrowseReading
from app.ui.library.jobs import load_thumbnail
from app.ui.log.thumbnails import ThumbnailCache
from app.ui.worker import Jobs

GRID_SIZE = QSize(160, 120)


class LibraryThumbnails(ThumbnailCache):
    def __init__(self, reading: BrowseReading, jobs: Jobs, size: QSize = GRID_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(reading.items, jobs, parent)
        self.library = reading.library
        self.size = size

    def _job(self, item_id: str) -> tuple[Any, ...]:
        return (load_thumbnail, self.library, item_id, self.size)
