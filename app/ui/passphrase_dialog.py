"""Asking an operator's passphrase before they act with authority (e.g. become current).

The dialog only collects the passphrase; the caller hands it to the repository, which
verifies it (``app.store.passphrase``) and refuses a wrong one: authority is decided there,
never by this window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.store.errors import StoreError
from app.ui.dialog_parts import error_label, ok_cancel, show_error
from app.ui.i18n import message_text


class PassphraseDialog(QDialog):
    """``confirm(passphrase)`` runs on OK; a StoreError it raises is shown and the dialog
    stays open for another try."""

    def __init__(self, name: str, confirm: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.confirm = confirm
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.label = QLabel(self)
        self.label.setBuddy(self.passphrase_edit)
        form = QFormLayout()
        form.addRow(self.label, self.passphrase_edit)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.setMinimumWidth(420)
        self.retranslate()
        self.passphrase_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Confirm with passphrase"))
        self.text.setText(self.tr("{name} acts with authority: enter their passphrase to "
                                  "continue.").format(name=self.name))
        self.label.setText(self.tr("Pass&phrase:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        try:
            self.confirm(self.passphrase_edit.text())
        except StoreError as err:
            show_error(self.error, message_text(err))
            self.passphrase_edit.selectAll()
            self.passphrase_edit.setFocus()
            return
        super().accept()
