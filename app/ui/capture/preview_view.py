"""The live camera picture: drawn scaled with its aspect kept, a flash when the shutter
fires, and a red recording mark with the elapsed time. It only paints QImages it is given
(made on the camera thread at about the size shown); it never converts frames itself."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

FLASH_MS = 180


class PreviewView(QWidget):
    resized = Signal(QSize)  # device pixels: the size frames should be scaled to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.frames_shown = 0
        self.placeholder = ""
        self.recording_text = ""
        self._flash = 0.0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(30)
        self._flash_timer.timeout.connect(self._fade)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Space and R work when it has focus
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.frames_shown += 1
        self.update()

    def clear(self) -> None:
        self.image = None
        self.update()

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.update()

    def set_recording_text(self, text: str) -> None:
        self.recording_text = text
        self.update()

    def flash(self) -> None:
        """The shutter fired: a short white flash over the picture."""
        self._flash = 1.0
        self._flash_timer.start()
        self.update()

    def _fade(self) -> None:
        self._flash = max(0.0, self._flash - 30 / FLASH_MS)
        if self._flash == 0.0:
            self._flash_timer.stop()
        self.update()

    def image_rect(self) -> QRect:
        """Where the picture is drawn: as large as fits, aspect kept, centred."""
        if self.image is None or self.image.isNull():
            return QRect()
        scaled = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - scaled.width()) // 2
        y = (self.height() - scaled.height()) // 2
        return QRect(x, y, scaled.width(), scaled.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20))
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.image_rect(), self.image)
        elif self.placeholder:
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect().adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
        if self.recording_text:
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.setFont(font)
            box = QRect(10, 10, 220, 34)
            painter.fillRect(box, QColor(0, 0, 0, 150))
            painter.setPen(QColor(235, 40, 40))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "● " + self.recording_text)
        if self._flash > 0:
            painter.fillRect(self.rect(), QColor(255, 255, 255, int(230 * self._flash)))
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        ratio = self.devicePixelRatioF()
        self.resized.emit(QSize(round(self.width() * ratio), round(self.height() * ratio)))
        super().resizeEvent(event)
