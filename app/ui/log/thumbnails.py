"""Thumbnails of the items a work-log entry links, read from the vault off the GUI thread.

``ThumbnailCache.get(item_id)`` answers from memory at once, or starts a load and answers
None; ``loaded`` fires when the picture (or the knowledge that there is none) arrives.
A few loads run at a time, the most recently asked first: the rows on screen now.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from app.store.errors import StoreError
from app.store.reading import ItemReading
from app.store.worklog_records import LinkedItem as StoredLink
from app.ui.log.link_picker import link_name
from app.ui.worker import Jobs, ProgressCallback

THUMB_SIZE = QSize(56, 40)
MAX_CACHED = 2000
MAX_RUNNING = 3
MAX_WAITING = 64


@dataclass(frozen=True)
class LinkedItem:
    """What the timeline shows of a linked item."""

    item_id: str
    kind: str  # photo | audio | video | document | physical | "" when the item is missing
    title: str
    image: QImage | None


def load_linked_item(items: ItemReading, item_id: str, size: QSize = THUMB_SIZE, *,
                     cancel: threading.Event, progress: ProgressCallback) -> LinkedItem:
    try:
        record = items.get(item_id)
    except StoreError:
        return LinkedItem(item_id, "", "", None)
    original = record.file("original")
    title = link_name(StoredLink(record.id, record.kind, record.archival_code, record.title,
                                 original.original_name if original else "",
                                 record.created_at))
    thumb = record.file("thumbnail")
    image: QImage | None = None
    if thumb is not None:
        try:
            with items.open_file(thumb.vault_path) as f:
                loaded = QImage.fromData(f.read())
        except OSError:
            loaded = QImage()
        if not loaded.isNull():
            image = loaded.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
    return LinkedItem(item_id, record.kind, title, image)


class ThumbnailCache(QObject):
    loaded = Signal(str)  # item id

    def __init__(self, items: ItemReading, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items = items
        self.jobs = jobs
        self._known: OrderedDict[str, tuple[LinkedItem, QPixmap | None]] = OrderedDict()
        self._waiting: list[str] = []
        self._running: dict[QObject, str] = {}  # a running load's signals -> its item

    def info(self, item_id: str) -> LinkedItem | None:
        """The item's kind, title and picture if known; otherwise a load is started."""
        known = self._known.get(item_id)
        if known is not None:
            self._known.move_to_end(item_id)
            return known[0]
        self._ask(item_id)
        return None

    def pixmap(self, item_id: str) -> QPixmap | None:
        known = self._known.get(item_id)
        if known is None:
            self._ask(item_id)
            return None
        return known[1]

    @property
    def busy(self) -> bool:
        return bool(self._running or self._waiting)

    def _ask(self, item_id: str) -> None:
        if item_id in self._running.values():
            return
        if item_id in self._waiting:
            self._waiting.remove(item_id)
        self._waiting.append(item_id)
        del self._waiting[:-MAX_WAITING]  # rows scrolled past long ago need nothing now
        self._start_next()

    def _start_next(self) -> None:
        while self._waiting and len(self._running) < MAX_RUNNING:
            item_id = self._waiting.pop()
            worker = self.jobs.prepare(*self._job(item_id))
            # Bound methods: Qt drops the connections if this cache goes first.
            worker.signals.finished.connect(self._arrived)
            worker.signals.failed.connect(self._failed)
            self._running[worker.signals] = item_id
            self.jobs.submit(worker)

    def _job(self, item_id: str) -> tuple[Any, ...]:
        """The worker function that loads one item's picture, and its arguments."""
        return (load_linked_item, self.items, item_id)

    def _failed(self, _message: str) -> None:
        item_id = self._running.get(self.sender())
        if item_id is not None:  # remembered as "no picture", not asked for again and again
            self._arrived(LinkedItem(item_id, "", "", None))

    def _arrived(self, info: LinkedItem) -> None:
        self._running = {k: v for k, v in self._running.items() if v != info.item_id}
        # QPixmap only on the GUI thread; the worker made a QImage.
        pixmap = QPixmap.fromImage(info.image) if info.image is not None else None
        self._known[info.item_id] = (info, pixmap)
        while len(self._known) > MAX_CACHED:
            self._known.popitem(last=False)
        self.loaded.emit(info.item_id)
        self._start_next()
