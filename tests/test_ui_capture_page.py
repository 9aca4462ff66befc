"""The Capture page as a whole: a physical object with photos from files and from the
camera, the window refusing to close mid-recording, and the page in Chinese."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from app.capture.physical import linked_photos
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.capture.camera_panel import CameraPanel
from app.ui.capture.capture_page import CapturePage
from app.ui.capture.provenance_form import ProvenanceForm
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests.capture_media import make_video

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
WAIT_MS = 30_000


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    yield UiServices.for_store(store, settings, translations, jobs)
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def window(qtbot, services: UiServices, incident: IncidentRecord) -> Iterator[MainWindow]:
    services.repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    page = win.pages["capture"]
    assert isinstance(page, CapturePage)
    if page._camera is not None:
        page._camera.shutdown()


def page_of(win: MainWindow) -> CapturePage:
    page = win.pages["capture"]
    assert isinstance(page, CapturePage)
    win.tabs.setCurrentWidget(page)  # the dashboard is the first tab
    return page


def open_clip(qtbot, camera: CameraPanel, tmp_path: Path, seconds: float) -> None:
    """A test clip as the camera's source, opened the way a user opens it."""
    clip = make_video(tmp_path / "cam.mp4", seconds=seconds, width=320, height=240)
    camera.source_edit.setText(str(clip))
    camera.open_button.click()
    qtbot.waitUntil(lambda: camera.is_open, timeout=WAIT_MS)


def test_a_physical_object_with_photo_files_and_camera_photos(
        qtbot, window: MainWindow, tmp_path: Path, store: Store, incident: IncidentRecord
) -> None:
    page = page_of(window)
    page.show_panel(page.PHYSICAL)
    form = page.physical_form()
    assert page.tabs.currentWidget() is form
    form.store_button.click()
    assert "title" in form.message_label.text()

    form.title_edit.setText("救援队队旗")
    form.description_edit.setPlainText("第一支进入灾区的救援队的队旗，有签名。")
    form.dimensions_edit.setText("120 × 80 cm")
    form.condition_edit.setText("一角撕裂，干燥")
    form.location_edit.setText("库房2，B-3架")
    form.label_edit.setText("SW-0001")
    form.provenance.set_channel("donation")
    form.provenance.set_value("donor", "王五")
    form.provenance.set_value("open_status", "controlled")
    flag = tmp_path / "flag.jpg"
    shutil.copy(SAMPLES / "jpg" / "Canon_40D.jpg", flag)
    form.add_photo_files([flag])
    qtbot.waitUntil(lambda: form.photos.thumb(0).image is not None, timeout=WAIT_MS)

    # Take two more with the camera: the page switches over, and back when done.
    form.camera_button.click()
    camera = page.camera_panel()
    assert page.tabs.currentWidget() is camera and camera.collect_banner.isVisible()
    assert "救援队队旗" in camera.collect_label.text()
    open_clip(qtbot, camera, tmp_path, seconds=8.0)
    camera.take_photo()
    qtbot.waitUntil(lambda: camera.recent.rowCount() == 1, timeout=WAIT_MS)
    camera.take_photo()
    qtbot.waitUntil(lambda: camera.recent.rowCount() == 2, timeout=WAIT_MS)
    camera.back_button.click()
    assert page.tabs.currentWidget() is form
    assert form.photos.rowCount() == 3 and len(form.camera_photos) == 2

    form.store_button.click()
    qtbot.waitUntil(lambda: not form.storing, timeout=WAIT_MS)
    assert form.message_label.text() == "Object stored: 救援队队旗, 3 photos linked."
    repos = window.services.repos
    obj = repos.items.get(window.services.last_item.item_id or "")
    assert (obj.kind, obj.category, obj.source_channel) == ("physical", "SW", "donation")
    assert (obj.dimensions, obj.condition, obj.storage_location, obj.label_number) == (
        "120 × 80 cm", "一角撕裂，干燥", "库房2，B-3架", "SW-0001")
    assert obj.open_status == "controlled" and obj.creator == "王五"
    assert len(linked_photos(repos, obj.id)) == 3
    assert form.title_edit.text() == "" and form.photos.rowCount() == 0
    assert check_store(store).ok


def test_the_window_stays_open_while_a_recording_runs(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    page = page_of(window)
    camera = page.camera_panel()
    open_clip(qtbot, camera, tmp_path, seconds=10.0)
    camera.start_recording()
    qtbot.waitUntil(lambda: camera.elapsed.isValid(), timeout=WAIT_MS)
    window.tabs.setCurrentIndex(1)

    assert not window.close()
    assert window.isVisible()
    assert window.tabs.currentWidget() is page and page.tabs.currentWidget() is camera
    box = page.close_refused
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.accept()

    camera.stop_recording()
    qtbot.waitUntil(lambda: not camera.busy(), timeout=WAIT_MS)
    assert camera.recent.rowCount() == 1
    camera.close_camera()
    qtbot.waitUntil(lambda: camera.worker is None, timeout=WAIT_MS)
    assert window.close()


def test_the_page_speaks_chinese(qtbot, window: MainWindow, services: UiServices) -> None:
    page = page_of(window)
    camera = page.camera_panel()
    microphone = page.microphone_panel()
    form = page.physical_form()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "导入")
    assert [page.tabs.tabText(i) for i in range(4)] == ["导入", "相机", "录音", "实物"]
    assert page.incident_label.text() == "采集到：2025年某旗7.1级地震"
    panel = page.import_panel
    assert panel.add_files_button.text() == "添加文件(&E)…"
    assert panel.summary_label.text() == "已导入：0   重复：0   失败：0"
    assert panel.provenance.channel_combo.itemText(1) == "媒体移交"
    assert camera.shutter_button.text() == "拍照（空格键）"
    assert microphone.record_button.text() == "开始录音(&O)"
    assert form.store_button.text() == "保存此实物(&J)"
    QApplication.processEvents()
    window.set_language("en")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Import")
    assert camera.shutter_button.text() == "Take photo (Space)"


def mnemonic(text: str) -> str | None:
    """The Alt+letter a text gives ("Add fil&es…" gives "e"), or None."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def visible_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton | QGroupBox) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            key = mnemonic(text)
            if key:
                found.append((key, text))
    return found


def test_every_panel_has_distinct_mnemonics_beside_the_menus(
        qtbot, window: MainWindow) -> None:
    """Alt+letter reaches one control: none twice on a panel, none taken from the menus."""
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    page = page_of(window)
    panels = [page.import_panel, page.camera_panel(), page.microphone_panel(),
              page.physical_form()]
    for index, panel in enumerate(panels):
        page.show_panel(index)
        forms = panel.findChildren(ProvenanceForm)
        channels = forms[0].channels if forms else ("self",)
        for channel in channels:
            if forms:
                forms[0].set_channel(channel)
            found = visible_mnemonics(panel)
            keys = [key for key, _ in found]
            clashes = sorted({k for k in keys if keys.count(k) > 1})
            assert not clashes, (type(panel).__name__, channel, found)
            assert not menus & set(keys), (type(panel).__name__, channel, found)
            assert len(found) >= 4
    camera = page.camera_panel()
    page.show_panel(page.CAMERA)
    camera.collect_for("救援队队旗", lambda _id, _image: None, lambda: None)
    keys = [key for key, _ in visible_mnemonics(camera)]
    assert len(keys) == len(set(keys)) and not menus & set(keys)
    camera.end_collecting()


def test_space_takes_a_photo_from_anywhere_on_the_camera_panel_but_not_in_text(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    page = page_of(window)
    camera = page.camera_panel()
    page.show_panel(page.CAMERA)
    open_clip(qtbot, camera, tmp_path, seconds=8.0)
    camera.series_button.setFocus()
    qtbot.keyClick(camera.series_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: camera.recent.rowCount() == 1, timeout=WAIT_MS)
    assert camera.series is None  # Space is the shutter, even on a focused button
    camera.close_camera()
    qtbot.waitUntil(lambda: camera.worker is None, timeout=WAIT_MS)
    camera.source_edit.setFocus()
    qtbot.keyClicks(camera.source_edit, "rtsp://cam 1")
    assert camera.source_edit.text().endswith("rtsp://cam 1")
    assert camera.recent.rowCount() == 1


def test_the_physical_forms_messages_go_with_their_cause(
        qtbot, window: MainWindow, services: UiServices, repos, incident) -> None:
    from datetime import datetime

    form = page_of(window).physical_form()
    form.store_button.click()
    assert "title" in form.message_label.text()
    form.title_edit.setText("救援旗帜")
    assert form.message_label.text() == ""
    # A message about one incident goes when another is chosen.
    form.message_label.show_message("Object stored: 救援旗帜, 0 photos linked.")
    other = repos.incidents.create("另一起事件", "natural", "II",
                                   datetime.fromisoformat("2025-08-01T09:00:00+08:00"), "Z109")
    services.selection.set(other)
    assert form.message_label.text() == ""


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_closing_while_the_camera_streams_asks_first(
        qtbot, window: MainWindow, tmp_path: Path,
        answer: QMessageBox.StandardButton) -> None:
    page = page_of(window)
    camera = page.camera_panel()
    open_clip(qtbot, camera, tmp_path, seconds=30.0)
    window.tabs.setCurrentIndex(1)

    assert not window.close()  # refused for now: the question is asked without blocking
    box = page.close_question
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "streaming" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert window.tabs.currentWidget() is page and page.tabs.currentWidget() is camera
    button = box.button(answer)
    assert button is not None
    button.click()
    if answer == QMessageBox.StandardButton.No:
        assert window.isVisible() and camera.is_open  # the picture stays on
        camera.close_camera()
    else:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: camera.worker is None, timeout=WAIT_MS)


def test_a_window_closed_with_the_camera_on_by_whoever_never_blocks(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    # What hung CI once: a close nobody answers (a test's teardown) must return at once.
    page = page_of(window)
    camera = page.camera_panel()
    open_clip(qtbot, camera, tmp_path, seconds=30.0)
    assert not window.close()
    assert not window.close()  # asked once, not a second box on top
    boxes = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
