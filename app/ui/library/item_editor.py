"""The metadata editor of one item: the descriptive and control fields, the photo's six
caption elements (prompted), the technical fields and the raw EXIF (read only), what the
item still lacks (live, as you type) and its history.

Saving sends only the fields that changed to libcore's ``describe`` in the worker; a
refusal is shown in the dialog in the user's language and the dialog stays open (nothing
was saved: one transaction). ``saved`` fires after a save that changed something.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import captions, codes, completeness
from app.store.repositories.library import ItemDetail
from app.ui.dialog_parts import show_error
from app.ui.labels import code_label
from app.ui.library.describe_dialog import DescribeDialog
from app.ui.library.description_fields import PHYSICAL_FIELDS, DescriptionFields, label
from app.ui.library.edit_jobs import EditorData, load_editor
from app.ui.library.item_history import history_html
from app.ui.library.item_model import missing_text
from app.ui.services import UiServices

DESCRIPTION_ROWS = ("title", "creator", "date", "place", "latitude", "longitude", "people",
                    "keywords", "description")
CONTROL_ROWS = ("phase", "category", "classification", "secrecy_period", "open_status",
                "language", "cross_reference")
CAPTION_ROWS = tuple(f"caption:{e}" for e in captions.ELEMENTS)
PHYSICAL_TAB = 2  # after the photo caption; shown for physical objects (实物) only
COMPLETE_STYLE = "color: #1e6b34; font-weight: bold;"
LACKING_STYLE = "color: #a35200; font-weight: bold;"


def _form(parent: QWidget, fields: DescriptionFields, names: tuple[str, ...]
          ) -> tuple[QWidget, dict[str, QLabel]]:
    page = QWidget(parent)
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    labels = {}
    for name in names:
        labels[name] = QLabel(page)
        labels[name].setBuddy(fields.widgets[name])
        form.addRow(labels[name], fields.widgets[name])
    return page, labels


class ItemEditorDialog(DescribeDialog):
    loaded = Signal()

    def __init__(self, services: UiServices, item_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("itemEditor")
        self.item_id = item_id
        self.data: EditorData | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.lacks_label = QLabel(self)
        self.lacks_label.setObjectName("lacksLabel")
        self.lacks_label.setWordWrap(True)
        self.fields = DescriptionFields(self)
        self.tabs = QTabWidget(self)
        self.description_page, self.labels = _form(self, self.fields, DESCRIPTION_ROWS)
        self.caption_page, caption_labels = _form(self, self.fields, CAPTION_ROWS)
        self.caption_hint = QLabel(self.caption_page)
        self.caption_hint.setWordWrap(True)
        self.caption_preview = QLabel(self.caption_page)
        self.caption_preview.setWordWrap(True)
        self.caption_preview.setStyleSheet("color: palette(placeholder-text);")
        caption_form = self.caption_page.layout()
        assert isinstance(caption_form, QFormLayout)
        caption_form.insertRow(0, self.caption_hint)
        self.fill_button = QPushButton(self.caption_page)
        self.fill_button.setObjectName("fillKnownCaption")
        self.fill_button.clicked.connect(self.fill_known_caption)
        caption_form.addRow(self.fill_button)
        caption_form.addRow(self.caption_preview)
        self.known_caption: dict[str, str] = {}
        self.control_page, control_labels = _form(self, self.fields, CONTROL_ROWS)
        self.retention_label = QLabel(self.control_page)
        self.retention_value = QLabel(self.control_page)
        control_form = self.control_page.layout()
        assert isinstance(control_form, QFormLayout)
        control_form.insertRow(2, self.retention_label, self.retention_value)
        self.physical_page, physical_labels = _form(self, self.fields, PHYSICAL_FIELDS)
        self.labels.update(caption_labels)
        self.labels.update(control_labels)
        self.labels.update(physical_labels)
        self.technical = QPlainTextEdit(self)
        self.technical.setObjectName("technical")
        self.technical.setReadOnly(True)
        self.history = QTextBrowser(self)
        self.history.setObjectName("history")
        for page in (self.description_page, self.caption_page, self.physical_page,
                     self.control_page):
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, "")
        self.tabs.addTab(self.technical, "")
        self.tabs.addTab(self.history, "")
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lacks_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields.edited.connect(self._edited)
        self.resize(760, 640)
        self.retranslate()
        services.jobs.start(load_editor, services.repos, item_id,
                            on_finished=self._loaded, on_failed=self._load_failed)

    # -- loading -----------------------------------------------------------------------------
    def _loaded(self, data: EditorData) -> None:
        self.data = data
        item = data.detail.item
        self.fields.kind = item.kind
        self.fields.set_categories(data.categories)
        for name in self.rows():
            self.fields.set_value(name, self._stored(data.detail, name))
        for element in captions.ELEMENTS:
            self.fields.set_value(f"caption:{element}", data.detail.caption.get(element, ""))
        self._prompt_caption(data.detail)
        self.tabs.setTabVisible(1, item.kind == "photo")
        self.tabs.setTabVisible(PHYSICAL_TAB, item.kind == "physical")
        self.technical.setPlainText(self._technical_text(data.detail))
        self.save_button.setEnabled(item.state != "transferred")
        self.retranslate()
        self.loaded.emit()

    def _load_failed(self, message: str) -> None:
        show_error(self.error, message)

    @staticmethod
    def _stored(detail: ItemDetail, name: str) -> Any:
        item = detail.item
        if name == "category":
            return item.retention_category_key
        if name in ("secrecy_period", "cross_reference"):
            return getattr(detail, name)
        return getattr(item, name)

    def _prompt_caption(self, detail: ItemDetail) -> None:
        """Elements not yet given are prompted with what the item knows (date, place,
        people, creator), as placeholders: "Fill in what is known" takes them over."""
        item = detail.item
        self.known_caption = captions.defaults(
            time=item.date.strftime("%Y-%m-%d %H:%M") if item.date else "",
            place=item.place, people=item.people, photographer=item.creator)
        for element, value in self.known_caption.items():
            edit = self.fields.widgets[f"caption:{element}"]
            assert isinstance(edit, QLineEdit)
            edit.setPlaceholderText(value)

    def fill_known_caption(self) -> None:
        for element, value in self.known_caption.items():
            if not self.fields.value(f"caption:{element}"):
                self.fields.set_value(f"caption:{element}", value)
        self._edited()

    @staticmethod
    def _technical_text(detail: ItemDetail) -> str:
        lines = []
        for f in detail.item.files:
            lines.append(f"[{f.role}] {f.original_name or f.vault_path}  {f.format} "
                         f"{f.size} B\n  SHA-256 {f.sha256}\n  SM3 {f.sm3 or '—'}")
        lines.append(json.dumps(detail.item.technical, ensure_ascii=False, indent=2,
                                default=str))
        return "\n".join(lines)

    # -- editing -----------------------------------------------------------------------------
    def rows(self) -> tuple[str, ...]:
        """The fields this item's form edits (a physical object's own only for one)."""
        physical = self.data is not None and self.data.detail.item.kind == "physical"
        return DESCRIPTION_ROWS + CONTROL_ROWS + (PHYSICAL_FIELDS if physical else ())

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from the stored one, as ``describe`` takes them."""
        if self.data is None:
            return {}
        detail = self.data.detail
        names = [n for n in self.rows()
                 if not _same(self.fields.value(n), self._stored(detail, n), n)]
        if "latitude" in names or "longitude" in names:
            names += [n for n in ("latitude", "longitude") if n not in names]
        request = self.fields.request(names)
        if detail.item.kind == "photo":
            caption = {k: v for k, v in self.fields.caption().items() if v}
            if caption != {k: v for k, v in detail.caption.items() if v}:
                request["caption"] = self.fields.caption()
        return request

    def lacking(self) -> tuple[str, ...]:
        """What the description would still lack with the values in the form."""
        if self.data is None:
            return ()
        detail = self.data.detail
        values = {n: self.fields.value(n) for n in DESCRIPTION_ROWS + CONTROL_ROWS}
        if "description" not in self.changes() and "caption" in self.changes():
            values["description"] = captions.description_after(
                detail.caption, self.fields.caption(), detail.item.description)
        values.update(kind=detail.item.kind, source_channel=detail.item.source_channel,
                      retention=self.fields.retention_of(values["category"])
                      or detail.item.retention,
                      retention_category_key=values["category"],
                      provenance=detail.batch.provenance if detail.batch else {})
        return completeness.missing(values)

    def _edited(self) -> None:
        show_error(self.error, None)
        self._show_lacks()
        self._show_caption_preview()
        self.retention_value.setText(self._retention_text())

    def _show_lacks(self) -> None:
        if self.data is None:
            self.lacks_label.clear()
            return
        if self.data.detail.excluded:
            self.lacks_label.setStyleSheet("")
            self.lacks_label.setText(self.tr("Marked not to be archived: {reason}").format(
                reason=self.data.detail.exclusion_reason))
            return
        lacks = self.lacking()
        self.lacks_label.setStyleSheet(LACKING_STYLE if lacks else COMPLETE_STYLE)
        self.lacks_label.setText(
            self.tr("Still lacks: {fields}").format(fields=missing_text(lacks)) if lacks
            else self.tr("The description is complete."))

    def _show_caption_preview(self) -> None:
        composed = captions.compose(self.fields.caption())
        self.caption_preview.setText(self.tr("Composed caption: {text}").format(
            text=composed) if composed else "")

    def _retention_text(self) -> str:
        retention = self.fields.retention_of(self.fields.value("category"))
        if retention is None and self.data is not None:
            retention = self.data.detail.item.retention
        return code_label(codes.RETENTION, retention) if retention else self.tr(
            "Set by the schedule category")

    def save(self) -> None:
        if self.data is None or self.saving:
            return
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self.describe([self.item_id], changes)

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Describe the item"))
        for name, widget in self.labels.items():
            widget.setText(label(name))
        self.fields.retranslate()
        if self.data is not None:
            self._prompt_caption(self.data.detail)
        self.retention_label.setText(self.tr("Retention (保管期限)"))
        self.retention_value.setText(self._retention_text())
        for index, text in enumerate((self.tr("Description"), self.tr("Photo caption"),
                                      self.tr("Physical object"), self.tr("Control"),
                                      self.tr("Technical"), self.tr("History"))):
            self.tabs.setTabText(index, text)
        self.caption_hint.setText(self.tr(
            "The six elements of a photo caption; the grey prompts are what the item already "
            "records. The caption (文字说明) is composed from the elements until you write "
            "it yourself."))
        self.retranslate_buttons()
        self.fill_button.setText(self.tr("Fill in what is known"))
        self.fill_button.setToolTip(self.tr(
            "Copy the date, place, people and photographer already recorded into the "
            "empty elements"))
        if self.data is None:
            self.heading.setText(self.tr("Loading…"))
        else:
            item = self.data.detail.item
            self.heading.setText(" · ".join(p for p in (
                code_label(codes.ITEM_KIND, item.kind),
                code_label(codes.ITEM_STATE, item.state), item.archival_code or "",
                self.tr("revision {n}").format(n=self.data.detail.revision)) if p))
            self.history.setHtml(self._history_html())
        self._show_lacks()
        self._show_caption_preview()

    def _history_html(self) -> str:
        return history_html(self.data.history) if self.data is not None else ""


def _same(form_value: Any, stored: Any, name: str) -> bool:
    if name == "date":
        if not form_value:
            return stored is None
        return stored is not None and form_value == stored.isoformat(timespec="minutes")
    if name in ("latitude", "longitude"):
        if form_value in ("", None):
            return stored is None
        try:
            return stored is not None and abs(float(form_value) - stored) < 5e-8
        except ValueError:
            return False
    return (form_value or None) == (stored or None)


