"""What the capture page watches on the main window: drops of files and folders anywhere
on it go to the import, and a close is held back while a recording would be lost.

Installed on the window by the capture page, so the window itself needs no capture code.
Only local files are taken (a web link dragged from a browser is not a file on a card).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def local_paths(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class FileDropFilter(QObject):
    """Accepts drags that carry local files and hands the dropped paths to ``on_drop``;
    asks ``may_close`` before the window closes (False keeps it open)."""

    def __init__(self, window: QWidget, on_drop: Callable[[list[Path]], None],
                 may_close: Callable[[], bool] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.on_drop = on_drop
        self.may_close = may_close
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
                event, (QDragEnterEvent, QDragMoveEvent)):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.on_drop(paths)
                return True
        elif kind == QEvent.Type.Close and isinstance(event, QCloseEvent):
            if self.may_close is not None and not self.may_close():
                event.ignore()
                return True
        return False

    def remove(self) -> None:
        self.window.removeEventFilter(self)
