"""The export wizard: scope and carrier → pre-flight → reviewer's approval → export.

Every slow step (pre-flight, unlocking the reviewer's key, writing the package) runs in
the worker; Cancel on the last page stops the export, which then leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.export.catalogue import CHECKS, PROPERTIES, PROPERTY_ZH
from app.export.layout import FORM_PDF
from app.export.pipeline import ExportResult, export_incident, preflight
from app.export.plan import Options, parse_size
from app.export.report import Report
from app.export.seal import Signer
from app.store.records import IncidentRecord
from app.store.transfer_records import ExportEvent, ExportSource
from app.ui.export.history_page import HistoryPage
from app.ui.i18n import is_chinese
from app.ui.library.item_editor import ItemEditorDialog
from app.ui.log.review_dialog import reviewers
from app.ui.person_text import person_text
from app.ui.services import UiServices


class ScopePage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.all_items = QRadioButton(self)
        self.all_items.setObjectName("scopeAll")
        self.all_items.setChecked(True)
        self.classified = QRadioButton(self)
        self.classified.setObjectName("scopeClassified")
        self.target = QLineEdit(self)
        self.target.setObjectName("target")
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(self.browse)
        self.carrier_type = QComboBox(self)
        self.carrier_type.setEditable(True)
        self.carrier_type.addItems(["移动硬盘", "光盘", "U盘"])
        self.carrier_number = QLineEdit(self)
        self.carrier_number.setObjectName("carrierNumber")
        self.carrier_size = QLineEdit(self)
        self.carrier_size.setObjectName("carrierSize")
        self.zip = QCheckBox(self)
        self.zip.setObjectName("zip")
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(4)]
        self.form.addRow(self.labels[0], row)
        for label, field in zip(self.labels[1:], (self.carrier_type, self.carrier_number,
                                                  self.carrier_size), strict=True):
            self.form.addRow(label, field)
        self.labels[0].setBuddy(self.target)
        self.labels[1].setBuddy(self.carrier_type)
        self.labels[2].setBuddy(self.carrier_number)
        self.labels[3].setBuddy(self.carrier_size)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.all_items)
        layout.addWidget(self.classified)
        layout.addLayout(self.form)
        layout.addWidget(self.zip)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.target.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Target folder"))
        if folder:
            self.target.setText(folder)

    def isComplete(self) -> bool:
        return bool(self.target.text().strip())

    def validatePage(self) -> bool:
        target = Path(self.target.text().strip())
        if not target.is_dir():
            self.error.setText(self.tr("The target folder does not exist."))
            return False
        size = None
        if self.carrier_size.text().strip():
            try:
                size = parse_size(self.carrier_size.text())
            except ValueError:
                self.error.setText(self.tr("The carrier size is not a size (e.g. 4.7G, 700M)."))
                return False
        self.error.clear()
        self.w.target = target
        self.w.export_options = Options(carrier_size=size,
                                 carrier_type=self.carrier_type.currentText().strip(),
                                 carrier_number=self.carrier_number.text().strip(),
                                 classified=self.classified.isChecked())
        self.w.as_zip = self.zip.isChecked()
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Scope and carrier"))
        name = self.w.incident.name if self.w.incident else ""
        self.setSubTitle(self.tr("Transfer filed items of {incident} to the archive.").format(
            incident=name))
        self.all_items.setText(self.tr("&All filed items not yet transferred"))
        self.classified.setText(self.tr("A separate &classified batch (秘密 and above)"))
        self.browse.setText(self.tr("&Browse…"))
        for label, text in zip(self.labels, (self.tr("&Target folder:"), self.tr("Carrier t&ype:"),
                                             self.tr("Carrier &number:"),
                                             self.tr("Carrier s&ize (optional):")), strict=True):
            label.setText(text)
        self.carrier_size.setPlaceholderText(self.tr("e.g. 4.7G; larger batches are split"))
        self.zip.setText(self.tr("One &ZIP file per package (stored, not compressed)"))


class PreflightPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.report: Report | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("preflightTree")
        self.tree.setColumnCount(3)
        self.tree.setWordWrap(True)  # a long finding wraps in its column
        header = self.tree.header()
        header.setStretchLastSection(False)  # the result text gets the room, not the button
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.item_of: dict[str, str] = {}  # a result's subject (档号 or id) -> item id
        self.fix_buttons: dict[str, list[QPushButton]] = {}  # item id -> its buttons
        self.editor: ItemEditorDialog | None = None
        self.reason = QLineEdit(self)
        self.reason.setObjectName("warningReason")
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        self.reason.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.report = None
        self.tree.clear()
        self.summary.setText(self.tr("Running the four-property check…"))
        self.completeChanged.emit()
        incident = self.w.incident
        assert incident is not None
        classified = self.w.export_options.classified

        def run(cancel: threading.Event, progress: Any) -> tuple[Report, ExportSource]:
            source, _log, report = preflight(self.w.services.repos, incident.id,
                                             classified=classified, cancel=cancel)
            return report, source

        self.w.services.jobs.start(run, on_finished=self._show, on_failed=self._failed)

    def _failed(self, message: str) -> None:
        self.summary.setText(message)

    def _show(self, outcome: tuple[Report, ExportSource]) -> None:
        report, source = outcome
        excluded = len(source.excluded)
        self.w.source_events = source.events
        self.item_of = {i.archival_code or i.id: i.id for i in source.items}
        self.fix_buttons = {}
        self.report = report
        self.tree.clear()
        zh = is_chinese()
        for prop in PROPERTIES:
            top = QTreeWidgetItem(self.tree, [PROPERTY_ZH[prop] if zh else prop.capitalize()])
            bad_prop = 0
            for check in (c for c in CHECKS if c.prop == prop):
                mine = [r for r in report.results if r.check == check.id]
                if not mine:
                    continue
                bad = [r for r in mine if not r.ok]
                bad_prop += len(bad)
                state = (self.tr("pass") if not bad else self.tr("BLOCKS") if any(
                    r.blocking for r in bad) else self.tr("warning"))
                node = QTreeWidgetItem(top, [f"{check.title_zh if zh else check.title_en} "
                                             f"({check.dat70})", state])
                for r in bad:
                    row = QTreeWidgetItem(node, [r.subject, r.text("zh" if zh else "en")])
                    row.setToolTip(1, row.text(1))
                    if r.subject in self.item_of:
                        self._fix_button(row, self.item_of[r.subject])
                node.setExpanded(bool(bad))
            top.setExpanded(True)
            top.setText(1, self.tr("{count} problem(s)").format(count=bad_prop) if bad_prop
                        else self.tr("pass"))
        self.tree.resizeColumnToContents(0)
        blocking, warnings = len(report.blocking), len(report.warnings)
        if blocking:
            self.summary.setText(self.tr("{count} required check(s) fail: open each item to "
                                         "fix it; the check runs again after each save."
                                         ).format(count=blocking))
        elif warnings:
            self.summary.setText(self.tr("Every required check passes; {count} warning(s) need a "
                                    "reason to go ahead.").format(count=warnings))
        else:
            self.summary.setText(self.tr("Every check passes."))
        if excluded:
            text = (self.tr("{count} item(s) classified 秘密 or higher are left out; they go "
                            "only in a separate classified batch.") if not
                    self.w.export_options.classified else
                    self.tr("{count} item(s) not classified are left out of this classified "
                            "batch."))
            self.summary.setText(self.summary.text() + "\n" + text.format(count=excluded))
        self.reason.setVisible(bool(warnings) and not blocking)
        self.reason_label.setVisible(bool(warnings) and not blocking)
        self.completeChanged.emit()

    def _fix_button(self, row: QTreeWidgetItem, item_id: str) -> None:
        """A button on the failure's row that opens the item in the metadata editor."""
        button = QPushButton(self.tr("&Fix…"), self.tree)
        button.setToolTip(self.tr("Open this item in the metadata editor; the check runs "
                                  "again after you save"))
        button.setObjectName("fixItem")
        button.setProperty("item_id", item_id)
        button.clicked.connect(lambda: self.open_item(item_id))
        self.tree.setItemWidget(row, 2, button)
        self.fix_buttons.setdefault(item_id, []).append(button)

    def open_item(self, item_id: str) -> ItemEditorDialog:
        """The item's metadata editor; a save runs the check again."""
        dialog = ItemEditorDialog(self.w.services, item_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._edited)
        self.editor = dialog
        dialog.open()
        return dialog

    def _edited(self, _result: object) -> None:
        self.w.services.changes.notify()
        self.initializePage()

    def isComplete(self) -> bool:
        r = self.report
        if r is None or r.blocking:
            return False
        return not r.warnings or bool(self.reason.text().strip())

    def validatePage(self) -> bool:
        self.w.accepted_warnings = self.reason.text().strip()
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Pre-flight check (四性检测)"))
        self.setSubTitle(self.tr("The four-property check of DA/T 70-2018 on every item."))
        self.tree.setHeaderLabels([self.tr("Check"), self.tr("Result"), self.tr("Fix")])
        self.reason_label.setText(self.tr("&Reason for accepting the warnings:"))


class ApprovalPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.reviewer = QComboBox(self)
        self.reviewer.setObjectName("reviewer")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel(self), QLabel(self)]
        self.labels[0].setBuddy(self.reviewer)
        self.labels[1].setBuddy(self.passphrase)
        form = QFormLayout(self)
        form.addRow(self.labels[0], self.reviewer)
        form.addRow(self.labels[1], self.passphrase)
        self.passphrase.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.reviewer.clear()
        for op in reviewers(self.w.services):
            self.reviewer.addItem(person_text(op.name, op.unit), op.name)
        self.passphrase.clear()
        self.passphrase.setFocus()

    def isComplete(self) -> bool:
        return self.reviewer.currentIndex() >= 0 and bool(self.passphrase.text())

    def validatePage(self) -> bool:
        self.w.reviewer = str(self.reviewer.currentData())
        self.w.passphrase = self.passphrase.text()
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Approval (审核)"))
        self.setSubTitle(self.tr("The reviewer's key signs the package; their passphrase opens "
                            "it. The key never leaves this computer."))
        self.labels[0].setText(self.tr("&Reviewer:"))
        self.labels[1].setText(self.tr("&Passphrase:"))


class RunPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.result: ExportResult | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.worker: Any = None
        self.setCommitPage(True)

    def initializePage(self) -> None:
        self.result = None
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Opening the reviewer's key…"))
        w = self.w
        incident = w.incident
        assert incident is not None
        services = w.services

        def run(cancel: threading.Event, progress: Any) -> ExportResult:
            reviewer, key = services.repos.operators.unlock_signing_key(
                w.reviewer, w.passphrase, role="reviewer")
            return export_incident(
                services.repos, incident.id, w.target, Signer(key, reviewer.name),
                as_zip=w.as_zip, options=w.export_options, accepted_warnings=w.accepted_warnings,
                progress=lambda stage, done, total: progress(done, total, stage),
                cancel=cancel)

        self.worker = services.jobs.start(run, on_finished=self._done,
                                          on_failed=self._failed,
                                          on_progress=self._progress)

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * done / total) if total else 1000)
        self.status.setText(self.tr("Writing the package…"))

    def _done(self, result: ExportResult) -> None:
        self.worker = None
        self.result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        b = result.batch
        lines = [self.tr("Transferred {items} item(s), {gb} GB, batch {number}.").format(
            items=b.item_count, gb=f"{b.byte_count / 1024 ** 3:.3f}", number=b.number)]
        lines += [str(p) for p in result.paths]
        if not self.w.as_zip:
            lines.append(self.tr("Registration form: {path}").format(
                path=result.paths[0] / FORM_PDF))
        lines.append(self.tr("Key fingerprint (write it on the signed form): {fp}").format(
            fp=b.fingerprint))
        self.status.setText("\n".join(lines))
        self.w.services.changes.notify()
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.worker = None
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(message)
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def isComplete(self) -> bool:
        return self.result is not None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Export"))
        self.setSubTitle(self.tr("The package is written under a temporary name and appears "
                            "only when it is complete."))


class ExportWizard(QWizard):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportWizard")
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.target = Path()
        self.export_options = Options()
        self.as_zip = False
        self.accepted_warnings = ""
        self.reviewer = ""
        self.passphrase = ""
        self.scope = ScopePage(self)
        self.source_events: Sequence[ExportEvent] = ()  # what pre-flight found
        self.check = PreflightPage(self)
        self.history = HistoryPage(self)
        self.approval = ApprovalPage(self)
        self.running = RunPage(self)
        for page in (self.scope, self.check, self.history, self.approval, self.running):
            self.addPage(page)
        self.rejected.connect(self.running.cancel)
        self.setMinimumSize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Transfer to the archive"))
        for page in (self.scope, self.check, self.history, self.approval, self.running):
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
