"""Screenshots of the dashboard, the Library (grid and table, with the preview), the editor,
the batch edit and the retention-schedule window, in Chinese and English, with real content:

    QT_QPA_PLATFORM=offscreen python -m tests.library_screens [OUTDIR]   (default: screenshots/)

The camera samples and a recorded tone are imported through the importer; some photos are
described and filed. Each screen is checked for clipped and untranslated text
(``tests.screen_checks``); the problems are returned beside the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.capture.importer import import_files
from app.capture.physical import PhysicalObject, add_physical
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.i18n import Translations
from app.ui.library.batch_edit import BatchEditDialog
from app.ui.library.item_editor import PHYSICAL_TAB, ItemEditorDialog
from app.ui.library.library_page import LibraryPage
from app.ui.main import application
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests import pulse
from tests.screen_checks import clipped, untranslated

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
LANGUAGES = ("zh_CN", "en")
NOW = datetime.fromisoformat("2026-02-10T12:00:00+08:00")  # 18 days before the deadline


@dataclass
class Screens:
    saved: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def wait_until(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(ms: int = 200) -> None:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _demo(work: Path) -> tuple[Store, str]:
    store = Store.open(work / "store", create=True)
    repos = Repositories(store)
    repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    repos.operators.add("李审核", "自治区应急管理厅", "reviewer", position="组长",
                        passphrase="review-2025")
    incident = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109", number="EQ2025-01",
        place="内蒙古某旗", org_code="YJB")
    card = work / "card"
    card.mkdir()
    pulse.write_tone(card / "现场录音.wav", 3.0)
    import_files(repos, incident.id, [SAMPLES / "jpg", card])
    photos = [r for r in repos.library.page(incident.id, limit=500) if r.kind == "photo"]
    described = [r.id for r in photos[:6]]
    repos.description.describe(described, {
        "place": "某旗某镇安置点", "people": "旗救援队队员", "phase": "response",
        "category": "photos-important",
        "caption": {"cause": "转移受灾群众", "place": "某旗某镇安置点",
                    "people": "旗救援队队员"}})
    repos.filing.file(incident.id, described[:3])
    repos.description.appraise([photos[-1].id], True, "试拍")
    add_physical(repos, incident.id, PhysicalObject(
        "救援头盔", "消防员在三号街区搜救时佩戴的头盔", dimensions="30 × 25 × 20 cm",
        condition="完好，正面有划痕", storage_location="自治区档案馆A库房3号架",
        label_number="SW-2025-0001"))
    repos.log.add(incident.id, "搜救队进入三号街区，转移群众12人。",
                  occurred_at=datetime.fromisoformat("2025-07-21T16:00:00+08:00"),
                  category="other")
    repos.incidents.end_response(incident.id,
                                 datetime.fromisoformat("2025-08-31T18:00:00+08:00"))
    return store, incident.id


def _grab(widget: QWidget, path: Path, screens: Screens, language: str,
          checked: QWidget | None = None) -> None:
    """Save ``widget``'s picture and check ``checked`` (the page shown; the window around
    it belongs to other screens, checked by their own tools)."""
    settle()
    widget.grab().save(str(path))
    screens.saved.append(path)
    root = checked or widget
    screens.problems += [f"{path.name}: clipped {p}" for p in clipped(root)]
    if language.startswith("zh"):
        screens.problems += [f"{path.name}: untranslated {p}" for p in untranslated(root)]


def take_screenshots(out_dir: Path) -> Screens:
    application()
    out_dir.mkdir(parents=True, exist_ok=True)
    pulse.ensure()
    screens = Screens()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
        translations = Translations(work / "cache")
        store, incident_id = _demo(work)
        services = UiServices.for_store(store, settings, translations, Jobs())
        window = MainWindow(services)
        try:
            window.resize(1280, 860)
            window.splitter.setSizes([110, 750])
            window.show()
            window.incidents.reload(incident_id)
            wait_until(lambda: services.selection.current is not None)
            dashboard = window.pages["dashboard"]
            library = window.pages["library"]
            assert isinstance(dashboard, DashboardPage) and isinstance(library, LibraryPage)
            dashboard.now = NOW
            dashboard.reload()
            wait_until(lambda: dashboard.figures is not None and dashboard.figures.now == NOW)
            wait_until(lambda: library.model.rowCount() > 0 and not library.model.loading)
            canon = next(r for r in range(library.model.rowCount())
                         if library.model.row_at(r).original_name == "Canon_40D.jpg")
            for language in LANGUAGES:
                translations.set_language(language)
                settle()
                window.tabs.setCurrentWidget(dashboard)
                _grab(window, out_dir / f"dashboard_{language}.png", screens, language,
                      dashboard)
                window.tabs.setCurrentWidget(library)
                library.show_grid()
                library.selection.setCurrentIndex(
                    library.model.index(canon, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                wait_until(library.preview.image_view.has_image)
                wait_until(lambda: not library.thumbnails.busy)
                _grab(window, out_dir / f"library_grid_{language}.png", screens, language,
                      library)
                library.show_table()
                _grab(window, out_dir / f"library_table_{language}.png", screens, language,
                      library)
                editor = library.open_editor([library.model.row_at(canon).id])
                assert isinstance(editor, ItemEditorDialog)
                wait_until(lambda e=editor: e.data is not None)
                _grab(editor, out_dir / f"editor_{language}.png", screens, language)
                editor.tabs.setCurrentIndex(1)
                _grab(editor, out_dir / f"editor_caption_{language}.png", screens, language)
                editor.reject()
                helmet = next(r for r in range(library.model.rowCount())
                              if library.model.row_at(r).kind == "physical")
                editor = library.open_editor([library.model.row_at(helmet).id])
                assert isinstance(editor, ItemEditorDialog)
                wait_until(lambda e=editor: e.data is not None)
                editor.tabs.setCurrentIndex(PHYSICAL_TAB)
                _grab(editor, out_dir / f"editor_physical_{language}.png", screens, language)
                editor.reject()
                objects = BatchEditDialog(services, incident_id,
                                          [library.model.row_at(helmet).id], library,
                                          physical=True)
                _grab(objects, out_dir / f"batch_edit_physical_{language}.png", screens,
                      language)
                objects.reject()
                objects.deleteLater()
                ids = [library.model.row_at(r).id for r in range(5)]
                batch = library.open_editor(ids)
                assert batch is not None
                _grab(batch, out_dir / f"batch_edit_{language}.png", screens, language)
                batch.reject()
                schedule = dashboard.open_schedule()
                assert schedule is not None
                wait_until(lambda w=schedule: w.view is not None)
                _grab(schedule, out_dir / f"schedule_{language}.png", screens, language)
                schedule.close()
        finally:
            translations.set_language("en")
            services.jobs.wait()
            window.close()
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            store.close()
    return screens


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "screenshots"
    result = take_screenshots(target)
    for shot in result.saved:
        print(shot)
    for problem in result.problems:
        print("PROBLEM", problem)
