"""What the Library page runs in the worker: each a plain function over the repositories,
taking the worker's ``cancel`` and ``progress`` keywords. A store that cannot be read comes
back as a value (``error``) in the user's language, so the page can say it in place."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from app.store.errors import StoreError
from app.store.records import RetentionCategoryRecord
from app.store.repositories.library import (
    LibraryCounts,
    LibraryCursor,
    LibraryFilter,
    LibraryQueries,
    LibraryRow,
    LibrarySort,
)
from app.store.repositories.search import SearchHit, SearchQueries
from app.ui.browse import BrowseReading
from app.ui.i18n import message_text
from app.ui.log.thumbnails import LinkedItem
from app.ui.worker import Cancelled, ProgressCallback


@dataclass(frozen=True)
class LibraryPage:
    request: int  # which request this answers (a newer query makes older answers stale)
    rows: tuple[LibraryRow, ...] = ()
    total: int | None = None  # matching items, counted with the first page only
    counts: LibraryCounts | None = None
    error: str | None = None


def load_library_page(library: LibraryQueries, incident_id: str, filters: LibraryFilter,
                      sort: LibrarySort, after: LibraryCursor | None, limit: int,
                      with_total: bool, request: int, *, cancel: threading.Event,
                      progress: ProgressCallback) -> LibraryPage:
    """One page after ``after`` (keyset: the same cost anywhere in a large incident)."""
    try:
        counts = library.count(incident_id, filters) if with_total else None
        if cancel.is_set():
            raise Cancelled()
        rows = library.page(incident_id, filters, sort, after, limit)
    except StoreError as err:
        return LibraryPage(request, error=message_text(err))
    return LibraryPage(request, tuple(rows), counts.matching if counts else None, counts)


def load_thumbnail(library: LibraryQueries, item_id: str, size: QSize, *,
                   cancel: threading.Event, progress: ProgressCallback) -> LinkedItem:
    """An item's stored thumbnail, scaled to ``size`` (a QImage: made off the GUI thread)."""
    image: QImage | None = None
    try:
        data = library.thumbnail(item_id)
    except (StoreError, OSError):
        data = None
    if data:
        loaded = QImage.fromData(data)
        if not loaded.isNull():
            image = loaded.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
    return LinkedItem(item_id, "", "", image)


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer for one incident: its recorders and schedule categories."""

    incident_id: str
    creators: tuple[str, ...]
    categories: tuple[RetentionCategoryRecord, ...]


def load_filter_choices(reading: BrowseReading, incident_id: str, *,
                        cancel: threading.Event, progress: ProgressCallback) -> FilterChoices:
    creators = tuple(reading.library.creators(incident_id))
    try:
        categories = reading.schedules.current(incident_id).categories
    except StoreError:
        categories = ()
    return FilterChoices(incident_id, creators, categories)


def call(fn: Any, *args: Any, cancel: threading.Event, progress: ProgressCallback,
         **kwargs: Any) -> Any:
    """Any repository method in the worker: ``jobs.start(call, repos.x.y, arg, ...)``."""
    return fn(*args, **kwargs)


@dataclass(frozen=True)
class SearchAnswer:
    """The hits for one typed query, or the reason the search refused it."""

    request: int  # which request this answers (typing on makes older answers stale)
    hits: tuple[SearchHit, ...] = ()
    error: str | None = None


def run_search(search: SearchQueries, query: str, incident_id: str | None, limit: int,
               request: int, *, cancel: threading.Event,
               progress: ProgressCallback) -> SearchAnswer:
    """Items and log entries for ``query``, best first; a refused query (an unknown
    ``phase:``) comes back as its message in the user's language."""
    try:
        hits = search.search(query, incident_id, limit)
    except StoreError as err:
        return SearchAnswer(request, error=message_text(err))
    return SearchAnswer(request, hits)
