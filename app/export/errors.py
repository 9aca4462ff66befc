"""Errors of the export: a template and its arguments, put into words by the UI or CLI."""

from __future__ import annotations

from typing import Any

from app.export.report import Report
from app.store.errors import StoreError


class ExportError(StoreError):
    code = "export-failed"


class ExportBlocked(ExportError):
    """Pre-flight found required checks failing; ``report`` says which."""

    code = "export-blocked"

    def __init__(self, template: str, /, report: Report, **params: Any) -> None:
        super().__init__(template, **params)
        self.report = report


class ExportCancelled(ExportError):
    code = "export-cancelled"


class FileChanged(ExportError):
    """A stored original no longer matches its recorded SHA-256: never package it."""

    code = "file-changed"


class TargetFull(ExportError):
    code = "disk-full"
