"""What the one-item editor and the batch edit share: the error line, Save and Cancel, and
the save itself (libcore's ``describe`` in the worker; a refusal shown in the dialog, which
stays open because nothing was saved; after a save the store's change is announced and
``saved`` carries the DescribeResult)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.ui.dialog_parts import error_label, show_error
from app.ui.library.edit_jobs import Outcome, describe_items
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices


class DescribeDialog(Retranslating, QDialog):
    saved = Signal(object)  # DescribeResult

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saving = False
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        """Collect the changes and ``describe`` them (each dialog its own way)."""

    def describe(self, item_ids: Sequence[str], changes: dict[str, Any]) -> None:
        self.saving = True
        self.save_button.setEnabled(False)
        self.services.jobs.start(describe_items, self.services.repos, list(item_ids), changes,
                                 on_finished=self._saved, on_failed=self._save_failed)

    def _saved(self, outcome: Outcome) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if outcome.error is not None:
            show_error(self.error, outcome.error)
            return
        self.services.changes.notify()
        self.saved.emit(outcome.result)
        self.accept()

    def _save_failed(self, message: str) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        show_error(self.error, message)

    def retranslate_buttons(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
