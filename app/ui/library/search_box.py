"""The Library's search box: items and work-log entries of the incident, best first.

Typing waits ``DEBOUNCE_MS`` after the last key, then asks ``repos.search`` in the worker;
each query carries a request number and only the answer to the newest is shown. Ctrl+F (on
the page) focuses the box, Esc clears it, an empty box hides the results. Activating a hit
asks for it (``item_activated`` / ``log_activated``); double-clicking an item asks for the
editor (``item_open_requested``): the page and the main window act on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.domain import codes
from app.store.repositories.search import SearchHit, SearchQueries
from app.ui.labels import code_label
from app.ui.library.jobs import SearchAnswer, run_search
from app.ui.retranslate import Retranslating
from app.ui.worker import Jobs

DEBOUNCE_MS = 300
LIMIT = 50
RESULT_ROWS = 6  # rows the results list shows before it scrolls
HitRole = int(Qt.ItemDataRole.UserRole) + 1  # the row's SearchHit
Index = QModelIndex | QPersistentModelIndex


def hit_text(hit: SearchHit) -> str:
    """One line for a hit: an item's title, 档号 and snippet; a log entry's number and
    snippet."""
    translate = QCoreApplication.translate
    if hit.kind == "log":
        head = translate("LibrarySearch", "Work log no. {seq}").format(
            seq=hit.seq if hit.seq is not None else "?")
        return f"{head}: {hit.snippet or hit.title}"
    parts = [hit.title or hit.id[:8]]
    if hit.archival_code:
        parts.append(hit.archival_code)
    if hit.snippet:
        parts.append(hit.snippet)
    return " · ".join(parts)


def hit_tooltip(hit: SearchHit) -> str:
    translate = QCoreApplication.translate
    kind = translate("LibrarySearch", "Work-log entry") if hit.kind == "log" else code_label(
        codes.ITEM_KIND, hit.subkind)
    lines = [f"{kind}: {hit.title}"]
    if hit.archival_code:
        lines.append(translate("LibrarySearch", "Archival code: {code}").format(
            code=hit.archival_code))
    if hit.snippet:
        lines.append(hit.snippet)
    return "\n".join(lines)


class SearchHitModel(QAbstractListModel):
    """The hits of the last answer, in the order the search ranked them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = tuple(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt's name
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        hit = self.hit_at(index.row())
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit_tooltip(hit)
        if role == HitRole:
            return hit
        return None

    def retranslate(self) -> None:
        """The log lines say "Work log no." in the interface language."""
        if self._hits:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._hits) - 1, 0))


class LibrarySearch(Retranslating, QWidget):
    item_activated = Signal(str)  # item id: select and preview it
    item_open_requested = Signal(str)  # item id: open its editor
    log_activated = Signal(str)  # log entry id: show it on the Work log page

    def __init__(self, search: SearchQueries, jobs: Jobs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.jobs = jobs
        self.incident_id: str | None = None
        self._request = 0
        self._answered_request = 0  # the request whose answer is shown
        self.box = QLineEdit(self)
        self.box.setObjectName("librarySearch")
        self.box.setClearButtonEnabled(True)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("librarySearchMessage")
        self.message_label.setStyleSheet("color: #a61b1b;")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.model = SearchHitModel(self)
        self.results = QListView(self)
        self.results.setObjectName("librarySearchResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.message_label)
        layout.addWidget(self.results)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self.box.textChanged.connect(self._typed)
        self.clear_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.clear_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_shortcut.activated.connect(self.clear)
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)
        self.results.doubleClicked.connect(self._double_clicked)
        self.retranslate()

    # -- the query -------------------------------------------------------------------------
    def set_incident(self, incident_id: str | None) -> None:
        """Another incident: the same words, asked again within it."""
        self.incident_id = incident_id
        if self.query():
            self.run_now()

    def refresh(self) -> None:
        """Something was stored: the same words again (titles and codes may have changed)."""
        if self.query() and not self.timer.isActive():
            self.run_now()

    def query(self) -> str:
        return self.box.text().strip()

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def clear(self) -> None:
        self.box.clear()  # textChanged hides the results

    def _typed(self) -> None:
        if not self.query():
            self.timer.stop()
            self._request += 1  # an answer still on its way is stale now
            self._show(SearchAnswer(self._request))
            return
        self.timer.start()

    def run_now(self) -> None:
        """Ask the search at once (the debounce timer calls this ~300 ms after typing)."""
        self.timer.stop()
        self._request += 1
        if not self.query():
            self._show(SearchAnswer(self._request))
            return
        self.jobs.start(run_search, self.search, self.query(), self.incident_id, LIMIT,
                        self._request, on_finished=self._answered,
                        on_failed=self._failed)

    @property
    def waiting(self) -> bool:
        """True while typed words have not been answered yet (for tests and the status)."""
        return self.timer.isActive() or self._answered_request != self._request

    def _answered(self, answer: SearchAnswer) -> None:
        if answer.request != self._request:
            return  # typing went on meanwhile
        self._show(answer)

    def _failed(self, message: str) -> None:
        self._show(SearchAnswer(self._request, error=message))

    def _show(self, answer: SearchAnswer) -> None:
        self._answered_request = answer.request
        if answer.error is not None:
            self.message_label.setText(answer.error)
        elif self.query() and not answer.hits:
            self.message_label.setText(self.tr("Nothing found."))
        else:
            self.message_label.clear()
        self.message_label.setVisible(bool(self.message_label.text()))
        current = self.results.currentIndex().data(HitRole)
        self.model.set_hits(answer.hits)
        self.results.setVisible(bool(answer.hits))
        if answer.hits:
            # The same hit stays current when the words are asked again after a change.
            row = next((n for n, h in enumerate(answer.hits)
                        if current is not None and (h.kind, h.id) == (current.kind,
                                                                      current.id)), 0)
            self.results.setCurrentIndex(self.model.index(row, 0))
            self._fit_results(len(answer.hits))

    def _fit_results(self, rows: int) -> None:
        """As tall as the hits, up to ``RESULT_ROWS`` (then it scrolls): the library keeps
        the rest of the page."""
        row_height = max(self.results.sizeHintForRow(0), self.results.fontMetrics().height())
        frame = 2 * self.results.frameWidth()
        self.results.setFixedHeight(row_height * min(rows, RESULT_ROWS) + frame + 2)

    # -- acting on a hit -----------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole) if index.isValid() else None
        if hit is None:
            return
        if hit.kind == "log":
            self.log_activated.emit(hit.id)
        else:
            self.item_activated.emit(hit.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        hit = index.data(HitRole) if index.isValid() else None
        if hit is not None and hit.kind == "item":
            self.item_open_requested.emit(hit.id)

    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr(
            "Search titles, descriptions, people, places, keywords, file names, archival "
            "codes and the work log (Ctrl+F)"))
        self.box.setToolTip(self.tr(
            "Words of any length (水, 转移, G6高速), \"an exact phrase\", field:value "
            "(title:, place:, people:, code:) and phase: or kind: filters. Esc clears."))
        self.results.setToolTip(self.tr(
            "Best matches first. Enter or a click shows an item in the library or a log "
            "entry in the work log; a double-click opens the item's editor."))
        self.model.retranslate()
        if self.message_label.isVisible() and self.query() and self.model.rowCount() == 0 \
                and self._answered_request == self._request and not self.timer.isActive():
            self.run_now()  # "Nothing found." or the search's refusal, in the new language
