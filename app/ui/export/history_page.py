"""The wizard's history page: which audit events go with the items, and which earlier
values leave the laptop as digests only.

Every field that changed in the exported items' history is listed with how often and in
how many items; the user ticks fields (or "all changed values") whose earlier values must
not leave the laptop. The export then replaces those values by ``sha256:<hex>`` digests
(``app.export.redaction``); the chain still verifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.export.redaction import ALL, FieldHistory, changed_fields
from app.store.transfer_records import ExportEvent
from app.ui.library.description_fields import LABELS, label

if TYPE_CHECKING:
    from app.ui.export.wizard import ExportWizard

FIELD_ROLE = Qt.ItemDataRole.UserRole


class HistoryPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.events: Sequence[ExportEvent] = ()
        self.fields: list[FieldHistory] = []
        self.rows: list[QTreeWidgetItem] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.summary.setWordWrap(True)
        self.all_values = QCheckBox(self)
        self.all_values.setObjectName("redactAll")
        self.all_values.toggled.connect(self._all_toggled)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("historyFields")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.all_values)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)

    def initializePage(self) -> None:
        self.events = self.w.source_events
        self.fields = changed_fields(self.events)
        self.all_values.setChecked(False)
        self.tree.clear()
        self.rows = []
        for f in self.fields:
            row = QTreeWidgetItem(self.tree, [self._field_name(f.field), str(f.changes),
                                              str(f.items)])
            row.setData(0, FIELD_ROLE, f.field)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(0, Qt.CheckState.Unchecked)
            self.rows.append(row)
        self.tree.resizeColumnToContents(0)
        self.all_values.setEnabled(bool(self.fields))
        self.retranslate()

    @staticmethod
    def _field_name(field: str) -> str:
        return label(field) if field in LABELS else field

    def _all_toggled(self, on: bool) -> None:
        for row in self.rows:
            row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.tree.setEnabled(not on)

    def chosen(self) -> tuple[str, ...]:
        if self.all_values.isChecked():
            return (ALL,)
        return tuple(str(row.data(0, FIELD_ROLE)) for row in self.rows
                     if row.checkState(0) == Qt.CheckState.Checked)

    def validatePage(self) -> bool:
        self.w.export_options = replace(self.w.export_options,
                                        redact_old_values=self.chosen())
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("History (审计事件)"))
        self.setSubTitle(self.tr("The audit events of these items go into the package. "
                                 "Earlier values of the fields you tick go out as digests "
                                 "only."))
        changes = sum(f.changes for f in self.fields)
        self.summary.setText(self.tr("{events} audit event(s) of these items go into the "
                                     "package; {changes} of them change a field.").format(
            events=len(self.events), changes=changes) if self.fields else
            self.tr("{events} audit event(s) of these items go into the package; none "
                    "changes a field.").format(events=len(self.events)))
        self.all_values.setText(self.tr("Replace &all changed values by their digests"))
        self.tree.setHeaderLabels([self.tr("Field (tick: earlier values as digests)"),
                                   self.tr("Changes"), self.tr("Items")])
        self.note.setText(self.tr("A digest (SHA-256) proves the value without showing it, "
                                  "and the audit chain still verifies; a short value from a "
                                  "known list can still be guessed from its digest."))
