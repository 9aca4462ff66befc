"""Opens stores and their main windows: at start-up, and again from File ▸ Open store…

A store that cannot be opened is a known condition: its sentence in a message box, never a
traceback. A store with no operator or no incident gets the first-run dialog first.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.export.interrupted import (
    Interrupted,
    dead_export_notes,
    settle_interrupted_exports,
)
from app.store.errors import StoreError
from app.store.repositories import Repositories
from app.store.store import DB_NAME, VAULT_DIR, Store
from app.ui.errors import known_error_text, show_known_error
from app.ui.first_run import FirstRunDialog, needs_first_run
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

EXIT_OK = 0
EXIT_FAILED = 1


class AppController(QObject):
    def __init__(self, settings: UiSettings, translations: Translations, jobs: Jobs,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        self.jobs = jobs
        self.window: MainWindow | None = None
        self.store: Store | None = None
        self.kept_recordings_box: QMessageBox | None = None
        self.interrupted_export_box: QMessageBox | None = None

    def open_store(self, path: Path, parent: QWidget | None = None,
                   hint: str = "") -> Store | None:
        try:
            store = Store.open(path, create=True)
        except StoreError as err:
            log.warning("cannot open store %s: %s", path, err)
            text = known_error_text(err) + (f"\n\n{hint}" if hint else "")
            QMessageBox.warning(parent, translate("AppController", "Cannot open the store"),
                                text)
            return None
        for name in store.recovered:
            log.warning("store %s: recovered after an interruption: %s", path, name)
        if store.backup_made:
            log.info("store %s upgraded; backup at %s", path, store.backup_made)
        if store.kept_recordings:
            self._tell_of_kept_recordings(store, parent)
        self._settle_interrupted_exports(store, parent)
        self._warn_if_clock_behind(store, parent)
        return store

    def _tell_of_kept_recordings(self, store: Store, parent: QWidget | None) -> None:
        """A recording was cut off by a crash: what it holds was kept, not stored."""
        folder = store.kept_recordings[0].parent
        log.warning("store %s: interrupted recordings kept in %s", store.root, folder)
        self.kept_recordings_box = _tell(
            translate("AppController", "A recording was interrupted"),
            translate("AppController",
                      "The program stopped while recording. What was recorded until then is "
                      "kept in {folder} ({names}). Import it (Capture ▸ Import) to add it to "
                      "the store.").format(
                folder=folder, names=", ".join(p.name for p in store.kept_recordings)),
            parent)

    def _settle_interrupted_exports(self, store: Store, parent: QWidget | None) -> None:
        """A killed export's partial package is removed in the background (thousands of
        files can take a while), then the user is told."""
        notes = dead_export_notes(store)
        if not notes:
            return

        def settle(cancel: object, progress: object) -> Interrupted:
            return settle_interrupted_exports(store, notes)

        def tell(found: Interrupted) -> None:
            if found:
                self._tell_of_interrupted_export(found, parent)

        self.jobs.start(settle, on_finished=tell)

    def _tell_of_interrupted_export(self, found: Interrupted, parent: QWidget | None) -> None:
        """A killed export's half-written package: removed, or named where it still is."""
        log.warning("interrupted export: removed %s, unreachable %s", found.removed,
                    found.unreachable)
        lines = [translate("AppController", "An export was interrupted; nothing was handed "
                           "over and no item is marked transferred. Export again.")]
        if found.removed:
            lines.append(translate("AppController", "Its partial package was removed: "
                                   "{paths}").format(
                paths=", ".join(str(p) for p in found.removed)))
        if found.unreachable:
            lines.append(translate("AppController", "Its partial package is on a disk that "
                                   "is not connected; delete it there: {paths}").format(
                paths=", ".join(str(p) for p in found.unreachable)))
        self.interrupted_export_box = _tell(
            translate("AppController", "An export was interrupted"), "\n\n".join(lines), parent)

    def _warn_if_clock_behind(self, store: Store, parent: QWidget | None) -> None:
        """The computer's clock is earlier than the store's newest event: say so at start."""
        try:
            newest = Repositories(store).audit.clock_behind()
        except StoreError:
            return  # an unreadable event is for `check` to report
        if newest is None:
            return
        now = datetime.now().astimezone()
        log.warning("clock %s is earlier than the newest event %s", now, newest)
        QMessageBox.warning(
            parent, translate("AppController", "The computer's clock is behind"),
            translate("AppController",
                      "This computer's clock says {now}, which is earlier than the newest "
                      "record in this store ({newest}). Every new record takes its time from "
                      "the clock: set it right before you go on.").format(
                now=now.strftime("%Y-%m-%d %H:%M"),
                newest=newest.astimezone().strftime("%Y-%m-%d %H:%M")))

    def start(self, path: Path, explicit_store: bool) -> int | None:
        """Open the first store and show its window; an exit status if that cannot be done."""
        hint = "" if explicit_store else translate(
            "AppController", "To use another store, start with: fieldarchive gui --store "
            "FOLDER")
        before = _contents(path)
        store = self.open_store(path, hint=hint)
        if store is None:
            return EXIT_FAILED
        if not self._first_run_done(store, None):
            store.close()
            _discard_new_store(path, before)
            return EXIT_OK  # the user cancelled before anything was set up
        self._show(store)
        return None

    def switch_store(self, path: Path) -> bool:
        """File ▸ Open store…: the current window stays if the new store does not open."""
        parent = self.window
        if not (path / DB_NAME).exists():
            # No is the default: a slip of the folder picker must not make a store.
            answer = QMessageBox.question(
                parent, translate("AppController", "Create a store?"),
                translate("AppController", "There is no store in {path}. Create a new, empty "
                          "store there? This adds the database {database} and the folder "
                          "{vault} for the archived files to that folder.").format(
                    path=path, database=DB_NAME, vault=VAULT_DIR),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        before = _contents(path)
        store = self.open_store(path, parent)
        if store is None:
            return False
        if not self._first_run_done(store, parent):
            store.close()
            _discard_new_store(path, before)
            return False
        self._show(store)
        return True

    def _first_run_done(self, store: Store, parent: QWidget | None) -> bool:
        services = UiServices.for_store(store, self.settings, self.translations, self.jobs)
        try:
            if not needs_first_run(services.repos):
                return True
        except StoreError as err:
            show_known_error(parent, err)
            return False
        dialog = FirstRunDialog(services.repos, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        # Without any operator nothing can be signed; an incident can still be made later.
        return accepted or bool(services.repos.operators.list())

    def _show(self, store: Store) -> None:
        old_window, old_store = self.window, self.store
        services = UiServices.for_store(store, self.settings, self.translations, self.jobs)
        self.window = MainWindow(services)
        self.window.open_store_requested.connect(self.switch_store)
        self.store = store
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_store is not None:
            self.jobs.cancel_all()
            self.jobs.wait()
            old_store.close()

    def shutdown(self) -> None:
        self.jobs.cancel_all()
        self.jobs.wait()
        if self.store is not None:
            self.store.close()
            self.store = None


def _contents(path: Path) -> set[str] | None:
    """The names in ``path`` before a store is opened there (None: no such folder)."""
    try:
        return {p.name for p in path.iterdir()} if path.is_dir() else None
    except OSError:
        return None


def _discard_new_store(path: Path, before: set[str] | None) -> None:
    """The first run was cancelled in a store this start created: remove what the creation
    added (the database, its side files, the vault; the folder if it was made too), so no
    empty store is left behind. A store that existed before is never touched."""
    if before is not None and DB_NAME in before:
        return
    try:
        for entry in path.iterdir():
            if before is not None and entry.name in before:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        if before is None:
            path.rmdir()
    except OSError as err:
        log.warning("could not remove the store created at %s: %s", path, err)


def _tell(title: str, text: str, parent: QWidget | None) -> QMessageBox:
    """A warning shown with ``open``, not ``exec``: the window goes on starting behind it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
