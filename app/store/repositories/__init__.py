"""The repository layer: the only code that opens sessions on the store.

Each public method is one unit of work and returns frozen records (``app.store.records``).
``Repositories(store)`` bundles them for the command line and the desktop app.
"""

from __future__ import annotations

from app.store.repositories.audit_log import AuditRepository
from app.store.repositories.backups import BackupRepository
from app.store.repositories.dashboard import DashboardQueries
from app.store.repositories.decode_verdicts import DecodeVerdictRepository
from app.store.repositories.description import DescriptionRepository
from app.store.repositories.filing import FilingRepository
from app.store.repositories.incidents import IncidentRepository
from app.store.repositories.item_status import ItemStatusQueries
from app.store.repositories.items import ItemRepository
from app.store.repositories.library import LibraryQueries
from app.store.repositories.operators import OperatorRepository
from app.store.repositories.schedules import ScheduleRepository
from app.store.repositories.search import SearchQueries
from app.store.repositories.transfers import TransferRepository
from app.store.repositories.worklog import WorkLogRepository
from app.store.store import Store


class Repositories:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.operators = OperatorRepository(store)
        self.incidents = IncidentRepository(store)
        self.schedules = ScheduleRepository(store)
        self.audit = AuditRepository(store)
        self.log = WorkLogRepository(store)
        self.items = ItemRepository(store)
        self.library = LibraryQueries(store)
        self.description = DescriptionRepository(store)
        self.filing = FilingRepository(store)
        self.item_status = ItemStatusQueries(store)
        self.search = SearchQueries(store)
        self.dashboard = DashboardQueries(store)
        self.transfers = TransferRepository(store)
        self.backups = BackupRepository(store)
        self.decode_verdicts = DecodeVerdictRepository(store)


__all__ = ["Repositories"]
