"""The Library page of the normal window: the Library (``LibraryBrowser``: grid or table,
filters, search, preview and playback) and the work on items: describe (F2, double-click,
Enter), mark not to be archived, restore, file and un-file, each through the worker.

Review mode builds the ``LibraryBrowser`` alone; the editing lives only here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QToolButton,
    QWidget,
)

from app.store.repositories.filing import FilingResult, UnfileResult
from app.ui.library.batch_edit import BatchEditDialog
from app.ui.library.edit_jobs import Outcome, appraise_items, file_items, unfile_items
from app.ui.library.item_editor import ItemEditorDialog
from app.ui.library.item_model import missing_text
from app.ui.library.library_browser import LibraryBrowser
from app.ui.services import UiServices


class LibraryPage(LibraryBrowser):
    edit_requested = Signal(list)  # item ids: one opens the editor, several the batch edit

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(services.browse(), parent)
        self.services = services
        self.dialog: QDialog | None = None
        self.edit_requested.connect(self.open_editor)

    def _add_actions(self, bar: QHBoxLayout) -> None:
        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.triggered.connect(self.edit_selected)
        self.addAction(self.edit_action)
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("editItems")
        self.edit_button.setDefaultAction(self.edit_action)
        self.exclude_action = QAction(self)
        self.exclude_action.triggered.connect(self.exclude_selected)
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(self.restore_selected)
        self.file_action = QAction(self)
        self.file_action.triggered.connect(self.file_selected)
        self.unfile_action = QAction(self)
        self.unfile_action.triggered.connect(self.unfile_selected)
        self.selection_actions = (self.edit_action, self.exclude_action, self.restore_action,
                                  self.file_action, self.unfile_action)
        self.action_buttons: list[QToolButton] = []
        for action in self.selection_actions[1:]:
            button = QToolButton(self)
            button.setDefaultAction(action)
            self.action_buttons.append(button)
        bar.addSpacing(12)
        bar.addWidget(self.edit_button)
        for button in self.action_buttons:
            bar.addWidget(button)

    def _open(self, item_ids: list[str]) -> None:
        self.edit_requested.emit(item_ids)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_requested.emit(ids)

    def _selection_changed(self) -> None:
        self._enable_actions()
        super()._selection_changed()

    def _enable_actions(self) -> None:
        rows = self.selected_rows()
        open_rows = [r for r in rows if r.state != "transferred"]
        self.edit_action.setEnabled(bool(open_rows))
        self.exclude_action.setEnabled(any(not r.excluded and r.state in ("captured",
                                                                          "described")
                                           for r in rows))
        self.restore_action.setEnabled(any(r.excluded for r in rows))
        self.file_action.setEnabled(any(not r.excluded and r.state in ("captured", "described")
                                        for r in rows))
        self.unfile_action.setEnabled(any(r.state == "filed" for r in rows))

    # -- describing, appraising, filing ----------------------------------------------------
    def open_editor(self, item_ids: list[str]) -> QDialog | None:
        """One item: the editor; several: the batch edit. Both save through libcore."""
        if not item_ids or self.incident is None:
            return None
        dialog: QDialog
        if len(item_ids) == 1:
            dialog = ItemEditorDialog(self.services, item_ids[0], self)
        else:
            kinds = {row.kind for row in (self.model.row_at(self.model.row_of(i))
                                          for i in item_ids) if row is not None}
            dialog = BatchEditDialog(self.services, self.incident.id, item_ids, self,
                                     physical=kinds == {"physical"})
        self.dialog = dialog
        dialog.open()
        return dialog

    def exclude_selected(self) -> QInputDialog | None:
        ids = [r.id for r in self.selected_rows() if not r.excluded]
        if not ids:
            return None
        ask = QInputDialog(self)
        ask.setObjectName("excludeReason")
        ask.setWindowTitle(self.tr("Not to be archived"))
        ask.setLabelText(self.tr(
            "Why are these {count} items not to be archived (a test shot, a blurred "
            "duplicate)? They stay in the store and can be restored.").format(count=len(ids)))
        ask.textValueSelected.connect(lambda reason: self._run(
            appraise_items, self.services.repos, ids, True, reason))
        ask.open()
        self.dialog = ask
        return ask

    def restore_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.excluded]
        if ids:
            self._run(appraise_items, self.services.repos, ids, False, "")

    def file_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if not r.excluded]
        if ids and self.incident is not None:
            self._run(file_items, self.services.repos, self.incident.id, ids)

    def unfile_selected(self) -> QMessageBox | None:
        ids = [r.id for r in self.selected_rows() if r.state == "filed"]
        if not ids:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Un-file"), self.tr(
            "Take the archival codes of {count} items away? Their groups are renumbered "
            "without gaps.").format(count=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.accepted.connect(lambda: self._run(unfile_items, self.services.repos, ids))
        box.open()
        self.dialog = box
        return box

    def _run(self, fn: Callable[..., Outcome], *args: object) -> None:
        self.services.jobs.start(fn, *args, on_finished=self._done,
                                 on_failed=self._load_failed)

    def _done(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self._load_failed(outcome.error)
            return
        self.message_label.setStyleSheet("color: #1e6b34;")
        self.message_label.setText(self._outcome_text(outcome.result))
        self.message_label.show()
        self.services.changes.notify()

    def _outcome_text(self, result: object) -> str:
        if isinstance(result, FilingResult):
            text = self.tr("{count} items filed.").format(count=len(result.filed))
            if result.blocked:
                blocked = "; ".join(f"{b.title or b.item_id[:8]}: {missing_text(b.lacks)}"
                                    for b in result.blocked[:5])
                text += " " + self.tr("{count} cannot be filed yet: {items}").format(
                    count=len(result.blocked), items=blocked)
            return text
        if isinstance(result, UnfileResult):
            return self.tr("{count} items un-filed; {renumbered} renumbered.").format(
                count=len(result.unfiled), renumbered=len(result.renumbered))
        if isinstance(result, tuple) and result and hasattr(result[0], "excluded"):
            if result[0].excluded:
                return self.tr("{count} items marked not to be archived.").format(
                    count=len(result))
            return self.tr("{count} items restored for archiving.").format(count=len(result))
        return ""

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.edit_action.setText(self.tr("Describe…"))
        self.edit_action.setToolTip(self.tr(
            "Describe the selected item, or several at once (F2; double-click opens one)"))
        self.exclude_action.setText(self.tr("Not to be archived…"))
        self.exclude_action.setToolTip(self.tr(
            "Mark the selected items not to be archived (不归档), with a reason"))
        self.restore_action.setText(self.tr("Restore"))
        self.restore_action.setToolTip(self.tr("Take the selected items back for archiving"))
        self.file_action.setText(self.tr("File"))
        self.file_action.setToolTip(self.tr(
            "Give the selected complete, classified items their archival codes (归档)"))
        self.unfile_action.setText(self.tr("Un-file…"))
        self.unfile_action.setToolTip(self.tr("Take the archival codes of the selected items "
                                              "away"))
        self._enable_actions()
        super().retranslate()
