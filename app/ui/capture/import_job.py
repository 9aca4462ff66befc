"""The import as the capture screen runs it: one result per file, reported as it happens.

``import_files`` tells of each file as it ends (thumbnails appear while the rest are still
being copied); here its results become the screen's ``FileOutcome``s.

Qt-free: runs in the worker primitive (``cancel`` and ``progress`` keyword arguments);
``on_result`` is called on the worker thread for every file, in order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from app.capture.importer import (
    Duplicate,
    Failed,
    Imported,
    Outcome,
    ProgressCallback,
    import_files,
)
from app.store.repositories import Repositories
from app.ui.capture.import_outcome import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    NOT_STARTED,
    SKIPPED,
    FileOutcome,
    ImportSummary,
)


def run_import(
    repos: Repositories,
    incident: str,
    paths: Sequence[Path],
    *,
    source_channel: str = "self",
    provenance: Mapping[str, Any] | None = None,
    operator: str | None = None,
    on_result: Callable[[FileOutcome], None] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Import ``paths`` into one batch, telling ``on_result`` about each file as it ends."""
    summary = ImportSummary()

    def tell(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)

    def each(result: Outcome) -> None:
        tell(_file_outcome(result))

    report = import_files(repos, incident, paths, source_channel=source_channel,
                          provenance=provenance, operator=operator, progress=progress,
                          on_result=each, cancel=cancel)
    summary.batch_id = report.batch_id
    summary.cancelled = report.cancelled
    for path in report.not_started:
        tell(FileOutcome(NOT_STARTED, path, "cancelled"))
    return summary


def _file_outcome(result: Outcome) -> FileOutcome:
    if isinstance(result, Imported):
        return FileOutcome(IMPORTED, result.path, "", tuple(result.notes),
                           result.item_id, result.kind)
    if isinstance(result, Duplicate):
        return FileOutcome(DUPLICATE, result.path, "duplicate", "", result.item_id)
    if isinstance(result, Failed):
        return FileOutcome(FAILED, result.path, result.code, result.message)
    return FileOutcome(SKIPPED, result.path, "skipped", result.message)
