"""Checks on a rendered screen: text cut off by its widget, and English left untranslated
on a Chinese screen. Used by the screenshot tools and their tests.

Clipped: a label's text (one line, plain) wider than the label (``QFontMetrics``), or a
button or check box narrower than its own size hint. Untranslated: a visible text that is
one of the English sources of the translation file whose Chinese differs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

TS = Path(__file__).parent.parent / "resources" / "i18n" / "fieldarchive_zh_CN.ts"
MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")


@cache
def english_sources() -> frozenset[str]:
    """English texts whose Chinese differs (placeholders cut off at the first ``{``)."""
    out = set()
    for ctx in ET.parse(TS).getroot():
        for message in ctx.findall("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            if source and translation and source != translation:
                head = _plain(source.split("{", 1)[0])
                if len(head) >= 4 and re.search(r"[A-Za-z]{3}", head):
                    out.add(head)
    return frozenset(out)


def _plain(text: str) -> str:
    return MNEMONIC.sub("", text).replace("…", "").strip()


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    texts: list[tuple[QWidget, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            texts.append((widget, widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append((widget, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((widget, widget.title()))
        elif isinstance(widget, QComboBox):
            texts.append((widget, widget.currentText()))
        elif isinstance(widget, QTabWidget):
            texts += [(widget, widget.tabText(i)) for i in range(widget.count())
                      if widget.isTabVisible(i)]
    return [(w, t) for w, t in texts if t]


def untranslated(root: QWidget) -> list[str]:
    """Visible texts that are still the English of a translated message."""
    sources = english_sources()
    found = []
    for widget, text in visible_texts(root):
        plain = _plain(text)
        head = plain.split("{", 1)[0]
        if any(plain == s or (len(s) >= 8 and s in plain) for s in sources) or (
                head in sources):
            found.append(f"{type(widget).__name__} {widget.objectName()}: {text!r}")
    return found


def clipped(root: QWidget) -> list[str]:
    """Widgets whose text does not fit them."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if (not text or widget.wordWrap() or "\n" in text
                    or widget.textFormat() == Qt.TextFormat.RichText or widget.pixmap()
                    and not widget.pixmap().isNull()):
                continue
            needed = QFontMetrics(widget.font()).horizontalAdvance(_plain(text))
            room = widget.contentsRect().width() - 2 * widget.margin() - widget.indent() \
                if widget.indent() > 0 else widget.contentsRect().width() - 2 * widget.margin()
            if needed > room + 1:
                found.append(f"QLabel {widget.objectName()}: {text!r} needs {needed} px, "
                             f"has {room}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{type(widget).__name__} {widget.objectName()}: "
                             f"{widget.text()!r} needs {widget.sizeHint().width()} px, "
                             f"has {widget.width()}")
    return found
