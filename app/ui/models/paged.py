"""A table model that loads its rows one page at a time, in the worker, by keyset.

The view asks ``canFetchMore``/``fetchMore`` as it scrolls; each page is read in the worker
(``_start_page``), so a list of 100,000 rows opens and scrolls without the GUI thread
waiting on a query. Pages follow each other by keyset (``after`` the cursor of the last row
loaded), so the thousandth page costs what the first does. The first page also brings the
total count. Every request has a number: an answer to a query replaced since (other filters,
another incident) is dropped when it arrives.

A subclass names the worker function that reads one page (``PAGE_FUNCTION``, a
staticmethod) and its arguments (``_page_args``), says when there is a query at all
(``has_query``), and where a row's cursor is (``_cursor_of``); the function's answer has
``request``, ``total``, ``error`` and its rows (``_rows_of``).

``fetch_through`` loads, in one worker call, every row from where paging stands up to one a
caller wants (a search hit on the thousandth page): the answer is a page like any other
whose ``exhausted`` says whether the list has ended; paging goes on after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal

from app.ui.models.columns import ColumnTableModel
from app.ui.worker import Jobs

Index = QModelIndex | QPersistentModelIndex


class KeysetPagedModel(ColumnTableModel):
    page_loaded = Signal()  # a page (possibly empty) has arrived
    total_changed = Signal(int)
    load_failed = Signal(str)

    def __init__(self, jobs: Jobs, page_size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.page_size = page_size
        self.total: int | None = None
        self._rows: list[Any] = []
        self._exhausted = True
        # Where the next page starts: the last row as it was loaded (a row changed in place
        # since may sit elsewhere in the order now).
        self._last_cursor: Any = None
        self._requests = 0
        self._pending: int | None = None  # the request whose answer is awaited

    # -- what a subclass provides ----------------------------------------------------------
    PAGE_FUNCTION: ClassVar[Callable[..., Any]]

    def has_query(self) -> bool:
        """Whether there is anything to show (an incident chosen)."""
        return False

    def _page_args(self, after: Any, with_total: bool, request: int) -> tuple[Any, ...]:
        """The arguments of ``PAGE_FUNCTION`` for one page."""
        return (after, with_total, request)

    def _cursor_of(self, row: Any) -> Any:
        return row.cursor

    def _rows_of(self, page: Any) -> Sequence[Any]:
        return page.rows

    def _rows_added(self, first: int, last: int) -> None:
        """Rows first..last have just been inserted (to index them, say)."""

    def _cleared(self) -> None:
        """The rows were dropped for a new query."""

    # -- paging ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Back to the first page of the current query."""
        self.beginResetModel()
        self._rows = []
        self._cleared()
        self._last_cursor = None
        self._pending = None  # an answer still on its way is for the old query: ignored
        self.total = None
        self._exhausted = not self.has_query()
        self.endResetModel()
        if self.has_query():
            self._request(with_total=True)

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._pending is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(with_total=False)

    def fetch_through(self, function: Callable[..., Any], *args: Any) -> bool:
        """Run ``function(*args, after, request)`` in the worker: it answers a page whose
        rows continue the list up to and including what the caller wants. False (nothing
        started) while another page is on its way: ask again when it has arrived."""
        if self._pending is not None or not self.has_query():
            return False
        self._requests += 1
        self._pending = self._requests
        self.jobs.start(function, *args, self._last_cursor, self._requests,
                        on_finished=self._arrived, on_failed=self._failed)
        return True

    def _request(self, with_total: bool) -> None:
        self._requests += 1
        self._pending = self._requests
        # Bound methods: Qt drops the connections if the model goes first.
        self.jobs.start(self.PAGE_FUNCTION,
                        *self._page_args(self._last_cursor, with_total, self._requests),
                        on_finished=self._arrived, on_failed=self._failed)

    def _arrived(self, page: Any) -> None:
        if page.request != self._pending:
            return  # the answer to a query that was replaced meanwhile
        if page.error is not None:
            self._failed(page.error)
            return
        rows = self._rows_of(page)
        # Where the next page starts is settled before the rows go in: a view reacting to the
        # insertion may ask for the next page at once (it stays refused until we are done).
        if page.total is not None:
            self.total = page.total
        if rows:
            self._last_cursor = self._cursor_of(rows[-1])
        shown = len(self._rows) + len(rows)
        ended = getattr(page, "exhausted", None)  # a run of pages (fetch_through) says
        if ended is None:
            ended = len(rows) < self.page_size
        if ended or (self.total is not None and shown >= self.total):
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, shown - 1)
            self._rows.extend(rows)
            self._rows_added(first, shown - 1)
            self.endInsertRows()
        self._pending = None
        if page.total is not None:
            self.total_changed.emit(page.total)
        self.page_loaded.emit()

    def _failed(self, message: str) -> None:
        """The store could not be read (or a bug in the worker): stop paging, say so."""
        if self._pending is None:
            return
        self._pending = None
        self._exhausted = True  # nothing more until the user reloads
        self.load_failed.emit(message)
