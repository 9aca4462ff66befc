"""Where a save dialog suggests saving: the user's documents folder, made if it is missing
(a fresh account may have none), else the home folder. Never a folder the save then refuses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_save_folder() -> Path:
    home = Path.home()
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        folder = Path(documents)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return home  # a file in the way, or no permission: the home folder exists
        if folder.is_dir():
            return folder
    return home
