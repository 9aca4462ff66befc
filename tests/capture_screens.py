"""Screenshots of the Capture page in Chinese and English, with real content:

    QT_QPA_PLATFORM=offscreen python -m tests.capture_screens [OUTDIR]   (default: screenshots/)

Import after importing the camera samples plus three bad files (the failures show), the
camera showing a frame of a generated video, the microphone with its meter mid-level while a
tone plays into the PulseAudio FieldMic (tests/pulse.py). For looking at layout, clipped
text and Chinese glyphs after a change.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.capture.capture_page import CapturePage
from app.ui.i18n import Translations
from app.ui.main import application
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests import pulse
from tests.capture_media import make_video

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
LANGUAGES = ("zh_CN", "en")


def wait_until(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(ms: int = 150) -> None:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def grab(widget: QWidget, path: Path) -> Path:
    settle()
    widget.grab().save(str(path))
    return path


def card(folder: Path) -> Path:
    shutil.copytree(SAMPLES / "jpg", folder / "DCIM" / "100CANON")
    canon = (SAMPLES / "jpg" / "Canon_40D.jpg").read_bytes()
    (folder / "DCIM" / "IMG_0107.JPG").write_bytes(canon[: len(canon) // 3])
    (folder / "DCIM" / "IMG_0108.JPG").write_bytes(b"")
    (folder / "DCIM" / "MVI_0109.MP4").write_bytes(os.urandom(2048))
    return folder / "DCIM"


def take_screenshots(out_dir: Path) -> list[Path]:
    application()
    out_dir.mkdir(parents=True, exist_ok=True)
    problem = pulse.ensure()
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
        translations = Translations(work / "cache")
        store = Store.open(work / "store", create=True)
        repos = Repositories(store)
        repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
        repos.incidents.create("2025年某旗7.1级地震", "natural", "I",
                               datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
                               number="EQ2025-01", place="内蒙古某旗")
        services = UiServices.for_store(store, settings, translations, Jobs())
        window = MainWindow(services)
        player = None
        try:
            window.resize(1280, 860)
            window.splitter.setSizes([110, 750])
            window.show()
            page = window.pages["capture"]
            assert isinstance(page, CapturePage)
            window.tabs.setCurrentWidget(page)  # the dashboard is the first tab
            page.files_dropped([card(work / "card")])
            wait_until(lambda: not page.import_panel.running, 120)
            page.import_panel.results_view.setCurrentIndex(page.import_panel.results.index(0))
            camera = page.camera_panel()
            camera.source_edit.setText(str(make_video(work / "site.mp4", 60.0, 1280, 720)))
            page.show_panel(page.CAMERA)
            camera.open_camera()
            wait_until(lambda: camera.preview.frames_shown > 5)
            camera.take_photo()
            wait_until(lambda: camera.recent.rowCount() == 1)
            microphone = page.microphone_panel()
            if problem is None:
                player = pulse.play(pulse.write_tone(work / "tone.wav", 60, amplitude=0.3))
                microphone.device_combo.select(pulse.MIC_NAME)
                microphone.provenance.set_channel("oral")
                for key, value in (("narrator", "乌云其木格"), ("interviewer", "李明"),
                                   ("unit", "自治区档案馆"), ("consent", "SQ-2025-017")):
                    microphone.provenance.set_value(key, value)
                microphone.record()
                wait_until(lambda: microphone.meter.peak_dbfs > -20
                           and microphone.recorder is not None
                           and microphone.recorder.seconds > 2.2)
            for language in LANGUAGES:
                translations.set_language(language)
                settle()
                page.show_panel(page.IMPORT)
                saved.append(grab(window, out_dir / f"capture_import_{language}.png"))
                page.show_panel(page.CAMERA)
                saved.append(grab(window, out_dir / f"capture_camera_{language}.png"))
                page.show_panel(page.MICROPHONE)
                saved.append(grab(window, out_dir / f"capture_microphone_{language}.png"))
                page.show_panel(page.PHYSICAL)
                saved.append(grab(window, out_dir / f"capture_physical_{language}.png"))
            microphone.stop()
            camera.close_camera()
            wait_until(lambda: camera.worker is None and not camera.busy()
                       and not microphone.busy())
        finally:
            if player is not None:
                pulse.stop_playing(player)
            translations.set_language("en")
            services.jobs.wait()
            window.close()
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            store.close()
    return saved


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd() / "screenshots"
    for shot in take_screenshots(target):
        print(shot)
