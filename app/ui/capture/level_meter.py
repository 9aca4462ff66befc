"""A sound level meter in dBFS: green, amber near the top, red close to clipping, with a
peak-hold mark that falls back slowly, as on a field recorder."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DBFS = -60.0
AMBER_DBFS = -12.0
RED_DBFS = -3.0
HOLD_SECONDS = 1.5
FALL_DB_PER_SECOND = 20.0
TICKS = (-60, -48, -36, -24, -12, -6, -3, 0)


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peak_dbfs = FLOOR_DBFS - 1  # below the scale: nothing heard
        self.rms_dbfs = FLOOR_DBFS - 1
        self.hold_dbfs = FLOOR_DBFS - 1
        self.loudest_dbfs = FLOOR_DBFS - 1  # since the last reset, for the record
        self._hold_since = 0.0
        self.short = False  # the device delivers less sound than time passes
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(40)

    def sizeHint(self) -> QSize:
        return QSize(360, 42)

    def set_level(self, peak_dbfs: float, rms_dbfs: float) -> None:
        now = time.monotonic()
        self.peak_dbfs, self.rms_dbfs = peak_dbfs, rms_dbfs
        self.loudest_dbfs = max(self.loudest_dbfs, peak_dbfs)
        if peak_dbfs >= self.hold_dbfs:
            self.hold_dbfs, self._hold_since = peak_dbfs, now
        elif now - self._hold_since > HOLD_SECONDS:
            fallen = self.hold_dbfs - FALL_DB_PER_SECOND * (now - self._hold_since - HOLD_SECONDS)
            self.hold_dbfs = max(peak_dbfs, fallen)
        self.setAccessibleDescription(f"{peak_dbfs:.0f} dBFS")
        self.update()

    def reset(self) -> None:
        self.peak_dbfs = self.rms_dbfs = self.hold_dbfs = self.loudest_dbfs = FLOOR_DBFS - 1
        self.short = False
        self.update()

    def set_short(self, short: bool) -> None:
        """Frame the meter in red while the device falls behind the clock."""
        if short != self.short:
            self.short = short
            self.update()

    @staticmethod
    def fraction(dbfs: float) -> float:
        return min(1.0, max(0.0, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bar = QRectF(1, 1, self.width() - 2, self.height() - 18)
        painter.fillRect(bar, QColor(35, 35, 35))
        width = bar.width()
        for start, end, colour in ((FLOOR_DBFS, AMBER_DBFS, QColor(40, 170, 70)),
                                   (AMBER_DBFS, RED_DBFS, QColor(225, 160, 20)),
                                   (RED_DBFS, 0.0, QColor(215, 40, 40))):
            top = min(self.peak_dbfs, end)
            if top <= start:
                continue
            left = bar.left() + width * self.fraction(start)
            right = bar.left() + width * self.fraction(top)
            painter.fillRect(QRectF(left, bar.top(), right - left, bar.height()), colour)
        rms = bar.left() + width * self.fraction(self.rms_dbfs)
        painter.fillRect(QRectF(bar.left(), bar.bottom() - 4, rms - bar.left(), 4),
                         QColor(255, 255, 255, 150))
        if self.hold_dbfs > FLOOR_DBFS:
            x = bar.left() + width * self.fraction(self.hold_dbfs)
            painter.fillRect(QRectF(x - 1.5, bar.top(), 3, bar.height()), QColor(250, 250, 250))
        if self.short:
            painter.setPen(QColor(215, 40, 40))
            painter.drawRect(bar.adjusted(0, 0, -1, -1))
            painter.drawRect(bar.adjusted(1, 1, -2, -2))
        painter.setPen(self.palette().text().color())
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        for tick in TICKS:
            x = bar.left() + width * self.fraction(tick)
            painter.drawLine(int(x), int(bar.bottom()) + 1, int(x), int(bar.bottom()) + 3)
            y = bar.bottom() + 4
            if tick == 0:
                box, flags = QRectF(x - 40, y, 40, 12), Qt.AlignmentFlag.AlignRight
            elif tick == TICKS[0]:
                box, flags = QRectF(x, y, 40, 12), Qt.AlignmentFlag.AlignLeft
            else:
                box, flags = QRectF(x - 20, y, 40, 12), Qt.AlignmentFlag.AlignHCenter
            painter.drawText(box, flags | Qt.AlignmentFlag.AlignTop, str(tick))
        painter.end()
