"""The operator form (name, unit, position, role, passphrase twice for authority roles).

Used by the first-run dialog and by Settings ▸ Operators. It checks what it can in the
interface language; the repository has the last word (its InvalidInput message is shown).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain import codes
from app.store.passphrase import MIN_LENGTH
from app.store.records import OperatorRecord
from app.store.repositories import Repositories
from app.ui.labels import fill_code_combo


class OperatorForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.unit_edit = QLineEdit(self)
        self.position_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        self.passphrase_edit = QLineEdit(self)
        self.repeat_edit = QLineEdit(self)
        for edit in (self.passphrase_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.name_edit, self.unit_edit, self.position_edit):
            edit.setMaxLength(200)

        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        for key, field in (("name", self.name_edit), ("unit", self.unit_edit),
                           ("position", self.position_edit), ("role", self.role_combo),
                           ("passphrase", self.passphrase_edit), ("repeat", self.repeat_edit)):
            label = QLabel(self)
            label.setBuddy(field)
            self.labels[key] = label
            self.layout_.addRow(label, field)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.retranslate()
        self._role_changed()

    def retranslate(self) -> None:
        texts = {
            "name": self.tr("&Name:"),
            "unit": self.tr("&Unit:"),
            "position": self.tr("P&osition:"),
            "role": self.tr("&Role:"),
            "passphrase": self.tr("Pass&phrase:"),
            "repeat": self.tr("Repea&t passphrase:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.name_edit.setPlaceholderText(self.tr("e.g. 张伟"))
        self.unit_edit.setPlaceholderText(self.tr("e.g. 自治区档案馆"))
        self.position_edit.setPlaceholderText(self.tr("e.g. archivist on site"))
        self.passphrase_edit.setPlaceholderText(
            self.tr("at least {n} characters").format(n=MIN_LENGTH))
        self.passphrase_edit.setToolTip(
            self.tr("Reviewers and supervisors confirm their sign-offs with a passphrase."))
        self.role_combo.blockSignals(True)
        fill_code_combo(self.role_combo, codes.ROLE)
        self.role_combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def role(self) -> str:
        return str(self.role_combo.currentData() or "archivist")

    def needs_passphrase(self) -> bool:
        return self.role in codes.ROLES_WITH_PASSPHRASE

    def _role_changed(self) -> None:
        needed = self.needs_passphrase()
        self.layout_.setRowVisible(self.passphrase_edit, needed)
        self.layout_.setRowVisible(self.repeat_edit, needed)

    def check(self) -> str | None:
        """A message in the interface language for what is missing, and focus on that field."""
        problem: tuple[QWidget, str] | None = None
        if not self.name_edit.text().strip():
            problem = (self.name_edit, self.tr("Enter the operator's name."))
        elif not self.unit_edit.text().strip():
            problem = (self.unit_edit,
                       self.tr("Enter the operator's unit (the organisation they work for)."))
        elif self.needs_passphrase():
            if len(self.passphrase_edit.text()) < MIN_LENGTH:
                problem = (self.passphrase_edit,
                           self.tr("A reviewer or supervisor needs a passphrase of at least "
                                   "{n} characters.").format(n=MIN_LENGTH))
            elif self.passphrase_edit.text() != self.repeat_edit.text():
                problem = (self.repeat_edit, self.tr("The two passphrases differ."))
        if problem is None:
            return None
        problem[0].setFocus()
        return problem[1]

    def save(self, repos: Repositories, make_default: bool | None = None) -> OperatorRecord:
        """Add the operator (raises InvalidInput with the repository's sentence)."""
        return repos.operators.add(
            self.name_edit.text(), self.unit_edit.text(), self.role,
            position=self.position_edit.text(),
            passphrase=self.passphrase_edit.text() if self.needs_passphrase() else None,
            make_default=make_default,
        )

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.name_edit, self.unit_edit, self.position_edit, self.role_combo,
                       self.passphrase_edit, self.repeat_edit):
            widget.setEnabled(not read_only)
