"""What the review window runs in the worker: plain functions over the read interface."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.export.package_review import PackageReviewReader, open_review, verify_packages
from app.export.package_rows import PackageFacts
from app.export.review_report import ReviewReport, write_review_report
from app.store.errors import StoreError
from app.store.integrity import CheckReport, check_store
from app.store.reading import IncidentReading, ItemReading, StoreReader
from app.store.records import IncidentRecord
from app.store.repositories.items import ItemRecord
from app.store.review_facts import gather_facts
from app.store.source import StoreSource
from app.ui.i18n import message_text
from app.ui.worker import ProgressCallback


def open_reader(paths: Path | list[Path], *, cancel: threading.Event,
                progress: ProgressCallback) -> StoreReader:
    """Open read-only off the GUI thread: a snapshot copy of a large store, or a package's
    review database, takes a while. A store folder, or packages (folders or ZIPs)."""
    return open_review(paths if isinstance(paths, list) else [paths])


Origins = Callable[[list[str]], dict[str, str]]  # item ids -> the package each came from


def list_incidents(incidents: IncidentReading, *, cancel: threading.Event,
                   progress: ProgressCallback) -> list[IncidentRecord]:
    return incidents.list()


@dataclass(frozen=True)
class ItemsPage:
    request: int
    rows: tuple[ItemRecord, ...] = ()
    total: int | None = None
    error: str | None = None  # the store could not be read, in the user's language
    origins: dict[str, str] = field(default_factory=dict)


def load_items_page(items: ItemReading, incident_id: str, offset: int, limit: int,
                    with_total: bool, request: int, origins: Origins | None = None, *,
                    cancel: threading.Event, progress: ProgressCallback) -> ItemsPage:
    try:
        total = items.count(incident_id) if with_total else None
        rows = tuple(items.list(incident_id, offset=offset, limit=limit))
    except StoreError as err:
        return ItemsPage(request, error=message_text(err))
    return ItemsPage(request, rows, total,
                     origins=origins([r.id for r in rows]) if origins is not None else {})


def run_check(source: StoreSource, *, cancel: threading.Event,
              progress: ProgressCallback) -> CheckReport:
    """``check`` on the reviewed store: every file's digests, the audit and log chains."""
    return check_store(source, progress=progress, cancel=cancel)


def run_verify(reader: PackageReviewReader, *, cancel: threading.Event,
               progress: ProgressCallback) -> CheckReport:
    """``verify`` on each reviewed package, its failures in the interface language."""
    return verify_packages(reader, message_text, cancel=cancel, progress=progress)


@dataclass(frozen=True)
class SavedReport:
    path: Path
    sha256: str


def save_report(reader: StoreReader, check: CheckReport | None, findings: str, inspector: str,
                out: Path, *, cancel: threading.Event,
                progress: ProgressCallback) -> SavedReport:
    facts = gather_facts(reader, cancel=cancel, progress=progress)
    packages: tuple[PackageFacts, ...] = ()
    damage: tuple[str, ...] = ()
    if isinstance(reader, PackageReviewReader):
        packages = reader.packages
        damage = tuple(f"{d.package}: {d.subject}: {message_text(d.message)}"
                       for d in reader.damage)
    report = ReviewReport(facts, check, findings, inspector, datetime.now().astimezone(),
                          packages=packages, damage=damage)
    return SavedReport(out, write_review_report(report, out))
