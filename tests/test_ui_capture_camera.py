"""The Camera panel with a real video file as the camera (made with PyAV), through the real
OpenCV path: preview, shutter (button and Space), interval photos, video, a source that ends."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt

from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.capture.camera_panel import CameraPanel
from app.ui.i18n import Translations
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests.capture_media import make_video

WAIT_MS = 30_000
EXIF_IFD = 0x8769


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object,
             incident: IncidentRecord) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    services = UiServices.for_store(store, settings, translations, jobs)
    services.repos.operators.add("张档案", "应急局", "archivist", make_default=True)
    services.selection.set(services.repos.incidents.get(incident.id))
    yield services
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return make_video(tmp_path / "camera.mp4", seconds=12.0, width=640, height=360)


@pytest.fixture
def panel(qtbot, services: UiServices) -> Iterator[CameraPanel]:
    widget = CameraPanel(services)
    qtbot.addWidget(widget)
    widget.resize(900, 640)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def open_source(qtbot, panel: CameraPanel, source: Path | str) -> None:
    panel.source_edit.setText(str(source))
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.is_open, timeout=WAIT_MS)


def stored_bytes(services: UiServices, item_id: str, role: str = "original") -> bytes:
    f = services.repos.items.get(item_id).file(role)
    assert f is not None
    with services.repos.items.open_file(f.vault_path) as stream:
        return stream.read()


def test_preview_frames_arrive_scaled_with_the_aspect_kept(
        qtbot, panel: CameraPanel, clip: Path) -> None:
    open_source(qtbot, panel, clip)
    qtbot.waitUntil(lambda: panel.preview.frames_shown >= 5, timeout=WAIT_MS)
    image = panel.preview.image
    assert image is not None and not image.isNull()
    assert abs(image.width() / image.height() - 640 / 360) < 0.02
    assert image.width() <= panel.preview.width() * panel.preview.devicePixelRatioF() + 1
    rect = panel.preview.image_rect()
    assert abs(rect.width() / rect.height() - 640 / 360) < 0.02
    assert "640×360" in panel.message_label.text()
    panel.close_button.click()
    qtbot.waitUntil(lambda: panel.worker is None, timeout=WAIT_MS)
    assert panel.message_label.text() == "Camera closed."
    assert panel.open_button.isEnabled() and not panel.shutter_button.isEnabled()


def test_shutter_and_space_store_full_resolution_photos_with_exif(
        qtbot, panel: CameraPanel, clip: Path, services: UiServices, store: Store) -> None:
    open_source(qtbot, panel, clip)
    panel.shutter_button.click()
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 1, timeout=WAIT_MS)
    panel.preview.setFocus()
    qtbot.keyClick(panel.preview, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 2, timeout=WAIT_MS)

    assert panel.message_label.text().startswith("Photo stored: IMG_")
    ids = panel.recent.item_ids()
    assert services.last_item.item_id == ids[0]  # newest first
    item = services.repos.items.get(ids[0])
    assert (item.kind, item.creator) == ("photo", "张档案")
    with Image.open(io.BytesIO(stored_bytes(services, item.id))) as im:
        assert im.size == (640, 360)
        exif = im.getexif()
        assert str(exif[0x013B]).encode("latin-1").decode("utf-8") == "张档案"
        assert exif.get_ifd(EXIF_IFD)[0x9011]  # offset of the time taken
    icon = panel.recent.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    assert check_store(store).ok


def test_interval_mode_stores_n_stills_in_one_batch(
        qtbot, panel: CameraPanel, clip: Path, services: UiServices) -> None:
    open_source(qtbot, panel, clip)
    panel.every_spin.setValue(0.5)
    panel.count_spin.setValue(3)
    panel.series_button.click()
    assert panel.series_button.text() == "Stop s&eries"
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 3 and panel.storing == 0,
                    timeout=WAIT_MS)
    assert panel.series_label.text() == "Series finished: 3 photos."
    items = [services.repos.items.get(i) for i in panel.recent.item_ids()]
    assert len({i.batch_id for i in items}) == 1 and items[0].batch_id is not None
    assert {i.technical["capture"]["mode"] for i in items} == {"interval"}
    dates = sorted(i.date for i in items if i.date is not None)
    # A fixed-rate schedule: the k-th still is never taken before start + k x interval.
    offsets = [(d - dates[0]).total_seconds() for d in dates]
    assert all(off >= k * 0.5 - 0.05 for k, off in enumerate(offsets)), offsets


def test_record_key_records_a_video_that_is_stored(
        qtbot, panel: CameraPanel, clip: Path, services: UiServices, store: Store) -> None:
    open_source(qtbot, panel, clip)
    panel.preview.setFocus()
    qtbot.keyClick(panel.preview, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: panel.elapsed.isValid(), timeout=WAIT_MS)
    assert panel.record_button.text() == "Stop recording (R)"
    qtbot.waitUntil(lambda: panel.elapsed.elapsed() > 1500, timeout=WAIT_MS)
    assert panel.elapsed_label.text().startswith("Recording 0:00:0")
    qtbot.keyClick(panel.preview, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 1 and panel.storing == 0,
                    timeout=WAIT_MS)
    item = services.repos.items.get(panel.recent.item_ids()[0])
    assert item.kind == "video"
    assert 1.0 <= float(item.technical["duration"]) <= 4.0
    assert {f.role for f in item.files} == {"original", "poster", "thumbnail"}
    assert panel.message_label.text().startswith("Video stored: VID_")
    assert list(store.vault.pending.glob("*.part")) == []
    assert check_store(store).ok


def test_a_source_that_ends_mid_recording_keeps_what_was_recorded(
        qtbot, panel: CameraPanel, tmp_path: Path, services: UiServices) -> None:
    short = make_video(tmp_path / "short.mp4", seconds=2.0, width=320, height=240)
    open_source(qtbot, panel, short)
    panel.record_button.click()
    qtbot.waitUntil(lambda: panel.worker is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 1 and panel.storing == 0,
                    timeout=WAIT_MS)
    item = services.repos.items.get(panel.recent.item_ids()[0])
    assert item.kind == "video"
    capture = item.technical["capture"]
    assert capture["truncated"] is True
    assert capture["truncation_reason"] == "the video file short.mp4 ended"
    assert 1.0 <= float(item.technical["duration"]) <= 2.2
    assert "cut short" in panel.message_label.text()


def test_a_source_that_cannot_be_opened_says_why(qtbot, panel: CameraPanel,
                                                 tmp_path: Path) -> None:
    panel.source_edit.setText(str(tmp_path / "no-such-video.mp4"))
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.worker is None, timeout=WAIT_MS)
    assert panel.message_label.text().startswith("The camera could not be opened: ")
    assert "does not exist" in panel.message_label.text()
    assert not panel.shutter_button.isEnabled()


def test_photos_need_an_incident(qtbot, panel: CameraPanel, clip: Path,
                                 services: UiServices) -> None:
    services.selection.set(None)
    open_source(qtbot, panel, clip)
    assert not panel.shutter_button.isEnabled()
    panel.take_photo()
    assert "incident" in panel.message_label.text()


def test_video_with_sound_from_the_microphone(
        qtbot, panel: CameraPanel, clip: Path, services: UiServices, tmp_path: Path) -> None:
    from tests import pulse
    from tests.capture_media import decode_audio, dominant_frequency

    problem = pulse.ensure()
    if problem is not None:
        pytest.skip(f"PulseAudio cannot run here: {problem}")
    panel.sound_combo.refresh()
    assert panel.sound_combo.select(pulse.MIC_NAME)
    player = pulse.play(pulse.write_tone(tmp_path / "tone.wav", seconds=30))
    try:
        open_source(qtbot, panel, clip)
        panel.start_recording()
        qtbot.waitUntil(lambda: panel.elapsed.isValid() and panel.elapsed.elapsed() > 2500,
                        timeout=WAIT_MS)
        panel.stop_recording()
        qtbot.waitUntil(lambda: panel.recent.rowCount() == 1 and not panel.busy(),
                        timeout=WAIT_MS)
    finally:
        pulse.stop_playing(player)
    item = services.repos.items.get(panel.recent.item_ids()[0])
    assert item.technical["capture"]["audio_device"] == pulse.MIC_NAME
    f = item.file("original")
    assert f is not None
    services.store.vault.copy_out(f.vault_path, tmp_path / "v.mp4")
    samples, rate = decode_audio(tmp_path / "v.mp4")
    assert rate == 48000
    assert abs(len(samples) / rate - float(item.technical["duration"])) < 0.3
    assert abs(dominant_frequency(samples, rate) - 1000) < 5


def test_interval_until_stopped_ends_when_asked_and_keeps_what_it_took(
        qtbot, panel: CameraPanel, clip: Path, services: UiServices) -> None:
    open_source(qtbot, panel, clip)
    panel.every_spin.setValue(0.3)
    assert panel.count_spin.value() == 0 and panel.count_spin.text() == "until stopped"
    panel.series_button.click()
    assert not panel.every_spin.isEnabled()
    qtbot.waitUntil(lambda: panel.series_taken >= 3, timeout=WAIT_MS)
    assert panel.series_label.text().endswith("taken; press Stop series to end")
    panel.series_button.click()
    qtbot.waitUntil(lambda: panel.series is None and panel.storing == 0, timeout=WAIT_MS)
    taken = panel.series_taken
    assert panel.series_label.text() == f"Series stopped after {taken} photos."
    assert panel.recent.rowCount() == taken and panel.every_spin.isEnabled()
    batches = {services.repos.items.get(i).batch_id for i in panel.recent.item_ids()}
    assert len(batches) == 1
