"""Correct an entry: the current text prefilled, a reason required. The original is never
changed; the correction is a new version pointing at it (see the entry's history).

The links can be corrected too: the entry's linked items are listed ticked, the incident's
items stored last unticked; untick to remove a link, tick to add one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.worklog_records import LinkedItem, LogEntryRecord, LogEntryView
from app.ui.dialog_parts import error_label, show_error
from app.ui.labels import code_label, fill_code_combo, format_time
from app.ui.log.jobs import CorrectionRequest, NeedsConfirmation, correct_entry
from app.ui.log.link_picker import LinkPicker
from app.ui.log.time_fields import OccurredAtEdit, confirm_doubtful_time
from app.ui.services import UiServices


class CorrectionDialog(QDialog):
    corrected = Signal(str, object)  # the corrected version's id, the new LogEntryRecord

    def __init__(self, services: UiServices, view: LogEntryView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logCorrectionDialog")
        self.services = services
        self.view = view
        self.old = view.entry
        self._saving = False

        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("correctedText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlainText(self.old.content)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("correctionReason")
        self.time_edit = OccurredAtEdit(self)
        self.time_edit.set_time(self.old.occurred_at)
        self.category_combo = QComboBox(self)
        self.phase_combo = QComboBox(self)
        self.place_edit = QLineEdit(self.old.place, self)
        self.participants_edit = QLineEdit(self.old.participants, self)
        self.links = LinkPicker(self)
        self.links.set_items(self._link_choices(), set(self.old.linked_items))
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        for widget in (self.text_edit, self.reason_edit, self.time_edit, self.category_combo,
                       self.phase_combo, self.place_edit, self.participants_edit,
                       self.links):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels.append(label)
            self.form.addRow(label, widget)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.retranslate()
        self._select(self.category_combo, self.old.category)
        self._select(self.phase_combo, self.old.phase)
        self.reason_edit.setFocus()
        self._missing: str | None = None  # "text" or "reason" while that error is shown
        self.text_edit.textChanged.connect(self._typed)
        self.reason_edit.textChanged.connect(self._typed)

    def _link_choices(self) -> list[LinkedItem]:
        """The entry's linked items first, then the incident's items stored last."""
        try:
            linked = self.services.repos.log.linked(self.old.linked_items)
            recent = self.services.repos.log.link_candidates(self.old.incident_id)
        except StoreError:
            return []
        return [linked[i] for i in self.old.linked_items if i in linked] + recent

    def _typed(self) -> None:
        # The missing-text or missing-reason error goes once it is filled in.
        filled = {"text": self.text_edit.toPlainText().strip(),
                  "reason": self.reason_edit.text().strip()}
        if self._missing is not None and filled[self._missing]:
            self._missing = None
            show_error(self.error, None)

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)

    def request(self) -> CorrectionRequest | None:
        text = self.text_edit.toPlainText().strip()
        reason = self.reason_edit.text().strip()
        if not text:
            self._missing = "text"
            show_error(self.error, self.tr("The corrected text is empty; nothing was saved."))
            self.text_edit.setFocus()
            return None
        if not reason:
            self._missing = "reason"
            show_error(self.error, self.tr("Say why the entry was wrong; a correction needs a "
                                           "reason. Nothing was saved."))
            self.reason_edit.setFocus()
            return None
        category = self.category_combo.currentData()
        phase = self.phase_combo.currentData()
        place, participants = self.place_edit.text().strip(), self.participants_edit.text()
        links = self.links.checked_ids()
        # A link to an item no longer in the store (not listed) is kept as it was.
        kept = [i for i in self.old.linked_items if i not in self.links.ids()]
        linked = tuple(kept) + links
        return CorrectionRequest(
            entry_id=self.old.id, content=text, reason=reason,
            occurred_at=self.time_edit.value() if self.time_edit.touched else None,
            category=category if category != self.old.category else None,
            phase=phase if phase != self.old.phase else None,
            place=place if place != self.old.place else None,
            participants=(participants.strip() if participants.strip() != self.old.participants
                          else None),
            linked_items=linked if set(linked) != set(self.old.linked_items) else None)

    def save(self, force: bool = False) -> None:
        if self._saving:
            return
        request = self.request()
        if request is None:
            return
        show_error(self.error, None)
        self._set_busy(True)
        self.services.jobs.start(correct_entry, self.services.repos.log, request, bool(force),
                                 on_finished=self._saved, on_failed=self._failed)

    def _saved(self, result: LogEntryRecord | NeedsConfirmation) -> None:
        self._set_busy(False)
        if isinstance(result, NeedsConfirmation):
            if confirm_doubtful_time(self, result, self.time_edit.value(),
                                     self.services.selection.current):
                self.save(force=True)
            else:
                show_error(self.error, self.tr("Nothing was saved; correct the time, or "
                                               "confirm it."))
            return
        self.corrected.emit(self.old.id, result)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        show_error(self.error, self.tr("Not saved: {reason}").format(reason=message))

    def _set_busy(self, busy: bool) -> None:
        self._saving = busy
        self.save_button.setEnabled(not busy)

    @property
    def saving(self) -> bool:
        return self._saving

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Correct entry #{seq}").format(seq=self.old.seq))
        self.about.setText(self.tr(
            "Entry #{seq}, {time}, recorded by {recorder}. The correction is stored as a new "
            "version; the original stays in the entry's history.").format(
            seq=self.old.seq, time=format_time(self.old.occurred_at),
            recorder=self.old.recorder_name))
        labels = (self.tr("Corrected te&xt"), self.tr("&Reason"), self.tr("T&ime"),
                  self.tr("Ca&tegory"), self.tr("&Phase"), self.tr("Pl&ace"),
                  self.tr("Parti&cipants"), self.tr("&Links"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        self.reason_edit.setPlaceholderText(self.tr("Why the entry was wrong (required)"))
        fill_code_combo(self.category_combo, codes.LOG_CATEGORY)
        selected = self.phase_combo.currentData() if self.phase_combo.count() else self.old.phase
        self.phase_combo.clear()
        for code in codes.PHASE.values():
            self.phase_combo.addItem(code_label(codes.PHASE, code), code)
        self._select(self.phase_combo, selected)
        self.links.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
