"""Review (审核) of one or many entries: reviewer, passphrase, opinion; approve, or return
with comments. All or none: a wrong passphrase or an entry the reviewer recorded stores
nothing, and says so."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import OperatorRecord
from app.store.worklog_records import LogEntryView
from app.ui.dialog_parts import error_label, show_error
from app.ui.labels import code_label
from app.ui.log.jobs import PASSPHRASE_REFUSED, ReviewOutcome, review_entries
from app.ui.person_text import person_text
from app.ui.services import UiServices

REVIEWER_ROLES = ("reviewer", "supervisor")
SHOWN_NUMBERS = 12


def reviewers(services: UiServices) -> list[OperatorRecord]:
    """Operators who may sign off entries."""
    try:
        return [op for op in services.repos.operators.list() if op.role in REVIEWER_ROLES]
    except StoreError:
        return []


class ReviewDialog(QDialog):
    reviewed = Signal(object)  # tuple[LogReviewRecord, ...]

    def __init__(self, services: UiServices, views: Sequence[LogEntryView],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logReviewDialog")
        self.services = services
        self.views = sorted(views, key=lambda v: v.entry.seq)
        self.outcome: ReviewOutcome | None = None
        self._busy = False

        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.reviewer_combo = QComboBox(self)
        self.reviewer_combo.setObjectName("reviewer")
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.opinion_edit = QPlainTextEdit(self)
        self.opinion_edit.setObjectName("opinion")
        self.opinion_edit.setTabChangesFocus(True)
        self.opinion_edit.setFixedHeight(80)
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        for widget in (self.reviewer_combo, self.passphrase_edit, self.opinion_edit):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels.append(label)
            self.form.addRow(label, widget)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approve")
        self.approve_button.setDefault(True)
        self.return_button = QPushButton(self)
        self.return_button.setObjectName("returnEntries")
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.approve_button.clicked.connect(lambda: self.submit(returned=False))
        self.return_button.clicked.connect(lambda: self.submit(returned=True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

        self._reviewers = reviewers(services)
        default = services.repos.operators.default()
        for op in self._reviewers:
            who = person_text(op.name, code_label(codes.ROLE, op.role), op.unit)
            self.reviewer_combo.addItem(who, op.name)
        # The person at the laptop is usually the one signing, if they may.
        if default is not None:
            index = self.reviewer_combo.findData(default.name)
            if index >= 0:
                self.reviewer_combo.setCurrentIndex(index)
        self.retranslate()
        self.passphrase_edit.setFocus()

    def reviewer(self) -> OperatorRecord | None:
        name = self.reviewer_combo.currentData()
        return next((op for op in self._reviewers if op.name == name), None)

    def submit(self, returned: bool) -> None:
        if self._busy:
            return
        signer = self.reviewer()
        opinion = self.opinion_edit.toPlainText().strip()
        if signer is None:
            show_error(self.error, self.tr("No operator may review: add one with the reviewer "
                                           "role under Settings ▸ Operators."))
            return
        if not self.passphrase_edit.text():
            show_error(self.error, self.tr("Enter {name}'s passphrase.").format(
                name=signer.name))
            self.passphrase_edit.setFocus()
            return
        if returned and not opinion:
            show_error(self.error, self.tr("Returning needs comments saying what to correct; "
                                           "nothing was stored."))
            self.opinion_edit.setFocus()
            return
        own = [v.entry.seq for v in self.views if v.entry.recorder_id == signer.id]
        if own:
            show_error(self.error, self._own_entries_text(signer.name, own))
            return
        show_error(self.error, None)
        self._set_busy(True)
        self.services.jobs.start(
            review_entries, self.services.repos, [v.id for v in self.views], signer.name,
            self.passphrase_edit.text(), opinion, returned,
            on_finished=self._done, on_failed=self._failed)

    def _own_entries_text(self, name: str, seqs: Sequence[int]) -> str:
        return self.tr("{name} recorded entry {numbers}; an entry must be reviewed by someone "
                       "else. Nothing was stored.").format(
            name=name, numbers=", ".join(f"#{s}" for s in seqs))

    def _done(self, outcome: ReviewOutcome) -> None:
        self._set_busy(False)
        self.outcome = outcome
        signer = self.reviewer()
        name = signer.name if signer else ""
        if outcome.refused == PASSPHRASE_REFUSED:
            show_error(self.error, self.tr("Wrong passphrase for {name}; nothing was stored.")
                       .format(name=name))
            self.passphrase_edit.selectAll()
            self.passphrase_edit.setFocus()
            return
        if outcome.refused is not None:  # the repository found an entry the signer recorded
            own = [v.entry.seq for v in self.views if v.entry.recorder_name == name]
            show_error(self.error, self._own_entries_text(name, own) if own
                       else outcome.message)
            return
        self.passphrase_edit.clear()
        self.reviewed.emit(outcome.reviews)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        show_error(self.error, self.tr("Nothing was stored: {reason}").format(reason=message))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.approve_button.setEnabled(not busy)
        self.return_button.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def retranslate(self) -> None:
        count = len(self.views)
        numbers = ", ".join(f"#{v.entry.seq}" for v in self.views[:SHOWN_NUMBERS])
        if count > SHOWN_NUMBERS:
            numbers += " …"
        self.setWindowTitle(self.tr("Review work-log entries"))
        self.about.setText(self.tr("Review %n entries: {numbers}. The reviewer confirms "
                                   "with their passphrase; nobody reviews their own entries.",
                                   "", count).format(numbers=numbers))
        labels = (self.tr("&Reviewer"), self.tr("&Passphrase"), self.tr("&Opinion"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.opinion_edit.setPlaceholderText(self.tr("Optional when approving; required when "
                                                     "returning"))
        self.approve_button.setText(self.tr("&Approve"))
        self.return_button.setText(self.tr("Re&turn with comments"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
