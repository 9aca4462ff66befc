"""What the editor, the batch edit and the Library's actions run in the worker: libcore's
describe, appraise, file and unfile, and reading what the editor shows. A refusal (a bad
date, a transferred item in the batch) comes back as a value in the user's language, so
the dialog can show it in place and stay open; nothing is half-saved (one transaction)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.store.errors import StoreError
from app.store.records import RetentionCategoryRecord
from app.store.repositories import Repositories
from app.store.repositories.description import AppraisedItem, DescribeResult
from app.store.repositories.filing import FilingResult, UnfileResult
from app.store.repositories.item_status import HistoryEntry
from app.store.repositories.library import ItemDetail
from app.ui.i18n import message_text
from app.ui.worker import ProgressCallback


@dataclass(frozen=True)
class EditorData:
    detail: ItemDetail
    categories: tuple[RetentionCategoryRecord, ...]
    history: tuple[HistoryEntry, ...]


def load_editor(repos: Repositories, item_id: str, *, cancel: threading.Event,
                progress: ProgressCallback) -> EditorData:
    detail = repos.library.detail(item_id)
    return EditorData(detail, _categories(repos, detail.item.incident_id),
                      repos.item_status.history(item_id))


def load_categories(repos: Repositories, incident_id: str, *, cancel: threading.Event,
                    progress: ProgressCallback) -> tuple[RetentionCategoryRecord, ...]:
    return _categories(repos, incident_id)


def _categories(repos: Repositories, incident_id: str) -> tuple[RetentionCategoryRecord, ...]:
    try:
        return repos.schedules.current(incident_id).categories
    except StoreError:
        return ()


@dataclass(frozen=True)
class Outcome:
    """A result, or why the store refused (already in the user's language)."""

    result: Any = None
    error: str | None = None


def describe_items(repos: Repositories, item_ids: Sequence[str], changes: Mapping[str, Any],
                   *, cancel: threading.Event, progress: ProgressCallback) -> Outcome:
    try:
        result: DescribeResult = repos.description.describe(list(item_ids), dict(changes))
    except StoreError as err:
        return Outcome(error=message_text(err))
    return Outcome(result)


def appraise_items(repos: Repositories, item_ids: Sequence[str], exclude: bool, reason: str,
                   *, cancel: threading.Event, progress: ProgressCallback) -> Outcome:
    try:
        done: tuple[AppraisedItem, ...] = repos.description.appraise(
            list(item_ids), exclude, reason)
    except StoreError as err:
        return Outcome(error=message_text(err))
    return Outcome(done)


def file_items(repos: Repositories, incident_id: str, item_ids: Sequence[str], *,
               cancel: threading.Event, progress: ProgressCallback) -> Outcome:
    try:
        result: FilingResult = repos.filing.file(incident_id, list(item_ids))
    except StoreError as err:
        return Outcome(error=message_text(err))
    return Outcome(result)


def unfile_items(repos: Repositories, item_ids: Sequence[str], *, cancel: threading.Event,
                 progress: ProgressCallback) -> Outcome:
    try:
        result: UnfileResult = repos.filing.unfile(list(item_ids))
    except StoreError as err:
        return Outcome(error=message_text(err))
    return Outcome(result)
