"""Settings ▸ Operators: the store's operators, adding one, choosing the default."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import OperatorRecord
from app.store.repositories import Repositories
from app.ui.dialog_parts import error_label, ok_cancel, show_error
from app.ui.errors import show_known_error
from app.ui.i18n import message_text
from app.ui.models.operator_model import COLUMN_KEYS, OperatorTableModel
from app.ui.operator_form import OperatorForm
from app.ui.passphrase_dialog import PassphraseDialog


class AddOperatorDialog(QDialog):
    def __init__(self, repos: Repositories, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repos = repos
        self.operator: OperatorRecord | None = None
        self.form = OperatorForm(self)
        self.default_check = QCheckBox(self)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        for widget in (self.form, self.default_check, self.error, ok_cancel(self)):
            layout.addWidget(widget)
        self.setMinimumWidth(440)
        self.retranslate()
        self.form.name_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add operator"))
        self.default_check.setText(self.tr("&Make this the default operator"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        problem = self.form.check()
        if problem:
            show_error(self.error, problem)
            return
        try:
            self.operator = self.form.save(
                self.repos, make_default=True if self.default_check.isChecked() else None)
        except StoreError as err:
            show_error(self.error, message_text(err))
            return
        super().accept()


class OperatorsDialog(QDialog):
    """Emits ``operators_changed`` after an operator is added or the default changes."""

    operators_changed = Signal()

    def __init__(self, repos: Repositories, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repos = repos
        self.model = OperatorTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_KEYS.index("unit"), QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self)
        self.default_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_operator)
        self.default_button.clicked.connect(self.make_default)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_box.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.resize(620, 340)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Operators"))
        self.add_button.setText(self.tr("&Add operator…"))
        self.default_button.setText(self.tr("Make &default"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self, select_name: str | None = None) -> None:
        default = self.repos.operators.default()
        self.model.set_operators(self.repos.operators.list(), default.id if default else None)
        row = self.model.row_of(select_name) if select_name else -1
        if row >= 0:
            self.view.selectRow(row)
        self._update_buttons()

    def selected(self) -> OperatorRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.default_button.setEnabled(self.selected() is not None)

    def add_operator(self) -> AddOperatorDialog:
        """Opens the add dialog (window-modal, not blocking) and returns it."""
        dialog = AddOperatorDialog(self.repos, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.open()
        return dialog

    def _added(self, dialog: AddOperatorDialog) -> None:
        self.reload(dialog.operator.name if dialog.operator else None)
        self.operators_changed.emit()

    def make_default(self) -> PassphraseDialog | None:
        """A reviewer or supervisor becomes current only with their passphrase (asked in
        a dialog, returned; the repository verifies it)."""
        op = self.selected()
        if op is None:
            return None
        if op.role in codes.ROLES_WITH_PASSPHRASE:
            dialog = PassphraseDialog(
                op.name, lambda passphrase: self.repos.operators.set_default(op.name,
                                                                             passphrase), self)
            dialog.accepted.connect(lambda: self._made_default(op.name))
            dialog.open()
            return dialog
        try:
            self.repos.operators.set_default(op.name)
        except StoreError as err:
            show_known_error(self, err)
            return None
        self._made_default(op.name)
        return None

    def _made_default(self, name: str) -> None:
        self.reload(name)
        self.operators_changed.emit()
