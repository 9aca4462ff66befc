"""Start the desktop application: `fieldarchive` or `fieldarchive gui [--store DIR]`.

Only what the first window needs is imported here: no OpenCV, no multimedia, no export
code; pages load their heavy parts when they are first used.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from platformdirs import user_cache_path, user_log_path
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.app_controller import AppController
from app.ui.errors import install_exception_hook, setup_logging
from app.ui.i18n import Translations, normalize, system_language
from app.ui.settings import APPLICATION, ORGANIZATION, UiSettings
from app.ui.worker import Jobs

log = logging.getLogger(__name__)
# How long a thread running Python keeps the GIL when another asks for it (Python's default
# is 5 ms). The GUI thread enters Python thousands of times for one repaint of a table (every
# index, every cell's data); with an import running Python in the worker, each entry could
# wait the whole interval and scrolling froze for hundreds of milliseconds. 1 ms bounds the
# wait; the worker loses little (it spends most of its time in C: hashing, SQLite, decoding).
GUI_SWITCH_INTERVAL = 0.001


def application() -> QApplication:
    """The QApplication, named so QSettings and platform folders find our files."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    return app


def run(store_path: Path, explicit_store: bool, language: str | None) -> int:
    """Run the application; returns the process exit status."""
    app = application()
    setup_logging(user_log_path(APPLICATION, appauthor=False))
    log.info("FieldArchive %s starting; store %s (%s)", __version__, store_path,
             "given" if explicit_store else "default")
    settings = UiSettings()
    translations = Translations(user_cache_path(APPLICATION, appauthor=False) / "i18n", app)
    # --lang is for this run only; the menu choice is what is remembered.
    translations.set_language(normalize(language) or settings.language or system_language())
    install_exception_hook()

    controller = AppController(settings, translations, Jobs(parent=app), app)
    status = controller.start(Path(store_path), explicit_store)
    if status is not None:
        return status
    try:
        return app.exec()
    finally:
        controller.shutdown()
