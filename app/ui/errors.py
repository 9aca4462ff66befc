"""Two kinds of error: known conditions (StoreError) and bugs.

A known condition gets its one-sentence message in a dialog and a line in the log. Anything
else reaching the event loop is a bug: the global hook logs the traceback and shows a dialog
that says so and where the log is, and the program keeps running.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.store.errors import StoreError
from app.ui.i18n import message_text

log = logging.getLogger("fieldarchive.ui")

LOG_NAME = "fieldarchive.log"
_log_file: Path | None = None
_showing = False
translate = QCoreApplication.translate


def setup_logging(log_dir: Path) -> Path | None:
    """Log to a rotating file in ``log_dir``; a read-only home only loses the file."""
    global _log_file
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_dir / LOG_NAME, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        _log_file = log_dir / LOG_NAME
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        _log_file = None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return _log_file


def known_error_summary(err: StoreError) -> str:
    """A short sentence in the interface language; the error's own sentence follows it."""
    summaries = {
        "not-a-store": translate("Errors", "This folder is not a FieldArchive store."),
        "corrupt-store": translate("Errors", "The store's database is damaged."),
        "store-locked": translate("Errors", "The store is in use by another program."),
        "read-only": translate("Errors", "The store cannot be written here."),
        "store-too-new": translate("Errors", "The store was made by a newer FieldArchive."),
        "disk-full": translate("Errors", "The disk is full."),
        "permission-denied": translate("Errors", "This needs another role or passphrase."),
        "invalid-input": translate("Errors", "Some input is not valid."),
        "not-found": translate("Errors", "Something asked for is not in the store."),
    }
    return summaries.get(err.code, translate("Errors", "The action could not be done."))


def known_error_text(err: StoreError) -> str:
    return f"{known_error_summary(err)}\n\n{message_text(err)}"


def show_known_error(parent: QWidget | None, err: StoreError, title: str | None = None) -> None:
    """A known condition: what happened and what to do, nothing technical."""
    log.warning("%s: %s", err.code, err)
    QMessageBox.warning(parent, title or translate("Errors", "FieldArchive"),
                        known_error_text(err))


def show_bug(parent: QWidget | None, summary: str, details: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("Errors", "FieldArchive: unexpected error"))
    box.setText(translate(
        "Errors", "Something went wrong inside FieldArchive. Your saved records are safe; "
        "the action that failed was not completed."))
    where = str(_log_file) if _log_file else translate("Errors", "(no log file)")
    box.setInformativeText(translate(
        "Errors", "Error: {error}\nDetails were written to the log: {log}"
    ).format(error=summary, log=where))
    box.setDetailedText(details)
    box.exec()


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
    parent: Callable[[], QWidget | None] = QApplication.activeWindow,
) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    if isinstance(exc, StoreError):
        if not _showing:
            _showing = True
            try:
                show_known_error(parent(), exc)
            finally:
                _showing = False
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error:\n%s", details)
    if _showing or QApplication.instance() is None:
        return  # one dialog at a time; the log has the rest
    _showing = True
    try:
        show_bug(parent(), f"{exc_type.__name__}: {exc}", details)
    finally:
        _showing = False


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    # Off the GUI thread no dialog can be shown; the worker primitive reports its own errors.
    details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    log.error("unexpected error in thread %s:\n%s", args.thread, details)


def install_exception_hook() -> None:
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
