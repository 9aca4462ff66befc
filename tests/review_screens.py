"""Screenshots of the review window in Chinese and English, on a store with real content:

    QT_QPA_PLATFORM=offscreen python -m tests.review_screens [OUTDIR]   (default: screenshots/)

One picture per page (dashboard, library with a photo previewed, work log, items after the
integrity check with one flipped byte, integrity, report after saving) and the item history
dialog. Each screen is checked for clipped and untranslated text (``tests.screen_checks``);
``take_screenshots`` returns the problems beside the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
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
from tests.screen_checks import clipped, untranslated
from tests.test_ui_review import fill

LANGUAGES = ("zh_CN", "en")
PAGES = ("dashboard", "library", "worklog", "items", "integrity", "report")


@dataclass
class Screens:
    saved: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


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


def take_screenshots(outdir: Path) -> Screens:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    outdir.mkdir(parents=True, exist_ok=True)
    screens = Screens()
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
            window.resize(1280, 800)
            window.show()
            settle(lambda w=window: not w.log_model.loading and not w.items_model.loading
                   and w.dashboard.figures is not None and not w.library.model.loading)
            window.library.show_table()
            window.library.select_item(window.library.model.row_at(0).id)
            window.integrity.run()
            settle(lambda w=window: w.integrity.report is not None)
            window.report.inspector_edit.setText("赵监督（盟档案馆）")
            window.report.findings_edit.setPlainText("工作日志完整；一张照片的存储副本与记录的摘要不符。")
            window.report.save_to(Path(tmp) / f"report-{language}.pdf")
            settle(lambda w=window: w.report.result is not None or w.report.worker is None)
            for name in PAGES:
                window.tabs.setCurrentWidget(window.pages[name])
                settle(ms=300)
                _save(window, outdir / f"review-{name}-{language}.png", screens)
            history = window.show_item_history([window.library.model.row_at(0).id])
            assert history is not None
            settle(lambda h=history: h.data is not None)
            _save(history, outdir / f"review-item-history-{language}.png", screens)
            history.reject()
            window.close()
            window.reader.close()
        jobs.wait()
        for language in LANGUAGES:
            (Path(tmp) / f"report-{language}.pdf").replace(outdir / f"review-report-{language}.pdf")
    return screens


def _save(widget: object, path: Path, screens: Screens) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    widget.grab().save(str(path))
    screens.saved.append(path)
    screens.problems.extend(f"{path.name}: {p}" for p in clipped(widget))
    if path.stem.endswith("zh_CN"):
        screens.problems.extend(f"{path.name}: {p}" for p in untranslated(widget))


def main(outdir: Path) -> None:
    screens = take_screenshots(outdir)
    print("\n".join(screens.problems) or "no clipped or untranslated text")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots"))
