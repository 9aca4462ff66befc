"""Review state shown plainly: a coloured badge with the state's name (未审核/已通过/退回修改).

Colour is never the only signal: the badge always carries the words.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

# status -> (background, text colour)
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "unreviewed": ("#fff3cd", "#7a5b00"),
    "approved": ("#d4edda", "#1e5e2e"),
    "returned": ("#f8d7da", "#8a1c25"),
}
StatusRole = int(Qt.ItemDataRole.UserRole) + 10  # the review status code of a row


def badge_colours(status: str) -> tuple[QColor, QColor]:
    background, text = BADGE_COLOURS.get(status, ("#e2e3e5", "#383d41"))
    return QColor(background), QColor(text)


def badge_html(status: str, label: str) -> str:
    """The same badge inside rich text (the history dialog)."""
    background, text = BADGE_COLOURS.get(status, ("#e2e3e5", "#383d41"))
    return (f'<span style="background-color:{background}; color:{text}; '
            f'font-weight:bold;">&nbsp;{label}&nbsp;</span>')


class ReviewBadgeDelegate(QStyledItemDelegate):
    """Paints the cell's text in a rounded badge of its status's colours."""

    PAD_X = 8
    PAD_Y = 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        status = index.data(StatusRole)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not status or not text:
            super().paint(painter, option, index)
            return
        # The selection highlight first, so a selected row still reads as selected.
        style = option.widget.style() if option.widget else None
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter,
                              option.widget)
        background, colour = badge_colours(str(status))
        metrics = QFontMetrics(option.font)
        width = min(metrics.horizontalAdvance(str(text)) + 2 * self.PAD_X,
                    option.rect.width() - 4)
        height = metrics.height() + 2 * self.PAD_Y
        rect = QRect(option.rect.left() + 4, option.rect.center().y() - height // 2 + 1,
                     width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour.lighter(150))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(colour)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(str(text), Qt.TextElideMode.ElideRight,
                                            width - 2 * self.PAD_X + 4))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * self.PAD_X + 12, size.height() + 2 * self.PAD_Y)

