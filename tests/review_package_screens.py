"""Screenshots of the review window on transfer packages, in Chinese and English:

    QT_QPA_PLATFORM=offscreen python -m tests.review_package_screens [OUTDIR]  (screenshots/)

Two teams' packages of one incident (two bags of one group, and a ZIP) with one photo's
byte flipped in a copy of the first bag: the items with their origin after verify, the
integrity panel, and the report; the PDF reports beside them. Clipped or untranslated text
is printed (``screen_checks``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from app.export.package_review import open_review
from app.ui.i18n import Translations
from app.ui.main import application
from app.ui.review.review_window import ReviewWindow
from app.ui.worker import Jobs
from tests.export_support import JPEGS
from tests.package_review_support import make_team
from tests.review_screens import settle
from tests.screen_checks import clipped, untranslated

LANGUAGES = ("zh_CN", "en")


def main(outdir: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "a").mkdir()
        (root / "b").mkdir()
        bags, _, _ = make_team(root / "a", "YJB", JPEGS[:3], zip_=False,
                           carrier=4 * 1024 * 1024 + 160_000)
        zips, _, _ = make_team(root / "b", "XFD", JPEGS[3:5], zip_=True, carrier=None)
        first = root / "disc" / bags[0].name
        shutil.copytree(bags[0], first)
        photo = next((first / "data").rglob("*-001.jpg"))
        data = bytearray(photo.read_bytes())
        data[len(data) // 2] ^= 1
        photo.write_bytes(bytes(data))
        jobs = Jobs()
        translations = Translations(root / "i18n", app)
        for language in LANGUAGES:
            translations.set_language(language)
            window = ReviewWindow(open_review([first, bags[1], zips[0]]), jobs, translations)
            window.show()
            settle(lambda w=window: not w.log_model.loading and not w.items_model.loading
                   and not w.library.model.loading and w.dashboard.figures is not None)
            window.integrity.run()
            settle(lambda w=window: w.integrity.report is not None, ms=120000)
            window.report.inspector_edit.setText("赵监督（盟档案馆）")
            window.report.findings_edit.setPlainText("两个组的数据包；一张照片与清单摘要不符。")
            window.report.save_to(root / f"report-{language}.pdf")
            settle(lambda w=window: w.report.result is not None or w.report.worker is None)
            for name in ("library", "items", "integrity", "report"):
                window.tabs.setCurrentWidget(window.pages[name])
                settle(ms=200)
                window.grab().save(str(outdir / f"review-package-{name}-{language}.png"))
                if language == "zh_CN":
                    print(name, "untranslated:", untranslated(window))
                print(name, "clipped:", clipped(window))
            window.close()
            window.reader.close()
        jobs.wait()
        for language in LANGUAGES:
            (root / f"report-{language}.pdf").replace(
                outdir / f"review-package-report-{language}.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots"))
