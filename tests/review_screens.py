"""Screenshots of the review window in Chinese and English, on a store with real content:

    QT_QPA_PLATFORM=offscreen python -m tests.review_screens [OUTDIR]   (default: screenshots/)

One picture per tab (work log, items after the integrity check with one flipped byte,
integrity, report after saving). For looking at layout, clipped text and Chinese glyphs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from app.store.reading import StoreReader
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.main import application
from app.ui.review.review_window import ReviewWindow
from app.ui.worker import Jobs
from tests.test_ui_review import fill

LANGUAGES = ("zh_CN", "en")


def settle(until: object = None, ms: int = 20000) -> None:
    loop = QEventLoop()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(ms)
    poll = QTimer()
    poll.timeout.connect(lambda: (until is None or until()) and loop.quit())  # type: ignore[operator]
    poll.start(50)
    loop.exec()
    QCoreApplication.processEvents()


def main(outdir: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store"
        store = Store.open(root, create=True)
        repos = Repositories(store)
        incident = repos.incidents.create(
            "2025年某旗7.1级地震", "natural", "I",
            datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109", number="EQ2025-01")
        fill(store, repos, incident)
        with StoreReader.open(root) as reader:
            victim = reader.items.list(incident.id)[1].file("original")
        assert victim is not None
        path = root / "vault" / victim.vault_path
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
        jobs = Jobs()
        translations = Translations(Path(tmp) / "i18n", app)
        for language in LANGUAGES:
            translations.set_language(language)
            window = ReviewWindow(StoreReader.open(root), jobs, translations)
            window.show()
            settle(lambda w=window: not w.log_model.loading and not w.items_model.loading)
            window.integrity.run()
            settle(lambda w=window: w.integrity.report is not None)
            window.report.inspector_edit.setText("赵监督（盟档案馆）")
            window.report.findings_edit.setPlainText("工作日志完整；一张照片的存储副本与记录的摘要不符。")
            window.report.save_to(Path(tmp) / f"report-{language}.pdf")
            settle(lambda w=window: w.report.result is not None or w.report.worker is None)
            for n, name in enumerate(("log", "items", "integrity", "report")):
                window.tabs.setCurrentIndex(n)
                settle(ms=200)
                window.grab().save(str(outdir / f"review-{name}-{language}.png"))
            window.close()
            window.reader.close()
        jobs.wait()
        for language in LANGUAGES:
            (Path(tmp) / f"report-{language}.pdf").replace(outdir / f"review-report-{language}.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots"))
