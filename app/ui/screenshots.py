"""Screenshots of the shell in both languages, from a throw-away demo store.

    QT_QPA_PLATFORM=offscreen python -m app.ui.screenshots [OUTDIR]   (default: screenshots/)

For looking at layout, clipped text and Chinese glyphs after a change; nothing here is used
by the program itself.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.first_run import FirstRunDialog
from app.ui.i18n import Translations
from app.ui.main import application
from app.ui.main_window import MainWindow
from app.ui.operators_dialog import OperatorsDialog
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


def _demo_store(root: Path) -> Store:
    store = Store.open(root, create=True)
    repos = Repositories(store)
    repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    repos.operators.add("李审核", "自治区应急管理厅", "reviewer", position="组长",
                        passphrase="review-2025")
    quake = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
        number="EQ2025-01", place="内蒙古某旗")
    repos.incidents.end_response(quake.id, datetime.fromisoformat("2025-08-31T18:00:00+08:00"))
    repos.incidents.create(
        "某化工园区危化品爆炸事故", "accident", "II",
        datetime.fromisoformat("2025-09-03T09:10:00+08:00"), "Z109",
        number="AC2025-07", place="某市化工园区")
    return store


def _save(widget: QWidget, path: Path) -> Path:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def take_screenshots(out_dir: Path) -> list[Path]:
    application()  # named, so QSettings and folders resolve as in the real program
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
        translations = Translations(work / "cache")
        store = _demo_store(work / "store")
        fresh = Store.open(work / "fresh", create=True)
        try:
            for language in ("zh_CN", "en"):
                translations.set_language(language)
                services = UiServices.for_store(store, settings, translations, Jobs())
                window = MainWindow(services)
                window.resize(1100, 680)
                saved.append(_save(window, out_dir / f"main_window_{language}.png"))
                operators = OperatorsDialog(services.repos, window)
                operators.view.selectRow(0)
                saved.append(_save(operators, out_dir / f"operators_{language}.png"))
                add = operators.add_operator()
                add.form.role_combo.setCurrentIndex(add.form.role_combo.findData("reviewer"))
                saved.append(_save(add, out_dir / f"add_operator_{language}.png"))
                add.reject()
                operators.reject()
                first = FirstRunDialog(Repositories(fresh))
                first.adjustSize()
                saved.append(_save(first, out_dir / f"first_run_{language}.png"))
                first.operator_form.name_edit.setText("张伟")
                first.accept()  # no unit: the inline message
                saved.append(_save(first, out_dir / f"first_run_error_{language}.png"))
                first.reject()
                window.close()
                # Gone before the demo store is: nothing may outlive it and query it later.
                for widget in (first, window):
                    widget.deleteLater()
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        finally:
            translations.set_language("en")
            store.close()
            fresh.close()
    return saved


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "screenshots"
    for path in take_screenshots(target):
        print(path)
