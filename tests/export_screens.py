"""Screenshots of the export wizard and tab, in Chinese and English (run by hand):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.export_screens OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.store.models import Item
from app.store.store import Store
from app.ui.export.export_page import ExportPage
from app.ui.i18n import Translations
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests.export_support import JPEGS, file_items, import_items


def wait(app: QApplication, until: object, seconds: float = 60) -> None:
    import time

    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp())
    store = Store.open(work / "store", create=True)
    translations = Translations(work / "cache")
    services = UiServices.for_store(
        store, UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat)),
        translations, Jobs())
    repos = services.repos
    inc = repos.incidents.create("2025年某旗7.1级地震", "natural", "I",
                                 datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
                                 number="EQ2025-01", org_code="YJB")
    repos.operators.add("李审核", "自治区应急管理厅", "reviewer", passphrase="review-2025")
    ids = import_items(repos, inc.id, JPEGS[:3])
    repos.description.describe([ids[1]], {"title": "旧题名：临时安置点"})  # history to hide
    file_items(repos, ids)
    batch = ids
    import_items(repos, inc.id, JPEGS[3:4])  # not filed: shown by pre-flight when selected
    services.selection.set(inc)
    for lang in ("zh_CN", "en"):
        translations.set_language(lang)
        page = ExportPage(services)
        page.resize(900, 500)
        wizard = page.open_wizard()
        assert wizard is not None
        wizard.resize(820, 600)
        target = work / f"carrier-{lang}"
        target.mkdir()
        wizard.scope.target.setText(str(target))
        wizard.scope.carrier_number.setText("HD-01")
        wizard.show()
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-1-scope-{lang}.png"))
        with store.writer() as s:  # a filed photo whose caption was lost: pre-flight blocks
            item = s.get(Item, batch[0])
            assert item is not None
            item.description = ""
        wizard.next()
        wait(app, lambda w=wizard: w.check.report is not None)
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-2-preflight-{lang}.png"))
        # Fixed through the failure's button: the editor, then pre-flight runs again.
        editor = wizard.check.open_item(batch[0])
        wait(app, lambda e=editor: e.data is not None)
        editor.fields.set_value("description", "事由：地震救援；地点：某镇；摄影者：张三")
        app.processEvents()
        editor.grab().save(str(out / f"wizard-2b-fix-editor-{lang}.png"))
        before = wizard.check.report
        editor.save()
        wait(app, lambda w=wizard, b=before: w.check.report is not None
             and w.check.report is not b)
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-2c-preflight-fixed-{lang}.png"))
        wizard.next()
        if wizard.history.rows:
            wizard.history.rows[-1].setCheckState(0, Qt.CheckState.Checked)
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-3-history-{lang}.png"))
        wizard.next()
        wizard.approval.passphrase.setText("review-2025")
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-4-approval-{lang}.png"))
        wizard.next()
        wait(app, lambda w=wizard: w.running.result is not None or not w.running.worker)
        app.processEvents()
        wizard.grab().save(str(out / f"wizard-5-done-{lang}.png"))
        wizard.accept()
        page.show()
        app.processEvents()
        page.grab().save(str(out / f"export-page-{lang}.png"))
        page.close()
        # the second language exports a second batch: file one more item for it
        batch = import_items(repos, inc.id, JPEGS[4:5])
        file_items(repos, batch)
    services.jobs.wait()
    store.close()


if __name__ == "__main__":
    main()
