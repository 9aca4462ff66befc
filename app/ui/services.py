"""What widgets are given through their constructors: repositories, settings, jobs, the
language, and the current incident. Widgets never reach for the main window or a Session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

if TYPE_CHECKING:
    from app.ui.browse import BrowseServices


class IncidentSelection(QObject):
    """The incident every page works on; ``changed`` carries an IncidentRecord or None."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: IncidentRecord | None = None

    def set(self, incident: IncidentRecord | None) -> None:
        if incident != self.current:
            self.current = incident
            self.changed.emit(incident)


class LastCapturedItem(QObject):
    """The item most recently stored by any capture screen (import, camera, microphone,
    physical object), so a work-log quick entry can link it; ``changed`` carries its id."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.item_id: str | None = None

    def set(self, item_id: str) -> None:
        self.item_id = item_id
        self.changed.emit(item_id)

    def used(self, item_id: str) -> None:
        """A log entry linked it: the next entry is not offered the same item."""
        if self.item_id == item_id:
            self.item_id = None


class StoreChanges(QObject):
    """Something was stored (an item, a log entry): views that show counts refresh."""

    changed = Signal()

    def notify(self) -> None:
        self.changed.emit()


@dataclass
class UiServices:
    store: Store
    repos: Repositories
    settings: UiSettings
    translations: Translations
    jobs: Jobs
    selection: IncidentSelection
    last_item: LastCapturedItem = field(default_factory=LastCapturedItem)
    changes: StoreChanges = field(default_factory=StoreChanges)

    def __post_init__(self) -> None:
        # Every captured item is a change to the store.
        self.last_item.changed.connect(self.changes.notify)

    def browse(self) -> BrowseServices:
        """What the reading widgets need (the repositories read for them here)."""
        from app.ui.browse import BrowseServices

        return BrowseServices(self.repos, self.jobs, self.selection, self.changes)

    @classmethod
    def for_store(cls, store: Store, settings: UiSettings, translations: Translations,
                  jobs: Jobs) -> UiServices:
        return cls(store, Repositories(store), settings, translations, jobs,
                   IncidentSelection())
