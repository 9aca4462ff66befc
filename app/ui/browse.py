"""What the reading widgets (library, dashboard, preview, search, item history) are given:
the reading half of a store, the worker, the current incident and the change notices.

The normal window hands them its ``Repositories`` (``UiServices.browse()``); the review
window hands them a ``StoreReader``, which has no method that writes. So the same widgets
serve both, and in review their object graph reaches nothing that can change the store.
Editing (describe, file, end the response) lives in subclasses that only the normal window
builds (``LibraryPage``, ``DashboardPage``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.store.reading import ItemReading, ScheduleReading
from app.store.repositories.dashboard import DashboardQueries
from app.store.repositories.item_status import ItemStatusQueries
from app.store.repositories.library import LibraryQueries
from app.store.repositories.search import SearchQueries
from app.ui.services import IncidentSelection, StoreChanges
from app.ui.worker import Jobs


class BrowseReading(Protocol):
    """The reading queries the library and the dashboard use (``Repositories`` and
    ``StoreReader`` both have them)."""

    @property
    def library(self) -> LibraryQueries: ...
    @property
    def search(self) -> SearchQueries: ...
    @property
    def dashboard(self) -> DashboardQueries: ...
    @property
    def item_status(self) -> ItemStatusQueries: ...
    @property
    def items(self) -> ItemReading: ...
    @property
    def schedules(self) -> ScheduleReading: ...


@dataclass
class BrowseServices:
    reading: BrowseReading
    jobs: Jobs
    selection: IncidentSelection
    changes: StoreChanges
