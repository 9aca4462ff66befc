"""The incident's retention schedule (归档范围和档案保管期限表) in a window: view it, edit it
as a new version (earlier versions are kept), approve the latest version with a reviewer's
passphrase, and print it to PDF. Every store call runs in the worker; a refusal (a wrong
passphrase, a duplicate key) is shown in the window in the user's language."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import OperatorRecord, RetentionCategoryRecord, ScheduleRecord
from app.store.repositories import Repositories
from app.ui.dialog_parts import error_label, show_error
from app.ui.i18n import message_text
from app.ui.labels import code_label, format_time
from app.ui.person_text import person_text
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices
from app.ui.worker import ProgressCallback

KEY, NAME_ZH, NAME_EN, RETENTION = range(4)
APPROVERS = ("reviewer", "supervisor")


@dataclass(frozen=True)
class ScheduleView:
    schedule: ScheduleRecord
    approver_name: str | None
    approvers: tuple[OperatorRecord, ...]


def load_schedule(repos: Repositories, incident_id: str, *, cancel: threading.Event,
                  progress: ProgressCallback) -> ScheduleView:
    printout = repos.schedules.printout(incident_id)
    approvers = tuple(o for o in repos.operators.list() if o.role in APPROVERS)
    return ScheduleView(printout.schedule, printout.approver_name, approvers)


def schedule_call(fn: Any, *args: Any, cancel: threading.Event,
                  progress: ProgressCallback) -> Any:
    """A schedule repository call; a refusal comes back as its sentence, translated."""
    try:
        return fn(*args)
    except StoreError as err:
        return message_text(err)


def print_schedule(repos: Repositories, incident_id: str, out: Path, *,
                   cancel: threading.Event, progress: ProgressCallback) -> Path | str:
    from app.export.schedule_pdf import write_schedule_pdf  # fpdf2 loads when first used

    try:
        write_schedule_pdf(repos.schedules.printout(incident_id), out)
    except StoreError as err:
        return message_text(err)
    except OSError as err:
        return f"{out}: {err.strerror or err}"
    return out


def _text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


class ScheduleWindow(Retranslating, QDialog):
    loaded = Signal()
    changed = Signal(object)  # ScheduleRecord after a revision or an approval
    printed = Signal(object)  # the PDF's path

    def __init__(self, services: UiServices, incident_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleWindow")
        self.services = services
        self.incident_id = incident_id
        self.view: ScheduleView | None = None
        self.editing = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("scheduleTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editSchedule")
        self.edit_button.clicked.connect(self.start_editing)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_row)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveSchedule")
        self.save_button.clicked.connect(self.save_version)
        self.cancel_edit_button = QPushButton(self)
        self.cancel_edit_button.clicked.connect(self.reload)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printSchedule")
        self.print_button.clicked.connect(self.choose_pdf)
        edit_bar = QHBoxLayout()
        for button in (self.edit_button, self.add_button, self.remove_button,
                       self.save_button, self.cancel_edit_button):
            edit_bar.addWidget(button)
        edit_bar.addStretch(1)
        edit_bar.addWidget(self.print_button)
        self.approve_box = QGroupBox(self)
        self.approver_combo = QComboBox(self.approve_box)
        self.passphrase_edit = QLineEdit(self.approve_box)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reference_edit = QLineEdit(self.approve_box)
        self.approve_button = QPushButton(self.approve_box)
        self.approve_button.setObjectName("approveSchedule")
        self.approve_button.clicked.connect(self.approve)
        self.approver_label = QLabel(self.approve_box)
        self.passphrase_label = QLabel(self.approve_box)
        self.reference_label = QLabel(self.approve_box)
        form = QFormLayout(self.approve_box)
        for label, widget in ((self.approver_label, self.approver_combo),
                              (self.passphrase_label, self.passphrase_edit),
                              (self.reference_label, self.reference_edit)):
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.approve_button)
        self.error = error_label(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #1e6b34;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_bar)
        layout.addWidget(self.approve_box)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self.resize(820, 680)
        self.retranslate()
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.editing = False
        self.services.jobs.start(load_schedule, self.services.repos, self.incident_id,
                                 on_finished=self._loaded, on_failed=self._refused)

    def _loaded(self, view: ScheduleView) -> None:
        self.view = view
        self._fill(view.schedule.categories)
        self.retranslate()
        self.loaded.emit()

    def _fill(self, categories: tuple[RetentionCategoryRecord, ...]) -> None:
        self.table.setRowCount(0)
        for c in categories:
            self._append(c)
        self.table.resizeColumnsToContents()

    def _append(self, c: RetentionCategoryRecord) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((KEY, c.key), (NAME_ZH, c.name_zh), (NAME_EN, c.name_en)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        # Plain text to read; a choice only while editing (a disabled combo reads badly).
        item = QTableWidgetItem(code_label(codes.RETENTION, c.retention))
        item.setData(Qt.ItemDataRole.UserRole, c.retention)
        self.table.setItem(row, RETENTION, item)
        if self.editing:
            self._make_choice(row)

    def _make_choice(self, row: int) -> None:
        item = self.table.item(row, RETENTION)
        current = item.data(Qt.ItemDataRole.UserRole) if item is not None else "Y"
        combo = QComboBox(self.table)
        for code in codes.RETENTION.values():
            combo.addItem(code_label(codes.RETENTION, code), code)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        self.table.setCellWidget(row, RETENTION, combo)

    # -- editing -----------------------------------------------------------------------------
    def start_editing(self) -> None:
        self.editing = True
        self._apply_editing()

    def _apply_editing(self) -> None:
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked
                    | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed) if self.editing else \
            QAbstractItemView.EditTrigger.NoEditTriggers
        self.table.setEditTriggers(triggers)
        for row in range(self.table.rowCount()):
            if self.editing and self.table.cellWidget(row, RETENTION) is None:
                self._make_choice(row)
        self.edit_button.setEnabled(not self.editing and self.view is not None)
        for button in (self.add_button, self.remove_button, self.save_button,
                       self.cancel_edit_button):
            button.setVisible(self.editing)
        self.approve_box.setEnabled(not self.editing and self.view is not None
                                    and self.view.schedule.status != "approved")

    def add_row(self) -> None:
        self._append(RetentionCategoryRecord("", "", "", "Y"))
        self.table.setCurrentCell(self.table.rowCount() - 1, KEY)
        item = self.table.item(self.table.rowCount() - 1, KEY)
        if item is not None:
            self.table.editItem(item)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def categories(self) -> list[RetentionCategoryRecord]:
        out = []
        for row in range(self.table.rowCount()):
            texts = [_text(self.table.item(row, c)) for c in (KEY, NAME_ZH, NAME_EN)]
            combo = self.table.cellWidget(row, RETENTION)
            item = self.table.item(row, RETENTION)
            retention = (combo.currentData() if isinstance(combo, QComboBox)
                         else item.data(Qt.ItemDataRole.UserRole) if item is not None else "Y")
            out.append(RetentionCategoryRecord(texts[0], texts[1], texts[2], retention))
        return out

    def save_version(self) -> None:
        categories = self.categories()
        if any(not c.key or not c.name_zh for c in categories):
            show_error(self.error, self.tr("Every category needs a key and a Chinese name."))
            return
        show_error(self.error, None)
        self.services.jobs.start(schedule_call, self.services.repos.schedules.revise,
                                 self.incident_id, categories, on_finished=self._changed,
                                 on_failed=self._refused)

    def approve(self) -> None:
        approver = self.approver_combo.currentData()
        if not approver:
            show_error(self.error, self.tr("Add a reviewer (Settings ▸ Operators) to approve "
                                           "the schedule."))
            return
        show_error(self.error, None)
        self.services.jobs.start(schedule_call, self.services.repos.schedules.approve,
                                 self.incident_id, approver, self.passphrase_edit.text(),
                                 self.reference_edit.text(), on_finished=self._changed,
                                 on_failed=self._refused)

    def _changed(self, outcome: ScheduleRecord | str) -> None:
        if isinstance(outcome, str):
            self._refused(outcome)
            return
        self.passphrase_edit.clear()
        self.note.setText(self.tr("Saved: version {version}, {status}.").format(
            version=outcome.version, status=self._status_text(outcome.status)))
        self.services.changes.notify()
        self.changed.emit(outcome)
        self.reload()

    def _refused(self, message: str) -> None:
        show_error(self.error, message)

    # -- printing ------------------------------------------------------------------------------
    def choose_pdf(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Print the schedule to PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile("归档范围和档案保管期限表.pdf")
        dialog.fileSelected.connect(lambda name: self.print_to(Path(name)))
        dialog.open()
        return dialog

    def print_to(self, out: Path) -> None:
        self.note.setText(self.tr("Writing the PDF…"))
        self.services.jobs.start(print_schedule, self.services.repos, self.incident_id, out,
                                 on_finished=self._printed, on_failed=self._refused)

    def _printed(self, outcome: Path | str) -> None:
        if isinstance(outcome, str):
            self.note.clear()
            self._refused(outcome)
            return
        self.note.setText(self.tr("Printed to {path}").format(path=outcome))
        self.printed.emit(outcome)

    # -- language ------------------------------------------------------------------------------
    def _status_text(self, status: str) -> str:
        return self.tr("approved") if status == "approved" else self.tr("draft, not approved")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Retention schedule"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Category (中文)"),
                                              self.tr("Category (English)"),
                                              self.tr("Retention")])
        self.edit_button.setText(self.tr("Edit as a new version"))
        self.add_button.setText(self.tr("Add category"))
        self.remove_button.setText(self.tr("Remove category"))
        self.save_button.setText(self.tr("Save as a new version"))
        self.cancel_edit_button.setText(self.tr("Discard changes"))
        self.print_button.setText(self.tr("Print to PDF…"))
        self.approve_box.setTitle(self.tr("Approve the latest version"))
        self.approver_label.setText(self.tr("Reviewer"))
        self.passphrase_label.setText(self.tr("Passphrase"))
        self.reference_label.setText(self.tr("Approval document"))
        self.reference_edit.setPlaceholderText(self.tr("e.g. 内档发〔2025〕12号"))
        self.approve_button.setText(self.tr("Approve"))
        view = self.view
        if view is None:
            self.heading.setText(self.tr("Loading…"))
        else:
            s = view.schedule
            text = self.tr("{name}, version {version}: {status}").format(
                name=s.name, version=s.version, status=self._status_text(s.status))
            if s.status == "approved":
                text += " " + self.tr("({reference}, by {approver}, {time})").format(
                    reference=s.approval_ref, approver=view.approver_name or "",
                    time=format_time(s.approved_at.astimezone() if s.approved_at else None))
            self.heading.setText(text)
            selected = self.approver_combo.currentData()
            self.approver_combo.clear()
            for op in view.approvers:
                self.approver_combo.addItem(
                    person_text(op.name, code_label(codes.ROLE, op.role)), op.name)
            self.approver_combo.setCurrentIndex(max(self.approver_combo.findData(selected), 0))
            for row in range(self.table.rowCount()):
                combo = self.table.cellWidget(row, RETENTION)
                if isinstance(combo, QComboBox):
                    for i in range(combo.count()):
                        combo.setItemText(i, code_label(codes.RETENTION, combo.itemData(i)))
                item = self.table.item(row, RETENTION)
                if item is not None:
                    item.setText(code_label(codes.RETENTION,
                                            item.data(Qt.ItemDataRole.UserRole)))
        self._apply_editing()
