"""Quick entry: a small box, opened by one shortcut from anywhere, that saves an entry on Enter.

The time is filled in (now, editable); templates prefill frequent entries; phase, place and
participants wait behind "More". The items stored last are offered in a small list to link
(none, one or several); only the item captured in the last minutes is ticked. Saving
runs in the worker; a doubtful time is confirmed first; empty text stores nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.store.worklog_records import LogEntryRecord
from app.ui.dialog_parts import error_label, show_error
from app.ui.labels import code_label, fill_code_combo
from app.ui.log.entry_text import EntryTextEdit
from app.ui.log.jobs import EntryRequest, NeedsConfirmation, add_entry
from app.ui.log.link_picker import LinkPicker
from app.ui.log.templates import TEMPLATES, EntryTemplate
from app.ui.log.time_fields import OccurredAtEdit, confirm_doubtful_time
from app.ui.person_text import person_text
from app.ui.services import UiServices

# An item captured this recently is most likely what the entry is about: ticked by default.
# Older, or once an entry has linked it, it is offered unticked (a second entry is rarely
# about the same photo, and a sticky link puts wrong facts in the record).
RECENT_CAPTURE = timedelta(minutes=3)


class QuickEntryDialog(QDialog):
    saved = Signal(object)  # LogEntryRecord

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickEntryDialog")
        self.services = services
        self.incident: IncidentRecord | None = None
        self.link_item_id: str | None = None  # the item ticked by default, if any
        self._saving = False

        self.template_buttons: dict[str, QToolButton] = {}
        templates_row = QHBoxLayout()
        templates_row.setSpacing(4)
        for t in TEMPLATES:
            button = QToolButton(self)
            button.setObjectName(f"template_{t.key}")
            button.clicked.connect(lambda _checked=False, tpl=t: self.apply_template(tpl))
            self.template_buttons[t.key] = button
            templates_row.addWidget(button)
        templates_row.addStretch(1)

        self.text_edit = EntryTextEdit(self)
        self.text_edit.setObjectName("entryText")
        self._missing_text = False
        self.text_edit.textChanged.connect(self._text_typed)
        self.text_edit.setMinimumHeight(70)
        self.text_edit.submitted.connect(self.save)
        self.hint_label = QLabel(self)
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")

        self.time_label = QLabel(self)
        self.time_edit = OccurredAtEdit(self)
        self.now_button = QToolButton(self)
        self.now_button.clicked.connect(self.time_edit.set_now)
        self.category_label = QLabel(self)
        self.category_combo = QComboBox(self)
        fill_code_combo(self.category_combo, codes.LOG_CATEGORY)
        self._set_category("other")
        row = QHBoxLayout()
        row.addWidget(self.time_label)
        row.addWidget(self.time_edit)
        row.addWidget(self.now_button)
        row.addSpacing(12)
        row.addWidget(self.category_label)
        row.addWidget(self.category_combo, 1)
        self.time_label.setBuddy(self.time_edit)
        self.category_label.setBuddy(self.category_combo)

        self.links_label = QLabel(self)
        self.links = LinkPicker(self)
        self.links_label.setBuddy(self.links)

        self.more_button = QToolButton(self)
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more_button.toggled.connect(self._show_more)
        self.more = QWidget(self)
        self.phase_combo = QComboBox(self.more)
        self.place_edit = QLineEdit(self.more)
        self.participants_edit = QLineEdit(self.more)
        self.more_form = QFormLayout(self.more)
        self.more_form.setContentsMargins(16, 0, 0, 0)
        self.more_labels: list[QLabel] = []
        for widget in (self.phase_combo, self.place_edit, self.participants_edit):
            label = QLabel(self.more)
            label.setBuddy(widget)
            self.more_labels.append(label)
            self.more_form.addRow(label, widget)
        self.more.setVisible(False)

        self.error = error_label(self)
        self.recorder_label = QLabel(self)
        self.recorder_label.setStyleSheet("color: palette(placeholder-text);")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveEntry")
        self.save_button.setDefault(True)  # Enter in the one-line fields saves too
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.recorder_label, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(templates_row)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.hint_label)
        layout.addLayout(row)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links)
        layout.addWidget(self.more_button)
        layout.addWidget(self.more)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)
        self.retranslate()

    # -- opening ---------------------------------------------------------------------------
    def prepare(self) -> None:
        """Fill in what changes between openings: the incident, the recorder, the time (for a
        fresh entry; a draft left with Esc keeps its own), the item captured last."""
        self.incident = self.services.selection.current
        if not self.text_edit.toPlainText().strip():
            self.time_edit.set_now()
        show_error(self.error, None)
        self._update_recorder()
        self._update_link()
        self._update_title()
        self._set_busy(False)
        self.text_edit.setFocus()

    def _text_typed(self) -> None:
        # "Write what was done first" goes once something is written.
        text = self.text_edit.toPlainText().strip()
        if self._missing_text and text and text not in {t.prefill().strip() for t in TEMPLATES}:
            self._missing_text = False
            show_error(self.error, None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.text_edit.setFocus()

    def _update_recorder(self) -> None:
        try:
            op = self.services.repos.operators.default()
        except StoreError:
            op = None
        if op is None:
            self.recorder_label.setText(self.tr("No default operator: add one under "
                                                "Settings ▸ Operators."))
        else:
            who = person_text(op.name, op.position)
            self.recorder_label.setText(self.tr("Recorder: {name}").format(name=who))

    def _update_link(self) -> None:
        """Offer the incident's items stored last; tick only one captured moments ago that
        no entry has linked yet."""
        self.link_item_id = None
        candidates = []
        if self.incident is not None:
            try:
                candidates = self.services.repos.log.link_candidates(self.incident.id)
            except StoreError:
                candidates = []
        last = self.services.last_item.item_id
        for item in candidates:
            if item.id == last and datetime.now(UTC) - item.created_at < RECENT_CAPTURE:
                self.link_item_id = item.id
        self.links.set_items(candidates, {self.link_item_id} if self.link_item_id else ())
        self.links.setVisible(bool(candidates))
        self.links_label.setVisible(bool(candidates))

    def _update_title(self) -> None:
        if self.incident is None:
            self.setWindowTitle(self.tr("New work-log entry"))
        else:
            self.setWindowTitle(self.tr("New work-log entry — {incident}").format(
                incident=self.incident.name))

    # -- editing ---------------------------------------------------------------------------
    def apply_template(self, tpl: EntryTemplate) -> None:
        """Prefill the text and the category; text already typed is kept after it."""
        current = self.text_edit.toPlainText()
        if current.strip() in {t.prefill().strip() for t in TEMPLATES}:
            current = ""
        self.text_edit.setPlainText(tpl.prefill() + current.lstrip())
        self._set_category(tpl.category)
        self.text_edit.setFocus()
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)

    def _set_category(self, code: str) -> None:
        index = self.category_combo.findData(code)
        if index >= 0:
            self.category_combo.setCurrentIndex(index)

    def _show_more(self, shown: bool) -> None:
        self.more.setVisible(shown)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                      else Qt.ArrowType.RightArrow)
        self.adjustSize()

    # -- saving ----------------------------------------------------------------------------
    def request(self) -> EntryRequest | None:
        """The entry as filled in, or None (with the reason shown) when it cannot be saved."""
        text = self.text_edit.toPlainText().strip()
        if self.incident is None:
            show_error(self.error, self.tr("Select an incident first; nothing was saved."))
            return None
        if not text or text in {t.prefill().strip() for t in TEMPLATES}:
            self._missing_text = True
            show_error(self.error, self.tr("Write what was done first; nothing was saved."))
            self.text_edit.setFocus()
            return None
        linked = self.links.checked_ids() if self.links.isVisible() else ()
        return EntryRequest(
            incident_id=self.incident.id, content=text, occurred_at=self.time_edit.value(),
            category=str(self.category_combo.currentData()),
            phase=self.phase_combo.currentData() or None,
            place=self.place_edit.text().strip(),
            participants=self.participants_edit.text().strip(),
            linked_items=linked)

    def save(self, force: bool = False) -> None:
        if self._saving:
            return
        request = self.request()
        if request is None:
            return
        show_error(self.error, None)
        self._set_busy(True)
        self.services.jobs.start(add_entry, self.services.repos.log, request, bool(force),
                                 on_finished=self._saved, on_failed=self._failed)

    def _saved(self, result: LogEntryRecord | NeedsConfirmation) -> None:
        self._set_busy(False)
        if not isinstance(result, NeedsConfirmation):
            for item_id in result.linked_items:
                self.services.last_item.used(item_id)
        if isinstance(result, NeedsConfirmation):
            if confirm_doubtful_time(self, result, self.time_edit.value(), self.incident):
                self.save(force=True)
            else:
                show_error(self.error, self.tr("Nothing was saved; correct the time, or "
                                               "confirm it."))
                self.time_edit.setFocus()
            return
        self.clear()
        self.saved.emit(result)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        show_error(self.error, self.tr("Not saved: {reason}").format(reason=message))

    def _set_busy(self, busy: bool) -> None:
        self._saving = busy
        self.save_button.setEnabled(not busy)
        self.text_edit.setReadOnly(busy)

    def clear(self) -> None:
        self.text_edit.clear()
        self._set_category("other")
        self.phase_combo.setCurrentIndex(0)
        self.place_edit.clear()
        self.participants_edit.clear()
        show_error(self.error, None)

    @property
    def saving(self) -> bool:
        return self._saving

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._update_title()
        for t in TEMPLATES:
            button = self.template_buttons[t.key]
            button.setText(t.button_text())
            button.setToolTip(self.tr("Start the entry with “{text}” ({category})").format(
                text=t.prefill().strip(), category=code_label(codes.LOG_CATEGORY, t.category)))
        self.text_edit.setPlaceholderText(self.tr(
            "What was done? e.g. Arrived at block 3; photographing the damaged houses"))
        self.hint_label.setText(self.tr("Enter saves · Shift+Enter starts a new line · "
                                        "Esc closes (the draft is kept)"))
        self.time_label.setText(self.tr("&Time"))
        self.time_edit.setToolTip(self.tr("When it happened; filled in with the time this box "
                                          "was opened"))
        self.now_button.setText(self.tr("Now"))
        self.category_label.setText(self.tr("C&ategory"))
        fill_code_combo(self.category_combo, codes.LOG_CATEGORY)
        selected_phase = self.phase_combo.currentData()
        self.phase_combo.clear()
        self.phase_combo.addItem(self.tr("As the previous entry"), None)
        for code in codes.PHASE.values():
            self.phase_combo.addItem(code_label(codes.PHASE, code), code)
        self.phase_combo.setCurrentIndex(max(0, self.phase_combo.findData(selected_phase)))
        self.more_button.setText(self.tr("&More: phase, place, participants"))
        for label, text in zip(self.more_labels, (self.tr("Phase"), self.tr("Place"),
                                                  self.tr("Participants")), strict=True):
            label.setText(text)
        self.place_edit.setPlaceholderText(self.tr("Where, e.g. block 3"))
        self.participants_edit.setPlaceholderText(self.tr("Who took part"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("&Save"))
        self.links_label.setText(self.tr("&Link to items (tick none, one or several)"))
        self.links.retranslate()
        self._update_recorder_text_only()

    def _update_recorder_text_only(self) -> None:
        if self.isVisible():
            self._update_recorder()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


