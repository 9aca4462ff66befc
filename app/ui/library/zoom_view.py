"""A picture that fits the pane and zooms: the wheel (or +, -, 0 keys) zooms about the
cursor, dragging pans. The picture is whatever the worker decoded at screen size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

MAX_ZOOM = 8.0
STEP = 1.25


class ZoomableImageView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fitted = True

    def set_image(self, image: QImage | None) -> None:
        self.pixmap_item.setPixmap(QPixmap.fromImage(image) if image is not None else QPixmap())
        self.scene().setSceneRect(self.pixmap_item.boundingRect())
        self.fit()

    def has_image(self) -> bool:
        return not self.pixmap_item.pixmap().isNull()

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        self.fitted = True
        self.resetTransform()
        if self.has_image():
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom > 1.0:  # a small photo is shown at its own size, not blown up
                self.resetTransform()

    def zoom_by(self, factor: float) -> None:
        new = self.zoom * factor
        if not self.has_image() or new > MAX_ZOOM or new < 0.02:
            return
        self.fitted = False
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(STEP ** steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(STEP)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_by(1 / STEP)
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()
