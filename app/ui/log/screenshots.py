"""Screenshots of the work-log screens in both languages, from a throw-away demo store.

    QT_QPA_PLATFORM=offscreen python -m app.ui.log.screenshots [OUTDIR] [PHOTO]

OUTDIR defaults to screenshots/; PHOTO (a JPEG to link to one entry) to a camera sample
from the test data. For looking at layout, clipped text and Chinese glyphs after a change;
nothing here is used by the program itself.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.log.review_dialog import ReviewDialog
from app.ui.log.templates import template
from app.ui.log.timeline_page import WorkLogPage
from app.ui.main import application
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

START = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
SAMPLE_PHOTO = (Path(__file__).resolve().parents[3] / "tests" / "data" / "camera-samples"
                / "jpg" / "Canon_40D.jpg")
PASSPHRASE = "review-2025"

# (minutes after the start, category, phase, recorder, text)
ENTRIES: tuple[tuple[int, str, str, str, str], ...] = (
    (40, "other", "response", "张伟", "到达现场：旗政府前指，领取现场工作证。"),
    (55, "meeting", "response", "张伟", "会议：前方指挥部第一次调度会，明确档案组随队采集。"),
    (80, "capture", "response", "张伟", "拍摄一号街区倒塌房屋及搜救现场，照片36张。"),
    (95, "capture", "response", "王五", "录制指挥部广播通知，录音2段。"),
    (130, "handover", "response", "张伟", "接收移交：旗融媒体中心航拍视频3段、照片120张。"),
    (160, "decision", "response", "张伟", "决策：所有采集照片当日入库并复核数字摘要。"),
    (200, "oral", "response", "王五", "完成口述采录：三号街区居民李某，时长18分钟。"),
    (240, "capture", "response", "张伟", "拍摄临时安置点搭建过程。"),
    (300, "collection", "response", "王五", "社会征集：志愿者捐赠现场照片U盘一个。"),
    (360, "meeting", "response", "张伟", "会议：档案组碰头会，分工次日采集任务。"),
    (1440, "other", "response", "张伟", "第二天：赴四号街区，继续采集。"),
    (1500, "capture", "response", "王五", "拍摄救援物资发放现场。"),
    (1560, "handover", "response", "张伟", "接收移交：旗卫健委医疗救治记录复印件42页。"),
    (1620, "oral", "response", "王五", "完成口述采录：搜救队队长，时长35分钟。"),
    (1700, "decision", "response", "张伟", "决策：实物（救援队旗）由旗档案馆暂存。"),
    (2900, "other", "recovery", "张伟", "转入恢复重建阶段，开始整理当日材料。"),
    (2960, "meeting", "recovery", "王五", "会议：恢复重建档案工作部署会。"),
    (3000, "capture", "recovery", "张伟", "拍摄过渡安置房选址。"),
    (3100, "other", "recovery", "王五", "整理照片文字说明，补全六要素。"),
    (3200, "capture", "recovery", "张伟", "拍摄学校复课现场。"),
)


def demo_store(root: Path, photo: Path | None) -> tuple[Store, str]:
    from app.capture.importer import import_files

    store = Store.open(root, create=True)
    repos = Repositories(store)
    repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    repos.operators.add("王五", "旗档案馆", "archivist", position="档案员")
    repos.operators.add("李审核", "自治区应急管理厅", "reviewer", position="组长",
                        passphrase=PASSPHRASE)
    quake = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I", START, "Z109", number="EQ2025-01",
        place="内蒙古某旗", org_code="YJB")
    photo_id = None
    if photo is not None and photo.is_file():
        report = import_files(repos, quake.id, [photo])
        photo_id = report.imported[0].item_id if report.imported else None
    ids = []
    for minutes, category, phase, who, text in ENTRIES:
        links = [photo_id] if photo_id and "倒塌房屋" in text else []
        ids.append(repos.log.add(quake.id, text, occurred_at=START + timedelta(minutes=minutes),
                                 category=category, phase=phase, operator=who,
                                 place="某旗三号街区" if "街区" in text else "",
                                 linked_items=links).id)
    repos.log.review(ids[:6], "李审核", PASSPHRASE, opinion="记录完整，同意。")
    repos.log.review([ids[7]], "李审核", PASSPHRASE, opinion="请补充拍摄张数。",
                     returned=True)
    repos.log.correct(ids[7], "拍摄临时安置点搭建过程，照片24张。", "按审核意见补充张数",
                      operator="张伟")
    repos.log.correct(ids[12], "接收移交：旗卫健委医疗救治记录复印件45页。", "页数点错",
                      operator="张伟")
    repos.log.review([ids[13]], "李审核", PASSPHRASE, opinion="口述者未签授权书，请补。",
                     returned=True)
    return store, quake.id


def _settle(until: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until():
            break
        time.sleep(0.02)
    for _ in range(5):
        QApplication.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    widget.show()
    _settle(lambda: False, 0.2)
    widget.grab().save(str(path))
    return path


def take_screenshots(out_dir: Path, photo: Path | None = SAMPLE_PHOTO) -> list[Path]:
    application()
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
        translations = Translations(work / "cache")
        store, _incident_id = demo_store(work / "store", photo)
        try:
            for language in ("zh_CN", "en"):
                translations.set_language(language)
                jobs = Jobs()
                services = UiServices.for_store(store, settings, translations, jobs)
                window = MainWindow(services)
                try:
                    saved.extend(_shoot(window, out_dir, language))
                finally:
                    window.close()
                    jobs.cancel_all()
                    jobs.wait()
                    # Gone before the demo store is: nothing may query it afterwards.
                    window.deleteLater()
                    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        finally:
            translations.set_language("en")
            store.close()
    return saved


def _shoot(window: MainWindow, out_dir: Path, language: str) -> list[Path]:
    saved: list[Path] = []
    services = window.services
    window.resize(1280, 800)
    window.splitter.setSizes([90, 700])
    page = window.pages["worklog"]
    assert isinstance(page, WorkLogPage)
    window.tabs.setCurrentWidget(page)
    window.show()
    _settle(lambda: not page.model.loading)
    # Oldest first: the day's first entries, reviewed, one with a photo.
    page.set_newest_first(False)
    _settle(lambda: not page.model.loading)
    window.grab()  # asks for every visible thumbnail; then wait for them
    _settle(lambda: not page.thumbnails.busy)
    page.select_row(2)
    saved.append(_save(window, out_dir / f"log_page_{language}.png"))

    services.last_item.set(_photo_item(services))
    quick = page.open_quick_entry()
    quick.apply_template(template("arrival"))
    quick.text_edit.insertPlainText("四号街区，开始拍摄")
    quick.more_button.setChecked(True)
    quick.adjustSize()
    saved.append(_save(quick, out_dir / f"log_quick_entry_{language}.png"))
    quick.reject()

    selection = QItemSelection()
    for row in (10, 11, 13):
        selection.select(page.model.index(row, 0), page.model.index(row, 7))
    page.view.selectionModel().select(selection,
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)
    review = page.review_selected()
    assert isinstance(review, ReviewDialog)
    review.passphrase_edit.setText("wrong-one")  # to show how a refusal reads
    review.submit(returned=False)
    _settle(lambda: not review.busy)
    review.adjustSize()
    saved.append(_save(review, out_dir / f"log_review_{language}.png"))
    review.reject()

    page.select_row(page.model.row_of(_corrected_id(page)))
    history = page.show_history()
    if history is not None:
        saved.append(_save(history, out_dir / f"log_history_{language}.png"))
        history.reject()
    return saved


def _photo_item(services: UiServices) -> str:
    incident = services.selection.current
    assert incident is not None
    items = services.repos.items.list(incident.id, limit=1)
    return items[0].id if items else ""


def _corrected_id(page: WorkLogPage) -> str:
    for row in range(page.model.rowCount()):
        view = page.model.view_at(row)
        if view is not None and view.has_history:
            return view.id
    return ""


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "screenshots"
    sample = Path(sys.argv[2]) if len(sys.argv) > 2 else SAMPLE_PHOTO
    for shot in take_screenshots(target, sample):
        print(shot)
