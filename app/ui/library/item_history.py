"""An item's history in words (every change with its old and new values, who and when) and
its stored files with their digests: what a supervisor opens from the Library in review.
Read through the reading queries in the worker; nothing here can change anything."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.domain import codes
from app.store.repositories.item_status import HistoryEntry
from app.store.repositories.library import ItemDetail
from app.ui.browse import BrowseReading
from app.ui.i18n import message_text
from app.ui.labels import code_label, format_time
from app.ui.retranslate import Retranslating
from app.ui.worker import Jobs, ProgressCallback


def shown_value(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, dict):
        return "；".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def history_html(history: tuple[HistoryEntry, ...]) -> str:
    """One paragraph per change: when, who, what, and each field's old → new value."""
    rows = []
    for entry in history:
        changes = "".join(
            f"<br>&nbsp;&nbsp;{escape(c.field)}: {escape(shown_value(c.old))} → "
            f"{escape(shown_value(c.new))}" for c in entry.changes)
        rows.append(f"<p><b>{escape(format_time(entry.occurred_at.astimezone()))}</b> "
                    f"{escape(entry.agent)}: {escape(message_text(entry.summary))}"
                    f"{changes}</p>")
    return "".join(rows)


@dataclass(frozen=True)
class ItemHistory:
    detail: ItemDetail
    history: tuple[HistoryEntry, ...]


def load_item_history(reading: BrowseReading, item_id: str, *, cancel: threading.Event,
                      progress: ProgressCallback) -> ItemHistory:
    return ItemHistory(reading.library.detail(item_id), reading.item_status.history(item_id))


class ItemHistoryDialog(Retranslating, QDialog):
    def __init__(self, reading: BrowseReading, jobs: Jobs, item_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemHistory")
        self.item_id = item_id
        self.data: ItemHistory | None = None
        self.error: str | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.browser = QTextBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(680, 520)
        self.retranslate()
        jobs.start(load_item_history, reading, item_id, on_finished=self._loaded,
                   on_failed=self._failed)

    def _loaded(self, data: ItemHistory) -> None:
        self.data = data
        self.retranslate()

    def _failed(self, message: str) -> None:
        self.error = message
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Item history"))
        if self.data is None:
            self.heading.setText(self.error or self.tr("Loading…"))
            self.browser.clear()
            return
        item = self.data.detail.item
        self.heading.setText(" · ".join(p for p in (
            item.title or item.id[:8], code_label(codes.ITEM_KIND, item.kind),
            code_label(codes.ITEM_STATE, item.state), item.archival_code or "",
            self.tr("revision {n}").format(n=self.data.detail.revision)) if p))
        files = "".join(
            f"<li>[{escape(f.role)}] {escape(f.original_name or f.vault_path)} · "
            f"{f.size} B<br><tt>SHA-256 {escape(f.sha256)}</tt><br>"
            f"<tt>SM3 {escape(f.sm3 or '—')}</tt></li>" for f in item.files)
        changes = self.tr("Changes")
        none = self.tr("No changes.")
        stored = self.tr("Stored files")
        self.browser.setHtml(
            f"<h4>{escape(changes)}</h4>" + (history_html(self.data.history) or escape(none))
            + f"<h4>{escape(stored)}</h4><ul>{files}</ul>")
