"""The editors of the describable fields (DOMAIN.md "Description"), one per field, shared by
the one-item editor and the batch edit. Each reads and writes the value ``describe`` takes
(text, a code, an ISO 8601 date, a coordinate, the caption's six elements).

Values are checked by the repository (``DescriptionRepository.describe``): the form only
collects them, so there is one truth about what is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.domain import captions, codes
from app.store.records import RetentionCategoryRecord
from app.ui.i18n import QT_TRANSLATE_NOOP, is_chinese
from app.ui.labels import code_label

CONTEXT = "DescriptionFields"
# field -> label, in the order the forms show them. "caption:<element>" are the six.
LABELS: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("DescriptionFields", "Title (题名)"),
    "creator": QT_TRANSLATE_NOOP("DescriptionFields", "Creator (责任者)"),
    "date": QT_TRANSLATE_NOOP("DescriptionFields", "Date (日期)"),
    "place": QT_TRANSLATE_NOOP("DescriptionFields", "Place (地点)"),
    "latitude": QT_TRANSLATE_NOOP("DescriptionFields", "Latitude (WGS-84)"),
    "longitude": QT_TRANSLATE_NOOP("DescriptionFields", "Longitude (WGS-84)"),
    "people": QT_TRANSLATE_NOOP("DescriptionFields", "People (人物)"),
    "keywords": QT_TRANSLATE_NOOP("DescriptionFields", "Keywords (关键词)"),
    "description": QT_TRANSLATE_NOOP("DescriptionFields", "Caption (文字说明)"),
    "phase": QT_TRANSLATE_NOOP("DescriptionFields", "Phase (事件阶段)"),
    "category": QT_TRANSLATE_NOOP("DescriptionFields", "Schedule category"),
    "classification": QT_TRANSLATE_NOOP("DescriptionFields", "Classification (密级)"),
    "secrecy_period": QT_TRANSLATE_NOOP("DescriptionFields", "Secrecy period (保密期限)"),
    "open_status": QT_TRANSLATE_NOOP("DescriptionFields", "Open status (开放状态)"),
    "language": QT_TRANSLATE_NOOP("DescriptionFields", "Language (语种)"),
    "cross_reference": QT_TRANSLATE_NOOP("DescriptionFields", "Cross-reference (参见号)"),
    "dimensions": QT_TRANSLATE_NOOP("DescriptionFields", "Dimensions (尺寸)"),
    "condition": QT_TRANSLATE_NOOP("DescriptionFields", "Condition (保存状况)"),
    "storage_location": QT_TRANSLATE_NOOP("DescriptionFields", "Storage location (存放位置)"),
    "label_number": QT_TRANSLATE_NOOP("DescriptionFields", "Label number (标签号)"),
}
PROMPTS: dict[str, str] = {
    "cause": QT_TRANSLATE_NOOP("DescriptionFields", "What happened, e.g. 转移受灾群众"),
    "time": QT_TRANSLATE_NOOP("DescriptionFields", "When, e.g. 2025年7月21日下午"),
    "place": QT_TRANSLATE_NOOP("DescriptionFields", "Where, e.g. 某旗某镇安置点"),
    "people": QT_TRANSLATE_NOOP("DescriptionFields", "Who is shown, with their positions"),
    "background": QT_TRANSLATE_NOOP("DescriptionFields", "Background: why it matters"),
    "photographer": QT_TRANSLATE_NOOP("DescriptionFields", "Who took the photo"),
    "dimensions": QT_TRANSLATE_NOOP("DescriptionFields", "e.g. 32 × 20 × 4 cm"),
    "condition": QT_TRANSLATE_NOOP("DescriptionFields", "e.g. intact; scratches on the front"),
    "storage_location": QT_TRANSLATE_NOOP("DescriptionFields",
                                          "e.g. store room A, shelf 3"),
    "label_number": QT_TRANSLATE_NOOP("DescriptionFields", "The label or QR code on it"),
}
# 语种: the codes the region needs first; any other can be typed.
LANGUAGES = (("zh", "汉语", "Chinese"), ("mn", "蒙古语", "Mongolian"),
             ("en", "英语", "English"), ("zh,mn", "汉语、蒙古语", "Chinese and Mongolian"))
# A physical object's (实物) own fields, offered only when every item edited is one.
PHYSICAL_FIELDS = ("dimensions", "condition", "storage_location", "label_number")
TEXT_FIELDS = ("title", "creator", "place", "people", "keywords", "secrecy_period",
               "cross_reference") + PHYSICAL_FIELDS
translate = QCoreApplication.translate


def label(field: str) -> str:
    if field.startswith("caption:"):
        return translate("Fields", captions.ELEMENT_LABELS[field.split(":", 1)[1]])
    return translate(CONTEXT, LABELS[field])


class DescriptionFields(QObject):
    """One editor widget per field; ``edited`` fires on any change."""

    edited = Signal()

    def __init__(self, parent: QWidget, kind: str | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.widgets: dict[str, QWidget] = {}
        self._categories: list[RetentionCategoryRecord] = []
        for name in TEXT_FIELDS:
            self._line(parent, name)
        date = self._line(parent, "date")
        date.setPlaceholderText("2025-07-21T14:30+08:00")
        for name in ("latitude", "longitude"):
            self._line(parent, name).setPlaceholderText("41.123456" if name == "latitude"
                                                        else "113.123456")
        text = QPlainTextEdit(parent)
        text.setObjectName("field_description")
        text.setTabChangesFocus(True)
        text.setFixedHeight(72)
        text.textChanged.connect(self.edited)
        self.widgets["description"] = text
        for name in ("phase", "category", "classification", "open_status"):
            combo = QComboBox(parent)
            combo.setObjectName(f"field_{name}")
            combo.currentIndexChanged.connect(self.edited)
            self.widgets[name] = combo
        language = QComboBox(parent)
        language.setObjectName("field_language")
        language.setEditable(True)
        language.currentTextChanged.connect(self.edited)
        self.widgets["language"] = language
        for element in captions.ELEMENTS:
            self._line(parent, f"caption:{element}")
        self.retranslate()

    def _line(self, parent: QWidget, name: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(f"field_{name.replace(':', '_')}")
        edit.textChanged.connect(self.edited)
        self.widgets[name] = edit
        return edit

    # -- choices ---------------------------------------------------------------------------
    def set_categories(self, categories: Sequence[RetentionCategoryRecord]) -> None:
        self._categories = list(categories)
        self._fill_categories()

    def _fill_categories(self) -> None:
        combo = self.combo("category")
        selected = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(translate("DescriptionFields", "— not classified —"), None)
        for c in self._categories:
            name = c.name_zh if is_chinese() or not c.name_en else c.name_en
            combo.addItem(f"{name} · {code_label(codes.RETENTION, c.retention)}", c.key)
        combo.setCurrentIndex(max(combo.findData(selected), 0))
        combo.blockSignals(False)

    def retention_of(self, key: str | None) -> str | None:
        return next((c.retention for c in self._categories if c.key == key), None)

    def combo(self, name: str) -> QComboBox:
        widget = self.widgets[name]
        assert isinstance(widget, QComboBox)
        return widget

    # -- values ----------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if name == "language":
            combo = self.combo(name)
            index = combo.findText(combo.currentText())
            data = combo.itemData(index) if index >= 0 else None
            return data or combo.currentText().strip()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def set_value(self, name: str, value: Any) -> None:
        widget = self.widgets[name]
        widget.blockSignals(True)
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif name == "language":
            combo = self.combo(name)
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setEditText(str(value or ""))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QLineEdit):
            if isinstance(value, datetime):
                value = value.isoformat(timespec="minutes")
            elif isinstance(value, float):
                value = f"{value:.7f}".rstrip("0").rstrip(".")
            widget.setText("" if value is None else str(value))
        widget.blockSignals(False)

    def caption(self) -> dict[str, str]:
        return {e: self.value(f"caption:{e}") for e in captions.ELEMENTS}

    def request(self, names: Sequence[str]) -> dict[str, Any]:
        """The ``describe`` changes for ``names`` (caption elements gathered in one)."""
        out: dict[str, Any] = {}
        for name in names:
            if name.startswith("caption:"):
                out.setdefault("caption", {})[name.split(":", 1)[1]] = self.value(name)
            elif name in ("latitude", "longitude"):
                out[name] = self.value(name) or None
            elif name == "date":
                out[name] = self.value(name) or None
            else:
                out[name] = self.value(name)
        return out

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._fill_code("phase", codes.PHASE, translate("DescriptionFields", "— none yet —"))
        self._fill_code("classification", codes.CLASSIFICATION, None)
        self._fill_code("open_status", codes.OPEN_STATUS, None)
        language = self.combo("language")
        current = self.value("language")
        language.blockSignals(True)
        language.clear()
        for code, zh, en in LANGUAGES:
            language.addItem(zh if is_chinese() else en, code)
        language.blockSignals(False)
        self.set_value("language", current)
        self._fill_categories()
        for element in captions.ELEMENTS:
            edit = self.widgets[f"caption:{element}"]
            assert isinstance(edit, QLineEdit)
            edit.setPlaceholderText(translate(CONTEXT, PROMPTS[element]))
        for name in PHYSICAL_FIELDS:
            edit = self.widgets[name]
            assert isinstance(edit, QLineEdit)
            edit.setPlaceholderText(translate(CONTEXT, PROMPTS[name]))

    def _fill_code(self, name: str, table: codes.CodeTable, none_text: str | None) -> None:
        combo = self.combo(name)
        selected = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if none_text is not None:
            combo.addItem(none_text, None)
        for code in table.values():
            combo.addItem(code_label(table, code), code)
        combo.setCurrentIndex(max(combo.findData(selected), 0))
        combo.blockSignals(False)
